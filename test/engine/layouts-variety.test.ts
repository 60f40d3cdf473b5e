/**
 * Layout variants built in memory, each with hand-worked expectations: years across one row,
 * tables back to back, numbered sub-headings inside and between tables, the sheet's year choosing
 * this year, text right after a table.
 */
import { analyzeWorkbook, planFill } from "../../src/engine";
import { sheetFromRows } from "../../src/engine/model/grid";
import type { CellValue, RangeRef } from "../../src/engine/model/snapshot";

const LEGEND = "※ ◎：目標達成 ○：目標値を未達成（前年度より向上した） ▼：目標値を未達成（前年度より低下した） ⇒：目標値を未達成（前年度と同じ又は前年度数値未把握） －：数値未把握（調査未実施など）";

function run(rows: CellValue[][], merges: RangeRef[] = []) {
  const wb = { sheets: [sheetFromRows("表", rows, merges)] };
  return { a: analyzeWorkbook(wb), plan: planFill(wb) };
}

test("years across one row: this year is the latest year reported, not the last column", () => {
  // 実績値 merged over five years; 令和7・8年度 not reported yet
  const { a, plan } = run(
    [
      ["指標名", "基準値", "実績値", null, null, null, null, "目標値", "指標の推移", "達成率"],
      [null, null, "令和4年度", "令和5年度", "令和6年度", "令和7年度", "令和8年度", null, null, null],
      ["相談件数", "300（令和3年度）", 320, 340, 330, null, null, "400（令和8年度）", null, null],
      ["講座の参加者数", "50（令和3年度）", 55, 60, 70, null, null, "80（令和8年度）", null, null],
      [LEGEND],
    ],
    [{ top: 0, left: 2, bottom: 0, right: 6 }, { top: 0, left: 0, bottom: 1, right: 0 }, { top: 0, left: 1, bottom: 1, right: 1 }, { top: 0, left: 7, bottom: 1, right: 7 }, { top: 0, left: 8, bottom: 1, right: 8 }, { top: 0, left: 9, bottom: 1, right: 9 }],
  );
  expect(a.indicators.map((i) => [i.name, i.previous.value, i.current.value, i.current.year, i.trendMark, i.achievementRate])).toEqual([
    // 330 < 340 → ▼; 330/400 = 0.825
    ["相談件数", 340, 330, 2024, "▼", 0.825],
    // 70 > 60 → ○; 70/80 = 0.875
    ["講座の参加者数", 60, 70, 2024, "○", 0.875],
  ]);
  expect(plan.changes.map((c) => [c.cell, c.after])).toEqual([["I3", "▼"], ["J3", 0.825], ["I4", "○"], ["J4", 0.875]]);
});

test("the sheet's year decides this year: a 【令和７年度】 sheet reports 令和6年度 even when 令和7年度 holds a value", () => {
  const { a } = run([
    ["第６次総合計画 進行管理表【令和７年度】"],
    [],
    ["指標名", "単位", "区分", "令和3年度（基準）", "令和5年度", "令和6年度", "令和7年度", "令和8年度（目標）", "指標の推移", "達成率"],
    ["相談件数", "件", "目標値", "―", 400, 420, 440, 450, null, null],
    [null, null, "実績値", 348, 356, 404, 430, "―", null, null],
  ]);
  expect(a.sheets[0].tables[0]).toMatchObject({ shape: "row-group", range: "A3:J5", currentYear: 2024 });
  const i = a.indicators[0];
  expect([i.name, i.baseline, i.previous, i.current, i.target.value, i.target.year, i.trendMark, i.achievementRate]).toEqual([
    "相談件数", { value: 348, year: 2021 }, { value: 356, year: 2023 }, { value: 404, year: 2024 }, 450, 2026, "○", 0.898,
  ]);
  // the ― of the 目標値 row is never joined with the 348 of the 実績値 row
  expect(a.indicators).toHaveLength(1);
});

test("two tables back to back, and （２） headings: inside a table before indicators, ending it before a header", () => {
  const { a, plan } = run([
    ["まちづくり指標", "単位", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "指標の推移"],
    ["（１）地域支援", null, null, null, null, null],
    ["相談件数", "件", 356, 404, "450（令和8年度）", null],
    ["（２）個別支援", null, null, null, null, null],
    ["個別相談件数", "件", 431, 421, "470（令和8年度）", null],
    ["（３）参考指標", null, null, null, null, null],
    ["指標名", "単位", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "指標の推移"],
    ["満足度", "%", 30, 30, "上昇（令和8年度）", null],
    ["計画書の全文は市ホームページに掲載"],
    ["https://www.city.example.lg.jp/keikaku/"],
  ]);
  expect(a.sheets[0].tables.map((x) => x.range)).toEqual(["A1:F5", "A7:F8"]);
  expect(a.indicators.map((i) => [i.name, i.trendMark])).toEqual([
    ["相談件数", "○"],
    ["個別相談件数", "▼"],
    // no baseline to compare 上昇 with: not reached; 30 = 30 → ⇒
    ["満足度", "⇒"],
  ]);
  expect(plan.changes.map((c) => c.cell)).toEqual(["F3", "F5", "F8"]);
});

test("a programme table right after the legend is not read as indicators", () => {
  const { a, plan } = run([
    ["まちづくり指標", "単位", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "指標の推移"],
    ["相談件数", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "○"],
    [LEGEND],
    [],
    ["３　施策を構成する基本計画事業等の取組実績／今後の方向"],
    ["■06-1 地域におけるトータルケアの推進"],
    ["No", "基本計画事業名", "取組実績(Check)", "主要な取組説明(Do)", "今後の方向", "今後の取組の方向(Action)"],
    [28, "地域福祉コーディネーターの配置", "計画おくれ", "相談体制を整えた。", "現状継続", "継続する。"],
    [29, "見守りネットワークの推進", "計画どおり", "協定を結んだ。", "有効性改善", "拡充する。"],
  ]);
  expect(a.sheets[0].tables.map((x) => [x.kind, x.range])).toEqual([["indicators", "A1:G2"], ["programme", "A7:F9"]]);
  expect(a.indicators.map((i) => i.name)).toEqual(["相談件数"]);
  expect(a.issues.filter((f) => f.severity !== "info").map((f) => [f.rule, f.cell])).toEqual([["vocabulary", "C8"]]);
  expect(plan.changes).toEqual([]);
});
