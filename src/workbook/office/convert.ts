/**
 * Pure conversions between what Office.js returns/accepts and the plain snapshot types.
 * No Office.js calls here.
 */
import type { CellValue, RangeRef } from "../../engine/model/snapshot";

/** Excel's error values as Office.js returns them in `values` (valueTypes = "Error"). */
export const EXCEL_ERROR_VALUES = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
] as const;
const ERROR_SET = new Set<string>(EXCEL_ERROR_VALUES);

/**
 * One cell of a loaded range → CellValue. `valueType` (from range.valueTypes) decides errors when
 * known; without it, a string that is exactly one of Excel's error values is taken as an error.
 */
export function fromExcelValue(raw: unknown, valueType?: string): CellValue {
  if (raw === null || raw === undefined || raw === "") return null;
  if (valueType === "Error") return { error: String(raw) };
  if (typeof raw === "string") {
    if (valueType === undefined && ERROR_SET.has(raw)) return { error: raw };
    return raw;
  }
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : { error: "#NUM!" };
  if (typeof raw === "boolean") return raw;
  return String(raw);
}

/** range.formulas entry → the formula, or null when the cell holds a constant. */
export function fromExcelFormula(raw: unknown): string | null {
  return typeof raw === "string" && raw.startsWith("=") ? raw : null;
}

/** range.numberFormat entry → the format, or null for General. */
export function fromExcelNumberFormat(raw: unknown): string | null {
  if (typeof raw !== "string" || raw === "" || raw === "General") return null;
  return raw;
}

/**
 * A string Excel would not keep as text when written (a formula, a number, a date, a percentage):
 * written with a leading apostrophe so it stays exactly the text given.
 */
export function needsTextPrefix(s: string): boolean {
  if (s === "") return false;
  if (/^[=+\-@']/.test(s)) return true;
  if (ERROR_SET.has(s.trim())) return true;
  if (/^(true|false)$/i.test(s.trim())) return true;
  // Digits with only number/date/time punctuation around them: Excel would parse it.
  return /\d/.test(s) && /^[\s\d０-９.,，．/:%$¥￥()（）+\-eE年月日時分秒]+$/.test(s);
}

/** A CellValue (or edit value) → what to put in range.values / range.formulas for it. */
export function toExcelInput(v: CellValue | undefined): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return v.error; // typing "#N/A" gives the error value back
  if (typeof v === "string") return needsTextPrefix(v) ? `'${v}` : v;
  return v;
}

/** Two cell values are the same (for "did the user change it since?"). */
export function sameValue(a: CellValue, b: CellValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === "object" || typeof b === "object") {
    return typeof a === "object" && typeof b === "object" && a.error === b.error;
  }
  if (typeof a === "number" && typeof b === "number") {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** Number of UTF-8 bytes of a string (JSON payload estimate). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += c === 0x22 || c === 0x5c || c < 0x20 ? 2 : 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Estimated JSON bytes of one scalar in a request. */
export function scalarBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === "string") return utf8Length(v) + 2;
  if (typeof v === "number") return String(v).length;
  if (typeof v === "boolean") return 5;
  return utf8Length(JSON.stringify(v));
}

/** Parse an Excel address such as "Sheet1!B3:C4", "'My sheet'!B3" or "B3:C4" → its A1 part. */
export function addressA1Part(address: string): string {
  const bang = address.lastIndexOf("!");
  return (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "");
}

/** The sheet part of "Sheet1!B3" or "'My ''big'' sheet'!B3" (unquoted), "" when there is none. */
export function addressSheetPart(address: string): string {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return "";
  const s = address.slice(0, bang);
  return s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

/** RangeRef from a loaded range's rowIndex/columnIndex/rowCount/columnCount. */
export function rangeRefOf(r: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }): RangeRef {
  return {
    top: r.rowIndex,
    left: r.columnIndex,
    bottom: r.rowIndex + r.rowCount - 1,
    right: r.columnIndex + r.columnCount - 1,
  };
}

/** Excel column width in points for a width in characters (Excel's own rule: 7 px per char + 5 px). */
export function charsToPoints(chars: number): number {
  const px = Math.round(chars * 7 + 5);
  return Math.round(px * 0.75 * 100) / 100;
}

/** Sheet names Excel refuses: empty, over 31 characters, []:*?/\ , or starting/ending with '. */
export function invalidSheetName(name: string): boolean {
  return name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name) || name === "History";
}
