/** The engine: pure TypeScript over plain-data snapshots. */
export { analyzeWorkbook, planFill, analyzeSheet, sheetRateStatement, sheetTitleYear } from "./analyze";
export { checkWorkbook } from "./check";
export type { FillChange, FillPlan, IndicatorResult, ProgressItem, SheetAnalysis, WorkbookAnalysis } from "./api";
export * from "./cell/read";
export * from "./model/grid";
export type * from "./model/snapshot";
export type { Finding, Severity, TableInfo, TableKind } from "./model/findings";
export {
  EngineSettings,
  resolveSettings,
  TrendMark,
  Indicator,
  Direction,
  Qualitative,
  RateMethod,
  type EngineSettingsInput,
} from "./model/indicator";
export { trendMark, achievementRate, rawAchievementRate, roundRate, targetReached, pace } from "./indicators/compute";
export { recognizeTables, findLegends } from "./tables/recognize";
export { TREND_MARKS, EVALUATION_MARKS, readMark } from "./rules/marks";
export { RULES, formatRate, rateFormat } from "./rules/rules";
export { RESULT_WORDS, FUTURE_WORDS } from "./tables/headers";
