/**
 * The pane inside Excel: the only module of the task pane that knows it runs in Excel. It builds the
 * PaneHost over the Office.js adapter (Excel.run); components only see the PaneHost.
 *
 * The adapter is a chunk of its own ("office"), fetched on the pane's first call into the workbook
 * (reading the workbook's settings as it starts), so the pane's first scripts stay small
 * (test/browser/bundle.test.ts). Making the adapter touches nothing in Excel.
 */
import type { ExcelRun, OfficeWorkbook } from "../workbook/office/adapter";
import type { WorkbookPort } from "../workbook/port";
import type { CellRef, PaneHost } from "./types";

export function createExcelHost(): PaneHost {
  const listeners = new Set<(busy: boolean) => void>();
  let made: Promise<OfficeWorkbook> | undefined;
  const adapter = (): Promise<OfficeWorkbook> => {
    made ??= import(/* webpackChunkName: "office" */ "../workbook/office/adapter").then(
      ({ OfficeWorkbook }) =>
        new OfficeWorkbook({
          // Called as a method of Excel (never detached from it).
          run: ((...args: unknown[]) => (Excel.run as unknown as (...a: unknown[]) => Promise<unknown>)(...args)) as ExcelRun,
          onBusy: (state) => listeners.forEach((l) => l(state.busy)),
        }),
      (e: unknown) => {
        // not fetched (offline?): the next call tries again
        made = undefined;
        throw e;
      },
    );
    return made;
  };

  const port: WorkbookPort = {
    readSnapshot: async (options) => (await adapter()).readSnapshot(options),
    applyEdits: async (batch) => (await adapter()).applyEdits(batch),
    revert: async (undo) => (await adapter()).revert(undo),
    getSetting: async (key) => (await adapter()).getSetting(key),
    setSetting: async (key, value) => (await adapter()).setSetting(key, value),
  };

  const getSelection = async (): Promise<CellRef | null> => {
    const workbook = await adapter();
    try {
      const s = await workbook.getSelection();
      return { sheet: s.sheet, cell: s.address.split(":")[0] };
    } catch {
      // Nothing selectable is selected (a chart, a shape): no cell.
      return null;
    }
  };

  return {
    port,
    getActiveSheet: async () => (await getSelection())?.sheet ?? null,
    selectCell: async (sheet, cell) => (await adapter()).selectCell(sheet, cell),
    getSelection,
    subscribeBusy(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
