/** The template schema, the built-in catalogue, custom definitions and parameters. */
import * as fs from "fs";
import * as path from "path";
import {
  BUILTIN_TEMPLATES,
  builtinTemplates,
  buildCatalogue,
  defaultParams,
  EVALUATION_LEGEND,
  fiscalYearText,
  parseFiscalYear,
  parseTemplate,
  parseTemplateText,
  renderTemplate,
  resolveParams,
  substitute,
  TemplateDefinition,
  TREND_LEGEND,
  type TemplateDefinitionInput,
} from "../../src/engine/templates";

const EXAMPLE = path.join(__dirname, "../../templates/examples/kpi-rate-table.json");

describe("built-in catalogue", () => {
  test("has the seven templates, each passing the schema, as JSON data", () => {
    const defs = builtinTemplates();
    expect(defs.map((d) => [d.id, d.kind])).toEqual([
      ["indicator-table", "indicators"],
      ["programme-results", "programme"],
      ["progress-list", "progress"],
      ["evaluation-indicators", "indicators"],
      ["programme-plan", "indicators"],
      ["jusoteki-projects", "projects"],
      ["management-sheet", "sheet"],
    ]);
    for (const d of BUILTIN_TEMPLATES) {
      // JSON-compatible: the JSON text of the definition passes the schema as it is
      const again = JSON.parse(JSON.stringify(d));
      const r = TemplateDefinition.safeParse(again);
      expect(r.success).toBe(true);
      expect(d.title.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(d.title.en).toBeTruthy();
    }
  });

  test("every closed vocabulary carries a data-validation list over all its rows", () => {
    const lists = (id: string, params: Record<string, string> = {}) => {
      const d = builtinTemplates().find((x) => x.id === id)!;
      const { values } = resolveParams(d, params);
      const r = renderTemplate(d, values, d.kind === "sheet" ? { newSheet: "S" } : { sheet: "S", cell: "A1" });
      return r.batch.validations!.map((v) => [v.range, v.list.join("")]);
    };
    expect(lists("indicator-table", { rows: "4" })).toEqual([["G3:G6", "◎○▼⇒－"]]);
    expect(lists("programme-results", { rows: "3" })).toEqual([
      ["C4:C6", "計画どおり計画前倒し計画遅れ"],
      ["E4:E6", "✔"],
      ["F4:F6", "✔"],
      ["G4:G6", "✔"],
      ["H4:H6", "✔"],
      ["I4:I6", "✔"],
    ]);
    expect(lists("progress-list", { rows: "10" })).toEqual([["E5:E14", "☆○△□×◎－"]]);
    expect(lists("evaluation-indicators", { rows: "2" })).toEqual([["A3:A4", "アウトカム指標アウトプット指標参考指標"]]);
    expect(lists("jusoteki-projects", { rows: "2" })).toEqual([
      ["A4:A5", "包括的相談支援事業参加支援事業地域づくり事業アウトリーチ等を通じた継続的支援事業多機関協働事業"],
      ["B4:B5", "法定事業主な事業"],
    ]);
    const ms = lists("management-sheet", { indicatorRows: "2", programmeRows: "2" });
    expect(ms.map(([, l]) => l)).toEqual(expect.arrayContaining(["◎○▼⇒－", "計画どおり計画前倒し計画遅れ", "✔"]));
  });

  test("legends are printed where the seeds print them", () => {
    const texts = (id: string) => {
      const d = builtinTemplates().find((x) => x.id === id)!;
      return renderTemplate(d, defaultParams(d), { sheet: "S", cell: "A1" }).cells.map((c) => c.value);
    };
    expect(TREND_LEGEND).toBe(
      "※　◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）　⇒：目標値を未達成（前年度と同じ又は前年度数値未把握）　－：数値未把握（調査未実施など）",
    );
    expect(EVALUATION_LEGEND).toBe(
      "※評価：「☆」予定通り進捗かつ特記事項あり、「○」予定通り進捗、「△」進捗あるが遅れ・課題あり、「□」検討中、「×」進捗なし、「◎」完了、「－」中止",
    );
    expect(texts("indicator-table")).toContain(TREND_LEGEND);
    expect(texts("management-sheet")).toContain(TREND_LEGEND);
    expect(texts("progress-list")).toContain(EVALUATION_LEGEND);
  });

  test("header wordings follow the fiscal year: 実績値（令和5年度）and（令和6年度）on a 令和7 sheet", () => {
    const d = builtinTemplates().find((x) => x.id === "indicator-table")!;
    const r = renderTemplate(d, resolveParams(d, { year: "令和７年度" }).values, { sheet: "S", cell: "C4" });
    const header = r.cells.filter((c) => c.block === "header").map((c) => c.value);
    expect(header).toEqual([
      "まちづくり指標",
      "単位",
      "基準値\n（基準年度）",
      "実績値\n（令和5年度）",
      "実績値\n（令和6年度）",
      "目標値\n（目標年度）",
      "指標の推移\n（※）",
      "達成率",
      "考察",
    ]);
    const p = builtinTemplates().find((x) => x.id === "progress-list")!;
    const pr = renderTemplate(p, resolveParams(p, { year: "R7" }).values, { sheet: "S", cell: "A1" });
    expect(pr.cells.map((c) => c.value)).toEqual(expect.arrayContaining(["令和6(2024)年度", "令和7年3月31日現在", "第６期地域福祉計画進捗状況一覧表"]));
  });
});

describe("parameters", () => {
  test("fiscal years in 和暦 and western forms", () => {
    expect(parseFiscalYear("令和7")).toBe(2025);
    expect(parseFiscalYear("令和７年度")).toBe(2025);
    expect(parseFiscalYear("令和元年度")).toBe(2019);
    expect(parseFiscalYear("R6")).toBe(2024);
    expect(parseFiscalYear("平成30年度")).toBe(2018);
    expect(parseFiscalYear("2025")).toBe(2025);
    expect(parseFiscalYear("7")).toBe(2025);
    expect(parseFiscalYear("来年")).toBeNull();
    expect(parseFiscalYear("令和0")).toBeNull();
    expect(fiscalYearText(2019)).toBe("令和元年度");
    expect(fiscalYearText(2018)).toBe("平成30年度");
    expect(fiscalYearText(2025)).toBe("令和7年度");
  });

  test("placeholders: shifts, formats, item numbers", () => {
    const d = builtinTemplates().find((x) => x.id === "indicator-table")!;
    const v = resolveParams(d, { year: "令和2" }).values;
    expect(substitute("{year}|{year-1}|{year-2}|{year|era}|{year-1|both}|{year|western}|{year+1|number}", d, v)).toBe(
      "令和2年度|令和元年度|平成30年度|令和2|令和元(2019)年度|2020|3",
    );
    expect(substitute("{n|circled}{n}", d, v, 3)).toBe("③3");
  });

  test("bad values are refused with the reason", () => {
    const d = builtinTemplates().find((x) => x.id === "indicator-table")!;
    const { errors } = resolveParams(d, { year: "来年度", rows: "0", colour: "red" });
    expect(errors).toEqual([
      { key: "colour", reason: "unknown", value: "red" },
      { key: "year", reason: "fiscalYear", value: "来年度" },
      { key: "rows", reason: "range", value: "0", min: 1, max: 50 },
    ]);
    expect(resolveParams(d, { rows: "２" }).values.rows).toBe(2);
    expect(resolveParams(d, { rows: "two" }).errors[0].reason).toBe("integer");
  });
});

function broken(mutate: (d: TemplateDefinitionInput & Record<string, unknown>) => void) {
  const d = JSON.parse(fs.readFileSync(EXAMPLE, "utf8"));
  mutate(d);
  const r = parseTemplate(d, "bad.json", "ja");
  if (r.ok) throw new Error("accepted");
  return r.issues;
}

describe("custom templates", () => {
  test("the example JSON passes the schema", () => {
    const r = parseTemplateText(fs.readFileSync(EXAMPLE, "utf8"), EXAMPLE);
    expect(r.ok).toBe(true);
    const cat = buildCatalogue([r], "ja");
    expect(cat.errors).toEqual([]);
    expect(cat.templates.map((t) => t.id)).toContain("kpi-rate-table");
    expect(cat.sources["kpi-rate-table"]).toBe(EXAMPLE);
  });

  test("a broken definition is refused, naming the field path and what is wrong", () => {
    expect(broken((d) => (d.layout.blocks[2].cells[0].row = -1))).toEqual([
      { path: "layout.blocks[2].cells[0].row", message: "0 以上にしてください。" },
    ]);
    expect(broken((d) => ((d.parameters[1] as { type: string }).type = "date"))).toEqual([
      { path: "parameters[1].type", message: 'パラメータの type "date" は使えません。"fiscalYear"、"text"、"integer" のいずれかにしてください。' },
    ]);
    expect(broken((d) => ((d.layout.blocks[1].cells[2] as Record<string, unknown>).colspan = 2))).toEqual([
      { path: "layout.blocks[1].cells[2]", message: "不明な項目です: colspan（綴りを確認してください）。" },
    ]);
    expect(broken((d) => (d.layout.blocks[1].cells[3].text = "実績値（{yaer-1}）"))).toEqual([
      { path: "layout.blocks[1].cells[3].text", message: expect.stringContaining("差し込み {yaer-1} が正しくありません（unknown parameter yaer）") },
    ]);
    expect(broken((d) => ((d as Record<string, unknown>).kind = "chart"))[0]).toEqual({
      path: "kind",
      message: expect.stringContaining('"chart" は使えません。次のいずれかにしてください: "indicators", "progress"'),
    });
    expect(broken((d) => (d.layout.blocks[2].repeat = "section"))).toEqual([
      { path: "layout.blocks[2].repeat", message: "repeat には integer 型のパラメータのキーを指定してください（「section」はありません）。" },
    ]);
    expect(broken((d) => delete (d as Record<string, unknown>).title)).toEqual([
      { path: "title", message: "必須の項目がありません（オブジェクトで指定してください）。" },
    ]);
    expect(broken((d) => (d.id = "My KPI"))[0]).toEqual({ path: "id", message: expect.stringContaining("英小文字・数字・ハイフンのみ") });
    expect(broken((d) => (d.layout.blocks[1].cells[1].col = 0))[0]).toEqual({
      path: "layout.blocks[1].cells[1]",
      message: expect.stringContaining("重なっています"),
    });
  });

  test("English messages too", () => {
    const d = JSON.parse(fs.readFileSync(EXAMPLE, "utf8"));
    d.layout.blocks[2].cells[7].numberFormat = 5;
    const r = parseTemplate(d, "bad.json", "en");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: "layout.blocks[2].cells[7].numberFormat", message: "Give a string (got number)." }]);
  });

  test("a JSON syntax error names the file", () => {
    const r = parseTemplateText('{ "id": "x", }', "org/bad.json", "ja");
    expect(r.ok).toBe(false);
    const cat = buildCatalogue([r], "ja");
    expect(cat.errors[0]).toMatch(/^org\/bad\.json: テンプレート定義に誤りがあるため読み込みません。\n {2}- \(JSON\): JSON として読めません/);
  });

  test("a custom id that a built-in already uses is refused", () => {
    const d = JSON.parse(fs.readFileSync(EXAMPLE, "utf8"));
    d.id = "indicator-table";
    const cat = buildCatalogue([parseTemplate(d, "dup.json")], "ja");
    expect(cat.errors).toEqual(["dup.json: テンプレートID「indicator-table」は既に使われています（標準テンプレート）。id を別の名前にしてください。"]);
    expect(cat.templates.filter((t) => t.id === "indicator-table")).toHaveLength(1);
  });
});
