import { compareWorkbooks, nameKey } from "../../src/engine/compare";
import { parseRange } from "../../src/engine/model/grid";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/model/snapshot";

const TREND_LEGEND =
  "※　◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）　⇒：目標値を未達成（前年度と同じ又は前年度数値未把握）　－：数値未把握（調査未実施など）";
const EVAL_LEGEND =
  "※評価：「☆」予定通り進捗かつ特記事項あり、「○」予定通り進捗、「△」進捗あるが遅れ・課題あり、「□」検討中、「×」進捗なし、「◎」完了、「－」中止";

function sheet(name: string, rows: CellValue[][], merges: string[] = []): SheetSnapshot {
  const values = rows.map((r) => r.map((v) => (v === undefined ? null : v)));
  return { name, values, merges: merges.map(parseRange), rowCount: values.length, colCount: Math.max(...values.map((r) => r.length)) };
}

type Ind = [name: string, unit: string, baseline: string, prev: CellValue, cur: CellValue, target: string, mark: string];

/** 施策マネジメントシート §2-2 (seed 000) written in `sheetYear`, reporting sheetYear−1. */
function management(sheetYear: number, rows: Ind[]): SheetSnapshot {
  const r = sheetYear - 2018;
  return sheet(
    "施策06",
    [
      [`施策・事務事業マネジメントシート【令和${r}年度】`],
      [],
      ["２－２　施策全体の考察②（まちづくり指標の推移／考察）"],
      ["まちづくり指標", "単位", "基準値\n（基準年度）", "実績値", null, "目標値\n（目標年度）", "指標の推移\n（※）", "考察"],
      [null, null, null, `（令和${r - 2}年度）`, `（令和${r - 1}年度）`, null, null, null],
      ...rows.map((x) => [...x, "…"]),
      [TREND_LEGEND],
    ],
    ["A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5", "H4:H5"],
  );
}

type Item = [number: string, name: string, evaluation: string, description: string];

/** 進捗状況一覧表 (seed 004) for fiscal year `year`. */
function progress(year: number, items: Item[]): SheetSnapshot {
  return sheet(
    "進捗",
    [
      ["第６期地域福祉計画・再犯防止推進計画進捗状況一覧表"],
      [EVAL_LEGEND],
      ["基本施策", "項目", null, "計画の記載", `令和${year - 2018}(${year})年度`, null, null, "担当"],
      [null, null, null, null, "評価", "説明(進捗状況)", "備考\n（特殊要因等）", null],
      ...items.map(([n, name, ev, desc], i) => [i === 0 ? "1 市民の主体的な地域福祉活動の促進" : null, n, name, "・計画の記載…", ev, desc, null, "地域支援課"]),
    ],
    ["A3:A4", "B3:C4", "D3:D4", "E3:G3", "H3:H4"],
  );
}

// Last year's workbook (written 令和6年度, results of 令和5 = 2023).
const last: WorkbookSnapshot = {
  name: "R6.xlsx",
  sheets: [
    management(2024, [
      ["地域福祉コーディネーターの新規相談件数（地域支援）", "件", "348\n令和3年度", 330, 356, "450\n令和8年度", "○"],
      ["地域福祉コーディネーターの新規相談件数（個別支援）", "件", "429\n令和3年度", 420, 433, "470\n令和8年度", "○"],
      ["ボランティア登録者数", "人", "1,200\n令和3年度", 1180, 1250, "1,300\n令和8年度", "○"],
      ["待機児童数", "人", "40\n令和3年度", 15, 12, "0\n令和8年度", "○"],
      ["廃止された指標", "件", "10\n令和3年度", 11, 12, "20\n令和8年度", "○"],
      ["見守りネットワーク協力事業者数", "団体", "50\n令和3年度", 51, 52, "60\n令和8年度", "○"],
    ]),
    progress(2023, [
      ["(1)", "地域社協（福祉の会）をはじめとする地域福祉団体への活動支援の充実", "○", "・出席件数：634件（前年度600件）\n・相談件数：520件（前年度480件）"],
      ["(2)", "シニア支え合いポイント制度の推進", "○", "・新規登録者数：73人（前年度70人）\n・交換ポイント数：2,820P（前年度2,500P）"],
    ]),
  ],
};

// This year's workbook (written 令和7年度, results of 令和6 = 2024), with planted differences.
const current: WorkbookSnapshot = {
  name: "R7.xlsx",
  sheets: [
    management(2025, [
      // same indicator, name written with half-width brackets and a space: matched; 356 = last year's 356
      ["地域福祉コーディネーターの新規相談件数 (地域支援)", "件", "348\n令和3年度", 356, 404, "450\n令和8年度", "○"],
      // 前年度 431 but last year's sheet said 433 → previous-mismatch on D7
      ["地域福祉コーディネーターの新規相談件数（個別支援）", "件", "429\n令和3年度", 431, 421, "470\n令和8年度", "▼"],
      // target raised 1,300 → 1,400 → target-changed on F8
      ["ボランティア登録者数", "人", "1,200\n令和3年度", 1250, 1310, "1,400\n令和8年度", "○"],
      // baseline changed 40 → 45 → baseline-changed on C9
      ["待機児童数", "人", "45\n令和3年度", 12, 12, "0\n令和8年度", "⇒"],
      ["新しい指標", "件", "5\n令和5年度", 6, 7, "10\n令和8年度", "○"],
      // 前年度 50 (last year said 52); the baseline and this year hold 50 too: the finding is on D11
      ["見守りネットワーク協力事業者数", "団体", "50\n令和3年度", 50, 50, "60\n令和8年度", "⇒"],
    ]),
    progress(2024, [
      // 出席件数 634 matches; 相談件数 前年度519 but last year's table said 520 → mismatch
      ["(1)", "地域社協（福祉の会）をはじめとする地域福祉団体への活動支援の充実", "○", "・出席件数：506件（前年度634件）\n・相談件数：364件（前年度519件）"],
      ["(2)", "シニア支え合いポイント制度の推進", "○", "・協力施設・団体数：33施設（前年度33施設）\n・新規登録者数：68人（前年度73人）\n・交換ポイント数：4,850P（前年度2,800P）"],
    ]),
  ],
};

describe("compareWorkbooks", () => {
  const result = compareWorkbooks(last, current);
  const by = (rule: string) => result.issues.filter((i) => i.rule === rule);

  test("matches indicators by normalized name; unmatched ones are listed alone", () => {
    expect(nameKey("地域福祉コーディネーターの新規相談件数 (地域支援)")).toBe(nameKey("地域福祉コーディネーターの新規相談件数（地域支援）"));
    const pairs = result.indicators.map((p) => [p.name, !!p.last, !!p.current]);
    expect(pairs).toHaveLength(7);
    expect(pairs.filter(([, l, c]) => l && c)).toHaveLength(5);
    expect(pairs.find(([n]) => n === "新しい指標")).toEqual(["新しい指標", false, true]);
    expect(pairs.find(([n]) => n === "廃止された指標")).toEqual(["廃止された指標", true, false]);
  });

  test("this year's 前年度 actual must equal last year's actual: the planted mismatch only", () => {
    const f = by("previous-mismatch");
    expect(f.map((x) => [x.cell, x.expected, x.actual])).toEqual([["D7", 433, 431], ["D11", 52, 50]]);
    expect(f[0]).toMatchObject({ severity: "error", sheet: "施策06", cell: "D7", expected: 433, actual: 431 });
    expect(f[0].message).toContain("地域福祉コーディネーターの新規相談件数（個別支援）");
    expect(f[0].message).toContain("431件");
    expect(f[0].message).toContain("433件");
  });

  test("changed targets and baselines are listed on this year's cells", () => {
    const t = by("target-changed");
    expect(t.map((x) => [x.cell, x.severity, x.expected, x.actual])).toEqual([["F8", "info", 1300, 1400]]);
    expect(t[0].message).toContain("1,300人（令和8年度）");
    expect(t[0].message).toContain("1,400人（令和8年度）");
    const b = by("baseline-changed");
    expect(b.map((x) => [x.cell, x.severity, x.expected, x.actual])).toEqual([["C9", "warning", 40, 45]]);
  });

  test("progress-table figures with 前年度 must match last year's figures of the same item", () => {
    const f = by("progress-figure-mismatch");
    expect(f.map((x) => [x.sheet, x.cell, x.expected, x.actual])).toEqual([
      ["進捗", "F5", 520, 519],
      ["進捗", "F6", 2820, 2800],
    ]);
    expect(f[0].message).toContain("相談件数");
    expect(f[0].message).toContain("519件");
    expect(f[0].message).toContain("520件");
    expect(f[1].message).toContain("交換ポイント数");
    // 協力施設・団体数 has no figure last year: nothing to compare, no finding
    expect(f.some((x) => x.message.includes("協力施設"))).toBe(false);
  });

  test("no other findings: the comparison reports only differences", () => {
    expect(result.issues.map((i) => i.rule).sort()).toEqual(
      ["baseline-changed", "previous-mismatch", "previous-mismatch", "progress-figure-mismatch", "progress-figure-mismatch", "target-changed"].sort(),
    );
  });

  test("once the planted differences are corrected, the comparison is clean", () => {
    const fixed: WorkbookSnapshot = JSON.parse(JSON.stringify(current));
    const m = fixed.sheets[0];
    m.values[6][3] = 433; // D7: last year's actual
    m.values[7][5] = "1,300\n令和8年度"; // F8: target as last year
    m.values[8][2] = "40\n令和3年度"; // C9: baseline as last year
    m.values[10][3] = 52; // D11
    const p = fixed.sheets[1];
    p.values[4][5] = "・出席件数：506件（前年度634件）\n・相談件数：364件（前年度520件）";
    p.values[5][5] = String(p.values[5][5]).replace("前年度2,800P", "前年度2,820P");
    expect(compareWorkbooks(last, fixed).issues).toEqual([]);
  });

  test("English messages", () => {
    const en = compareWorkbooks(last, current, { locale: "en" });
    expect(en.issues.find((i) => i.rule === "previous-mismatch")!.message).toContain("differs from last year's sheet");
  });
});
