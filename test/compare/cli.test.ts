import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/commands/compare";
import type { CommandContext } from "../../src/cli/main";
import { addIndicatorSheet, addProgressSheet, type IndicatorRow, type ProgressItemSpec } from "../../scripts/bench-workbooks";

function ctx(locale: "ja" | "en" = "ja") {
  const out: string[] = [];
  const err: string[] = [];
  const c: CommandContext = { locale, stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: false };
  return { c, out, err };
}

const lastRows: IndicatorRow[] = [
  { name: "地域福祉コーディネーターの新規相談件数（地域支援）", unit: "件", baseline: 348, baselineYear: 2021, previous: 330, current: 356, target: 450, targetYear: 2026, decrease: false },
  { name: "地域福祉コーディネーターの新規相談件数（個別支援）", unit: "件", baseline: 429, baselineYear: 2021, previous: 420, current: 433, target: 470, targetYear: 2026, decrease: false },
  { name: "ボランティア登録者数", unit: "人", baseline: 1200, baselineYear: 2021, previous: 1180, current: 1250, target: 1300, targetYear: 2026, decrease: false },
];
// This year: row 2's 前年度 is 431 (last year 433); row 3's target is 1,400 (was 1,300).
const thisRows: IndicatorRow[] = [
  { ...lastRows[0], previous: 356, current: 404 },
  { ...lastRows[1], previous: 431, current: 421 },
  { ...lastRows[2], previous: 1250, current: 1310, target: 1400 },
];
const lastItems: ProgressItemSpec[] = [
  { policy: "1 市民の主体的な地域福祉活動の促進", number: "(1)", name: "地域社協（福祉の会）をはじめとする地域福祉団体への活動支援の充実", evaluation: "○", figures: [{ label: "出席件数", value: 634, previous: 600, unit: "件" }, { label: "相談件数", value: 519, previous: 480, unit: "件" }] },
  { policy: "1 市民の主体的な地域福祉活動の促進", number: "(2)", name: "シニア支え合いポイント制度の推進", evaluation: "○", figures: [{ label: "新規登録者数", value: 73, previous: 70, unit: "人" }] },
];
// This year: 出席件数 (前年度 643) does not match last year's 634.
const thisItems: ProgressItemSpec[] = [
  { ...lastItems[0], figures: [{ label: "出席件数", value: 506, previous: 643, unit: "件" }, { label: "相談件数", value: 364, previous: 519, unit: "件" }] },
  { ...lastItems[1], figures: [{ label: "新規登録者数", value: 68, previous: 73, unit: "人" }] },
];

async function write(file: string, year: number, rows: IndicatorRow[], items: ProgressItemSpec[]) {
  const wb = new ExcelJS.Workbook();
  addIndicatorSheet(wb, "施策マネジメントシート", { year, rows });
  addProgressSheet(wb, "進捗状況一覧表", year, items);
  await wb.xlsx.writeFile(file);
}

describe("plansheet compare", () => {
  let dir: string;
  let last: string;
  let current: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-compare-"));
    last = path.join(dir, "令和6年度.xlsx");
    current = path.join(dir, "令和7年度.xlsx");
    await write(last, 2023, lastRows, lastItems);
    await write(current, 2024, thisRows, thisItems);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("--json: the planted mismatches in both kinds of table, on this year's cells; exit 1", async () => {
    const { c, out } = ctx();
    const code = await run([last, current, "--json"], c);
    expect(code).toBe(1);
    const json = JSON.parse(out.join("\n"));
    expect(Object.keys(json)).toEqual(["files"]);
    expect(json.files).toHaveLength(1);
    const f = json.files[0];
    expect(Object.keys(f)).toEqual(["file", "error", "sheets", "indicators", "issues"]);
    expect(f.file).toBe(current);
    expect(f.error).toBeNull();
    const issues = f.issues.map((i: { rule: string; sheet: string; cell: string; expected: unknown; actual: unknown }) => [i.rule, i.sheet, i.cell, i.expected, i.actual]);
    // Indicator rows start at 7: row 8 is 個別支援, D = 前年度 column, F = 目標値; 説明 is column E of the progress table
    expect(issues).toEqual([
      ["previous-mismatch", "施策マネジメントシート", "D8", 433, 431],
      ["target-changed", "施策マネジメントシート", "F9", 1300, 1400],
      ["progress-figure-mismatch", "進捗状況一覧表", "E5", 634, 643],
    ]);
    expect(Object.keys(f.issues[0])).toEqual(["rule", "severity", "sheet", "cell", "message", "expected", "actual"]);
  });

  test("readable output and an HTML and a CSV report", async () => {
    const html = path.join(dir, "比較.html");
    const csv = path.join(dir, "比較.csv");
    const { c, out } = ctx();
    expect(await run([last, current, "--report", html], c)).toBe(1);
    expect(out.join("\n")).toContain("施策マネジメントシート!D8 (previous-mismatch)");
    expect(out.join("\n")).toContain("指標 3 件、進捗項目 2 件を照合しました。");
    const page = fs.readFileSync(html, "utf8");
    expect(page).toContain("PlanSheet 前年度比較レポート（令和6年度.xlsx → 令和7年度.xlsx）");
    expect(page).toMatch(/<td>D8<\/td><td class="sev-error">エラー<\/td>/);
    expect(page).toMatch(/<td>E5<\/td><td class="sev-error">エラー<\/td>/);
    expect(await run([last, current, "--report", csv], ctx().c)).toBe(1);
    const text = fs.readFileSync(csv, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1 + 3);
    expect(text).toContain(",D8,エラー,previous-mismatch,");
  });

  test("unreadable input and wrong arguments exit 2 with a message", async () => {
    const broken = path.join(dir, "broken.xlsx");
    fs.writeFileSync(broken, fs.readFileSync(current).subarray(0, 200));
    const a = ctx();
    expect(await run([last, broken], a.c)).toBe(2);
    expect(a.err.join("\n")).toContain("broken.xlsx");
    const b = ctx();
    expect(await run([last], b.c)).toBe(2);
    expect(b.err.join("\n")).toContain("前年度と今年度の2つのファイル");
    expect(await run([last, current, "--report", path.join(dir, "x.pdf")], ctx().c)).toBe(2);
    expect(await run([last, current, "--bogus"], ctx().c)).toBe(2);
  });

  test("files given the wrong way round: refused with a message (exit 2), nothing printed", async () => {
    const { c, out, err } = ctx();
    expect(await run([current, last, "--json"], c)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join("\n")).toContain("前年度のファイルを先に");
    expect(err.join("\n")).toContain("令和6年度の実績");
  });
});
