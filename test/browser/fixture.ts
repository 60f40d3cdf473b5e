/** The test workbook (layout.ts) as an .xlsx file, made with exceljs. */
import ExcelJS from "exceljs";
import { MEMO, MERGES, OTHER, PERCENT_CELLS, ROWS, SHEET } from "./layout";

export { SHEET } from "./layout";

export async function makeFixture(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ROWS.forEach((r, i) => {
    r.forEach((v, c) => {
      if (v !== null) ws.getCell(i + 1, c + 1).value = v;
    });
  });
  for (const m of MERGES) ws.mergeCells(m);
  for (const a of PERCENT_CELLS) ws.getCell(a).numFmt = "0.0%";
  ws.getColumn(1).width = 40;
  wb.addWorksheet(OTHER).getCell("A1").value = MEMO;
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
