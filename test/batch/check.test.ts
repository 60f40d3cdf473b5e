/**
 * `plansheet check DIR` over a folder of good, bad and broken workbooks, through the real worker
 * path (the compiled check in dist/), in all three output formats.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import { ensureBuilt } from "./build";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/commands/check";
import { checkPaths, workerScript } from "../../src/cli/batch";
import type { CommandContext } from "../../src/cli/main";
import { addIndicatorSheet, addProgressSheet, expectedMark, makeIndicatorRows, makeProgressItems, rng, type IndicatorRow } from "../../scripts/bench-workbooks";

const root = path.join(__dirname, "..", "..");
const unit = { module: path.join(root, "src/cli/check-file.ts"), exportName: "checkFile" };

function ctx() {
  const out: string[] = [];
  const err: string[] = [];
  const c: CommandContext = { locale: "ja", stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: false };
  return { c, out, err };
}

const XSS = "<script>alert(1)</script>";
let dir: string;
let badRows: IndicatorRow[];
const wrong = new Set([1, 4]);

beforeAll(async () => {
  ensureBuilt();
  expect(workerScript()).not.toBeNull();
  expect(fs.existsSync(path.join(root, "dist/src/cli/check-file.js"))).toBe(true);

  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-check-"));
  fs.mkdirSync(path.join(dir, "健康福祉部"));
  const rand = rng(7);
  // good: marks as the legend says
  const good = new ExcelJS.Workbook();
  addIndicatorSheet(good, "施策06", { year: 2024, rows: makeIndicatorRows(rand, 6, 2024) });
  addProgressSheet(good, "進捗状況一覧表", 2024, makeProgressItems(rand, 3).map((i) => ({ ...i, evaluation: "○" })));
  await good.xlsx.writeFile(path.join(dir, "01_good.xlsx"));
  // bad: two wrong trend marks (rows 8 and 11), and workbook text that must be escaped in the report
  badRows = makeIndicatorRows(rand, 6, 2024).filter((r) => r.current !== null);
  badRows[2] = { ...badRows[2], name: XSS };
  const bad = new ExcelJS.Workbook();
  addIndicatorSheet(bad, "施策07", { year: 2024, rows: badRows, wrongMarks: wrong });
  await bad.xlsx.writeFile(path.join(dir, "健康福祉部", "02_bad.xlsx"));
  // broken: a truncated copy; a lock file and a hidden file that must be skipped
  fs.writeFileSync(path.join(dir, "03_broken.xlsx"), fs.readFileSync(path.join(dir, "01_good.xlsx")).subarray(0, 300));
  fs.writeFileSync(path.join(dir, "~$01_good.xlsx"), Buffer.alloc(165));
  fs.writeFileSync(path.join(dir, ".~hidden.xlsx"), "x");
  fs.writeFileSync(path.join(dir, "memo.txt"), "not a workbook");
}, 180000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("check over a folder", () => {
  test("worker threads give the same results as the in-process check", async () => {
    const options = { locale: "ja" as const, settings: {} };
    const inWorkers = await checkPaths([dir], { unit, unitOptions: options, workers: "always", jobs: 2 });
    const inProcess = await checkPaths([dir], { unit, unitOptions: options, workers: "never" });
    expect(inWorkers.workers).toBe(2);
    expect(inWorkers.files.map((f) => path.basename(f.file))).toEqual(["01_good.xlsx", "03_broken.xlsx", "02_bad.xlsx"]);
    expect(inWorkers.files).toEqual(inProcess.files);
  });

  test("--json: every file with its result, the broken one with its error; exit 1", async () => {
    const { c, out } = ctx();
    expect(await run([dir, "--json"], c)).toBe(1);
    const json = JSON.parse(out.join("\n"));
    const byName = Object.fromEntries(json.files.map((f: { file: string }) => [path.basename(f.file), f]));
    expect(Object.keys(byName).sort()).toEqual(["01_good.xlsx", "02_bad.xlsx", "03_broken.xlsx"]);
    expect(byName["01_good.xlsx"].error).toBeNull();
    expect(byName["01_good.xlsx"].issues.filter((i: { severity: string }) => i.severity === "error")).toEqual([]);
    expect(byName["03_broken.xlsx"].error).toContain("03_broken.xlsx");
    expect(byName["03_broken.xlsx"].indicators).toEqual([]);
    const bad = byName["02_bad.xlsx"];
    const mismatches = bad.issues.filter((i: { rule: string }) => i.rule === "trend-mark-mismatch");
    // wrong marks planted in rows 7+1 and 7+4, column G (指標の推移)
    expect(mismatches.map((i: { cell: string; expected: string }) => [i.cell, i.expected])).toEqual(
      [...wrong].map((k) => [`G${7 + k}`, expectedMark(badRows[k])]),
    );
    expect(bad.indicators.map((i: { trendMark: string }) => i.trendMark)).toEqual(badRows.map(expectedMark));
    // exactly the documented keys
    expect(Object.keys(bad)).toEqual(["file", "error", "sheets", "indicators", "issues"]);
    expect(Object.keys(bad.indicators[0])).toEqual(["sheet", "row", "name", "unit", "direction", "baseline", "previous", "current", "target", "trendMark", "achievementRate", "markCell", "rateCell", "gradeCell", "grade", "series", "uncertain"]);
  });

  test("--report HTML: totals, charts, every finding with its cell, workbook text escaped", async () => {
    const html = path.join(dir, "report.html");
    const { c, out } = ctx();
    expect(await run([dir, "--report", html], c)).toBe(1);
    expect(out.join("\n")).toContain(`レポートを ${html} に書き出しました。`);
    const page = fs.readFileSync(html, "utf8");
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const brokenAt = page.indexOf("03_broken.xlsx</h2>");
    expect(brokenAt).toBeGreaterThan(0);
    expect(page.slice(brokenAt, page.indexOf("</section>", brokenAt))).toContain('class="error-box"');
    for (const k of wrong) expect(page).toMatch(new RegExp(`<td>G${7 + k}</td><td class="sev-error">エラー</td>`));
    expect(page).toContain('id="chart-trend"');
    expect(page).toContain('id="chart-evaluation"');
    // the evaluation chart counts the good workbook's three ○
    expect(page).toMatch(/☆ 0、○ 3、△ 0/);
    // by severity: 2 mismatches + the broken file at least
    const sev = page.slice(page.indexOf('id="by-severity"'), page.indexOf("</table>", page.indexOf('id="by-severity"')));
    const errors = Number(/エラー<\/td><td class="num">(\d+)/.exec(sev)![1]);
    expect(errors).toBeGreaterThanOrEqual(3);
  });

  test("--report CSV: BOM, one row per finding and for the broken file", async () => {
    const csv = path.join(dir, "report.csv");
    const { c } = ctx();
    expect(await run([dir, "--report", csv], c)).toBe(1);
    const text = fs.readFileSync(csv, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("ファイル,シート,セル,重大度,ID,ルール,内容,照合値,記入値");
    expect(lines.filter((l) => l.includes(",trend-mark-mismatch,"))).toHaveLength(2);
    expect(lines.filter((l) => l.includes("03_broken.xlsx") && l.includes(",file-error,"))).toHaveLength(1);
  });

  test("a report that cannot be written: a message naming it, exit 2", async () => {
    const { c, err } = ctx();
    const target = path.join(dir, "no-such-folder", "report.html");
    expect(await run([path.join(dir, "01_good.xlsx"), "--report", target], c)).toBe(2);
    expect(err.join("\n")).toContain(`${target}: 書き込めません`);
  });

  test("exit 2 only when nothing could be read; 0 when no errors", async () => {
    const broken = path.join(dir, "03_broken.xlsx");
    const a = ctx();
    expect(await run([broken, path.join(dir, "missing.xlsx"), "--json"], a.c)).toBe(2);
    expect(JSON.parse(a.out.join("\n")).files.map((f: { error: string }) => !!f.error)).toEqual([true, true]);
    expect(await run([path.join(dir, "01_good.xlsx"), "--json"], ctx().c)).toBe(0);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-empty-"));
    const e = ctx();
    expect(await run([empty], e.c)).toBe(2);
    expect(e.err.join("\n")).toContain(".xlsx ファイルが見つかりません");
    fs.rmSync(empty, { recursive: true });
  });
});
