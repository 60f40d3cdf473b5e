/** Helpers of the template tests: a workbook that already holds content, and typing into a template. */
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { columnLetters, toA1 } from "../../src/engine/model/grid";
import type { CellEdit } from "../../src/engine/model/snapshot";
import type { RenderedTemplate } from "../../src/engine/templates";

/**
 * A department's existing workbook: a sheet 「施策06」 with a title, a memo and a merged note at the
 * top (A1:F4), and a second sheet 「メモ」.
 */
export async function existingWorkbookBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("施策06");
  ws.getCell("A1").value = "施策・事務事業マネジメントシート【令和７年度】";
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = "所管課：福祉総務課";
  ws.getCell("A3").value = "作成者";
  ws.getCell("B3").value = "福祉太郎";
  ws.mergeCells("D2:F3");
  ws.getCell("D2").value = "内部資料（取扱注意）";
  ws.getCell("A4").value = 12345;
  const memo = wb.addWorksheet("メモ");
  memo.getCell("A1").value = "前年度からの引継ぎ事項";
  memo.getCell("A2").value = "指標の定義を確認すること";
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function existingWorkbook(): Promise<XlsxWorkbook> {
  return XlsxWorkbook.fromBuffer(await existingWorkbookBytes(), "existing.xlsx");
}

/** The rows of a block of a rendered template: first row of each item (0-based). */
export function itemRows(r: RenderedTemplate, blockId: string): number[] {
  const b = r.blocks.find((x) => x.id === blockId);
  if (!b) throw new Error(`no block ${blockId}`);
  const h = b.items > 0 ? (b.bottom - b.top + 1) / b.items : 0;
  return Array.from({ length: b.items }, (_, i) => b.top + i * h);
}

/** The A1 address at a row and a column offset from the template's anchor column. */
export function at(r: RenderedTemplate, row: number, colOffset: number): string {
  const left = r.cells.reduce((m, c) => Math.min(m, c.col), Infinity);
  return toA1(row, left + colOffset);
}

/** Edits that type `values` (by column offset) into a row of a rendered template. */
export function typeRow(r: RenderedTemplate, row: number, values: Record<number, string | number>): CellEdit[] {
  return Object.entries(values).map(([k, v]) => ({ sheet: r.sheet, cell: at(r, row, Number(k)), value: v }));
}

export function col(r: RenderedTemplate, offset: number): string {
  const left = r.cells.reduce((m, c) => Math.min(m, c.col), Infinity);
  return columnLetters(left + offset);
}
