/**
 * analyzeSheet reads a sheet's legends, band legends and rate statement in one pass over its cells
 * (sheetNotes). It must give exactly what the three separate readers give: same legends in the
 * same order and cells, same bands, the same statement where several texts state one.
 */
import fc from "fast-check";
import { sheetNotes, sheetRateStatement, sheetTitleYear, TITLE_HINT } from "../../src/engine/analyze";
import { findLegends, LEGEND_HINT, LEGEND_LEAD, LEGEND_MARK, legendOf } from "../../src/engine/tables/recognize";
import { normalizeText } from "../../src/engine/cell/read";
import { findBandLegends } from "../../src/engine/legends/bands";
import type { CellValue } from "../../src/engine/model/snapshot";
import { sheet } from "./helpers";

/** Code points whose normalized form holds one of `target` but that `hint` does not match. */
function missedBy(hint: RegExp, target: RegExp): string[] {
  const missing: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (target.test(normalizeText(`a${ch}b`)) && !hint.test(ch)) missing.push(`U+${cp.toString(16)}`);
  }
  return missing;
}

const TEXTS: CellValue[] = [
  "※ ◎：目標達成 ○：目標値を未達成（前年度より向上した） ▼：目標値を未達成（前年度より低下した） ⇒：目標値を未達成（前年度と同じ又は前年度数値未把握） －：数値未把握（調査未実施など）",
  "※評価：「☆」予定通り進捗かつ特記事項あり、「○」予定通り進捗、「△」進捗あるが遅れ・課題あり、「□」検討中、「×」進捗なし、「◎」完了、「－」中止",
  "凡例　◎：目標達成　○：未達成",
  "※評価　Ａ：達成率100％以上　Ｂ：80％以上100％未満　Ｃ：50％以上80％未満　Ｄ：50％未満",
  "◎：100%以上 ○：80%以上100%未満 △：80%未満",
  "※達成率は、（実績値－基準値）／（目標値－基準値）で算出",
  "達成率：実績値÷目標値×100",
  "※達成率は100%を上限とする",
  "達成率＝実績値／目標値（100%を超える場合は100%）",
  "達成率",
  "実績/目標",
  "・前年度と比較して15%増加した。",
  "まちづくり指標",
  "考察",
  "目標値\n（令和8年度）",
  "施策・事務事業マネジメントシート【令和７年度】",
  "",
  "◎",
  12,
  0.85,
  null,
  true,
  { error: "#N/A" },
];

describe("sheetNotes: one pass, the same as findLegends, findBandLegends and sheetRateStatement", () => {
  test("random sheets of legends, statements and other cells", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...TEXTS), { maxLength: 6 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        (rows, cut) => {
          const s = sheet("s", rows);
          // a snapshot whose rowCount stops before its last rows (as dataExtent leaves one)
          const sh = { ...s, rowCount: Math.max(0, s.rowCount - cut) };
          const notes = sheetNotes(sh);
          expect(notes.legends).toEqual(findLegends(sh));
          expect(notes.bandLegends).toEqual(findBandLegends(sh));
          expect(notes.stated).toEqual(sheetRateStatement(sh));
        },
      ),
      { numRuns: 3000, seed: 7 },
    );
  });

  test("what it reads (spot check)", () => {
    const notes = sheetNotes(sheet("s", [["指標", "値"], [null, TEXTS[3]], [TEXTS[0]], [TEXTS[5]], [TEXTS[7]]]));
    expect(notes.legends.map((l) => [l.type, l.cell, l.marks.join("")])).toEqual([["trend", "A3", "◎○▼⇒－"]]);
    expect(notes.bandLegends.map((b) => [b.cell, b.bands.map((x) => `${x.label}${x.min}`).join(" ")])).toEqual([["B2", "Ａ1 Ｂ0.8 Ｃ0.5 Ｄnull"]]);
    expect(notes.stated).toEqual({ rateMethod: "progress", capRate: true });
  });
});

describe("legendOf passes over texts without a legend's characters", () => {
  test("LEGEND_HINT holds every code point whose normalized form holds ※, 凡, a colon or 「", () => {
    expect(missedBy(LEGEND_HINT, /[※凡:「]/)).toEqual([]);
  });

  test("legendOf gives on random texts what the same tests on the normalized text give", () => {
    const alphabet = [..."※凡例\uF9B5:：﹕︓⩴「｢﹁」◎○￮▼⇒☆△□×－-目標達成未把握予定通り完了中止進捗考察値年度 \u3000\n12％%"];
    const direct = (text: string) => {
      const s = normalizeText(text);
      if (!/^※|凡例/.test(s) && !/[◎○▼⇒☆△□×][:：]|「[☆○△□×◎\-－]」/.test(s)) return null;
      if (/「[☆○△□×◎－\-]」/.test(s) && /予定通り|完了|中止|進捗/.test(s)) return "evaluation";
      if (/目標達成|目標値を未達成|未達成|数値未把握/.test(s)) return "trend";
      return null;
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (parts) => {
        const s = parts.join("");
        expect(legendOf(s)).toBe(direct(s));
      }),
      { numRuns: 20000, seed: 11 },
    );
  });
});

describe("legendOf's characters (LEGEND_LEAD, LEGEND_MARK)", () => {
  test("every code point normalizing to ※, 凡 or 「 is a lead; to a mark, a mark", () => {
    expect(missedBy(LEGEND_LEAD, /[※凡「]/)).toEqual([]);
    expect(missedBy(LEGEND_MARK, /[◎○▼⇒☆△□×]/)).toEqual([]);
  });

  test("a 説明 with figures (a colon, no mark) is no legend; a mark legend is", () => {
    expect(legendOf("・市民社協では、地域社協（福祉の会）役員会、運営委員会等に出席し、運営の支援を行った。\n・出席件数：600件（前年度386件）")).toBeNull();
    expect(legendOf("◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）")).toBe("trend");
    expect(legendOf("￮：目標値を未達成　◎：目標達成")).toBe("trend");
  });
});

describe("sheetTitleYear's characters (TITLE_HINT)", () => {
  test("every code point normalizing to 【 is in TITLE_HINT", () => {
    expect(missedBy(TITLE_HINT, /【/)).toEqual([]);
  });

  test("titles read", () => {
    expect(sheetTitleYear(sheet("s", [["施策・事務事業マネジメントシート【令和７年度】"]]))).toBe(2025);
    expect(sheetTitleYear(sheet("s", [[null, "︻㋿元年度︼ 計画"]]))).toBe(2019);
    expect(sheetTitleYear(sheet("s", [["施策マネジメントシート 令和７年度"]]))).toBeNull();
  });
});
