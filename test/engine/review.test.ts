/** Cases found in review: layouts and spellings of real workbooks. */
import { analyzeWorkbook, checkWorkbook, planFill } from "../../src/engine";
import { sheet, workbook } from "./helpers";

const HEADER = ["指標名", "単位", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "指標の推移", "達成率"];

test("numbers shown with a percent format are read as shown (0.31 in 0% = 31%)", () => {
  const s = sheet(
    "s",
    [
      HEADER,
      ["満足度", "%", "20%（令和3年度）", 0.25, 0.31, "30%（令和8年度）", "◎", 1.033],
      ["不安を感じる割合", "%", "40%（令和3年度）", 0.35, 0.36, 0.3, "▼", 0.833],
    ],
    { numberFormats: { D2: "0%", E2: "0%", D3: "0%", E3: "0%", F3: "0%", H2: "0.0%", H3: "0.0%" } },
  );
  const a = analyzeWorkbook(workbook(s));
  expect(a.indicators.map((i) => [i.current.value, i.target.value, i.direction, i.trendMark, i.achievementRate])).toEqual([
    [31, 30, "increase", "◎", 1.033],
    [36, 30, "decrease", "▼", 0.833],
  ]);
  expect(a.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(planFill(workbook(s)).changes).toEqual([]);
});

test("headings and notes inside an indicator table are not indicators", () => {
  const s = sheet("s", [
    HEADER,
    ["（１）地域支援", null, null, null, null, null, null, null],
    ["新規相談件数", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "○", 0.898],
    ["（２）個別支援", null, null, null, null, null, null, null],
    ["個別相談件数", "件", "429（令和3年度）", 431, 421, "470（令和8年度）", "▼", 0.896],
    ["注）令和6年度は調査を実施していない", null, null, null, null, null, null, null],
  ], { numberFormats: { H3: "0.0%", H5: "0.0%" } });
  const a = analyzeWorkbook(workbook(s));
  expect(a.indicators.map((i) => i.name)).toEqual(["新規相談件数", "個別相談件数"]);
  expect(a.issues).toEqual([]);
  expect(planFill(workbook(s)).changes).toEqual([]);
});

test("a value with a note (404※1, 404（暫定値）, 356(見込)) is read; text that is no value is a warning", () => {
  const s = sheet("s", [
    HEADER,
    ["A", "件", "348（令和3年度）", 356, "404※1", "450（令和8年度）", "○", null],
    ["B", "件", "348（令和3年度）", "356(見込)", "404（暫定値）", "450（令和8年度）", "○", null],
    ["C", "件", "348（令和3年度）", 356, "集計方法を変更", "450（令和8年度）", "－", null],
  ]);
  const a = analyzeWorkbook(workbook(s));
  expect(a.indicators.map((i) => [i.previous.value, i.current.value, i.trendMark])).toEqual([
    [356, 404, "○"],
    [356, 404, "○"],
    [356, null, "－"],
  ]);
  expect(a.issues.filter((i) => i.rule === "value-unreadable").map((i) => i.cell)).toEqual(["E4"]);
  expect(planFill(workbook(s)).changes.filter((c) => c.kind === "mark")).toEqual([]);
});

test("the sheet's own legend glyphs are its marks (〇 and → printed in the legend)", () => {
  const s = sheet("s", [
    HEADER,
    ["A", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "〇", null],
    ["B", "件", "348（令和3年度）", 356, 356, "450（令和8年度）", "→", null],
    ["C", "件", "348（令和3年度）", 356, 300, "450（令和8年度）", "〇", null],
    ["※ ◎：目標達成 〇：目標値を未達成（前年度より向上した） ▼：目標値を未達成（前年度より低下した） →：目標値を未達成（前年度と同じ又は前年度数値未把握） －：数値未把握"],
  ]);
  const a = analyzeWorkbook(workbook(s));
  expect(a.indicators.map((i) => i.trendMark)).toEqual(["○", "⇒", "▼"]);
  expect(a.issues.map((i) => [i.rule, i.cell, i.expected])).toEqual([["trend-mark-mismatch", "G4", "▼"]]);
  expect(planFill(workbook(s)).batch.cells.filter((c) => c.cell.startsWith("G")).map((c) => [c.cell, c.value])).toEqual([["G4", "▼"]]);
});

test("no fix replaces a formula; a lookalike that is also the wrong mark is fixed to the computed mark", () => {
  const s = sheet("s", [
    HEADER,
    ["A", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "▼", 0.5],
    ["B", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "-", null],
  ]);
  s.formulas = [];
  s.formulas[1] = [];
  s.formulas[1][6] = '=IF(E2>D2,"○","▼")';
  s.formulas[1][7] = "=E2/900";
  const a = analyzeWorkbook(workbook(s));
  const at = (rule: string, cell: string) => a.issues.find((i) => i.rule === rule && i.cell === cell)!;
  expect(at("trend-mark-mismatch", "G2").fix).toBeUndefined();
  expect(at("rate-mismatch", "H2").fix).toBeUndefined();
  expect(at("lookalike-character", "G3").fix).toEqual({ sheet: "s", cell: "G3", value: "○" });
  expect(at("trend-mark-mismatch", "G3").fix).toEqual({ sheet: "s", cell: "G3", value: "○" });
});

test("a 達成率（％） column in points is compared and filled in points", () => {
  const s = sheet(
    "s",
    [
      ["指標名", "単位", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "指標の推移", "達成率（％）"],
      ["A", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "○", 89.8],
      ["B", "件", "429（令和3年度）", 431, 421, "470（令和8年度）", "▼", "89.6"],
      ["C", "件", "100（令和3年度）", 110, 120, "200（令和8年度）", "○", null],
    ],
    { numberFormats: { H2: "0.0" } },
  );
  const a = analyzeWorkbook(workbook(s));
  expect(a.issues.filter((i) => i.rule === "rate-mismatch")).toEqual([]);
  // in points, with a one-decimal format like the column's (the cell had none)
  expect(planFill(workbook(s)).batch.cells).toEqual([{ sheet: "s", cell: "H4", value: 60, numberFormat: "0.0" }]);
});

test("the sheet's rate statement in other words: 達成率は、（実績値－基準値）／（目標値－基準値）で算出", () => {
  const { sheetRateStatement } = require("../../src/engine");
  expect(sheetRateStatement(sheet("s", [["※達成率は、（実績値－基準値）／（目標値－基準値）で算出"]]))).toEqual({ rateMethod: "progress" });
  expect(sheetRateStatement(sheet("s", [["達成率：実績値÷目標値×100"]]))).toEqual({ rateMethod: "ratio" });
});

test("a 【再掲】 item matches its original on another sheet", () => {
  const legend = "※評価：「☆」予定通り進捗かつ特記事項あり、「○」予定通り進捗、「△」進捗あるが遅れ・課題あり、「□」検討中、「×」進捗なし、「◎」完了、「－」中止";
  const head = ["基本施策", "項目", "計画の記載", "評価", "説明(進捗状況)", "担当"];
  const p1 = sheet("進捗", [[legend], head, ["1 相談支援", "(1)包括的な相談支援体制の整備", "・体制を整備します。", "○", "・会議を12回開催した。", "福祉課"]]);
  const p2 = sheet("進捗2", [[legend], head, ["3 再犯防止", "(1)包括的な相談支援体制の整備【再掲】", "・体制を整備します。【再掲】", "○", "・会議を11回開催した。【再掲】", "福祉課"]]);
  const a = analyzeWorkbook(workbook(p1, p2));
  expect(a.issues.map((i) => [i.rule, i.sheet, i.cell])).toEqual([["repost-mismatch", "進捗2", "E3"]]);
});

test("two indicator tables side by side are two tables", () => {
  const left = ["指標名", "単位", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "指標の推移"];
  const s = sheet("s", [
    [...left, null, ...left],
    ["A", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "○", null, "B", "件", "429（令和3年度）", 431, 421, "470（令和8年度）", "▼"],
    [null, null, null, null, null, null, null, null, "C", "人", "1200（令和元年度）", 1250, 1310, "1300（令和8年度）", "○"],
  ]);
  const a = analyzeWorkbook(workbook(s));
  expect(a.sheets[0].tables.map((x) => x.range)).toEqual(["A1:G2", "I1:O3"]);
  expect(a.indicators.map((i) => [i.name, i.previous.value, i.current.value, i.trendMark])).toEqual([
    ["A", 356, 404, "○"],
    ["B", 431, 421, "▼"],
    ["C", 1250, 1310, "◎"],
  ]);
  expect(a.issues.map((i) => [i.rule, i.cell])).toEqual([["trend-mark-mismatch", "O3"]]);
});

test("an indicator table's 評価 column: trend marks under the trend legend, else checked against the evaluation legend", () => {
  const head = ["指標名", "単位", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "評価（※）"];
  const trendLegend = "※ ◎：目標達成 ○：目標値を未達成（前年度より向上した） ▼：目標値を未達成（前年度より低下した） ⇒：目標値を未達成（前年度と同じ又は前年度数値未把握） －：数値未把握";
  const s1 = sheet("t", [head, ["A", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "▼"], ["B", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "☆"], [trendLegend]]);
  const a1 = analyzeWorkbook(workbook(s1));
  expect(a1.issues.map((i) => [i.rule, i.cell])).toEqual([
    ["trend-mark-mismatch", "G2"],
    ["mark-not-in-legend", "G3"],
  ]);
  const evalLegend = "※評価：「☆」予定通り進捗かつ特記事項あり、「○」予定通り進捗、「△」進捗あるが遅れ・課題あり、「□」検討中、「×」進捗なし、「◎」完了、「－」中止";
  const s2 = sheet("e", [head, ["A", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "△"], ["B", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "▼"], [evalLegend]]);
  const a2 = analyzeWorkbook(workbook(s2));
  expect(a2.issues.map((i) => [i.rule, i.cell])).toEqual([["mark-not-in-legend", "G3"]]);
});

test("baseline and target years in their own columns", () => {
  const s = sheet("s", [
    ["指標名", "単位", "基準値", "基準年度", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "目標年度", "指標の推移"],
    ["A", "件", 348, "令和3年度", 356, 404, 450, "R8", "○"],
    ["B", "件", 429, 2021, 431, 421, 470, "令和3年度", "▼"],
  ]);
  const a = analyzeWorkbook(workbook(s));
  expect(a.indicators.map((i) => [i.baseline.year, i.target.year])).toEqual([
    [2021, 2026],
    [2021, 2021],
  ]);
  expect(a.issues.map((i) => [i.rule, i.cell])).toEqual([["year-order", "H3"]]);
});

test("a value computed in the sheet equals the number it shows (0.1 + 0.2 = 0.3)", () => {
  const { trendMark } = require("../../src/engine");
  expect(trendMark({ current: 0.1 + 0.2, previous: 0.3, target: 1, baseline: null, qualitative: null, direction: "increase" })).toBe("⇒");
  expect(trendMark({ current: 0.1 + 0.2, previous: 0.2, target: 0.3, baseline: null, qualitative: null, direction: "increase" })).toBe("◎");
});
