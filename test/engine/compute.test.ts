import { achievementRate, pace, planFill, roundRate, trendMark, readValueCell, parseYear, analyzeWorkbook, sheetRateStatement } from "../../src/engine";
import type { MarkInput } from "../../src/engine/indicators/compute";
import { sheet, workbook } from "./helpers";

const up = (c: number | null, p: number | null, t: number | null, b: number | null = null): MarkInput => ({
  current: c, previous: p, target: t, baseline: b, qualitative: null, direction: "increase",
});

describe("trend mark: the legend's rule", () => {
  test.each([
    ["current unknown → －", up(null, 10, 20), "－"],
    ["target reached → ◎", up(20, 10, 20), "◎"],
    ["above target even if lower than last year → ◎", up(25, 30, 20), "◎"],
    ["improved, not reached → ○", up(15, 10, 20), "○"],
    ["worse, not reached → ▼", up(9, 10, 20), "▼"],
    ["same as last year → ⇒", up(10, 10, 20), "⇒"],
    ["last year unknown → ⇒", up(10, null, 20), "⇒"],
    ["no target: not reached; improved → ○", up(12, 10, null), "○"],
  ])("%s", (_n, input, mark) => expect(trendMark(input)).toBe(mark));

  test("lower is better", () => {
    const down = (c: number, p: number | null, t: number): MarkInput => ({ current: c, previous: p, target: t, baseline: 40, qualitative: null, direction: "decrease" });
    expect(trendMark(down(0, 3, 0))).toBe("◎");
    expect(trendMark(down(10, 12, 5))).toBe("○");
    expect(trendMark(down(14, 12, 5))).toBe("▼");
  });

  test("qualitative targets count as reached when better than the baseline", () => {
    const q = (c: number, p: number, b: number, qualitative: "上昇" | "減少" | "維持", direction: "increase" | "decrease" = "increase"): MarkInput => ({
      current: c, previous: p, baseline: b, target: null, qualitative, direction,
    });
    expect(trendMark(q(26, 24, 25.6, "上昇"))).toBe("◎");
    expect(trendMark(q(24.8, 24, 25.6, "上昇"))).toBe("○");
    expect(trendMark(q(36.5, 37, 38.4, "減少", "decrease"))).toBe("◎");
    expect(trendMark(q(39, 38, 38.4, "減少", "decrease"))).toBe("▼");
    expect(trendMark(q(50, 49, 50, "維持"))).toBe("◎");
    expect(trendMark(q(49, 50, 50, "維持"))).toBe("▼");
  });
});

describe("achievement rate", () => {
  const base = { current: 404, baseline: 348, target: 450, qualitative: null, direction: "increase" as const };
  const s = { rateMethod: "ratio" as const, capRate: false, rateDecimals: 1 };
  test("ratio c/t, rounded to 0.1%", () => expect(achievementRate(base, s)).toBe(0.898));
  test("ratio t/c when lower is better", () => expect(achievementRate({ ...base, current: 12, target: 10, direction: "decrease" }, s)).toBe(0.833));
  test("progress (c−b)/(t−b)", () => expect(achievementRate(base, { ...s, rateMethod: "progress" })).toBe(0.549));
  test("cap at 100%", () => {
    expect(achievementRate({ ...base, current: 480 }, s)).toBe(1.067);
    expect(achievementRate({ ...base, current: 480 }, { ...s, capRate: true })).toBe(1);
  });
  test("rounding to other precisions", () => {
    expect(achievementRate(base, { ...s, rateDecimals: 0 })).toBe(0.9);
    expect(achievementRate(base, { ...s, rateDecimals: 2 })).toBe(0.8978);
    expect(roundRate(0.8975, 1)).toBe(0.898);
  });
  test("no rate when c or t unknown or the target is qualitative", () => {
    expect(achievementRate({ ...base, current: null }, s)).toBeNull();
    expect(achievementRate({ ...base, target: null }, s)).toBeNull();
    expect(achievementRate({ ...base, target: null, qualitative: "上昇" }, s)).toBeNull();
    expect(achievementRate({ ...base, baseline: null }, { ...s, rateMethod: "progress" })).toBeNull();
  });
});

describe("pace against the straight-line expected value (期待値)", () => {
  const settings = {
    rateMethod: "ratio" as const,
    rateDecimals: 1,
    pace: { enabled: true, bands: [{ label: "A", min: 1 }, { label: "B", min: 0.8 }, { label: "C", min: 0.5 }, { label: "D", min: null }] },
  };
  test("expected value on the line from baseline to target", () => {
    // 348 (2021) → 450 (2026): in 2024 the expected value is 348 + 102 × 3/5 = 409.2
    const p = pace(
      { baseline: { value: 348, year: 2021 }, current: { value: 404, year: 2024 }, target: { value: 450, year: 2026, qualitative: null }, direction: "increase" },
      settings,
    )!;
    expect(p.expected).toBeCloseTo(409.2, 6);
    expect(p.ratio).toBe(0.987);
    expect(p.grade).toBe("B");
  });
  test("the option puts pace on indicators and an info finding", () => {
    const s = sheet("s", [
      ["指標名", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値"],
      ["相談件数", "348（令和3年度）", 356, 404, "450（令和8年度）"],
    ]);
    const a = analyzeWorkbook(workbook(s), { pace: { enabled: true } });
    expect(a.indicators[0].pace).toMatchObject({ grade: "B", ratio: 0.987 });
    expect(a.issues.find((i) => i.rule === "pace-grade")).toMatchObject({ severity: "info", cell: "D2", expected: "B" });
    expect(analyzeWorkbook(workbook(s)).indicators[0].pace).toBeNull();
  });
});

describe("the sheet says which rate method it uses", () => {
  test("progress formula printed on the sheet", () => {
    const s = sheet("s", [["※達成率＝（実績値－基準値）÷（目標値－基準値）。100％を上限とする。"]]);
    expect(sheetRateStatement(s)).toEqual({ rateMethod: "progress", capRate: true });
  });
  test("an explicit setting wins over the sheet", () => {
    const s = sheet("s", [
      ["※達成率＝（実績値－基準値）÷（目標値－基準値）"],
      ["指標名", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "達成率"],
      ["相談件数", "348（令和3年度）", 356, 404, "450（令和8年度）", null],
    ]);
    expect(analyzeWorkbook(workbook(s)).indicators[0].achievementRate).toBe(0.549);
    expect(analyzeWorkbook(workbook(s), { rateMethod: "ratio" }).indicators[0].achievementRate).toBe(0.898);
  });
});

describe("cell reading examples from the seeds", () => {
  test.each([
    ["348\n令和3年度", 348, 2021],
    ["86%（令和7年度）", 86, 2025],
    ["１，４４０件", 1440, null],
    ["年4回 (令和11年度)", 4, 2029],
    ["4,850P", 4850, null],
    ["577件 (令和元年度)", 577, 2019],
    ["△12", -12, null],
  ])("%j → %p (%p)", (text, value, year) => {
    const r = readValueCell(text);
    expect(r.kind).toBe("number");
    if (r.kind === "number") {
      expect(r.value).toBe(value);
      expect(r.year).toBe(year);
    }
  });
  test.each(["－", "―", "‐", "-", "—", "ー", "", "未把握", "調査未実施", "令和8年度に新たに策定するため、令和8年度以降に記載予定"])("%j is unknown, never 0", (text) => {
    expect(["missing", "empty"]).toContain(readValueCell(text).kind);
  });
  test("qualitative targets", () => {
    expect(readValueCell("上昇 (令和13年度)")).toMatchObject({ kind: "qualitative", qualitative: "上昇", year: 2031 });
    expect(readValueCell("減少（令和13年度）")).toMatchObject({ kind: "qualitative", qualitative: "減少" });
    expect(readValueCell("維持")).toMatchObject({ kind: "qualitative", qualitative: "維持" });
  });
  test("years", () => {
    expect(parseYear("令和６(2024)年度")).toBe(2024);
    expect(parseYear("R6")).toBe(2024);
    expect(parseYear("平成30年度")).toBe(2018);
    expect(parseYear("令和元年度")).toBe(2019);
  });
  test("formula errors are unknown, never numbers", () => {
    expect(readValueCell({ error: "#DIV/0!" }).kind).toBe("error");
    expect(readValueCell("#N/A").kind).toBe("error");
  });
});

describe("fill writes the pace grade into a 期待値評価 column when the option is on", () => {
  const s = sheet("s", [
    ["指標名", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "指標の推移", "達成率", "期待値評価"],
    ["相談件数", "348（令和3年度）", 356, 404, "450（令和8年度）", "○", null, null],
    ["参加者数", "100（令和3年度）", 101, 102, "200（令和8年度）", "○", null, null],
  ]);
  test("grades B and C (actual ÷ expected); nothing written in that column when the option is off", () => {
    // 102 against 100 + (200 − 100) × 3/5 = 160 → 63.8% → C
    const on = planFill(workbook(s), { pace: { enabled: true } });
    expect(on.changes.filter((c) => c.kind === "pace").map((c) => [c.cell, c.after])).toEqual([
      ["H2", "B"],
      ["H3", "C"],
    ]);
    const off = planFill(workbook(s));
    expect(off.changes.filter((c) => c.kind === "pace")).toEqual([]);
  });
});
