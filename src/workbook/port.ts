/**
 * The one port through which the doors (task pane, command line) read a workbook and change it.
 *
 * A snapshot is plain data (no Office.js, no exceljs objects), so the engine can work on it and tests
 * can build it by hand. Rows and columns are 0-based indexes into the sheet (row 0 = Excel row 1,
 * col 0 = column A). Edits name cells by A1 address.
 *
 * The engine (src/engine) imports nothing from this folder: it has its own structurally identical
 * view of these types in src/engine/model/snapshot.ts.
 */
export type {
  CellError,
  CellValue,
  RangeRef,
  SheetSnapshot,
  WorkbookSnapshot,
  CellStyle,
  CellEdit,
  EditBatch,
  CellState,
  UndoRecord,
  RevertReport,
} from "../engine/model/snapshot";

import type { EditBatch, RevertReport, UndoRecord, WorkbookSnapshot } from "../engine/model/snapshot";

export interface ReadOptions {
  /** Only these sheets (by name); all sheets when omitted. */
  sheets?: string[];
}

export interface WorkbookPort {
  /** Read values, formulas, number formats and merged areas of the sheets. */
  readSnapshot(options?: ReadOptions): Promise<WorkbookSnapshot>;
  /**
   * Apply a batch of edits. Returns what the touched cells held before, so that `revert` can put
   * it back exactly. Touches nothing the batch does not name.
   */
  applyEdits(batch: EditBatch): Promise<UndoRecord>;
  /**
   * Put back what an `applyEdits` replaced (only the cells it touched). A cell the user changed
   * since the apply is left as it is and listed in the report.
   */
  revert(undo: UndoRecord): Promise<RevertReport>;
  /** Document settings (Office document settings; a hidden part for .xlsx). */
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
}
