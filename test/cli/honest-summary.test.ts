/**
 * The command line never sums up what it did not do: an unreadable file is not "0 errors", a sheet
 * without tables is not "no problems", and `fill --dry-run` says that nothing was written.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { buildFixture } from "../fixtures/workbooks";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import ExcelJS from "exceljs";

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-honest-"));
  fs.writeFileSync(path.join(dir, "errors.xlsx"), (await buildFixture("management-rate", "errors")).buffer);
  fs.writeFileSync(path.join(dir, "memo.xlsx"), "これはメモです。\n");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("メモ").getCell("A1").value = "表のないシート";
  fs.writeFileSync(path.join(dir, "notable.xlsx"), Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { stdout: (s) => (out += s + "\n"), stderr: (s) => (err += s + "\n"), isTTY: false });
  return { code, out, err };
}

test("an unreadable file alone: the summary says it was not checked, never 「エラー 0 件」", async () => {
  const ja = await run("check", path.join(dir, "memo.xlsx"));
  expect(ja.code).toBe(2);
  expect(ja.out).not.toContain("エラー 0 件");
  expect(ja.out).toContain("1 ファイル: 読み込めないファイルが 1 件あり、チェックしていません。");
  const en = await run("check", path.join(dir, "memo.xlsx"), "--lang", "en");
  expect(en.out).toContain("1 files: 1 could not be read and were not checked.");
  expect(en.out).not.toContain("0 errors");
});

test("an unreadable file among readable ones: counted apart in the summary", async () => {
  const r = await run("check", path.join(dir, "memo.xlsx"), path.join(dir, "errors.xlsx"));
  expect(r.out).toMatch(/2 ファイル（うち 1 件は読み込めず、チェックしていません）: エラー [1-9]\d* 件/);
});

test("a workbook without tables: 「表が見つかりません」, not 「問題は見つかりませんでした」", async () => {
  const r = await run("check", path.join(dir, "notable.xlsx"));
  expect(r.out).toContain("（表が見つかりません）");
  expect(r.out).not.toContain("問題は見つかりませんでした");
});

test("fill --dry-run lists the changes and says nothing was written; the file is unchanged", async () => {
  const input = path.join(dir, "errors.xlsx");
  const before = fs.readFileSync(input);
  const ja = await run("fill", input, "--dry-run");
  expect(ja.code).toBe(0);
  expect(ja.out).toMatch(/--dry-run のため、何も書き込んでいません（書き換え予定 [1-9]\d* セル）。/);
  const en = await run("fill", input, "--dry-run", "--lang", "en");
  expect(en.out).toMatch(/--dry-run: nothing was written \([1-9]\d* cells would change\)\./);
  expect(fs.readFileSync(input).equals(before)).toBe(true);
  // (still a workbook the reader opens)
  await XlsxWorkbook.fromBuffer(new Uint8Array(before), "errors.xlsx").readSnapshot();
});
