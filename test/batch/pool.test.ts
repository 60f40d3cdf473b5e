import * as fs from "fs";
import { ensureBuilt } from "./build";
import * as os from "os";
import * as path from "path";
import { AUTO_WORKERS_MIN_FILES, checkPaths, ProgressBar, workerScript } from "../../src/cli/batch";

const root = path.join(__dirname, "..", "..");
const unit = { module: path.join(__dirname, "fixtures", "unit.js"), exportName: "checkFile" };

beforeAll(() => {
  // The worker threads run the compiled JavaScript: build it like `npm run build:cli` does.
  ensureBuilt();
  expect(workerScript()).toBe(path.join(root, "dist/src/cli/batch/worker.js"));
}, 180000);

describe("checkPaths", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-pool-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

  test("checks every file on two worker threads and returns results in file order", async () => {
    for (let i = 0; i < 12; i++) write(`f${String(i).padStart(2, "0")}.xlsx`, `SLOW ${i}`);
    const order: number[] = [];
    const r = await checkPaths([dir], { unit, unitOptions: { tag: "t" }, jobs: 2, workers: "always", onResult: (_r, i) => order.push(i) });
    expect(r.workers).toBe(2);
    expect(r.files.map((f) => f.issues[0].message)).toEqual(Array.from({ length: 12 }, (_, i) => `t:SLOW ${i}`));
    expect(r.files.every((f) => f.issues[0].actual === "worker")).toBe(true);
    const threads = new Set(r.files.map((f) => f.issues[0].expected));
    expect(threads.size).toBe(2);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  test("keeps going past a file that throws and past a worker that dies", async () => {
    write("a.xlsx", "ok a");
    write("b.xlsx", "THROW");
    write("c.xlsx", "CRASH");
    write("d.xlsx", "ok d");
    write("e.xlsx", "ok e");
    const r = await checkPaths([dir, path.join(dir, "missing.xlsx")], { unit, unitOptions: { tag: "t" }, jobs: 2, workers: "always", locale: "ja" });
    const byName = Object.fromEntries(r.files.map((f) => [path.basename(f.file), f]));
    expect(byName["a.xlsx"].error).toBeNull();
    expect(byName["b.xlsx"].error).toContain("bad content");
    expect(byName["b.xlsx"].error).toContain("b.xlsx");
    expect(byName["c.xlsx"].error).toContain("exit code 3");
    expect(byName["c.xlsx"].error).toContain("異常終了");
    expect(byName["d.xlsx"].issues[0].message).toBe("t:ok d");
    expect(byName["e.xlsx"].issues[0].message).toBe("t:ok e");
    expect(byName["missing.xlsx"].error).toContain("ENOENT");
    expect(r.files).toHaveLength(6);
  });

  test("in-process when asked (same results, main thread)", async () => {
    write("a.xlsx", "one");
    write("b.xlsx", "THROW");
    const r = await checkPaths([dir], { unit, unitOptions: { tag: "p" }, workers: "never" });
    expect(r.workers).toBe(0);
    expect(r.files[0].issues[0]).toMatchObject({ message: "p:one", actual: "main" });
    expect(r.files[1].error).toContain("bad content");
  });

  test("a module that cannot load fails every file with the reason instead of hanging", async () => {
    write("a.xlsx", "one");
    write("b.xlsx", "two");
    write("c.xlsx", "three");
    const r = await checkPaths([dir], { unit: { module: unit.module, exportName: "nope" }, unitOptions: {}, jobs: 2, workers: "always" });
    expect(r.files).toHaveLength(3);
    for (const f of r.files) expect(f.error).toContain("does not export nope");
  });

  test("auto: small batches in-process, larger ones on worker threads", async () => {
    for (let i = 0; i < AUTO_WORKERS_MIN_FILES; i++) write(`f${String(i).padStart(2, "0")}.xlsx`, `n${i}`);
    const few = await checkPaths([path.join(dir, "f00.xlsx"), path.join(dir, "f01.xlsx")], { unit, unitOptions: { tag: "a" }, jobs: 2 });
    expect(few.workers).toBe(0);
    expect(few.files.map((f) => f.issues[0].actual)).toEqual(["main", "main"]);
    const many = await checkPaths([dir], { unit, unitOptions: { tag: "a" }, jobs: 2 });
    expect(many.workers).toBe(2);
    expect(many.files.every((f) => f.issues[0].actual === "worker")).toBe(true);
  });

  test("draws a progress bar and clears it at the end", async () => {
    for (let i = 0; i < 4; i++) write(`f${i}.xlsx`, `x${i}`);
    let out = "";
    const r = await checkPaths([dir], { unit, unitOptions: { tag: "t" }, jobs: 2, workers: "always", progress: { write: (s: string) => (out += s), columns: 80 } });
    expect(r.files).toHaveLength(4);
    expect(out).toContain("チェック中 4/4");
    expect(out).toContain("100%");
    expect(out.endsWith("\r\x1b[K")).toBe(true);
  });

  test("progress bar fits the terminal width with wide characters", () => {
    let out = "";
    const bar = new ProgressBar({ write: (s: string) => (out = s), columns: 40 }, 10, (d, n) => `チェック中 ${d}/${n}`, 0);
    bar.update(10, "/x/とても長い日本語のファイル名のブック_令和7年度_地域福祉計画.xlsx");
    const visible = out.replace(/^\r/, "").replace(/\x1b\[K$/, "");
    const width = [...visible].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    expect(width).toBeLessThanOrEqual(39);
    expect(visible).toContain("[██████████] 100%");
  });
});
