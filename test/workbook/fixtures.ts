/**
 * Workbooks for the workbook-adapter tests, built in code (exceljs writes them; jszip adds the parts
 * exceljs cannot make, such as a VBA project).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** exceljs has worksheet.dataValidations.add at run time but not in its typings. */
function dv(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * A workbook laid out like the seeds' indicator table (sheet 3 of DOMAIN.md), with everything the
 * "nothing lost" test compares: several sheets, styles, merges, formulas (plain, shared, with
 * cached results and errors), data validations, defined names, a date, a comment, conditional
 * formatting, a hidden sheet.
 */
export async function richWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "PlanSheet test";
  const ws = wb.addWorksheet("施策評価");
  ws.getCell("A1").value = "施策の評価シート（令和6年度）";
  ws.mergeCells("A1:H1");
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A1").alignment = { horizontal: "center" };
  const header = ["指標名", "単位", "基準値\n（令和2年度）", "実績値\n（令和5年度）", "実績値\n（令和6年度）", "目標値\n（令和7年度）", "指標の推移", "達成率"];
  header.forEach((h, i) => {
    const c = ws.getCell(3, i + 1);
    c.value = h;
    c.alignment = { wrapText: true, vertical: "middle" };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    c.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
  });
  const rows: [string, string, number, number, number, number][] = [
    ["自主防災組織の結成率", "%", 80.5, 82.1, 85.0, 90],
    ["ごみの排出量", "t", 12000, 11500, 11200, 10000],
    ["図書館の貸出冊数", "冊", 250000, 240000, 260000, 300000],
  ];
  rows.forEach((r, i) => {
    const row = 4 + i;
    r.forEach((v, j) => (ws.getCell(row, j + 1).value = v));
    ws.getCell(row, 3).numFmt = "#,##0.0";
  });
  // achievement rates as formulas with cached results; a shared formula over H4:H6
  ws.getCell("H4").value = { formula: "E4/F4", result: 85.0 / 90, shareType: "shared", ref: "H4:H6" } as ExcelJS.CellFormulaValue;
  ws.getCell("H5").value = { sharedFormula: "H4", result: 11200 / 10000 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("H6").value = { sharedFormula: "H4", result: 260000 / 300000 } as ExcelJS.CellSharedFormulaValue;
  for (const a of ["H4", "H5", "H6"]) ws.getCell(a).numFmt = "0.0%";
  ws.getCell("A8").value = "エラー";
  ws.getCell("B8").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
  ws.getCell("C8").value = { formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellFormulaValue;
  ws.getCell("A9").value = "作成日";
  ws.getCell("B9").value = new Date(Date.UTC(2024, 3, 1));
  ws.getCell("B9").numFmt = "yyyy/m/d";
  ws.getCell("A10").value = { richText: [{ text: "豊かな", font: { bold: true } }, { text: "文字列" }] };
  ws.getCell("A11").value = true;
  ws.getCell("A4").note = "指標の定義は別紙参照";
  ws.getColumn(1).width = 28;
  ws.getColumn(7).width = 10;
  ws.getRow(3).height = 32;
  dv(ws).add("G4:G6", { type: "list", allowBlank: true, formulae: ['"◎,○,▼,⇒,－"'] });
  ws.addConditionalFormatting({
    ref: "H4:H6",
    rules: [{ type: "cellIs", operator: "lessThan", formulae: ["0.5"], priority: 1, style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } }],
  });
  wb.definedNames.add("'施策評価'!$A$3:$H$6", "指標表");

  const ws2 = wb.addWorksheet("進捗状況");
  ws2.getCell("A1").value = "施策";
  ws2.getCell("B1").value = "評価";
  ws2.getCell("A2").value = "(1) 防災意識の向上";
  ws2.getCell("B2").value = "計画どおり";
  dv(ws2).add("B2:B20", { type: "list", allowBlank: true, formulae: ['"計画どおり,計画前倒し,計画遅れ"'] });
  ws2.mergeCells("C1:D2");
  ws2.getCell("C1").value = "結合";
  ws2.getCell("E5").value = { formula: "SUM(施策評価!C4:C6)", result: 262080.5 } as ExcelJS.CellFormulaValue;

  const ws3 = wb.addWorksheet("隠し");
  ws3.state = "hidden";
  ws3.getCell("A1").value = 42;
  return toBytes(wb);
}

/** Turn .xlsx bytes into an .xlsm with a (dummy) VBA project part, as Excel lays it out. */
export async function withMacros(xlsx: Uint8Array, vba: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  zip.file("xl/vbaProject.bin", vba);
  let ct = await zip.file("[Content_Types].xml")!.async("string");
  ct = ct.replace(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  );
  ct = ct.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
  zip.file("[Content_Types].xml", ct);
  let rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  rels = rels.replace(
    "</Relationships>",
    '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
  );
  zip.file("xl/_rels/workbook.xml.rels", rels);
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

/** Read every entry of a zip as bytes (for byte-for-byte comparisons). */
export async function zipEntries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name];
    if (!f.dir) out.set(name, await f.async("uint8array"));
  }
  return out;
}
