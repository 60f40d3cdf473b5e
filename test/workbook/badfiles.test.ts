/**
 * Bad and hostile files (issue 6): each is refused with a WorkbookFileError whose code is a message
 * key and whose message names the file; huge-but-honest sheets are read within stated limits.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { t } from "../../src/messages";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { readWorkbookFile } from "../../src/workbook/xlsx/files"; // also installs zlib as the codec
import { WorkbookFileError, sniff } from "../../src/workbook/xlsx/open";
import { writeZip } from "../../src/workbook/xlsx/zip";
import { cfbContainer, minimalXlsx, rawZip, sheetXml } from "./craft";
import { richWorkbook } from "./fixtures";

/** CPU time of this process in ms (wall time is meaningless on a shared, loaded machine). */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-hostile-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function put(name: string, bytes: Uint8Array | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

async function refusal(p: string): Promise<WorkbookFileError> {
  try {
    const wb = await readWorkbookFile(p);
    await wb.readSnapshot();
  } catch (e) {
    if (e instanceof WorkbookFileError) return e;
    throw new Error(`not a WorkbookFileError: ${String(e)}`);
  }
  throw new Error(`${p} was read without complaint`);
}

async function expectRefused(p: string, code: WorkbookFileError["code"]): Promise<WorkbookFileError> {
  const e = await refusal(p);
  expect(e.code).toBe(code);
  expect(e.file).toBe(p);
  const ja = t("ja", e.code, e.params);
  const en = t("en", e.code, e.params);
  expect(ja).toContain(p);
  expect(en).toContain(p);
  expect(ja).not.toMatch(/\{\w+\}/); // every placeholder filled
  expect(en).not.toMatch(/\{\w+\}/);
  return e;
}

test("a missing file", async () => {
  await expectRefused(path.join(dir, "ない.xlsx"), "file.notFound");
});

test("an empty file", async () => {
  await expectRefused(put("空.xlsx", ""), "file.empty");
});

test("a text file named .xlsx", async () => {
  await expectRefused(put("メモ.xlsx", "これはテキストファイルです。\nExcel ではありません。\n"), "file.notXlsx");
});

test("an HTML page named .xlsx", async () => {
  await expectRefused(put("page.xlsx", "<html><body><table><tr><td>1</td></tr></table></body></html>"), "file.notXlsx");
});

test("a CSV file, by name and by content", async () => {
  const csv = "指標名,単位,基準値,目標値\n自主防災組織の結成率,%,80.5,90\nごみの排出量,t,12000,10000\n";
  await expectRefused(put("指標.csv", csv), "file.csv");
  await expectRefused(put("指標csv.xlsx", csv), "file.csv");
  expect(t("ja", "file.csv", { file: "x" })).toContain(".xlsx 形式で保存");
});

test("an old .xls (OLE compound file)", async () => {
  const e = await expectRefused(put("旧形式.xls", cfbContainer(["Workbook", "\u0005SummaryInformation"])), "file.xls");
  expect(t("en", e.code, e.params)).toMatch(/Save As/);
  // also when someone renamed it to .xlsx
  await expectRefused(put("旧形式.xlsx", cfbContainer(["Workbook"])), "file.xls");
});

test("a password-protected workbook (CFB with EncryptionInfo / EncryptedPackage)", async () => {
  const bytes = cfbContainer(["EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"]);
  expect(sniff(bytes)).toBe("cfb-encrypted");
  await expectRefused(put("保護.xlsx", bytes), "file.encrypted");
});

test("a truncated .xlsx", async () => {
  const good = await richWorkbook();
  for (const frac of [0.3, 0.6, 0.95]) {
    const e = await expectRefused(put(`途中${frac}.xlsx`, good.subarray(0, Math.floor(good.length * frac))), "file.truncated");
    expect(e.params.reason).toBeTruthy();
  }
  // the central directory is intact but a part's data is damaged
  const damaged = new Uint8Array(good);
  const zipEntries = require("../../src/workbook/xlsx/zip").readZip(damaged) as { name: string; data: Uint8Array }[];
  const sheet = zipEntries.find((z) => z.name === "xl/worksheets/sheet1.xml")!;
  const off = sheet.data.byteOffset - damaged.byteOffset;
  for (let i = 10; i < 60; i++) damaged[off + i] ^= 0x5a;
  await expectRefused(put("破損.xlsx", damaged), "file.truncated");
});

test("a ZIP that is not a workbook (e.g. a .docx)", async () => {
  const enc = new TextEncoder();
  const docx = writeZip([
    { name: "[Content_Types].xml", content: enc.encode('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: "word/document.xml", content: enc.encode("<w:document/>") },
  ]);
  await expectRefused(put("文書.xlsx", docx), "file.notXlsx");
  // a complete .docx (relationships pointing at a Word document)
  const docx2 = writeZip([
    { name: "[Content_Types].xml", content: enc.encode('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: "_rels/.rels", content: enc.encode('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
    { name: "word/document.xml", content: enc.encode('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>') },
  ]);
  await expectRefused(put("文書2.xlsx", docx2), "file.notXlsx");
});

test("a zip bomb is refused from its central directory, before inflating anything", async () => {
  // Declared 3.9 GB; the "compressed" data is random garbage: inflating it would fail with a
  // different error, so getting tooLarge proves nothing was inflated.
  const garbage = new Uint8Array(64 * 1024).map((_, i) => (i * 2654435761) >>> 24);
  const base = minimalXlsx([{ name: "Sheet1", xml: sheetXml("") }]);
  const zip = require("../../src/workbook/xlsx/zip");
  const entries = (zip.readZip(base) as { name: string; data: Uint8Array; method: number; uncompressedSize: number; crc32: number }[]).map((e) => ({
    name: e.name, data: e.data, method: e.method, usize: e.uncompressedSize, crc: e.crc32,
  }));
  const s = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
  s.data = garbage;
  s.usize = 0xfff00000;
  const file = put("爆弾.xlsx", rawZip(entries));
  const t0 = cpuMs();
  const e = await expectRefused(file, "file.tooLarge");
  expect(cpuMs() - t0).toBeLessThan(500);
  expect(t("ja", e.code, e.params)).toContain("200 MB");

  // many parts that only together pass the limit
  const many = [...entries.filter((e) => e.name !== "xl/worksheets/sheet1.xml"), { ...s, data: new Uint8Array(1000), usize: 9 * 1024 * 1024 }];
  for (let i = 0; i < 30; i++) many.push({ name: `xl/media/image${i}.png`, data: new Uint8Array(1000), method: 8, usize: 9 * 1024 * 1024, crc: 0 });
  await expectRefused(put("爆弾2.xlsx", rawZip(many)), "file.tooLarge");
});

test("a part that inflates past its declared size is stopped while inflating", async () => {
  const zeros = zlib.deflateRawSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MB of zeros → ~64 KB
  const base = minimalXlsx([{ name: "Sheet1", xml: sheetXml("") }]);
  const zip = require("../../src/workbook/xlsx/zip");
  const entries = (zip.readZip(base) as { name: string; data: Uint8Array; method: number; uncompressedSize: number; crc32: number }[]).map((e) => ({
    name: e.name, data: e.data, method: e.method, usize: e.uncompressedSize, crc: e.crc32,
  }));
  const s = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
  s.data = new Uint8Array(zeros);
  s.usize = 2000; // a lie
  const heap0 = process.memoryUsage().arrayBuffers;
  const e = await expectRefused(put("嘘.xlsx", rawZip(entries)), "file.zip.inflatesPastSize");
  expect(e.params).toMatchObject({ part: "xl/worksheets/sheet1.xml", size: 2000 });
  expect(process.memoryUsage().arrayBuffers - heap0).toBeLessThan(32 * 1024 * 1024);
});

// Stated limits: a sheet of 1,000,000 rows is read in under 15 s of CPU time and 1 GB of heap
// (about 5 s measured here); refusal past 2,000,000 cells per sheet (file.tooManyCells).
test("a million sparse rows are read within the stated limits (15 s CPU, 1 GB)", async () => {
  const rows: string[] = [];
  for (let r = 1; r <= 1_000_000; r++) rows.push(`<row r="${r}"><c r="${r % 7 === 0 ? "XFD" : "B"}${r}"><v>${r}</v></c></row>`);
  const bytes = minimalXlsx([{ name: "大量", xml: sheetXml(rows.join("")) }]);
  rows.length = 0;
  const t0 = cpuMs();
  const heap0 = process.memoryUsage().heapUsed;
  const wb = XlsxWorkbook.fromBuffer(bytes, "大量.xlsx");
  const snap = await wb.readSnapshot();
  const ms = cpuMs() - t0;
  const heap = process.memoryUsage().heapUsed - heap0;
  const s = snap.sheets[0];
  expect(s.rowCount).toBe(1_000_000);
  expect(s.colCount).toBe(16384);
  expect(s.values[0][1]).toBe(1);
  expect(s.values[6][16383]).toBe(7);
  expect(s.values[999_999][1]).toBe(1_000_000);
  expect(ms).toBeLessThan(15_000);
  expect(heap).toBeLessThan(1024 * 1024 * 1024);
});

test("cells of 32,767 characters are read whole", async () => {
  const long = "長".repeat(32767);
  const n = 300; // ~29 MB of text
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${n}" uniqueCount="${n}">${Array.from({ length: n }, (_, i) => `<si><t>${i}${long.slice(String(i).length)}</t></si>`).join("")}</sst>`;
  const body = Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join("");
  const bytes = minimalXlsx([{ name: "長文", xml: sheetXml(body) }], { "xl/sharedStrings.xml": sst });
  const t0 = cpuMs();
  const snap = await XlsxWorkbook.fromBuffer(bytes, "長文.xlsx").readSnapshot();
  expect(cpuMs() - t0).toBeLessThan(10_000);
  const v = snap.sheets[0].values;
  expect(v.filter(Boolean).length).toBe(n);
  expect((v[299][0] as string).length).toBe(32767);
  expect((v[299][0] as string).startsWith("299長")).toBe(true);
});

test("a sheet past the cell limit is refused with file.tooManyCells naming the sheet", async () => {
  const body = Array.from({ length: 50 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 30 }, (_, c) => `<c r="${String.fromCharCode(65 + (c % 26))}${c >= 26 ? "" : ""}${r + 1}"><v>1</v></c>`).join("")}</row>`).join("");
  const bytes = minimalXlsx([{ name: "巨大", xml: sheetXml(body) }]);
  const wb = XlsxWorkbook.fromBuffer(bytes, "巨大.xlsx", { maxCellsPerSheet: 1000 });
  await expect(wb.readSnapshot()).rejects.toMatchObject({ code: "file.tooManyCells", params: { sheet: "巨大", limit: "1,000", file: "巨大.xlsx" } });
  // the default limit is stated and generous
  expect(require("../../src/workbook/xlsx/adapter").DEFAULT_LIMITS.maxCellsPerSheet).toBe(2_000_000);
});

test("no stack trace in the messages", async () => {
  const e = await refusal(put("空2.xlsx", ""));
  expect(t("ja", e.code, e.params)).not.toMatch(/at |Error/);
});
