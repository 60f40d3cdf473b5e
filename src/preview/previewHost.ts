/**
 * The pane outside Excel: the only module of the preview page that knows the pane runs over an
 * .xlsx file in the browser (XlsxWorkbook) and a rendered grid instead of Excel.
 */
import type { EditBatch, RevertReport, UndoRecord, WorkbookPort } from "../workbook/port";
import type { CellRef, PaneHost } from "../taskpane/types";

export interface PreviewController {
  /** The sheet shown in the grid. */
  activeSheet(): string | null;
  /** The cell selected in the grid. */
  selection(): CellRef | null;
  /** Show `sheet` and highlight `cell` (throws when the sheet does not exist). */
  select(sheet: string, cell: string): void;
  /** Cells the pane wrote (Apply, fixes, report) or put back (Revert); the grid re-reads. */
  onWritten(cells: CellRef[], addedSheets: string[]): void;
  onReverted(cells: CellRef[], removedSheets: string[]): void;
}

export function createPreviewHost(workbook: WorkbookPort, ctl: PreviewController): PaneHost {
  const port: WorkbookPort = {
    readSnapshot: (options) => workbook.readSnapshot(options),
    async applyEdits(batch: EditBatch): Promise<UndoRecord> {
      const undo = await workbook.applyEdits(batch);
      ctl.onWritten(
        batch.cells.map((c) => ({ sheet: c.sheet, cell: c.cell })),
        batch.addSheets ?? [],
      );
      return undo;
    },
    async revert(undo: UndoRecord): Promise<RevertReport> {
      const report = await workbook.revert(undo);
      ctl.onReverted(
        undo.cells.map((c) => ({ sheet: c.sheet, cell: c.cell })),
        undo.addedSheets,
      );
      return report;
    },
    getSetting: (key) => workbook.getSetting(key),
    setSetting: (key, value) => workbook.setSetting(key, value),
  };
  return {
    port,
    getActiveSheet: async () => ctl.activeSheet(),
    selectCell: async (sheet, cell) => ctl.select(sheet, cell),
    getSelection: async () => ctl.selection(),
    // No cell-edit mode outside Excel: the workbook is never busy.
    subscribeBusy: () => () => undefined,
  };
}
