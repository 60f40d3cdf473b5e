/**
 * Bad input at the command line (issue 6): each file gets a clear message naming the file, exit 2,
 * no stack trace, and `fill` writes no output file. A .xlsm is read and its macros survive fill.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { inflateEntry, readZip } from "../../src/workbook/xlsx/zip";
import "../../src/workbook/xlsx/files"; // installs Node's zlib as the codec
import { cfbContainer, minimalXlsx, rawZip, sheetXml } from "../workbook/craft";
import { withMacros } from "../workbook/fixtures";
import { buildFixture } from "../fixtures/workbooks";

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-bad-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function put(name: string, bytes: Uint8Array | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

async function run(...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { stdout: (s) => (out += s + "\n"), stderr: (s) => (err += s + "\n"), isTTY: false });
  return { code, out, err };
}

function bomb(): Uint8Array {
  const base = minimalXlsx([{ name: "Sheet1", xml: sheetXml("") }]);
  const entries = readZip(base).map((e) => ({ name: e.name, data: e.data, method: e.method, usize: e.uncompressedSize, crc: e.crc32 }));
  const s = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
  s.data = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
  s.usize = 0xfff00000;
  return rawZip(entries);
}

const cases: [string, () => Promise<Uint8Array | string> | Uint8Array | string, RegExp, RegExp][] = [
  ["空.xlsx", () => "", /空です/, /empty/],
  ["メモ.xlsx", () => "これはテキストです", /Excel ブック（\.xlsx）ではありません/, /not an Excel workbook/],
  ["旧形式.xls", () => cfbContainer(["Workbook"]), /\.xls/, /Save As/],
  ["指標.csv", () => "指標名,目標値\nA,1\n", /CSV/, /CSV/],
  ["保護.xlsx", () => cfbContainer(["EncryptionInfo", "EncryptedPackage"]), /パスワード/, /password/],
  ["途中.xlsx", async () => (await buildFixture("management-rate", "clean")).buffer.subarray(0, 3000), /壊れているか途中で切れて/, /damaged or cut short/],
  ["爆弾.xlsx", bomb, /上限/, /zip bomb/],
];

describe.each(cases)("%s", (name, make, ja, en) => {
  test("check: exit 2, the file named, the reason said, no stack trace (ja and en)", async () => {
    const p = put(name, await make());
    const r = await run("check", p);
    expect(r.code).toBe(2);
    expect(r.out).toContain(p);
    expect(r.out).toMatch(ja);
    expect(r.out + r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const e = await run("check", p, "--lang", "en");
    expect(e.out).toMatch(en);
  });
  test("fill: exit 2 and no output file", async () => {
    const p = path.join(dir, name);
    const out = path.join(dir, `out-${name}.xlsx`);
    const r = await run("fill", p, "-o", out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(p);
    expect(fs.existsSync(out)).toBe(false);
  });
});

test("a folder with good and broken workbooks: the good ones are checked, exit 1 not 2", async () => {
  const sub = fs.mkdtempSync(path.join(dir, "folder-"));
  fs.writeFileSync(path.join(sub, "good.xlsx"), (await buildFixture("management-rate", "errors")).buffer);
  fs.writeFileSync(path.join(sub, "bad.xlsx"), "garbage");
  const r = await run("check", sub, "--json");
  expect(r.code).toBe(1);
  const files = JSON.parse(r.out).files;
  expect(files.find((f: { file: string }) => f.file.endsWith("good.xlsx")).indicators.length).toBe(8);
  expect(files.find((f: { file: string }) => f.file.endsWith("bad.xlsx")).error).toContain("bad.xlsx");
});

test(".xlsm: read, filled, its macros kept byte for byte", async () => {
  const xlsx = (await buildFixture("management-rate", "errors")).buffer;
  const vba = new Uint8Array(2048).map((_, i) => (i * 7) & 0xff);
  const xlsm = await withMacros(new Uint8Array(xlsx), vba);
  const p = put("マクロ.xlsm", xlsm);
  const out = path.join(dir, "マクロ-out.xlsm");
  const r = await run("fill", p, "-o", out);
  expect(r.code).toBe(0);
  const entries = readZip(new Uint8Array(fs.readFileSync(out)));
  const kept = entries.find((e) => e.name === "xl/vbaProject.bin");
  expect(kept).toBeDefined();
  const before = readZip(new Uint8Array(fs.readFileSync(p))).find((e) => e.name === "xl/vbaProject.bin")!;
  expect(Buffer.from(inflateEntry(kept!)).equals(Buffer.from(inflateEntry(before)))).toBe(true);
  expect(Buffer.from(inflateEntry(kept!)).equals(Buffer.from(vba))).toBe(true);
  const check = await run("check", out, "--json");
  const marks = JSON.parse(check.out).files[0].issues.filter((i: { rule: string }) => i.rule === "trend-mark-mismatch");
  expect(marks).toEqual([]);
});
