/**
 * The engine over the project's seed-like fixture workbooks (test/fixtures), read through the
 * .xlsx port: every indicator's values, mark, rate and cells, every table, every planted finding.
 */
import { analyzeWorkbook, planFill } from "../../src/engine";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { FIXTURES, buildFixture, type BuiltFixture, type ExpectedIndicator } from "../fixtures/workbooks";
import type { IndicatorResult } from "../../src/engine/api";
import { parseA1 } from "../../src/engine/model/grid";

const cache = new Map<string, Promise<BuiltFixture>>();
function fixture(layout: (typeof FIXTURES)[number]["layout"], variant: (typeof FIXTURES)[number]["variant"]) {
  const k = `${layout}/${variant}`;
  if (!cache.has(k)) cache.set(k, buildFixture(layout, variant));
  return cache.get(k)!;
}

/** The fields the engine and the hand-worked oracle both give for an indicator. */
function comparable(i: IndicatorResult | ExpectedIndicator) {
  const { sheet, row, name, unit, direction, baseline, previous, current, target, trendMark, achievementRate, markCell, rateCell } = i;
  return { sheet, row, name, unit, direction, baseline, previous, current, target, trendMark, achievementRate, markCell, rateCell };
}

async function analyze(b: BuiltFixture) {
  const wb = XlsxWorkbook.fromBuffer(b.buffer, b.expected.fileName);
  const snap = await wb.readSnapshot();
  return { snap, a: analyzeWorkbook(snap) };
}

describe.each(FIXTURES.map((f) => [`${f.layout} (${f.variant})`, f.layout, f.variant] as const))("%s", (_label, layout, variant) => {
  test("tables", async () => {
    const b = await fixture(layout, variant);
    const { a } = await analyze(b);
    const got = a.sheets.flatMap((s) => s.tables.filter((x) => ["indicators", "progress", "programme"].includes(x.kind)).map((x) => ({ sheet: s.name, kind: x.kind, range: x.range })));
    expect(got).toEqual(b.expected.tables.map((x) => ({ sheet: x.sheet, kind: x.kind, range: x.range })));
  });

  test("indicators: values, years, marks, rates", async () => {
    const b = await fixture(layout, variant);
    const { a } = await analyze(b);
    // a row whose name was left empty is still read (and reported as required-empty); the oracle lists named ones
    const got = a.indicators.filter((i) => i.name !== "").map(comparable);
    const want = b.expected.indicators.map(comparable);
    expect(got).toEqual(want);
  });

  test("findings: every planted one on its cell, no error on a clean sheet", async () => {
    const b = await fixture(layout, variant);
    const { a } = await analyze(b);
    for (const e of b.expected.issues) {
      const hit = a.issues.find((i) => i.sheet === e.sheet && i.cell === e.cell && (i.rule === e.rule || (e.alsoAcceptable ?? []).includes(i.rule as never)));
      expect({ planted: `${e.rule} ${e.sheet}!${e.cell}`, found: hit ? `${hit.rule} ${hit.sheet}!${hit.cell}` : null }).toEqual({
        planted: `${e.rule} ${e.sheet}!${e.cell}`,
        found: expect.any(String),
      });
      if (hit && e.rule === hit.rule && e.expected !== undefined && e.expected !== null) expect(hit.expected).toEqual(e.expected);
    }
    const plantedCells = new Set(b.expected.issues.map((e) => `${e.sheet}!${e.cell}`));
    const unexpectedErrors = a.issues.filter((i) => i.severity === "error" && !plantedCells.has(`${i.sheet}!${i.cell}`));
    expect(unexpectedErrors.map((i) => `${i.rule} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([]);
  });

  test("fill then check: no trend-mark or rate error left", async () => {
    const b = await fixture(layout, variant);
    const wb = XlsxWorkbook.fromBuffer(b.buffer, b.expected.fileName);
    const snap = await wb.readSnapshot();
    const plan = planFill(snap);
    await wb.applyEdits(plan.batch);
    const again = XlsxWorkbook.fromBuffer(await wb.toBuffer(), "filled.xlsx");
    const a2 = analyzeWorkbook(await again.readSnapshot());
    // cells holding a formula are the user's own calculation: fill leaves them and says so
    const skipped = new Set(plan.skipped.map((k) => `${k.sheet}!${k.cell}`));
    for (const k of plan.skipped) expect(snap.sheets.find((s) => s.name === k.sheet)!.formulas).toBeDefined();
    expect(
      a2.issues.filter((i) => ["trend-mark-mismatch", "rate-mismatch"].includes(i.rule) && !skipped.has(`${i.sheet}!${i.cell}`)).map((i) => i.cell),
    ).toEqual([]);
    for (const i of b.expected.indicators) {
      const got = a2.indicators.find((x) => x.sheet === i.sheet && x.row === i.row)!;
      if (i.markCell && !skipped.has(`${i.sheet}!${i.markCell}`)) expect(got.writtenMark).toBe(i.trendMark);
      if (i.rateCell && !skipped.has(`${i.sheet}!${i.rateCell}`)) {
        const { row, col } = parseA1(i.rateCell);
        const formula = snap.sheets.find((x) => x.name === i.sheet)!.formulas?.[row]?.[col];
        // a formula that already gives the rate (to the shown 0.1%) is left as it is
        if (formula && typeof got.writtenRate === "number" && i.achievementRate !== null) expect(Math.abs(got.writtenRate - i.achievementRate)).toBeLessThanOrEqual(0.0005);
        else expect(got.writtenRate).toBe(i.achievementRate === null ? "－" : i.achievementRate);
      }
    }
  });
});
