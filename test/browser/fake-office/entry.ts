/**
 * A stand-in for Office.js inside Excel, for the browser tests: Office.onReady says "Excel" and
 * Excel.run is the project's fake of the Excel API (test/office/fakeExcel.ts) over the test
 * workbook (layout.ts). Served in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js,
 * so the real taskpane.html and its Office adapter run on it. `window.__fakeExcel` lets the test look.
 */
import { FakeExcel, type SeedCell } from "../../office/fakeExcel";
import { toA1 } from "../../../src/engine/model/grid";
import { MEMO, MERGES, OTHER, PERCENT_CELLS, ROWS, SHEET } from "../layout";

// The fake counts request bytes with Node's Buffer.byteLength; the browser has TextEncoder.
const encoder = new TextEncoder();
(globalThis as unknown as { Buffer: unknown }).Buffer = { byteLength: (s: string) => encoder.encode(s).length };

const excel = new FakeExcel({ apiVersion: "1.20" });
const cells: Record<string, SeedCell> = {};
ROWS.forEach((r, i) =>
  r.forEach((v, c) => {
    if (v === null) return;
    const a1 = toA1(i, c);
    cells[a1] = PERCENT_CELLS.includes(a1) ? { value: v, numberFormat: "0.0%" } : v;
  }),
);
excel.addSheet(SHEET, cells, MERGES);
excel.addSheet(OTHER, { A1: MEMO });
excel.activeSheet = SHEET;
excel.selection = { sheet: SHEET, ref: { top: 0, left: 0, bottom: 0, right: 0 } };

const w = window as unknown as Record<string, unknown>;
w.__fakeExcel = excel;
w.Office = {
  HostType: { Excel: "Excel" },
  onReady(cb?: (info: unknown) => void) {
    const info = { host: "Excel", platform: "OfficeOnline" };
    if (cb) setTimeout(() => cb(info), 0);
    return Promise.resolve(info);
  },
  context: {
    displayLanguage: "ja-JP",
    requirements: { isSetSupported: excel.isSetSupported },
    document: { settings: excel.settings },
  },
};
w.Excel = { run: excel.run };
