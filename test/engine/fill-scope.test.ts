/**
 * Fill never writes outside the indicator rows' mark / rate / 評価 cells: for every fixture
 * workbook (seed-like layouts, clean and with planted errors), the whole workbook is filled,
 * written, read back, and every cell of every sheet is compared with the original. The cells that
 * may change are taken from the hand-worked oracle (test/fixtures/workbooks.ts), not from the engine.
 */
import { planFill } from "../../src/engine";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { FIXTURES, buildFixture } from "../fixtures/workbooks";
import { getCell, toA1 } from "../../src/engine/model/grid";
import type { SheetSnapshot, WorkbookSnapshot } from "../../src/engine/model/snapshot";

function cells(snap: WorkbookSnapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of snap.sheets as SheetSnapshot[]) {
    for (let r = 0; r < s.rowCount; r++)
      for (let c = 0; c < s.colCount; c++) {
        const v = getCell(s, r, c);
        const f = s.formulas?.[r]?.[c] ?? null;
        const n = s.numberFormats?.[r]?.[c] ?? null;
        if (v === null && f === null && n === null) continue;
        out.set(`${s.name}!${toA1(r, c)}`, JSON.stringify([v, f, n]));
      }
  }
  return out;
}

describe.each(FIXTURES.map((f) => [`${f.layout} (${f.variant})`, f.layout, f.variant] as const))("fill on %s", (_label, layout, variant) => {
  test("changes only the oracle's mark and rate cells of indicator rows", async () => {
    const b = await buildFixture(layout, variant);
    const wb = XlsxWorkbook.fromBuffer(b.buffer, b.expected.fileName);
    const before = await wb.readSnapshot();
    const plan = planFill(before);
    const allowed = new Set<string>();
    for (const i of b.expected.indicators) {
      if (i.markCell) allowed.add(`${i.sheet}!${i.markCell}`);
      if (i.rateCell) allowed.add(`${i.sheet}!${i.rateCell}`);
    }
    if (plan.batch.cells.length > 0) await wb.applyEdits(plan.batch);
    const after = await XlsxWorkbook.fromBuffer(await wb.toBuffer(), b.expected.fileName).readSnapshot();
    const a = cells(before);
    const z = cells(after);
    const changed = [...new Set([...a.keys(), ...z.keys()])].filter((k) => a.get(k) !== z.get(k)).sort();
    expect(changed.filter((k) => !allowed.has(k))).toEqual([]);
    // and every change the plan names is one of them, on the cell it names
    expect(changed).toEqual([...new Set(plan.changes.map((c) => `${c.sheet}!${c.cell}`))].sort());
  });
});
