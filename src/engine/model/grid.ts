/** A1 addresses and reading cells of a snapshot. */
import type { CellValue, RangeRef, SheetSnapshot } from "./snapshot";

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(col: number): string {
  if (col >= 0 && col < 1024) return (LETTERS[col] ??= lettersOf(col));
  return lettersOf(col);
}

/** The letters of the first 1,024 columns, as they are asked for. */
const LETTERS: string[] = [];

function lettersOf(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** (row 0, col 0) → "A1". */
export function toA1(row: number, col: number): string {
  // every finding, reading and edit names its cell: the addresses of the first 65,535 rows are kept
  // (up to 50,000 of them), keyed by a small integer
  if (row >= 0 && row < 65535 && col >= 0 && col < 16384) {
    const key = row * 16384 + col;
    let a1 = addresses.get(key);
    if (a1 === undefined) {
      if (addresses.size >= 50000) addresses.clear();
      addresses.set(key, (a1 = columnLetters(col) + String(row + 1)));
    }
    return a1;
  }
  return columnLetters(col) + String(row + 1);
}

const addresses = new Map<number, string>();

/** "B12" → { row: 11, col: 1 }; also accepts "$B$12". Throws on a malformed address. */
export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) throw new Error(`Not an A1 address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

export function rangeToA1(r: RangeRef): string {
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** "A1:C3" (or "B2") → RangeRef. */
export function parseRange(range: string): RangeRef {
  const [a, b] = range.split(":");
  const p = parseA1(a);
  const q = b ? parseA1(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function getCell(sheet: SheetSnapshot, row: number, col: number): CellValue {
  const r = sheet.values[row];
  if (!r) return null;
  const v = r[col];
  return v === undefined ? null : v;
}

export function getFormula(sheet: SheetSnapshot, row: number, col: number): string | null {
  const r = sheet.formulas?.[row];
  return (r && r[col]) || null;
}

export function getNumberFormat(sheet: SheetSnapshot, row: number, col: number): string | null {
  const r = sheet.numberFormats?.[row];
  return (r && r[col]) || null;
}

const mergeIndexes = new WeakMap<RangeRef[], Map<number, RangeRef[]>>();

/** Merges by row, built once per merges array. */
function mergeIndex(merges: RangeRef[]): Map<number, RangeRef[]> {
  let idx = mergeIndexes.get(merges);
  if (!idx) {
    idx = new Map();
    for (const m of merges) {
      const bottom = Math.min(m.bottom, m.top + 10000);
      for (let r = m.top; r <= bottom; r++) {
        const list = idx.get(r);
        if (list) list.push(m);
        else idx.set(r, [m]);
      }
    }
    mergeIndexes.set(merges, idx);
  }
  return idx;
}

/** The merge that covers (row, col), if any. */
export function mergeAt(sheet: SheetSnapshot, row: number, col: number): RangeRef | undefined {
  if (sheet.merges.length === 0) return undefined;
  const list = mergeIndex(sheet.merges).get(row);
  if (!list) return undefined;
  for (const m of list) {
    if (col >= m.left && col <= m.right) return m;
  }
  return undefined;
}

/** True when some merge covers a cell of this row. */
export function rowHasMerge(sheet: SheetSnapshot, row: number): boolean {
  return sheet.merges.length > 0 && mergeIndex(sheet.merges).has(row);
}

/** Each text cell of a sheet long enough to be a legend or a note (6 characters or more), in reading order. */
export function eachLongText(sheet: SheetSnapshot, visit: (text: string, row: number, col: number) => void): void {
  for (let r = 0; r < sheet.rowCount; r++) {
    const row = sheet.values[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "string" && v.length >= 6) visit(v, r, c);
    }
  }
}

export function isErrorValue(v: CellValue): v is { error: string } {
  return typeof v === "object" && v !== null && "error" in v;
}

/** Build a snapshot from rows of values (tests and templates). */
export function sheetFromRows(name: string, rows: CellValue[][], merges: RangeRef[] = []): SheetSnapshot {
  const colCount = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return { name, values: rows, merges, rowCount: rows.length, colCount };
}
