import { analyzeWorkbook, planFill } from "../../src/engine";
import { sheet, workbook } from "./helpers";

const LEGEND =
  "※　◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）　⇒：目標値を未達成（前年度と同じ又は前年度数値未把握）　－：数値未把握（調査未実施など）";

/** 施策・事務事業マネジメントシート §2-2, as seed 000 prints it: header over two rows, 実績値 merged. */
function managementSheet() {
  return sheet(
    "施策06",
    [
      ["施策・事務事業マネジメントシート【令和７年度】"],
      [],
      ["２－２　施策全体の考察②（まちづくり指標の推移／考察）"],
      ["まちづくり指標", "単位", "基準値\n（基準年度）", "実績値", null, "目標値\n（目標年度）", "指標の推移\n（※）", "達成率", "考察"],
      [null, null, null, "（令和5年度）", "（令和6年度）", null, null, null, null],
      ["地域福祉コーディネーターの新規相談件数（地域支援）", "件", "348\n令和3年度", 356, 404, "450\n令和8年度", "〇", 0.898, "・住民主体の交流活動の場…"],
      ["地域福祉コーディネーターの新規相談件数（個別支援）", "件", "429\n令和3年度", 431, 421, "470\n令和8年度", "○", 0.9, "…"],
      ["ボランティア登録者数", "人", "１，２００\n令和3年度", "１，２５０", "１，３１０", "1,300\n令和8年度", "◎", null, ""],
      ["待機児童数", "人", "40\n令和3年度", 12, 12, "0\n令和8年度", "⇒", null, ""],
      ["市民満足度", "%", "25.6%（令和3年度）", "－", "調査未実施", "上昇（令和8年度）", "－", null, ""],
      [LEGEND],
    ],
    { merges: ["A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5", "H4:H5", "I4:I5", "A11:I11"], numberFormats: { H6: "0.0%", H7: "0.0%" } },
  );
}

describe("management sheet (seed 000 layout)", () => {
  const wb = workbook(managementSheet());
  const a = analyzeWorkbook(wb);

  test("finds the indicator table with its range", () => {
    expect(a.sheets[0].tables).toMatchObject([{ kind: "indicators", sheet: "施策06", range: "A4:I10", shape: "row", currentYear: 2024 }]);
    // what was read of each column: the two 実績値 columns under one merged header, with their years
    const cols = a.sheets[0].tables[0].columns!;
    expect(cols.find((c) => c.column === "D")).toMatchObject({ role: "actual", year: 2023 });
    expect(cols.find((c) => c.column === "E")).toMatchObject({ role: "actual", year: 2024 });
    expect(cols.find((c) => c.column === "G")).toMatchObject({ role: "trend" });
  });

  test("reads values, years and units", () => {
    const [first] = a.indicators;
    expect(first.name).toBe("地域福祉コーディネーターの新規相談件数（地域支援）");
    expect(first.row).toBe(6);
    expect(first.unit).toBe("件");
    expect(first.baseline).toEqual({ value: 348, year: 2021 });
    expect(first.previous).toEqual({ value: 356, year: 2023 });
    expect(first.current).toEqual({ value: 404, year: 2024 });
    expect(first.target).toEqual({ value: 450, year: 2026, qualitative: null });
    expect(first.direction).toBe("increase");
    expect(a.indicators[2].current.value).toBe(1310);
  });

  test("computes the legend's marks and rates", () => {
    expect(a.indicators.map((i) => i.trendMark)).toEqual(["○", "▼", "◎", "⇒", "－"]);
    expect(a.indicators.map((i) => i.achievementRate)).toEqual([0.898, 0.896, 1.008, 0, null]);
    expect(a.indicators[3].direction).toBe("decrease");
  });

  test("flags the lookalike 〇 and the wrong ▼/○ and rate", () => {
    const by = (rule: string) => a.issues.filter((i) => i.rule === rule).map((i) => i.cell);
    expect(by("lookalike-character")).toEqual(["G6"]);
    expect(by("trend-mark-mismatch")).toEqual(["G7"]);
    expect(by("rate-mismatch")).toEqual(["H7"]);
    const mm = a.issues.find((i) => i.rule === "trend-mark-mismatch")!;
    expect(mm).toMatchObject({ severity: "error", expected: "▼", actual: "○", sheet: "施策06" });
    expect(mm.message).toContain("▼");
    // full-width digits typed as text are read, and flagged as numbers stored as text
    expect(by("number-as-text")).toEqual(["D8", "E8"]);
  });

  test("planFill writes only mark and rate cells that differ", () => {
    const plan = planFill(wb);
    const cells = plan.batch.cells.map((c) => [c.cell, c.value]);
    expect(cells).toEqual([
      ["G6", "○"],
      ["G7", "▼"],
      ["H7", 0.896],
      ["H8", 1.008],
      ["H9", 0],
      ["H10", "－"],
    ]);
    expect(plan.batch.cells.find((c) => c.cell === "H8")!.numberFormat).toBe("0.0%");
  });
});

describe("the sheet's title year", () => {
  test("a 【令和７年度】 sheet must report 令和6年度 results", () => {
    const rows = (managementSheet().values as unknown[][]).map((r) => (r ? [...r] : []));
    rows[4] = [null, null, null, "（令和4年度）", "（令和5年度）"];
    const s = sheet("施策06", rows as never, { merges: ["A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5", "H4:H5", "I4:I5", "A11:I11"] });
    const a = analyzeWorkbook(workbook(s));
    const f = a.issues.filter((i) => i.rule === "report-year");
    expect(f.map((i) => i.cell)).toEqual(["E5"]);
    expect(f[0]).toMatchObject({ severity: "warning", expected: 2024, actual: 2023 });
    expect(f[0].message).toContain("令和7年度");
    expect(analyzeWorkbook(workbook(managementSheet())).issues.filter((i) => i.rule === "report-year")).toEqual([]);
  });
});
