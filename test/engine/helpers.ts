import type { CellValue, RangeRef, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/model/snapshot";
import { parseRange } from "../../src/engine/model/grid";

/** Build a sheet from rows placed at a start cell, with merges given as A1 ranges. */
export function sheet(
  name: string,
  rows: CellValue[][],
  opts: { merges?: string[]; numberFormats?: Record<string, string>; origin?: { row: number; col: number } } = {},
): SheetSnapshot {
  const o = opts.origin ?? { row: 0, col: 0 };
  const values: CellValue[][] = [];
  rows.forEach((r, i) => {
    const row: CellValue[] = [];
    r.forEach((v, j) => (row[o.col + j] = v === undefined ? null : v));
    values[o.row + i] = row;
  });
  const merges: RangeRef[] = (opts.merges ?? []).map(parseRange);
  const numberFormats: (string | null)[][] = [];
  for (const [a1, f] of Object.entries(opts.numberFormats ?? {})) {
    const r = parseRange(a1);
    (numberFormats[r.top] ??= [])[r.left] = f;
  }
  const colCount = values.reduce((m, r) => Math.max(m, r ? r.length : 0), 0);
  return { name, values, merges, numberFormats, rowCount: values.length, colCount };
}

export function workbook(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { name: "test.xlsx", sheets };
}
