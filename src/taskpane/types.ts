/**
 * What the task pane needs from the place it runs in. The components only see this interface (and
 * the WorkbookPort inside it); only src/taskpane/host.ts (Excel) and src/preview/previewHost.ts (the
 * preview page) know where they run.
 */
import type { WorkbookPort } from "../workbook/port";

export interface CellRef {
  sheet: string;
  cell: string;
}

export interface PaneHost {
  /** The one port through which the pane reads and changes the workbook. */
  port: WorkbookPort;
  /** The sheet the user is on (Excel's active worksheet; the sheet shown in the preview). */
  getActiveSheet(): Promise<string | null>;
  /** Select (and show) a cell: Excel selects it; the preview highlights it in its grid. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** The selected cell, if any. */
  getSelection(): Promise<CellRef | null>;
  /**
   * Listen for "the workbook is busy (cell-edit mode); the adapter retries when it is free".
   * Returns a function that stops listening.
   */
  subscribeBusy(listener: (busy: boolean) => void): () => void;
}
