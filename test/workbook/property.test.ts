/**
 * Property test: any batch of cell edits, applied, written and read back, changes exactly the named
 * cells; revert (after unrelated edits) gives back the original snapshot.
 */
import fc from "fast-check";
import { SaxesParser } from "saxes";
import type { CellEdit, CellValue, WorkbookSnapshot } from "../../src/workbook/port";
import { toA1 } from "../../src/engine/model/grid";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import "../../src/workbook/xlsx/files";
import { richWorkbook, zipEntries } from "./fixtures";

const SHEETS = ["施策評価", "進捗状況"];

const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("◎", "○", "▼", "⇒", "－", "令和６年度", " 空白 ", "a\nb", "&<>\"'", "_x000D_", "=SUM(A1)"),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

const edit = fc.record({
  sheet: fc.constantFrom(...SHEETS),
  row: fc.integer({ min: 0, max: 30 }),
  col: fc.integer({ min: 0, max: 12 }),
  value,
  numberFormat: fc.option(fc.constantFrom("0.0%", "#,##0", "@", "General", 'yyyy"年"m"月"d"日"'), { nil: undefined }),
});

function cellOf(s: WorkbookSnapshot, sheet: string, row: number, col: number): CellValue {
  const v = s.sheets.find((x) => x.name === sheet)!.values[row]?.[col];
  return v === undefined ? null : v;
}

function formulaOf(s: WorkbookSnapshot, sheet: string, row: number, col: number): string | null {
  return s.sheets.find((x) => x.name === sheet)!.formulas?.[row]?.[col] ?? null;
}

let src: Uint8Array;
beforeAll(async () => {
  src = await richWorkbook();
});

test("edits change exactly the named cells; revert restores the snapshot", async () => {
  const original = await XlsxWorkbook.fromBuffer(src, "p.xlsx").readSnapshot();
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 12 }), async (raw) => {
      // H4:H6 of the first sheet hold a shared formula whose dependents are rewritten (same
      // meaning) when the first one is overwritten; compare formulas rather than XML there.
      const edits: CellEdit[] = raw.map((e) => ({ sheet: e.sheet, cell: toA1(e.row, e.col), value: e.value, numberFormat: e.numberFormat }));
      const last = new Map<string, (typeof raw)[number]>();
      for (const e of raw) last.set(`${e.sheet}!${e.row},${e.col}`, e);
      const wb = XlsxWorkbook.fromBuffer(src, "p.xlsx");
      const undo = await wb.applyEdits({ cells: edits });
      const out = await wb.toBuffer();
      const changed = new Set(wb.changedParts());
      for (const [name, bytes] of await zipEntries(out)) {
        if (!changed.has(name)) continue;
        const p = new SaxesParser({ xmlns: true });
        let err: Error | null = null;
        p.on("error", (e) => (err = e));
        p.write(new TextDecoder().decode(bytes)).close();
        expect([name, err]).toEqual([name, null]);
      }
      const after = await XlsxWorkbook.fromBuffer(out, "p.xlsx").readSnapshot();
      const wrong: unknown[] = [];
      for (const s of original.sheets) {
        for (let r = 0; r < Math.max(s.rowCount, 31); r++) {
          for (let c = 0; c < Math.max(s.colCount, 13); c++) {
            const e = last.get(`${s.name}!${r},${c}`);
            const got = cellOf(after, s.name, r, c);
            const f = formulaOf(after, s.name, r, c);
            const want = e ? e.value : cellOf(original, s.name, r, c);
            const wantF = e ? null : formulaOf(original, s.name, r, c);
            if (!Object.is(JSON.stringify(got), JSON.stringify(want)) || f !== wantF) wrong.push([s.name, r, c, got, want, f, wantF]);
          }
        }
      }
      expect(wrong).toEqual([]);
      // an unrelated edit in between, then revert
      await wb.applyEdits({ cells: [{ sheet: "進捗状況", cell: "Z50", value: "他の編集" }] });
      const report = await wb.revertWithReport(undo);
      expect(report.changedSinceApply).toEqual([]);
      const back = await XlsxWorkbook.fromBuffer(await wb.toBuffer(), "p.xlsx").readSnapshot();
      expect(cellOf(back, "進捗状況", 49, 25)).toBe("他の編集");
      back.sheets[1].values[49] = [];
      const diff: unknown[] = [];
      for (const s of original.sheets) {
        const b = back.sheets.find((x) => x.name === s.name)!;
        for (let r = 0; r < Math.max(s.rowCount, 31); r++)
          for (let c = 0; c < Math.max(s.colCount, 13); c++) {
            const x = JSON.stringify([cellOf(back, s.name, r, c), b.numberFormats?.[r]?.[c] ?? null]);
            const y = JSON.stringify([cellOf(original, s.name, r, c), s.numberFormats?.[r]?.[c] ?? null]);
            if (x !== y) diff.push([s.name, r, c, x, y]);
          }
        expect(b.merges).toEqual(s.merges);
      }
      expect(diff).toEqual([]);
    }),
    { numRuns: 50 },
  );
});
