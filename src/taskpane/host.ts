/**
 * The pane inside Excel: the only module of the task pane that knows it runs in Excel. It builds the
 * PaneHost over the Office.js adapter (Excel.run); components only see the PaneHost.
 */
import { OfficeWorkbook, type ExcelRun } from "../workbook/office/adapter";
import type { CellRef, PaneHost } from "./types";

export function createExcelHost(): PaneHost {
  const listeners = new Set<(busy: boolean) => void>();
  const workbook = new OfficeWorkbook({
    // Called as a method of Excel (never detached from it).
    run: ((...args: unknown[]) => (Excel.run as unknown as (...a: unknown[]) => Promise<unknown>)(...args)) as ExcelRun,
    onBusy: (state) => listeners.forEach((l) => l(state.busy)),
  });

  const getSelection = async (): Promise<CellRef | null> => {
    try {
      const s = await workbook.getSelection();
      return { sheet: s.sheet, cell: s.address.split(":")[0] };
    } catch {
      // Nothing selectable is selected (a chart, a shape): no cell.
      return null;
    }
  };

  return {
    port: workbook,
    getActiveSheet: async () => (await getSelection())?.sheet ?? null,
    selectCell: (sheet, cell) => workbook.selectCell(sheet, cell),
    getSelection,
    subscribeBusy(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
