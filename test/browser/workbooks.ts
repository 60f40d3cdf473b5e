/**
 * Workbooks for the browser tests beside the test workbook (layout.ts), made with exceljs: the same
 * table a year earlier or later, and an unrelated workbook (no indicator names in common).
 */
import ExcelJS from "exceljs";
import { MERGES, PERCENT_CELLS, ROWS, SHEET } from "./layout";

type Rows = (string | number | null)[][];

async function build(rows: Rows, sheet = SHEET): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r, i) => r.forEach((v, c) => v !== null && (ws.getCell(i + 1, c + 1).value = v)));
  for (const m of MERGES) ws.mergeCells(m);
  for (const a of PERCENT_CELLS) ws.getCell(a).numFmt = "0.0%";
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Last year's sheet (令和6年度: actuals of 令和4・5年度); 地域支援's 令和5年度 was 350 (356 now). */
export function makeLastYear(): Promise<Buffer> {
  const rows = ROWS.map((r) => [...r]);
  rows[0][0] = "施策・事務事業マネジメントシート【令和６年度】";
  rows[4][3] = "（令和4年度）";
  rows[4][4] = "（令和5年度）";
  rows[5].splice(3, 5, 340, 350, "450\n令和8年度", "○", 0.778);
  rows[6].splice(3, 5, 425, 431, "470\n令和8年度", "○", 0.917);
  rows[7].splice(3, 5, 1190, 1250, "1,250\n令和8年度", "◎", 1);
  return build(rows);
}

/** Next year's sheet (令和8年度: actuals of 令和6・7年度): picked as "last year", the files are swapped. */
export function makeNextYear(): Promise<Buffer> {
  const rows = ROWS.map((r) => [...r]);
  rows[0][0] = "施策・事務事業マネジメントシート【令和８年度】";
  rows[4][3] = "（令和6年度）";
  rows[4][4] = "（令和7年度）";
  rows[5].splice(3, 5, 404, 420, "450\n令和8年度", "○", 0.933);
  rows[6].splice(3, 5, 421, 430, "470\n令和8年度", "○", 0.915);
  rows[7].splice(3, 5, 1310, 1320, "1,300\n令和8年度", "◎", 1.015);
  return build(rows);
}

/** Last year's workbook of another policy: the same layout, no indicator name in common. */
export function makeUnrelated(): Promise<Buffer> {
  const rows = ROWS.map((r) => [...r]);
  rows[0][0] = "施策・事務事業マネジメントシート【令和６年度】";
  rows[4][3] = "（令和4年度）";
  rows[4][4] = "（令和5年度）";
  rows[5].splice(0, 8, "図書館の年間貸出冊数", "冊", "1100000\n令和3年度", 1120000, 1150000, "1200000\n令和8年度", "○", 0.958);
  rows[6].splice(0, 8, "市民活動団体の登録数", "団体", "240\n令和3年度", 262, 281, "300\n令和8年度", "○", 0.937);
  rows[7].splice(0, 8, "介護予防教室の延べ参加者数", "人", "4100\n令和3年度", 5120, 5230, "5000\n令和8年度", "◎", 1.046);
  return build(rows, "施策12");
}
