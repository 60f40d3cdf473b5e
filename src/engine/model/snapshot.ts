/**
 * Plain-data view of a workbook, shared by the engine and the workbook port (src/workbook/port.ts
 * re-exports these types). Rows and columns are 0-based; row 0 is Excel row 1, col 0 is column A.
 */

/** A formula error such as `#DIV/0!`, `#N/A`, `#REF!`. Never a number. */
export interface CellError {
  error: string;
}

/**
 * A cell's value: text, number, boolean, formula error, or null (empty).
 * Dates are given as Excel serial numbers (as Office.js does).
 */
export type CellValue = string | number | boolean | CellError | null;

/** An inclusive rectangle, 0-based. */
export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSnapshot {
  name: string;
  /**
   * values[row][col]; rows may be missing (sparse) or shorter than others: a missing entry is an
   * empty cell. Use `getCell` from src/engine/model/grid.ts to read.
   */
  values: CellValue[][];
  /** formulas[row][col] = "=SUM(A1:A3)" or null/missing when the cell holds a constant. */
  formulas?: (string | null)[][];
  /** numberFormats[row][col] = "0.0%" or null/missing for General. */
  numberFormats?: (string | null)[][];
  merges: RangeRef[];
  /** Number of rows and columns spanned from A1 (used range end, exclusive). */
  rowCount: number;
  colCount: number;
  hidden?: boolean;
}

export interface WorkbookSnapshot {
  /** File name or workbook title, for messages. */
  name?: string;
  sheets: SheetSnapshot[];
}

export interface CellStyle {
  bold?: boolean;
  wrap?: boolean;
  /** "left" | "center" | "right" */
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  /** Thin border around the cell. */
  border?: boolean;
  /** Fill colour as RRGGBB. */
  fill?: string;
  fontSize?: number;
}

/** One cell to write. Anything omitted is left as it is. */
export interface CellEdit {
  sheet: string;
  /** A1 address, e.g. "G12". */
  cell: string;
  /** A constant value; `null` clears the value. */
  value?: string | number | boolean | null;
  /** A formula ("=..."); takes precedence over value. */
  formula?: string;
  numberFormat?: string;
  style?: CellStyle;
}

export interface EditBatch {
  /** Sheets to create (refused when one of that name exists). */
  addSheets?: string[];
  cells: CellEdit[];
  merges?: { sheet: string; range: string }[];
  /** Column widths in Excel character units. */
  columnWidths?: { sheet: string; column: string; width: number }[];
  /** List data validation over a range (e.g. "F5:F20"). */
  validations?: { sheet: string; range: string; list: string[] }[];
  /** Human description for the undo list ("推移・達成率の記入" …). */
  label?: string;
}

/** What one cell held before an edit. */
export interface CellState {
  sheet: string;
  cell: string;
  value: CellValue;
  formula: string | null;
  numberFormat: string | null;
}

export interface UndoRecord {
  label?: string;
  cells: CellState[];
  /** The values that the edit wrote, so a revert can tell whether the user changed them since. */
  written: { sheet: string; cell: string; value: CellValue; formula: string | null }[];
  addedSheets: string[];
  addedMerges: { sheet: string; range: string }[];
}

/** What a revert did. */
export interface RevertReport {
  /** Cells put back. */
  restored: number;
  /** Cells the user changed after the apply: left as they are. */
  changedSinceApply: { sheet: string; cell: string }[];
  /** Sheets named in the undo record that no longer exist. */
  missingSheets: string[];
  /** Sheets the apply added and the revert removed. */
  removedSheets: string[];
  /** Sheets the apply added that now hold other content too: kept. */
  keptSheets: string[];
}
