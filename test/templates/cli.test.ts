/** `plansheet templates` and `plansheet insert` on real files in a temporary folder. */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { analyzeWorkbook, planFill } from "../../src/engine";
import { getCell, parseA1 } from "../../src/engine/model/grid";
import { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { existingWorkbookBytes } from "./helpers";

const EXAMPLES = path.join(__dirname, "../../templates/examples");

let dir: string;
let input: string;
let inputHash: string;

function sha(file: string) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function open(file: string) {
  const wb = XlsxWorkbook.fromBuffer(new Uint8Array(fs.readFileSync(file)), file);
  return { wb, snap: await wb.readSnapshot() };
}

function value(snap: Awaited<ReturnType<typeof open>>["snap"], sheet: string, a1: string) {
  const s = snap.sheets.find((x) => x.name === sheet);
  if (!s) return undefined;
  const { row, col } = parseA1(a1);
  return getCell(s, row, col);
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-templates-"));
  input = path.join(dir, "施策06.xlsx");
  fs.writeFileSync(input, await existingWorkbookBytes());
  inputHash = sha(input);
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("plansheet templates", () => {
  test("--json prints exactly [{id, title, kind}]", async () => {
    const r = await run("templates", "--json");
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out);
    expect(list).toHaveLength(7);
    expect(list[0]).toEqual({ id: "indicator-table", title: "まちづくり指標（指標の推移・達成率）", kind: "indicators" });
    for (const item of list) expect(Object.keys(item)).toEqual(["id", "title", "kind"]);
    expect(list.map((x: { kind: string }) => x.kind)).toEqual(["indicators", "programme", "progress", "indicators", "indicators", "projects", "sheet"]);
  });

  test("lists in Japanese by default, English with --lang en; custom templates with --templates", async () => {
    const ja = await run("templates", "--templates", EXAMPLES);
    expect(ja.code).toBe(0);
    expect(ja.out).toContain("テンプレート一覧（8 件）");
    expect(ja.out).toContain("  management-sheet  [シート全体]  施策・事務事業マネジメントシート（シート全体）");
    expect(ja.out).toContain("  kpi-rate-table  [指標表]  成果指標（達成率つき・庁内様式）");
    expect(ja.out).toContain(`定義ファイル: ${path.join(path.resolve(EXAMPLES), "kpi-rate-table.json")}`);
    const en = await run("templates", "--lang", "en");
    expect(en.out).toContain("  progress-list  [Progress table]  Plan progress table");
  });

  test("a broken custom file: the good ones still list, the bad one is named with its field (exit 2)", async () => {
    const custom = path.join(dir, "tpl");
    fs.mkdirSync(custom);
    fs.copyFileSync(path.join(EXAMPLES, "kpi-rate-table.json"), path.join(custom, "good.json"));
    const bad = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "kpi-rate-table.json"), "utf8"));
    bad.id = "bad-one";
    bad.layout.blocks[2].cells[6].list = [];
    fs.writeFileSync(path.join(custom, "bad.json"), JSON.stringify(bad));
    const r = await run("templates", "--json", "--templates", custom);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).map((x: { id: string }) => x.id)).toContain("kpi-rate-table");
    expect(JSON.parse(r.out).map((x: { id: string }) => x.id)).not.toContain("bad-one");
    expect(r.err).toContain(`${path.join(custom, "bad.json")}: テンプレート定義に誤りがあるため読み込みません。`);
    expect(r.err).toContain("  - layout.blocks[2].cells[6].list: 1 個以上必要です。");
  });

  test("--templates naming a missing folder", async () => {
    const r = await run("templates", "--templates", path.join(dir, "nope"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("テンプレートのフォルダが見つかりません");
  });

  test("./plansheet-templates is read when it exists", async () => {
    const cwd = process.cwd();
    fs.mkdirSync(path.join(dir, "plansheet-templates"));
    fs.copyFileSync(path.join(EXAMPLES, "kpi-rate-table.json"), path.join(dir, "plansheet-templates", "kpi.json"));
    process.chdir(dir);
    try {
      const r = await run("templates", "--json");
      expect(JSON.parse(r.out).map((x: { id: string }) => x.id)).toContain("kpi-rate-table");
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("plansheet insert", () => {
  test("inserts below existing content into OUT; IN is not written", async () => {
    const out = path.join(dir, "out.xlsx");
    const r = await run("insert", "indicator-table", input, "-o", out, "--at", "A7", "--param", "rows=3", "--param", "year=令和7");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${out} に「まちづくり指標（指標の推移・達成率）」を挿入しました（シート「施策06」 A7:I12、38 セル）。`);
    expect(sha(input)).toBe(inputHash);
    const { snap } = await open(out);
    expect(value(snap, "施策06", "A8")).toBe("まちづくり指標");
    expect(value(snap, "施策06", "D8")).toBe("実績値\n（令和5年度）");
    expect(value(snap, "施策06", "B3")).toBe("福祉太郎");
    expect(analyzeWorkbook(snap).sheets[0].tables).toMatchObject([{ kind: "indicators", sheet: "施策06", range: "A8:I8" }]);
  });

  test("the doors round trip: insert, type, `check --json` sees the table, `fill` writes mark and rate", async () => {
    const out = path.join(dir, "out.xlsx");
    expect((await run("insert", "indicator-table", input, "-o", out, "--at", "A7", "--param", "rows=2")).code).toBe(0);
    const { wb } = await open(out);
    await wb.applyEdits({
      cells: [
        ["A9", "地域福祉コーディネーターの新規相談件数（地域支援）"], ["B9", "件"], ["C9", "348\n令和3年度"], ["D9", 356], ["E9", 404], ["F9", "450\n令和8年度"],
        ["A10", "地域福祉コーディネーターの新規相談件数（個別支援）"], ["B10", "件"], ["C10", "429\n令和3年度"], ["D10", 431], ["E10", 421], ["F10", "470\n令和8年度"],
      ].map(([cell, v]) => ({ sheet: "施策06", cell: cell as string, value: v })),
    });
    const typed = path.join(dir, "typed.xlsx");
    fs.writeFileSync(typed, await wb.toBuffer());
    const check = await run("check", typed, "--json");
    const report = JSON.parse(check.out);
    expect(report.files[0].sheets[0].tables).toMatchObject([{ kind: "indicators", range: "A8:I10" }]);
    expect(report.files[0].issues.map((f: { rule: string; cell: string }) => [f.rule, f.cell])).toEqual(
      expect.arrayContaining([["required-empty", "G9"], ["required-empty", "G10"]]),
    );
    const filled = path.join(dir, "filled.xlsx");
    const fill = await run("fill", typed, "-o", filled);
    expect(fill.code).toBe(0);
    const { snap } = await open(filled);
    expect([value(snap, "施策06", "G9"), value(snap, "施策06", "H9"), value(snap, "施策06", "G10"), value(snap, "施策06", "H10")]).toEqual(["○", 0.898, "▼", 0.896]);
    expect(snap.sheets[0].numberFormats?.[8]?.[7]).toBe("0.0%");
  });

  test("the written file carries the layout: merges, formats, borders, fills, validation lists", async () => {
    // The user has set column D's width on the existing sheet.
    const own = new ExcelJS.Workbook();
    await own.xlsx.readFile(input);
    own.getWorksheet("施策06")!.getColumn("D").width = 18;
    await own.xlsx.writeFile(input);
    const out = path.join(dir, "out.xlsx");
    expect((await run("insert", "progress-list", input, "-o", out, "--at", "A7", "--param", "rows=3")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("施策06")!;
    // title A7:F7, header 基本施策 A9:A10, 項目 B9:C10, year E9:F9; 評価 E10; rows 11–13
    expect(ws.getCell("A7").value).toBe("第６期地域福祉計画進捗状況一覧表");
    expect(ws.getCell("A7").font?.bold).toBe(true);
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(["A7:F7", "A9:A10", "B9:C10", "E9:F9", "D2:F3"]));
    expect(ws.getCell("E9").value).toBe("令和6(2024)年度");
    expect(ws.getCell("E10").value).toBe("評価");
    const h = ws.getCell("A9");
    expect(h.alignment?.wrapText).toBe(true);
    expect(h.border?.top?.style).toBe("thin");
    expect((h.fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/D9E1F2$/i);
    // An existing sheet keeps the user's column widths: D stays 18 (the template's is 40), B stays unset.
    expect(ws.getColumn("D").width).toBe(18);
    expect(ws.getColumn("B").width).toBeUndefined();
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const evaluation = Object.entries(dv).find(([range]) => /E11/.test(range));
    expect(evaluation?.[1].type).toBe("list");
    expect(evaluation?.[1].formulae[0]).toBe('"☆,○,△,□,×,◎,－"');
    const other = path.join(dir, "ind.xlsx");
    expect((await run("insert", "indicator-table", input, "-o", other, "--at", "A7")).code).toBe(0);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(other);
    expect(wb2.getWorksheet("施策06")!.getCell("H9").numFmt).toBe("0.0%");
  });

  test("a template on a new sheet gets the template's column widths", async () => {
    const out = path.join(dir, "new.xlsx");
    expect((await run("insert", "progress-list", input, "-o", out, "--sheet", "進捗状況", "--param", "rows=3")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("進捗状況")!.getCell("A1").value).toBe("第６期地域福祉計画進捗状況一覧表");
    expect(wb.getWorksheet("進捗状況")!.getColumn("D").width).toBe(40);
    expect(wb.getWorksheet("施策06")!.getColumn("D").width).toBeUndefined();
  });

  test("refuses to overwrite non-empty cells: exit 1, the cells named, nothing written", async () => {
    const out = path.join(dir, "out.xlsx");
    const r = await run("insert", "indicator-table", input, "-o", out, "--sheet", "メモ");
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${input} シート「メモ」の次の 2 セルには既に内容があるため、何も書き込みませんでした: A1, A2`);
    expect(r.err).toContain("--force");
    expect(fs.existsSync(out)).toBe(false);
    expect(sha(input)).toBe(inputHash);
  });

  test("--force overwrites them", async () => {
    const out = path.join(dir, "out.xlsx");
    const r = await run("insert", "indicator-table", input, "-o", out, "--sheet", "メモ", "--force");
    expect(r.code).toBe(0);
    const { snap } = await open(out);
    expect(value(snap, "メモ", "A1")).toBe("２－２　施策全体の考察②（まちづくり指標の推移／考察）");
    expect(value(snap, "メモ", "A2")).toBe("まちづくり指標");
    expect(value(snap, "施策06", "B3")).toBe("福祉太郎");
    expect(sha(input)).toBe(inputHash);
  });

  test("a merged area in the way is refused even with --force", async () => {
    const out = path.join(dir, "out.xlsx");
    const r = await run("insert", "indicator-table", input, "-o", out, "--at", "A2", "--force");
    expect(r.code).toBe(1);
    expect(r.err).toContain("結合セル D2:F3 が挿入範囲にかかっているため、何も書き込みませんでした");
    expect(fs.existsSync(out)).toBe(false);
  });

  test("--sheet naming a new sheet creates it", async () => {
    const out = path.join(dir, "out.xlsx");
    const r = await run("insert", "progress-list", input, "-o", out, "--sheet", "進捗状況一覧", "--param", "rows=4");
    expect(r.code).toBe(0);
    const { snap } = await open(out);
    expect(snap.sheets.map((s) => s.name)).toEqual(["施策06", "メモ", "進捗状況一覧"]);
    expect(analyzeWorkbook(snap).sheets[2].tables[0].kind).toBe("progress");
    // sheet names match without regard to case, as in Excel: "MEMO" is the sheet "Memo"
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Memo").getCell("A1").value = "x";
    const latin = path.join(dir, "latin.xlsx");
    await wb.xlsx.writeFile(latin);
    const r2 = await run("insert", "indicator-table", latin, "-o", path.join(dir, "latin-out.xlsx"), "--sheet", "MEMO", "--at", "A3");
    expect(r2.code).toBe(0);
    expect((await open(path.join(dir, "latin-out.xlsx"))).snap.sheets.map((s) => s.name)).toEqual(["Memo"]);
  });

  test("a whole-sheet template goes on a new sheet named from the year; twice gets (2)", async () => {
    const out = path.join(dir, "out.xlsx");
    expect((await run("insert", "management-sheet", input, "-o", out, "--param", "year=R8")).code).toBe(0);
    const out2 = path.join(dir, "out2.xlsx");
    expect((await run("insert", "management-sheet", out, "-o", out2)).code).toBe(0);
    const { snap } = await open(out2);
    expect(snap.sheets.map((s) => s.name)).toEqual(["施策06", "メモ", "マネジメントシート令和8", "マネジメントシート令和7"]);
    expect(value(snap, "マネジメントシート令和8", "A1")).toBe("施策・事務事業マネジメントシート【令和8年度】");
    const out3 = path.join(dir, "out3.xlsx");
    expect((await run("insert", "management-sheet", out2, "-o", out3, "--param", "year=令和8")).code).toBe(0);
    expect((await open(out3)).snap.sheets.map((s) => s.name)).toContain("マネジメントシート令和8(2)");
  });

  test("--in-place writes IN; without -o or --in-place nothing happens", async () => {
    const none = await run("insert", "indicator-table", input, "--at", "A7");
    expect(none.code).toBe(2);
    expect(none.err).toContain("-o");
    const same = await run("insert", "indicator-table", input, "-o", input, "--at", "A7");
    expect(same.code).toBe(2);
    expect(same.err).toContain("--in-place");
    expect(sha(input)).toBe(inputHash);
    const r = await run("insert", "indicator-table", input, "--in-place", "--at", "A7");
    expect(r.code).toBe(0);
    expect(sha(input)).not.toBe(inputHash);
    expect(value((await open(input)).snap, "施策06", "A8")).toBe("まちづくり指標");
  });

  test("bad arguments: unknown template, parameter, position, option; unreadable input", async () => {
    const out = path.join(dir, "out.xlsx");
    const unknown = await run("insert", "no-such", input, "-o", out);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("テンプレート「no-such」はありません");
    const year = await run("insert", "indicator-table", input, "-o", out, "--param", "year=来年");
    expect(year.code).toBe(2);
    expect(year.err).toBe("年度（シートの年度）（year）: 「来年」は年度として読めません。令和7、R7、2025 のように指定してください。");
    const rows = await run("insert", "indicator-table", input, "-o", out, "--param", "rows=99");
    expect(rows.err).toBe("指標の数（rows）: 99 は範囲外です（1〜50）。");
    const key = await run("insert", "indicator-table", input, "-o", out, "--param", "colour=red");
    expect(key.err).toContain("パラメータ「colour」はこのテンプレートにありません。使えるもの: year, rows, heading");
    const syntax = await run("insert", "indicator-table", input, "-o", out, "--param", "rows");
    expect(syntax.err).toContain("キー=値");
    const at = await run("insert", "indicator-table", input, "-o", out, "--at", "7A");
    expect(at.code).toBe(2);
    expect(at.err).toContain("挿入位置「7A」はセル番地として読めません");
    const opt = await run("insert", "indicator-table", input, "-o", out, "--colour");
    expect(opt.err).toContain("不明なオプションです: --colour");
    const missing = await run("insert", "indicator-table", path.join(dir, "none.xlsx"), "-o", out);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("ファイルが見つかりません");
    fs.writeFileSync(path.join(dir, "a.csv"), "a,b\n1,2\n");
    const csv = await run("insert", "indicator-table", path.join(dir, "a.csv"), "-o", out);
    expect(csv.code).toBe(2);
    expect(csv.err).toContain("CSV");
    expect(fs.existsSync(out)).toBe(false);
    const unwritable = await run("insert", "indicator-table", input, "-o", path.join(dir, "no", "such", "dir", "out.xlsx"), "--at", "A7");
    expect(unwritable.code).toBe(2);
    expect(unwritable.err).toContain("書き込めません");
    expect(sha(input)).toBe(inputHash);
    const en = await run("--lang", "en", "insert", "indicator-table", input, "-o", out, "--sheet", "メモ");
    expect(en.err).toContain('sheet "メモ": these 2 cells already hold content, so nothing was written: A1, A2');
  });

  test("a custom template from --templates inserts and round-trips through check and fill", async () => {
    const out = path.join(dir, "out.xlsx");
    const r = await run("insert", "kpi-rate-table", input, "-o", out, "--templates", EXAMPLES, "--at", "A7", "--param", "rows=2", "--param", "section=福祉総務課");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const { wb, snap } = await open(out);
    expect(value(snap, "施策06", "A7")).toBe("成果指標の状況（令和7年度・福祉総務課）");
    // type two indicators (rows 9 and 10): name | unit | baseline | R5 | R6 | target
    await wb.applyEdits({
      cells: [
        ["A9", "地域福祉コーディネーターの新規相談件数（地域支援）"], ["B9", "件"], ["C9", "348（令和3年度）"], ["D9", 356], ["E9", 404], ["F9", "450（令和8年度）"],
        ["A10", "ひだまりサロン等の交流の場の数"], ["B10", "箇所"], ["C10", "20（令和3年度）"], ["D10", 24], ["E10", 24], ["F10", "30（令和8年度）"],
      ].map(([cell, v]) => ({ sheet: "施策06", cell: cell as string, value: v })),
    });
    const typed = await wb.readSnapshot();
    const plan = planFill(typed);
    expect(plan.changes.map((c) => [c.cell, c.after])).toEqual([
      ["G9", "○"],
      ["H9", 0.898],
      ["G10", "⇒"],
      ["H10", 0.8],
    ]);
  });
});
