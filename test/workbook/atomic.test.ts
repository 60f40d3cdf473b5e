/**
 * Atomic writes (issue 6): a write killed half-way leaves the original file intact.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { transformSync } from "@swc/core";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { readWorkbookFile, writeFileAtomic } from "../../src/workbook/xlsx/files";
import { richWorkbook } from "./fixtures";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-atomic-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("writes the file and keeps its permissions", async () => {
  const target = path.join(dir, "out.xlsx");
  fs.writeFileSync(target, "old");
  fs.chmodSync(target, 0o640);
  const bytes = await richWorkbook();
  await writeFileAtomic(target, bytes);
  expect(Buffer.compare(fs.readFileSync(target), Buffer.from(bytes))).toBe(0);
  expect(fs.statSync(target).mode & 0o777).toBe(0o640);
  expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  // and what was written reads back
  const wb = await readWorkbookFile(target);
  expect((await wb.readSnapshot()).sheets[0].name).toBe("施策評価");
});

test("a failed write names the file and leaves no temporary file", async () => {
  const target = path.join(dir, "ない/フォルダ/out.xlsx");
  await expect(writeFileAtomic(target, new Uint8Array(10))).rejects.toMatchObject({ code: "file.writeFailed", file: target });
});

test("a writer killed mid-write (SIGKILL) leaves the original intact", async () => {
  // The child runs the real atomic.ts, compiled here with swc.
  const src = fs.readFileSync(path.join(__dirname, "../../src/workbook/xlsx/atomic.ts"), "utf8");
  const js = transformSync(src, { jsc: { parser: { syntax: "typescript" }, target: "es2020" }, module: { type: "commonjs" } }).code;
  fs.writeFileSync(path.join(dir, "atomic.js"), js);
  const target = path.join(dir, "計画.xlsx");
  const original = await richWorkbook();
  fs.writeFileSync(target, original);
  const child = path.join(dir, "child.js");
  fs.writeFileSync(
    child,
    `const { writeFileAtomic } = require(${JSON.stringify(path.join(dir, "atomic.js"))});
     const big = new Uint8Array(256 * 1024 * 1024).fill(0x41);
     process.stdout.write("start\\n");
     writeFileAtomic(${JSON.stringify(target)}, big).then(() => process.stdout.write("done\\n"));`,
  );
  const proc = spawn(process.execPath, [child], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  proc.stdout.on("data", (d) => (out += d));
  const sawTemp = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const tmp = fs.readdirSync(dir).find((n) => n.startsWith(".計画.xlsx.plansheet-") && n.endsWith(".tmp"));
      if (tmp) {
        const size = fs.statSync(path.join(dir, tmp)).size;
        if (size > 0) {
          clearInterval(timer);
          proc.kill("SIGKILL");
          resolve(size);
        }
      }
      if (out.includes("done")) {
        clearInterval(timer);
        reject(new Error("the write finished before it could be interrupted"));
      }
    }, 2);
  });
  await new Promise((r) => proc.on("exit", r));
  expect(proc.signalCode).toBe("SIGKILL");
  expect(out).not.toContain("done");
  expect(sawTemp).toBeGreaterThan(0);
  expect(sawTemp).toBeLessThan(256 * 1024 * 1024 + 1);
  // the original is intact and still opens
  expect(Buffer.compare(fs.readFileSync(target), Buffer.from(original))).toBe(0);
  const wb = XlsxWorkbook.fromBuffer(fs.readFileSync(target), target);
  expect((await wb.readSnapshot()).sheets.map((s) => s.name)).toEqual(["施策評価", "進捗状況", "隠し"]);
});
