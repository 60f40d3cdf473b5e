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

// ── found by a review on layouts nobody here had seen (each hand-worked) ───────────────────────

test("a 事業費 table right under the indicators (no blank row) is not read and not written", () => {
  const { a, plan } = run([
    ["成果指標", "単位", "基準値（令和3年度）", "実績値（令和5年度）", "実績値（令和6年度）", "目標値（令和8年度）", "指標の推移", "達成率"],
    ["講座参加者数", "人", 800, 950, 1020, 1200, null, null],
    ["区分", "単位", "令和3年度決算", "令和4年度決算", "令和5年度決算", "令和6年度決算", "令和7年度予算", "令和8年度計画"],
    ["事業費（千円）", "千円", 12000, 12500, 13000, 13200, 15000, 15500],
    ["うち一般財源（千円）", "千円", 8000, 8200, 8500, 8800, 9600, 9800],
  ]);
  expect(a.sheets[0].tables.map((x) => x.range)).toEqual(["A1:H2"]);
  // 1020 > 950 → ○; 1020 / 1200 = 0.85
  expect(plan.changes.map((c) => [c.cell, c.after])).toEqual([["G2", "○"], ["H2", 0.85]]);
});

test("a 見込 (forecast) column is not this year's actual", () => {
  const { a } = run([
    ["指標名", "基準値（令和2年度）", "令和4年度実績", "令和5年度実績", "令和6年度実績", "令和7年度見込", "目標値（令和8年度）", "指標の推移", "達成率"],
    ["利用者数", 100, 110, 120, 125, 140, 150, null, null],
  ]);
  expect(a.sheets[0].tables[0].columns!.find((c) => c.column === "F")).toMatchObject({ role: "forecast", year: 2025 });
  // this year 令和6年度: 125 > 120 → ○, 125 / 150 = 0.833
  expect(a.indicators.map((i) => [i.current.value, i.current.year, i.trendMark, i.achievementRate])).toEqual([[125, 2024, "○", 0.833]]);
});

test("targets written 抑制 / 延伸 are qualitative: lower / higher is better", () => {
  const { a } = run([
    ["指標名", "単位", "基準値（令和2年度）", "実績値（令和5年度）", "実績値（令和6年度）", "目標（令和8年度）", "指標の推移"],
    ["空き家数", "戸", 320, 300, 290, "抑制", null],
    ["健康寿命", "歳", 80.1, 80.5, 80.7, "延伸", null],
  ]);
  // 290 < 320 (better than the baseline, lower is better) → ◎; 80.7 > 80.1 → ◎
  expect(a.indicators.map((i) => [i.name, i.direction, i.target.qualitative, i.trendMark])).toEqual([
    ["空き家数", "decrease", "減少", "◎"],
    ["健康寿命", "increase", "上昇", "◎"],
  ]);
});

test("a 総合戦略's KPI table: 基準値 and 現状値 side by side — 現状値 is this year's value", () => {
  const { a, plan } = run([
    ["No", "KPI", "基準値", "現状値", "目標値", "進捗率"],
    [1, "転入者数", "2,850人（令和元年度）", "3,020人（令和5年度）", "3,200人（令和7年度）", null],
    [2, "待機児童数", "38人（令和元年度）", "5人（令和5年度）", "2人（令和7年度）", null],
  ]);
  expect(a.sheets[0].tables[0].columns!.map((c) => [c.column, c.role])).toEqual([["A", "no"], ["B", "name"], ["C", "baseline"], ["D", "actual"], ["E", "target"], ["F", "rate"]]);
  // 3020 / 3200 = 0.944; lower is better (2 < 38): 2 / 5 = 0.4
  expect(plan.changes.map((c) => [c.cell, c.after])).toEqual([["F2", 0.944], ["F3", 0.4]]);
});

test("`目標 FY2026`, `目標 R8`: target columns with a year not in brackets", () => {
  for (const head of ["目標 FY2026", "目標 R8", "目標　令和8年度", "目標 2026年度"]) {
    const { a } = run([
      ["指標名", "基準値 FY2020", "実績 FY2023", "実績 FY2024", head, "指標の推移"],
      ["貸出冊数", 520000, 498000, 505000, 550000, null],
    ]);
    expect([head, a.indicators[0]?.target]).toEqual([head, { value: 550000, year: 2026, qualitative: null }]);
  }
});

test("a form label far to the left is not part of a table starting at column M; 当初目標値 beside 目標値 is not the target", () => {
  const row = (cells: CellValue[]) => [...Array(12).fill(null), ...cells];
  const rows: CellValue[][] = [
    ["事業名", "子育て支援事業", ...Array(10).fill(null), "指標名", "実績値（令和5年度）", "実績値（令和6年度）", "当初目標値（令和8年度）", "目標値（令和8年度）", "指標の推移", "達成率"],
    row(["利用者数", 120, 130, 200, 150, null, null]),
  ];
  const { a, plan } = run(rows);
  expect(a.sheets[0].tables.map((x) => x.range)).toEqual(["M1:S2"]);
  // 130 > 120 → ○; 130 / 150 = 0.867
  expect(plan.changes.map((c) => [c.cell, c.after])).toEqual([["R2", "○"], ["S2", 0.867]]);
});

test("a row-group series without a baseline column: falling targets mean lower is better", () => {
  const { a } = run([
    ["No", "指標名", "単位", "区分", "R3", "R4", "R5", "R6", "R8目標", "指標の推移", "達成率"],
    [1, "火災発生件数", "件", "実績値", 60, 57, 58, 52, null, null, null],
    [null, null, null, "目標値", 55, 53, 50, 48, 45, null, null],
  ]);
  const i = a.indicators[0];
  // 52 < 58 (better, lower is better) → ○; 45 / 52 = 0.865
  expect([i.direction, i.current.value, i.previous.value, i.target.value, i.trendMark, i.achievementRate]).toEqual(["decrease", 52, 58, 45, "○", 0.865]);
});

// ── second review round ─────────────────────────────────────────────────────────────────────────

test("a page title between two printed pages is not an indicator row", () => {
  const head = ["まちづくり指標", "単位", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "指標の推移", "達成率"];
  const { a, plan } = run([
    head,
    ["相談件数", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", null, null],
    [],
    ["【令和７年度】施策・事務事業マネジメントシート", null, null, null, null, "06　共に支え合う地域福祉の推進", null, null],
    head,
    ["居場所の数", "箇所", "20（令和3年度）", 22, 24, "22（令和8年度）", null, null],
  ]);
  expect(a.indicators.map((i) => i.name)).toEqual(["相談件数", "居場所の数"]);
  // 404 > 356 → ○, 404/450 = 0.898; 24 ≥ 22 → ◎, 24/22 = 1.091
  expect(plan.changes.map((c) => [c.cell, c.after])).toEqual([["G2", "○"], ["H2", 0.898], ["G6", "◎"], ["H6", 1.091]]);
  expect(a.issues.filter((f) => f.rule === "value-unreadable")).toEqual([]);
});

test("the sheet's method stated as 達成度＝（実績値－策定時）÷（目標値－策定時）×100 is obeyed", () => {
  const { a } = run([
    ["指標名", "策定時（令和2年度）", "実績値（令和5年度）", "実績値（令和6年度）", "目標値（令和8年度）", "達成度（％）"],
    ["講座参加者数", 100, 130, 150, 170, null],
    ["※達成度＝（実績値－策定時）÷（目標値－策定時）×100"],
  ]);
  // (150 − 100) / (170 − 100) = 0.714
  expect(a.indicators[0].achievementRate).toBe(0.714);
});

test("a row-group table under a two-row header (年度 over the years, typed without merges), with 活動指標 / 成果指標 band rows and 実績 over years", () => {
  for (const parent of ["年度", "実績"]) {
    const { a, plan } = run([
      ["事務事業評価シート【令和７年度】"],
      [],
      ["指標名", "区分", parent, null, null, "最終目標（令和8年度）", "評価"],
      [null, null, "令和4年度", "令和5年度", "令和6年度", null, null],
      ["活動指標", null, null, null, null, null, null],
      ["相談件数（件）", "目標値", 400, 420, 440, 500, null],
      [null, "実績値", 380, 410, 452, "―", null],
      [null, "達成率", null, null, null, "―", null],
      ["※評価　Ａ：達成率100％以上　Ｂ：80％以上100％未満　Ｃ：50％以上80％未満　Ｄ：50％未満"],
    ], [{ top: 4, left: 0, bottom: 4, right: 6 }, { top: 5, left: 0, bottom: 7, right: 0 }, { top: 5, left: 6, bottom: 7, right: 6 }]);
    const i = a.indicators[0];
    expect([parent, i.name, i.current.value, i.previous.value, i.target.value]).toEqual([parent, "相談件数（件）", 452, 410, 500]);
    // 380/400 = 0.95, 410/420 = 0.976, 452/440 = 1.027 → 令和6年度 Ａ
    expect([parent, plan.changes.map((c) => [c.cell, c.after])]).toEqual([parent, [["C8", 0.95], ["D8", 0.976], ["E8", 1.027], ["G6", "Ａ"]]]);
  }
});

test("a 【再掲】 indicator must equal its original", () => {
  const { a } = run([
    ["指標名", "単位", "実績値（令和5年度）", "実績値（令和6年度）", "目標値（令和8年度）", "指標の推移"],
    ["サロン参加者数", "人", 1000, 1050, 1200, "○"],
    ["【再掲】サロン参加者数", "人", 1000, 1080, 1200, "○"],
  ]);
  expect(a.issues.filter((f) => f.rule === "repost-mismatch").map((f) => [f.cell, f.expected, f.actual])).toEqual([["D3", 1050, 1080]]);
});
