/**
 * The テンプレート tab: its model against a real workbook port (the xlsx adapter), and its markup
 * (rendered on the server: the catalogue, the preview table, the form, the overwrite question).
 */
import * as fs from "fs";
import * as path from "path";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { getCell, parseA1 } from "../../src/engine/model/grid";
import type { WorkbookSnapshot } from "../../src/engine/model/snapshot";
import { builtinTemplates, parseTemplate } from "../../src/engine/templates";
import { TemplatesModel } from "../../src/taskpane/templates/model";
import { buildPreview } from "../../src/taskpane/templates/preview";
import { TemplatesTab, TemplatesView } from "../../src/taskpane/templates/TemplatesTab";
import type { XlsxWorkbook } from "../../src/workbook/xlsx/adapter";
import { existingWorkbook } from "./helpers";

function value(snap: WorkbookSnapshot, sheet: string, a1: string) {
  const s = snap.sheets.find((x) => x.name === sheet);
  if (!s) return undefined;
  const { row, col } = parseA1(a1);
  return getCell(s, row, col);
}

async function setup(selection: { sheet: string; cell: string } | null) {
  const wb: XlsxWorkbook = await existingWorkbook();
  let sel = selection;
  const model = new TemplatesModel({ port: wb, locale: "ja", getSelection: async () => sel });
  return { wb, model, select: (s: typeof sel) => (sel = s) };
}

describe("TemplatesModel", () => {
  test("inserts at the selected cell when the cells are empty, and Undo puts them back", async () => {
    const { wb, model } = await setup({ sheet: "施策06", cell: "A7" });
    model.select("indicator-table");
    model.setParam("rows", "2");
    await model.insert();
    const st = model.getState();
    expect(st.error).toBeNull();
    expect(st.pending).toBeNull();
    expect(st.notice).toBe("「まちづくり指標（指標の推移・達成率）」をシート「施策06」の A7:I11 に挿入しました。");
    let snap = await wb.readSnapshot();
    expect(value(snap, "施策06", "A8")).toBe("まちづくり指標");
    expect(value(snap, "施策06", "B3")).toBe("福祉太郎");
    await model.undo();
    expect(model.getState().notice).toBe("挿入を元に戻しました。");
    snap = await wb.readSnapshot();
    expect(value(snap, "施策06", "A8")).toBeNull();
    expect(value(snap, "施策06", "A7")).toBeNull();
    expect(value(snap, "施策06", "B3")).toBe("福祉太郎");
  });

  test("asks before overwriting: lists the cells; Cancel writes nothing, Overwrite writes", async () => {
    const { wb, model } = await setup({ sheet: "メモ", cell: "A1" });
    model.select("indicator-table");
    await model.insert();
    const p = model.getState().pending!;
    expect(p.conflicts).toEqual(["A1", "A2"]);
    expect(p.rendered.sheet).toBe("メモ");
    expect(value(await wb.readSnapshot(), "メモ", "A1")).toBe("前年度からの引継ぎ事項");
    model.cancel();
    expect(model.getState().pending).toBeNull();
    expect(value(await wb.readSnapshot(), "メモ", "A1")).toBe("前年度からの引継ぎ事項");
    await model.insert();
    await model.confirm();
    const snap = await wb.readSnapshot();
    expect(value(snap, "メモ", "A1")).toBe("２－２　施策全体の考察②（まちづくり指標の推移／考察）");
    expect(value(snap, "メモ", "A2")).toBe("まちづくり指標");
    await model.undo();
    expect(value(await wb.readSnapshot(), "メモ", "A1")).toBe("前年度からの引継ぎ事項");
  });

  test("a merged area in the way, no selection, a bad parameter: clear messages, nothing written", async () => {
    const { wb, model, select } = await setup({ sheet: "施策06", cell: "C1" });
    const before = JSON.stringify(await wb.readSnapshot());
    model.select("indicator-table");
    await model.insert();
    expect(model.getState().error).toBe(
      "シート「施策06」の結合セル D2:F3 が挿入範囲にかかっているため挿入できません。結合セルにかからない位置のセルを選んでください。",
    );
    select(null);
    await model.insert();
    expect(model.getState().error).toBe("挿入する位置のセルを選択してください。");
    select({ sheet: "施策06", cell: "A20" });
    model.setParam("year", "来年");
    expect(model.values().errors.year).toBe("年度（シートの年度）（year）: 「来年」は年度として読めません。令和7、R7、2025 のように指定してください。");
    expect(model.shown("year")).toBeNull();
    await model.insert();
    expect(model.getState().error).toContain("パラメータを確認してください。");
    expect(JSON.stringify(await wb.readSnapshot())).toBe(before);
    model.setParam("year", "R8");
    expect(model.shown("year")).toBe("令和8年度");
  });

  test("a whole sheet as a new sheet, named from the year; the same name again is refused; Undo removes it", async () => {
    const { wb, model } = await setup(null);
    model.select("management-sheet");
    expect(model.getState().mode).toBe("newSheet");
    expect(model.newSheetName()).toBe("マネジメントシート令和7");
    await model.insert();
    expect(model.getState().error).toBeNull();
    let snap = await wb.readSnapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual(["施策06", "メモ", "マネジメントシート令和7"]);
    expect(value(snap, "マネジメントシート令和7", "A1")).toBe("施策・事務事業マネジメントシート【令和7年度】");
    const undo = model.getState().lastInsert;
    await model.insert();
    expect(model.getState().error).toBe("シート「マネジメントシート令和7」は既にあります。別のシート名を指定してください。");
    expect(model.getState().lastInsert).toBe(undo);
    await model.undo();
    snap = await wb.readSnapshot();
    expect(snap.sheets.map((s) => s.name)).toEqual(["施策06", "メモ"]);
    model.setSheetName("指標[2]");
    await model.insert();
    expect(model.getState().error).toContain("シート名「指標[2]」は使えません");
  });

  test("the preview follows the parameters", () => {
    const d = builtinTemplates().find((x) => x.id === "progress-list")!;
    const g = buildPreview(d, { year: 2026, planName: "第７期地域福祉計画", rows: 2 });
    expect(g.rows[0].map((c) => c.text)).toEqual(["第７期地域福祉計画進捗状況一覧表", "令和8年3月31日現在"]);
    expect(g.rows[0].map((c) => c.colSpan)).toEqual([6, 2]);
    expect(g.rows[2].map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([
      ["基本施策", 2, 1],
      ["項目", 2, 2],
      ["計画の記載", 2, 1],
      ["令和7(2025)年度", 1, 2],
      ["備考\n（特殊要因等）", 2, 1],
      ["担当", 2, 1],
    ]);
    expect(g.rows[3].map((c) => c.text)).toEqual(["評価", "説明(進捗状況)"]);
    expect(g.rows).toHaveLength(6);
    expect(g.rows[4].find((c) => c.col === 4)!.list).toEqual(["☆", "○", "△", "□", "×", "◎", "－"]);
  });
});

describe("TemplatesTab markup", () => {
  const html = (node: React.ReactElement) => renderToStaticMarkup(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);

  test("catalogue, preview table, parameter form and insert buttons", async () => {
    const wb = await existingWorkbook();
    const markup = html(<TemplatesTab port={wb} locale="ja" getSelection={async () => null} />);
    for (const d of builtinTemplates()) expect(markup).toContain(d.title.ja);
    expect(markup).toContain('aria-label="「まちづくり指標（指標の推移・達成率）」のプレビュー"');
    expect(markup).toMatch(/<td[^>]*>まちづくり指標<\/td>/);
    expect(markup).toContain("実績値\n（令和5年度）");
    expect(markup).toContain("令和7 のように入力（令和7年度）");
    expect(markup).toContain('data-testid="param-rows"');
    expect(markup).toContain("選択セルに挿入");
    expect(markup).toContain("新しいシートとして挿入");
  });

  test("the overwrite question names the cells; English too", async () => {
    const wb = await existingWorkbook();
    const model = new TemplatesModel({ port: wb, locale: "en", getSelection: async () => ({ sheet: "メモ", cell: "A1" }) });
    await model.insert();
    const markup = html(<TemplatesView model={model} state={model.getState()} locale="en" />);
    expect(markup).toContain("Some cells already hold content");
    expect(markup).toContain("These 2 cells of sheet &quot;メモ&quot; hold content and would be overwritten: A1, A2");
    expect(markup).toContain("Overwrite and insert");
    expect(markup).toContain("Indicator table (trend mark, achievement rate)");
  });

  test("merged cells become rowspan/colspan; template text is escaped, never injected as HTML", async () => {
    const wb = await existingWorkbook();
    const custom = JSON.parse(fs.readFileSync(path.join(__dirname, "../../templates/examples/kpi-rate-table.json"), "utf8"));
    custom.layout.blocks[0].cells[0].text = '<img src=x onerror="alert(1)">{section}';
    const parsed = parseTemplate(custom, "x.json");
    if (!parsed.ok) throw new Error("custom template refused");
    const markup = html(<TemplatesTab port={wb} locale="ja" getSelection={async () => null} templates={[parsed.def, ...builtinTemplates()]} />);
    expect(markup).not.toContain("<img");
    expect(markup).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;（所管課名）");
    expect(markup).toMatch(/<td colSpan="9"/i);
    const sources = fs.readdirSync(path.join(__dirname, "../../src/taskpane/templates")).map((f) => fs.readFileSync(path.join(__dirname, "../../src/taskpane/templates", f), "utf8"));
    expect(sources.some((s) => s.includes("dangerouslySetInnerHTML"))).toBe(false);
  });
});
