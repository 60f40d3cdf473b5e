/**
 * The `plansheet` command line end to end (in process, through main()): check --json shape and
 * exit codes, fill writing only the mark and rate cells, never the input.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { buildFixture } from "../fixtures/workbooks";
import { toA1 } from "../../src/engine/model/grid";

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-cli-"));
  for (const [layout, variant] of [
    ["management-rate", "clean"],
    ["management-rate", "errors"],
    ["progress", "errors"],
  ] as const) {
    const b = await buildFixture(layout, variant);
    fs.writeFileSync(path.join(dir, `${layout}-${variant}.xlsx`), b.buffer);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { stdout: (s) => (out += s + "\n"), stderr: (s) => (err += s + "\n"), isTTY: false });
  return { code, out, err };
}

describe("plansheet check", () => {
  test("--json keeps a cell text with a line or paragraph separator (U+2028/U+2029) as written", async () => {
    const wb = XlsxWorkbook.fromBuffer(fs.readFileSync(path.join(dir, "management-rate-errors.xlsx")), "sep.xlsx");
    const snap = await wb.readSnapshot();
    const sheet = snap.sheets[0].name;
    const col = snap.sheets[0].values[16].findIndex((v) => typeof v === "string" && v.startsWith("地域福祉コーディネーター"));
    expect(col).toBeGreaterThanOrEqual(0);
    const name = "相談件数\u2028（地域支援）\u2029再掲";
    await wb.applyEdits({ cells: [{ sheet, cell: toA1(16, col), value: name }] });
    const file = path.join(dir, "sep.xlsx");
    fs.writeFileSync(file, await wb.toBuffer());
    try {
      const r = await run("check", file, "--json");
      const j = JSON.parse(r.out);
      const ind = j.files[0].indicators.find((i: { row: number }) => i.row === 17);
      expect(ind.name).toBe(name);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test("--json gives exactly the documented shape", async () => {
    const r = await run("check", path.join(dir, "management-rate-errors.xlsx"), "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(["files"]);
    const f = j.files[0];
    expect(Object.keys(f)).toEqual(["file", "error", "sheets", "indicators", "issues"]);
    expect(f.error).toBeNull();
    expect(f.sheets[0].tables[0]).toMatchObject({ kind: "indicators", range: "A15:I24", shape: "row", currentYear: 2024 });
    expect(Object.keys(f.sheets[0].tables[0])).toEqual(["kind", "range", "shape", "columns", "currentYear", "uncertain"]);
    expect(f.sheets[0].tables[0].columns.find((c: { column: string }) => c.column === "E")).toEqual({ column: "E", role: "actual", year: 2024, header: "実績値 / （令和6年度）" });
    const first = f.indicators[0];
    expect(Object.keys(first)).toEqual([
      "sheet", "row", "name", "unit", "direction", "baseline", "previous", "current", "target", "trendMark", "achievementRate",
      "markCell", "rateCell", "gradeCell", "grade", "series", "uncertain",
    ]);
    expect(first).toMatchObject({
      row: 17,
      unit: "件",
      direction: "increase",
      baseline: { value: 348, year: 2021 },
      previous: { value: 356, year: 2023 },
      current: { value: 404, year: 2024 },
      target: { value: 450, year: 2026, qualitative: null },
      trendMark: "○",
      achievementRate: 0.898,
    });
    const issue = f.issues.find((i: { rule: string }) => i.rule === "trend-mark-mismatch");
    expect(Object.keys(issue)).toEqual(["rule", "severity", "sheet", "cell", "message", "expected", "actual"]);
    expect(issue).toMatchObject({ severity: "error", cell: "G18", expected: "▼", actual: "○" });
  });

  test("exit 0 on a clean workbook, 2 when nothing can be read, English with --lang en", async () => {
    expect((await run("check", path.join(dir, "management-rate-clean.xlsx"))).code).toBe(0);
    const missing = await run("check", path.join(dir, "nope.xlsx"), "--json");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.out).files[0].error).toContain("ファイルが見つかりません");
    const en = await run("check", path.join(dir, "nope.xlsx"), "--lang", "en");
    expect(en.out).toContain("file not found");
    expect(en.out).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  test("a folder: every workbook, a bad one does not stop the others", async () => {
    fs.writeFileSync(path.join(dir, "broken.xlsx"), "not a workbook");
    fs.writeFileSync(path.join(dir, "~$lock.xlsx"), "lock file");
    try {
      const r = await run("check", dir, "--json");
      const files = JSON.parse(r.out).files as { file: string; error: string | null }[];
      expect(files.map((f) => path.basename(f.file)).sort()).toEqual(
        ["broken.xlsx", "management-rate-clean.xlsx", "management-rate-errors.xlsx", "progress-errors.xlsx"].sort(),
      );
      expect(files.find((f) => f.file.endsWith("broken.xlsx"))!.error).toContain("broken.xlsx");
      expect(r.code).toBe(1);
    } finally {
      fs.rmSync(path.join(dir, "broken.xlsx"));
      fs.rmSync(path.join(dir, "~$lock.xlsx"));
    }
  });

  test("--pace with custom bands grades against the expected value; a bad band is refused", async () => {
    const r = await run("check", path.join(dir, "management-rate-clean.xlsx"), "--json", "--pace-bands", "A=1,B=0.95,C");
    const grades = JSON.parse(r.out).files[0].issues.filter((i: { rule: string }) => i.rule === "pace-grade");
    // 404 against 348 + (450 − 348) × 3/5 = 409.2 → 98.7% → B (≥ 95%)
    expect(grades.find((g: { cell: string }) => g.cell === "E17")).toMatchObject({ severity: "info", expected: "B", actual: 0.987 });
    const bad = await run("check", path.join(dir, "management-rate-clean.xlsx"), "--pace-bands", "A=x");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--pace-bands");
  });

  test("bad arguments exit 2 with a message", async () => {
    const r = await run("check", "--frobnicate", path.join(dir, "management-rate-clean.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("--frobnicate");
    expect((await run("nosuchcommand")).code).toBe(2);
  });
});

describe("plansheet fill", () => {
  test("writes marks and rates into OUT, changes no other cell, never touches IN", async () => {
    const input = path.join(dir, "management-rate-errors.xlsx");
    const out = path.join(dir, "out.xlsx");
    const before = fs.readFileSync(input);
    const r = await run("fill", input, "-o", out);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const a = await XlsxWorkbook.fromBuffer(before, "in").readSnapshot();
    const b = await XlsxWorkbook.fromBuffer(fs.readFileSync(out), "out").readSnapshot();
    const changed: string[] = [];
    for (let si = 0; si < a.sheets.length; si++) {
      const sa = a.sheets[si];
      const sb = b.sheets[si];
      expect(sb.merges).toEqual(sa.merges);
      for (let r0 = 0; r0 < Math.max(sa.rowCount, sb.rowCount); r0++)
        for (let c = 0; c < Math.max(sa.colCount, sb.colCount); c++) {
          const va = sa.values[r0]?.[c] ?? null;
          const vb = sb.values[r0]?.[c] ?? null;
          if (JSON.stringify(va) !== JSON.stringify(vb)) changed.push(`${toA1(r0, c)}=${JSON.stringify(vb)}`);
        }
    }
    // 〇→○, ○→▼, 100%→104.9%, empty rate→75.0%, empty mark→－ ; the #VALUE! formula cell H17 is left alone
    expect(changed.sort()).toEqual(["G17=\"○\"", "G18=\"▼\"", "G21=\"－\"", "H19=1.049", "H20=0.75"].sort());
    expect(r.out).toContain("H17");
    const fmt = b.sheets[0].numberFormats?.[18]?.[7];
    expect(fmt).toBe("0.0%");
  });

  test("refuses to run without -o, and -o equal to IN without --in-place", async () => {
    const input = path.join(dir, "management-rate-clean.xlsx");
    expect((await run("fill", input)).code).toBe(2);
    const same = await run("fill", input, "-o", input);
    expect(same.code).toBe(2);
    expect(same.err).toContain("--in-place");
  });

  test("--in-place rewrites IN atomically; a second fill changes nothing", async () => {
    const input = path.join(dir, "copy.xlsx");
    fs.copyFileSync(path.join(dir, "management-rate-errors.xlsx"), input);
    expect((await run("fill", input, "--in-place")).code).toBe(0);
    const again = await run("fill", input, "--in-place", "--json");
    expect(JSON.parse(again.out).changes).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });
});
