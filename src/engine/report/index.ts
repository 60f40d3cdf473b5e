/** Reports of check and compare results: HTML (self-contained) and CSV. Pure. */
export { buildHtmlReport, countMarks, normalizeEvaluation, svgBarChart, TREND_MARKS, EVALUATION_MARKS } from "./html";
export type { HtmlReportOptions, ChartBar } from "./html";
export { buildCsvReport, csvField, csvRow, BOM } from "./csv";
export type { CsvReportOptions } from "./csv";
export { escapeHtml, formatYear, formatRate, totals } from "./format";
export * from "./types";
