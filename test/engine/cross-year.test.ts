/** One workbook with the sheets of two years: this year's 前年度 actual against last year's sheet. */
import { analyzeWorkbook, checkWorkbook } from "../../src/engine";
import type { CellValue } from "../../src/engine/model/snapshot";
import { sheet, workbook } from "./helpers";

function yearSheet(name: string, era: number, rows: CellValue[][]) {
  return sheet(name, [
    [`施策・事務事業マネジメントシート【令和${era}年度】`],
    ["まちづくり指標", "単位", "基準値（基準年度）", `実績値（令和${era - 2}年度）`, `実績値（令和${era - 1}年度）`, "目標値（目標年度）", "指標の推移"],
    ...rows,
  ]);
}

test("a 前年度 actual that differs from last year's sheet is an error on this year's cell", () => {
  const r6 = yearSheet("令和6年度", 6, [
    ["新規相談件数（地域支援）", "件", "348（令和3年度）", 330, 350, "450（令和8年度）", "○"],
    ["新規相談件数（個別支援）", "件", "429（令和3年度）", 420, 431, "470（令和8年度）", "○"],
  ]);
  const r7 = yearSheet("令和7年度", 7, [
    ["新規相談件数（地域支援）", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "○"],
    ["新規相談件数（個別支援）", "件", "429（令和3年度）", 431, 421, "470（令和8年度）", "▼"],
  ]);
  const wb = workbook(r6, r7);
  const found = checkWorkbook(wb).issues.filter((i) => i.rule === "previous-mismatch");
  expect(found.map((i) => [i.sheet, i.cell, i.expected, i.actual])).toEqual([["令和7年度", "D3", 350, 356]]);
  expect(found[0].severity).toBe("error");
  // analyzeWorkbook alone does not compare sheets
  expect(analyzeWorkbook(wb).issues.filter((i) => i.rule === "previous-mismatch")).toEqual([]);
  // sheets that are not of consecutive years are not compared
  const r4 = yearSheet("令和4年度", 4, [["新規相談件数（地域支援）", "件", "348（令和3年度）", 1, 2, "450（令和8年度）", "○"]]);
  expect(checkWorkbook(workbook(r4, r7)).issues.filter((i) => i.rule === "previous-mismatch")).toEqual([]);
});
