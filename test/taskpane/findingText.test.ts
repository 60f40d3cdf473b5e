import { diffParts, fixesOf, fixText, shownValue } from "../../src/taskpane/findingText";
import type { Finding } from "../../src/engine/model/findings";

const f = (over: Partial<Finding>): Finding => ({
  rule: "trend-mark-mismatch",
  severity: "error",
  sheet: "施策06",
  cell: "G6",
  message: "",
  expected: null,
  actual: null,
  ...over,
});

test("rates are shown as percentages, in values and in a fix's label", () => {
  const r = f({ rule: "rate-mismatch", cell: "H6", expected: 0.898, actual: 0.75 });
  expect(shownValue(r, 0.898, 1, "ja")).toBe("89.8%");
  expect(fixText(r, { sheet: "施策06", cell: "H6", value: 0.898, numberFormat: "0.0%" }, "ja")).toBe("89.8%");
  // a 達成率（％） column kept in points
  expect(fixText(r, { sheet: "施策06", cell: "H6", value: 89.8 }, "ja")).toBe("89.8%");
  // other numbers stay numbers
  expect(shownValue(f({ rule: "number-as-text" }), 1650, 1, "ja")).toBe("1,650");
});

test("a vocabulary finding of 取組実績 offers the allowed words; a mark outside the legend offers the computed mark", () => {
  const v = f({ rule: "vocabulary", cell: "C32", actual: "概ね計画どおり", message: "「概ね計画どおり」は取組実績の選択肢にありません。選択肢: 計画どおり／計画前倒し／計画遅れ。" });
  expect(fixesOf(v).map((e) => e.value)).toEqual(["計画どおり", "計画前倒し", "計画遅れ"]);
  expect(fixesOf(v).every((e) => e.sheet === "施策06" && e.cell === "C32")).toBe(true);
  // 今後の方向 may hold several words: no blind replacement of the cell
  const d = f({ rule: "vocabulary", actual: "現状維持", message: "「現状維持」は今後の方向の選択肢にありません。選択肢: 現状継続／有効性改善／効率性改善／財政面改善／参加と協働改善。" });
  expect(fixesOf(d)).toEqual([]);
  const m = f({ rule: "mark-not-in-legend", cell: "H21", actual: "△", expected: "○" });
  expect(fixesOf(m)).toEqual([{ sheet: "施策06", cell: "H21", value: "○" }]);
  // an evaluation mark outside the legend has no computed mark: nothing offered
  expect(fixesOf(f({ rule: "mark-not-in-legend", actual: "済", expected: null }))).toEqual([]);
  // the engine's own fix comes first
  expect(fixesOf(f({ fix: { sheet: "施策06", cell: "G6", value: "○" } }))).toEqual([{ sheet: "施策06", cell: "G6", value: "○" }]);
});

test("the words of a 【再掲】 that differ from its original are found", () => {
  const a = "支援体制を強化していきます";
  const b = "支援体制を整備していきます";
  const d = diffParts(a, b);
  expect([...a].slice(d.pre, d.sufA).join("")).toBe("強化");
  expect([...b].slice(d.pre, d.sufB).join("")).toBe("整備");
  const same = diffParts("同じ", "同じ");
  expect(same.sufA - same.pre).toBe(0);
  // text added at the end
  const e = diffParts("・相談\n・訪問", "・相談");
  expect("・相談\n・訪問".slice(e.pre, e.sufA)).toBe("\n・訪問");
});
