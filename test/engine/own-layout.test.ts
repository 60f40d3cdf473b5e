/**
 * A workbook of our own making, laid out like the seeds' indicator tables but with other header
 * words (KPI, 策定時, R5実績, 数値目標, 進捗率), years only in the headers as R-forms, a title and a
 * note around the table, and the table starting at B3.
 */
import { analyzeWorkbook, planFill } from "../../src/engine";
import { sheet, workbook } from "./helpers";

const s = sheet(
  "KPI一覧",
  [
    ["第2期総合戦略 KPI進捗（令和7年度評価）"],
    [],
    ["No", "KPI", "単位", "策定時\n（R2）", "R5実績", "R6実績", "数値目標\n（R9）", "推移", "進捗率", "備考"],
    ["1", "市民活動団体の登録数", "団体", 120, 131, 138, 150, "", null, ""],
    ["2", "ごみの排出量（1人1日当たり）", "g", 820, 801, 806, 760, "○", null, "前年度より増加"],
    ["3", "創業支援件数", "件", "４５", "６０", "７２", "７０", "", null, ""],
    ["4", "防災訓練の参加率", "%", 18.5, "－", 21.2, 25, "", null, "R5は中止"],
    [],
    ["※ 推移は ◎：目標達成 ○：目標値を未達成（前年度より向上した） ▼：目標値を未達成（前年度より低下した） ⇒：目標値を未達成（前年度と同じ又は前年度数値未把握） －：数値未把握"],
  ],
  { origin: { row: 0, col: 1 } },
);

describe("an own layout with other header words", () => {
  const a = analyzeWorkbook(workbook(s));
  test("the table, the years from the headers, the direction from the target", () => {
    expect(a.sheets[0].tables).toMatchObject([{ kind: "indicators", sheet: "KPI一覧", range: "B3:K7" }]);
    const waste = a.indicators[1];
    expect(waste).toMatchObject({
      name: "ごみの排出量（1人1日当たり）",
      direction: "decrease",
      baseline: { value: 820, year: 2020 },
      previous: { value: 801, year: 2023 },
      current: { value: 806, year: 2024 },
      target: { value: 760, year: 2027, qualitative: null },
    });
  });
  test("marks and rates", () => {
    expect(a.indicators.map((i) => [i.trendMark, i.achievementRate])).toEqual([
      ["○", 0.92],
      ["▼", 0.943],
      ["◎", 1.029],
      ["⇒", 0.848],
    ]);
  });
  test("findings: the wrong ○, empty marks, numbers typed as text", () => {
    const by = (rule: string) => a.issues.filter((i) => i.rule === rule).map((i) => i.cell).sort();
    expect(by("trend-mark-mismatch")).toEqual(["I5"]);
    expect(by("required-empty")).toEqual(["I4", "I6", "I7"]);
    expect(by("number-as-text")).toEqual(["E6", "F6", "G6", "H6"]);
  });
  test("fill writes the 推移 and 進捗率 cells only", () => {
    const cells = planFill(workbook(s)).batch.cells.map((c) => c.cell);
    expect(cells.every((c) => /^[IJ]\d+$/.test(c))).toBe(true);
    expect(cells.sort()).toEqual(["I4", "I5", "I6", "I7", "J4", "J5", "J6", "J7"]);
  });
});
