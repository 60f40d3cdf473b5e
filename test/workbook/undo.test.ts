/** applyEdits → UndoRecord → revert, and settings stored in the workbook. */
import type { EditBatch } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { WorkbookFileError } from "../../src/workbook/xlsx/open";
import "../../src/workbook/xlsx/files";
import { richWorkbook, zipEntries } from "./fixtures";

const dec = new TextDecoder();
const FILL: EditBatch = {
  label: "推移・達成率の記入",
  cells: [
    { sheet: "施策評価", cell: "G4", value: "○" },
    { sheet: "施策評価", cell: "G5", value: "◎" },
    { sheet: "施策評価", cell: "H4", value: 0.944, numberFormat: "0.0%" },
    { sheet: "施策評価", cell: "B8", value: null }, // clear a formula error cell
    { sheet: "施策評価", cell: "Z100", value: "新しい行" }, // a cell in a row that does not exist
  ],
};

async function sheetXmlOf(wb: XlsxWorkbook, part = "xl/worksheets/sheet1.xml"): Promise<string> {
  return dec.decode((await zipEntries(await wb.toBuffer())).get(part)!);
}

test("the undo record says what was there and what was written", async () => {
  const wb = XlsxWorkbook.fromBuffer(await richWorkbook(), "rich.xlsx");
  const undo = await wb.applyEdits(FILL);
  expect(undo.label).toBe("推移・達成率の記入");
  const h4 = undo.cells.find((c) => c.cell === "H4")!;
  expect(h4.formula).toBe("=E4/F4");
  expect(h4.value).toBeCloseTo(85 / 90, 12);
  expect(h4.numberFormat).toBe("0.0%");
  expect(undo.cells.find((c) => c.cell === "G4")).toEqual({ sheet: "施策評価", cell: "G4", value: null, formula: null, numberFormat: null });
  expect(undo.cells.find((c) => c.cell === "B8")).toMatchObject({ value: { error: "#DIV/0!" }, formula: "=1/0" });
  expect(undo.written.find((c) => c.cell === "G4")).toEqual({ sheet: "施策評価", cell: "G4", value: "○", formula: null });
  expect(undo.written.find((c) => c.cell === "Z100")!.value).toBe("新しい行");
  const snap = (await wb.readSnapshot()).sheets[0];
  expect(snap.values[99][25]).toBe("新しい行");
  expect(snap.values[7]?.[1] ?? null).toBeNull();
});

test("revert puts back exactly what apply replaced (byte-for-byte sheet XML)", async () => {
  const src = await richWorkbook();
  const wb = XlsxWorkbook.fromBuffer(src, "rich.xlsx");
  const before = dec.decode((await zipEntries(src)).get("xl/worksheets/sheet1.xml")!);
  const snap0 = await wb.readSnapshot();
  const undo = await wb.applyEdits(FILL);
  expect(await sheetXmlOf(wb)).not.toBe(before);
  const report = await wb.revertWithReport(undo);
  expect(report.restored).toBe(5);
  expect(report.changedSinceApply).toEqual([]);
  // H4 was a shared-formula master: its dependents got their own formulas (same meaning), every
  // other cell is back byte for byte
  const after = await sheetXmlOf(wb);
  const strip = (x: string) => x.replace(/<c r="H[56]"[^>]*>[\s\S]*?<\/c>/g, "");
  expect(strip(after)).toBe(strip(before));
  expect(await wb.readSnapshot()).toEqual(snap0);
});

test("revert after the user changed other cells (and one of ours) in between", async () => {
  const wb = XlsxWorkbook.fromBuffer(await richWorkbook(), "rich.xlsx");
  const undo = await wb.applyEdits(FILL);
  // the user edits: another cell, and G5 which the fill wrote
  await wb.applyEdits({ cells: [{ sheet: "施策評価", cell: "A12", value: "メモ" }, { sheet: "施策評価", cell: "G5", value: "⇒" }] });
  const report = await wb.revertWithReport(undo);
  expect(report.changedSinceApply).toEqual([{ sheet: "施策評価", cell: "G5" }]);
  expect(report.restored).toBe(4);
  const s = (await wb.readSnapshot()).sheets[0];
  expect(s.values[11][0]).toBe("メモ"); // the user's other edit stays
  expect(s.values[4][6]).toBe("⇒"); // the user's change of our cell stays
  expect(s.values[3][6] ?? null).toBeNull(); // ours is gone
  expect(s.formulas?.[3]?.[7]).toBe("=E4/F4"); // the formula is back
  expect(s.values[7][1]).toEqual({ error: "#DIV/0!" });
  expect(s.values[99]).toBeUndefined();
});

test("revert of a batch that added a sheet, merges, widths, validations", async () => {
  const src = await richWorkbook();
  const wb = XlsxWorkbook.fromBuffer(src, "rich.xlsx");
  const batch: EditBatch = {
    addSheets: ["新規"],
    cells: [{ sheet: "新規", cell: "A1", value: "見出し", style: { bold: true } }, { sheet: "進捗状況", cell: "F1", value: "備考" }],
    merges: [{ sheet: "進捗状況", range: "F1:G1" }],
    columnWidths: [{ sheet: "進捗状況", column: "F", width: 40 }, { sheet: "施策評価", column: "A", width: 12 }],
    validations: [{ sheet: "進捗状況", range: "H2:H9", list: ["現状継続", "有効性改善"] }],
  };
  const undo = await wb.applyEdits(batch);
  expect(undo.addedSheets).toEqual(["新規"]);
  expect(undo.addedMerges).toEqual([{ sheet: "進捗状況", range: "F1:G1" }]);
  const report = await wb.revertWithReport(undo);
  expect(report.removedSheets).toEqual(["新規"]);
  const a = await zipEntries(src);
  const b = await zipEntries(await wb.toBuffer());
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const part of ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/worksheets/sheet2.xml"]) {
    expect([part, dec.decode(b.get(part)!)]).toEqual([part, dec.decode(a.get(part)!)]);
  }
  // sheet1: column A width back (as an equivalent <col> entry)
  const s1 = dec.decode(b.get("xl/worksheets/sheet1.xml")!);
  expect(s1).toMatch(/<col min="1" max="1" width="28"/);
});

test("a batch that fails changes nothing; an existing sheet name is refused", async () => {
  const src = await richWorkbook();
  const wb = XlsxWorkbook.fromBuffer(src, "rich.xlsx");
  const snap0 = await wb.readSnapshot();
  await expect(wb.applyEdits({ addSheets: ["施策評価"], cells: [] })).rejects.toMatchObject({ code: "file.sheetExists", params: { sheet: "施策評価" } });
  await expect(wb.applyEdits({ addSheets: ["進捗状況".toUpperCase()], cells: [] })).rejects.toBeInstanceOf(WorkbookFileError);
  await expect(
    wb.applyEdits({ cells: [{ sheet: "施策評価", cell: "G4", value: "○" }, { sheet: "ない", cell: "A1", value: 1 }] }),
  ).rejects.toMatchObject({ code: "file.edit.noSheet", params: { sheet: "ない" } });
  await expect(
    wb.applyEdits({ cells: [{ sheet: "施策評価", cell: "G4", value: "○" }], merges: [{ sheet: "施策評価", range: "B1:C2" }] }),
  ).rejects.toMatchObject({ code: "file.edit.mergeOverlap", params: { cell: "B1:C2" } });
  expect(await wb.readSnapshot()).toEqual(snap0);
  expect(Buffer.compare(Buffer.from(await wb.toBuffer()), Buffer.from(src))).not.toBe(0); // rewritten zip…
  const a = await zipEntries(src);
  const b = await zipEntries(await wb.toBuffer());
  for (const [name, bytes] of a) expect([name, Buffer.compare(Buffer.from(b.get(name)!), Buffer.from(bytes))]).toEqual([name, 0]); // …same parts
});

test("an undo record read back from JSON still reverts (by value)", async () => {
  const wb = XlsxWorkbook.fromBuffer(await richWorkbook(), "rich.xlsx");
  const undo = JSON.parse(JSON.stringify(await wb.applyEdits(FILL)));
  await wb.applyEdits({ cells: [{ sheet: "施策評価", cell: "G5", value: "⇒" }] });
  const report = await wb.revertWithReport(undo);
  expect(report.changedSinceApply).toEqual([{ sheet: "施策評価", cell: "G5" }]);
  const s = (await wb.readSnapshot()).sheets[0];
  expect(s.values[3][6] ?? null).toBeNull();
  expect(s.formulas?.[3]?.[7]).toBe("=E4/F4");
  expect(s.numberFormats?.[3]?.[7]).toBe("0.0%");
  expect(s.values[4][6]).toBe("⇒");
});

test("settings travel with the file (custom document properties), long values too", async () => {
  const wb = XlsxWorkbook.fromBuffer(await richWorkbook(), "rich.xlsx");
  expect(await wb.getSetting("engine")).toBeUndefined();
  const long = JSON.stringify({ rateMethod: "progress", cap: true, decimals: 1, note: "達成率の計算方法".repeat(40) });
  await wb.setSetting("engine", long);
  await wb.setSetting("lang", "ja");
  await wb.setSetting("lang", "en"); // replaced, not duplicated
  const out = await wb.toBuffer();
  const again = XlsxWorkbook.fromBuffer(out, "rich.xlsx");
  expect(await again.getSetting("engine")).toBe(long);
  expect(await again.getSetting("lang")).toBe("en");
  const custom = dec.decode((await zipEntries(out)).get("docProps/custom.xml")!);
  expect(custom.match(/name="PlanSheet:lang"/g)).toHaveLength(1);
  expect(custom).toContain('name="PlanSheet:engine#1"');
  // still a workbook exceljs can open, with the same sheets
  const ExcelJS = (await import("exceljs")).default;
  const e = new ExcelJS.Workbook();
  await e.xlsx.load(Buffer.from(out) as unknown as ArrayBuffer);
  expect(e.worksheets.map((w) => w.name)).toEqual(["施策評価", "進捗状況", "隠し"]);
});

test("settings saved by the task pane in Excel (Office document settings) are read, and kept in step", async () => {
  const JSZip = (await import("jszip")).default;
  const z = await JSZip.loadAsync(await richWorkbook());
  const stored = JSON.stringify({ rateMethod: "progress", capRate: true });
  z.file(
    "xl/webextensions/webextension1.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{5D1E3C3A-0000-4000-8000-000000000001}">' +
      '<we:reference id="321e6b14-730f-4b27-bb79-72c1c9c6e3d0" version="1.0.0.0" store="developer" storeType="uploadfiledevcatalog"/><we:alternateReferences/>' +
      `<we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/><we:property name="plansheet.settings" value="${JSON.stringify(stored).replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"/></we:properties>` +
      "<we:bindings/><we:snapshot/></we:webextension>",
  );
  const wb = XlsxWorkbook.fromBuffer(new Uint8Array(await z.generateAsync({ type: "uint8array" })), "設定.xlsx");
  expect(await wb.getSetting("plansheet.settings")).toBe(stored);
  expect(await wb.getSetting("Office.AutoShowTaskpaneWithDocument")).toBe("true");
  const changed = JSON.stringify({ rateMethod: "ratio" });
  await wb.setSetting("plansheet.settings", changed);
  const again = XlsxWorkbook.fromBuffer(await wb.toBuffer(), "設定.xlsx");
  expect(await again.getSetting("plansheet.settings")).toBe(changed);
  const we = dec.decode((await zipEntries(await again.toBuffer())).get("xl/webextensions/webextension1.xml")!);
  expect(we).toContain('<we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>');
  expect(we).toContain(`value="${JSON.stringify(changed).replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`);
});
