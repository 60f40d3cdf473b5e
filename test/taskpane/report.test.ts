import { buildReportBatch, compareA1, ruleLabel, sortFindings, uniqueSheetName } from "../../src/taskpane/report";
import type { Finding } from "../../src/engine/model/findings";

const finding = (over: Partial<Finding>): Finding => ({
  rule: "trend-mark-mismatch",
  severity: "error",
  sheet: "施策06",
  cell: "G6",
  message: "指標の推移が計算結果と異なります（記入: ▼、計算: ○）。",
  expected: "○",
  actual: "▼",
  ...over,
});

describe("uniqueSheetName", () => {
  test("the base name when free, else (2), (3) … never an existing sheet", () => {
    expect(uniqueSheetName(["施策06"], "チェック結果")).toBe("チェック結果");
    expect(uniqueSheetName(["施策06", "チェック結果"], "チェック結果")).toBe("チェック結果 (2)");
    expect(uniqueSheetName(["チェック結果", "チェック結果 (2)", "チェック結果 (3)"], "チェック結果")).toBe("チェック結果 (4)");
  });
  test("compares without case, as Excel does", () => {
    expect(uniqueSheetName(["check results"], "Check results")).toBe("Check results (2)");
  });
  test("stays within Excel's 31 characters", () => {
    const base = "あ".repeat(31);
    const name = uniqueSheetName([base], base);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name.endsWith(" (2)")).toBe(true);
    expect(name).not.toBe(base);
  });
});

describe("buildReportBatch", () => {
  const findings = [
    finding({ sheet: "B", cell: "A10", severity: "warning", rule: "number-as-text", expected: null, actual: "=1+1", fix: undefined }),
    finding({}),
    finding({ cell: "B2", severity: "info", rule: "pace-grade", expected: 0.5, actual: 0.4 }),
  ];
  const batch = buildReportBatch(findings, {
    locale: "ja",
    sheetName: "チェック結果 (2)",
    scope: "すべてのシート",
    date: new Date(2026, 10, 23, 9, 5),
    sheetOrder: ["施策06", "B"],
  });
  const at = (a1: string) => batch.cells.find((c) => c.cell === a1);

  test("creates only the new sheet and writes only into it", () => {
    expect(batch.addSheets).toEqual(["チェック結果 (2)"]);
    expect(new Set(batch.cells.map((c) => c.sheet))).toEqual(new Set(["チェック結果 (2)"]));
  });
  test("title, header, then one row per finding in sheet order, errors first", () => {
    expect(at("A1")!.value).toBe("PlanSheet チェック結果（2026-11-23 09:05、すべてのシート）");
    expect(at("A2")!.value).toBe("エラー 1 件、警告 1 件、情報 1 件");
    expect(["A4", "B4", "C4", "E4"].map((a) => at(a)!.value)).toEqual(["シート", "セル", "重要度", "内容"]);
    expect(["A5", "B5", "C5", "D5"].map((a) => at(a)!.value)).toEqual(["施策06", "G6", "エラー", "指標の推移の誤り"]);
    expect(["A6", "B6", "C6"].map((a) => at(a)!.value)).toEqual(["施策06", "B2", "情報"]);
    expect(["A7", "B7", "C7"].map((a) => at(a)!.value)).toEqual(["B", "A10", "警告"]);
    expect(at("F6")!.value).toBe(0.5);
  });
  test("a rate is written as a number in a percent format (89.8%, not 0.898)", () => {
    const b = buildReportBatch([finding({ rule: "rate-mismatch", cell: "H6", expected: 0.898, actual: 0.75 })], {
      locale: "ja",
      sheetName: "R",
      scope: "このシート",
      date: new Date(2026, 10, 23),
      sheetOrder: ["施策06"],
      rateDecimals: 1,
    });
    const f = b.cells.find((c) => c.cell === "F5")!;
    const g = b.cells.find((c) => c.cell === "G5")!;
    expect([f.value, f.numberFormat]).toEqual([0.898, "0.0%"]);
    expect([g.value, g.numberFormat]).toEqual([0.75, "0.0%"]);
    // No rule id (an internal key) in the sheet: the rule's name only.
    expect(b.cells.find((c) => c.cell === "D5")!.value).toBe("達成率の誤り");
  });
  test("workbook text that looks like a formula is written as text, never as a formula", () => {
    const c = at("G7")!;
    expect(c.value).toBe("=1+1");
    expect(c.formula).toBeUndefined();
    expect(c.numberFormat).toBe("@");
    expect(batch.cells.every((x) => x.formula === undefined)).toBe(true);
  });
});

test("sortFindings and compareA1 put rows before columns", () => {
  expect(["B2", "A10", "AA1", "B1"].sort(compareA1)).toEqual(["B1", "AA1", "B2", "A10"]);
  const out = sortFindings([finding({ sheet: "Z" }), finding({ sheet: "A", cell: "C3" }), finding({ sheet: "A", cell: "C1", severity: "info" })], ["A", "Z"]);
  expect(out.map((f) => `${f.sheet}!${f.cell}`)).toEqual(["A!C3", "A!C1", "Z!G6"]);
});

test("ruleLabel names known rules in both languages and falls back to the id", () => {
  expect(ruleLabel("ja", "rate-mismatch")).toBe("達成率の誤り");
  expect(ruleLabel("en", "rate-mismatch")).toBe("Wrong achievement rate");
  expect(ruleLabel("ja", "some-new-rule")).toBe("その他の指摘");
});
