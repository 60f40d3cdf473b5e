/** Details of writing: special text, shared and array formulas, calcChain, the browser codec. */
import ExcelJS from "exceljs";
import { t } from "../../src/messages";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { useNodeZlib } from "../../src/workbook/xlsx/files";
import { sniff } from "../../src/workbook/xlsx/open";
import { fflateCodec, setDeflateCodec } from "../../src/workbook/xlsx/zip";
import * as zlib from "zlib";
import { minimalXlsx, rawZip, sheetXml } from "./craft";
import { richWorkbook, zipEntries } from "./fixtures";

const dec = new TextDecoder();

test("text with line breaks, leading spaces, control characters and _x…_ sequences round-trips", async () => {
  const wb = XlsxWorkbook.fromBuffer(await richWorkbook(), "rich.xlsx");
  const texts = ["348\n令和3年度", "  前後に空白  ", "タブ\tと\u0001制御文字", "literal _x000D_ here", "<&>\"'", "𠮷野家"];
  await wb.applyEdits({ cells: texts.map((v, i) => ({ sheet: "進捗状況", cell: `J${i + 1}`, value: v })) });
  const out = await wb.toBuffer();
  const s = (await XlsxWorkbook.fromBuffer(out, "out.xlsx").readSnapshot()).sheets[1];
  expect(texts.map((_, i) => s.values[i][9])).toEqual(texts);
  const e = new ExcelJS.Workbook();
  await e.xlsx.load(Buffer.from(out) as unknown as ArrayBuffer);
  expect(e.getWorksheet("進捗状況")!.getCell("J1").value).toBe("348\n令和3年度");
  expect(e.getWorksheet("進捗状況")!.getCell("J6").value).toBe("𠮷野家");
});

test("overwriting the first cell of a shared formula keeps the formulas of the others", async () => {
  const wb = XlsxWorkbook.fromBuffer(await richWorkbook(), "rich.xlsx");
  await wb.applyEdits({ cells: [{ sheet: "施策評価", cell: "H4", value: 0.944 }] });
  const s = (await XlsxWorkbook.fromBuffer(await wb.toBuffer(), "out.xlsx").readSnapshot()).sheets[0];
  expect(s.values[3][7]).toBe(0.944);
  expect(s.formulas?.[3]?.[7] ?? null).toBeNull();
  expect(s.formulas?.[4]?.[7]).toBe("=E5/F5");
  expect(s.formulas?.[5]?.[7]).toBe("=E6/F6");
  expect(s.values[5][7]).toBeCloseTo(260000 / 300000, 12);
});

test("a cell inside an array formula is refused; writing a formula drops calcChain and asks Excel to recalculate", async () => {
  const body =
    '<row r="1"><c r="A1"><f t="array" ref="A1:A3">ROW(1:3)</f><v>1</v></c><c r="B1"><f>A1*2</f><v>2</v></c></row>' +
    '<row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>';
  const base = minimalXlsx([{ name: "配列", xml: sheetXml(body) }]);
  // add a calcChain part the way Excel does
  const JSZip = (await import("jszip")).default;
  const z = await JSZip.loadAsync(base);
  z.file("xl/calcChain.xml", '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B1" i="1"/></calcChain>');
  z.file("xl/_rels/workbook.xml.rels", (await z.file("xl/_rels/workbook.xml.rels")!.async("string")).replace("</Relationships>", '<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'));
  z.file("[Content_Types].xml", (await z.file("[Content_Types].xml")!.async("string")).replace("</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'));
  const bytes = new Uint8Array(await z.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  const wb = XlsxWorkbook.fromBuffer(bytes, "配列.xlsx");
  await expect(wb.applyEdits({ cells: [{ sheet: "配列", cell: "A2", value: 9 }] })).rejects.toMatchObject({ code: "file.edit.arrayFormula", params: { cell: "A2", range: "A1:A3" } });
  await wb.applyEdits({ cells: [{ sheet: "配列", cell: "B1", formula: "=A1*3" }] });
  const parts = await zipEntries(await wb.toBuffer());
  expect(parts.has("xl/calcChain.xml")).toBe(false);
  expect(dec.decode(parts.get("xl/_rels/workbook.xml.rels")!)).not.toContain("calcChain");
  expect(dec.decode(parts.get("[Content_Types].xml")!)).not.toContain("calcChain");
  expect(dec.decode(parts.get("xl/workbook.xml")!)).toContain('<calcPr fullCalcOnLoad="1"/>');
  const s = (await wb.readSnapshot()).sheets[0];
  expect(s.formulas?.[0]?.[1]).toBe("=A1*3");
  expect(s.formulas?.[0]?.[0]).toBe("=ROW(1:3)");
});

test("UTF-16 text exports are recognised as text, not as a workbook", () => {
  const s = "指標名\t単位\r\n結成率\t%\r\n";
  const b = new Uint8Array(2 + s.length * 2);
  b[0] = 0xff;
  b[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    b[2 + i * 2] = s.charCodeAt(i) & 0xff;
    b[3 + i * 2] = s.charCodeAt(i) >> 8;
  }
  expect(sniff(b, "export.xlsx")).toBe("csv");
});

describe("the browser codec (fflate) behaves like zlib", () => {
  beforeAll(() => setDeflateCodec(fflateCodec));
  afterAll(() => useNodeZlib());

  test("open, edit, write, read", async () => {
    const wb = XlsxWorkbook.fromBuffer(await richWorkbook(), "rich.xlsx");
    await wb.applyEdits({ cells: [{ sheet: "施策評価", cell: "G4", value: "○" }] });
    const s = (await XlsxWorkbook.fromBuffer(await wb.toBuffer(), "out.xlsx").readSnapshot()).sheets[0];
    expect(s.values[3][6]).toBe("○");
    expect(s.values[3][0]).toBe("自主防災組織の結成率");
  });

  test("stops a part that inflates past its declared size", async () => {
    const zeros = zlib.deflateRawSync(Buffer.alloc(32 * 1024 * 1024));
    const base = minimalXlsx([{ name: "S", xml: sheetXml("") }]);
    const zip = require("../../src/workbook/xlsx/zip");
    const entries = (zip.readZip(base) as { name: string; data: Uint8Array; method: number; uncompressedSize: number; crc32: number }[]).map((e) => ({
      name: e.name, data: e.data, method: e.method, usize: e.uncompressedSize, crc: e.crc32,
    }));
    const s = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    s.data = new Uint8Array(zeros);
    s.usize = 5000;
    const wb = XlsxWorkbook.fromBuffer(rawZip(entries), "嘘.xlsx");
    await expect(wb.readSnapshot()).rejects.toMatchObject({ code: "file.zip.inflatesPastSize", file: "嘘.xlsx" });
  });
});

test("a protected sheet: unlocked input cells are written, locked cells refused; table headers and merges over tables refused", async () => {
  const e = new ExcelJS.Workbook();
  const ws = e.addWorksheet("様式");
  ws.getCell("A1").value = "指標名";
  ws.getCell("B1").value = "指標の推移";
  ws.getCell("B2").protection = { locked: false };
  await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true });
  const tbl = e.addWorksheet("一覧");
  tbl.addTable({
    name: "指標一覧",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "指標名" }, { name: "達成率" }],
    rows: [["結成率", 0.9], ["排出量", 1.1]],
  });
  const bytes = new Uint8Array((await e.xlsx.writeBuffer()) as ArrayBuffer);
  const wb = XlsxWorkbook.fromBuffer(bytes, "様式.xlsx");
  await wb.applyEdits({ cells: [{ sheet: "様式", cell: "B2", value: "○" }] });
  await expect(wb.applyEdits({ cells: [{ sheet: "様式", cell: "A2", value: "x" }] })).rejects.toMatchObject({
    code: "file.edit.protected",
    params: { cell: "A2", sheet: "様式", file: "様式.xlsx" },
  });
  await expect(wb.applyEdits({ cells: [{ sheet: "一覧", cell: "B1", value: "率" }] })).rejects.toMatchObject({
    code: "file.edit.tableHeader",
    params: { cell: "B1", table: "指標一覧" },
  });
  // the messages are complete in both languages and say what to do
  const err = await wb.applyEdits({ cells: [{ sheet: "様式", cell: "A2", value: "x" }] }).catch((x) => x);
  for (const loc of ["ja", "en"] as const) expect(t(loc, err.code, err.params)).not.toMatch(/\{\w+\}/);
  expect(t("ja", err.code, err.params)).toBe("様式.xlsx: シート「様式」は保護されていて A2 はロックされています。シートの保護を解除するか、このセルのロックを外してから実行してください。");
  await wb.applyEdits({ cells: [{ sheet: "一覧", cell: "B2", value: 0.95 }] }); // a data cell of the table is fine
  await expect(wb.applyEdits({ cells: [], merges: [{ sheet: "一覧", range: "B3:C3" }] })).rejects.toMatchObject({
    code: "file.edit.tableOverlap",
    params: { cell: "B3:C3", table: "指標一覧" },
  });
  const snap = await XlsxWorkbook.fromBuffer(await wb.toBuffer(), "out.xlsx").readSnapshot();
  expect(snap.sheets[0].values[1][1]).toBe("○");
  expect(snap.sheets[1].values[1][1]).toBe(0.95);
  expect(snap.sheets[1].values[0][1]).toBe("達成率");
});

test("a new cell takes the style of its row or column, as when typing in Excel", async () => {
  const e = new ExcelJS.Workbook();
  const ws = e.addWorksheet("書式");
  ws.getColumn("C").numFmt = "0.0%";
  ws.getColumn("C").alignment = { horizontal: "center" };
  ws.getRow(5).font = { bold: true };
  ws.getCell("A1").value = "x";
  ws.getCell("A5").value = "行"; // so that exceljs writes row 5 (with its style)
  const src = new Uint8Array((await e.xlsx.writeBuffer()) as ArrayBuffer);
  expect(dec.decode((await zipEntries(src)).get("xl/worksheets/sheet1.xml")!)).toMatch(/<row r="5"[^>]*customFormat="1"/);
  const wb = XlsxWorkbook.fromBuffer(src, "書式.xlsx");
  await wb.applyEdits({
    cells: [
      { sheet: "書式", cell: "C3", value: 0.875 },
      { sheet: "書式", cell: "E5", value: "太字の行" },
      { sheet: "書式", cell: "D9", value: null }, // clearing an empty cell creates nothing
    ],
  });
  const out = await wb.toBuffer();
  const snap = (await XlsxWorkbook.fromBuffer(out, "x.xlsx").readSnapshot()).sheets[0];
  expect(snap.values[2][2]).toBe(0.875);
  expect(snap.numberFormats?.[2]?.[2]).toBe("0.0%");
  const r = new ExcelJS.Workbook();
  await r.xlsx.load(Buffer.from(out) as unknown as ArrayBuffer);
  const rs = r.getWorksheet("書式")!;
  expect(rs.getCell("C3").alignment?.horizontal).toBe("center");
  expect(rs.getCell("E5").font?.bold).toBe(true);
  expect(dec.decode((await zipEntries(out)).get("xl/worksheets/sheet1.xml")!)).not.toContain('r="D9"');
});
