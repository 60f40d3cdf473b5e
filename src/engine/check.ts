/**
 * checkWorkbook: what `plansheet check` and the task pane's チェック report. analyzeWorkbook's
 * findings, plus — when one workbook keeps the sheets of consecutive years (titled 【令和６年度】,
 * 【令和７年度】 …) — this year's 前年度 actuals against last year's sheet.
 */
import { analyzeWorkbook, sheetTitleYear } from "./analyze";
import { compareWorkbooks } from "./compare";
import type { WorkbookAnalysis } from "./api";
import type { EngineSettingsInput } from "./model/indicator";
import type { WorkbookSnapshot } from "./model/snapshot";

/** Rules of the year-to-year comparison that also belong in a check of one workbook. */
const CROSS_YEAR_RULES = new Set(["previous-mismatch"]);

export function checkWorkbook(snapshot: WorkbookSnapshot, settings?: EngineSettingsInput): WorkbookAnalysis {
  const analysis = analyzeWorkbook(snapshot, settings);
  const byYear = new Map<number, WorkbookSnapshot["sheets"][number] | null>();
  for (const s of snapshot.sheets) {
    const y = sheetTitleYear(s);
    // two sheets titled for the same year: ambiguous, compare neither
    if (y !== null) byYear.set(y, byYear.has(y) ? null : s);
  }
  for (const [year, sheet] of byYear) {
    const last = byYear.get(year - 1);
    if (!sheet || !last) continue;
    const c = compareWorkbooks({ sheets: [last] }, { sheets: [sheet] }, settings);
    analysis.issues.push(...c.issues.filter((i) => CROSS_YEAR_RULES.has(i.rule)));
  }
  return analysis;
}
