/** Writing a report file: HTML or CSV chosen by the extension. */
import { promises as fsp } from "fs";
import * as path from "path";
import type { Locale } from "../../messages";
import type { HtmlReportOptions } from "../../engine/report/html";
import type { FileResult } from "../../engine/report/types";

export type ReportFormat = "html" | "csv";

/** "html" for .html/.htm, "csv" for .csv, null otherwise (check it before doing the work). */
export function reportFormat(file: string): ReportFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".csv") return "csv";
  return null;
}

/**
 * Write the report of these results. Throws on an unknown extension or when the file cannot be
 * written (the caller turns that into a message and exit code 2).
 */
export async function writeReport(
  file: string,
  results: FileResult[],
  locale: Locale,
  options: Omit<HtmlReportOptions, "locale"> = {},
): Promise<void> {
  const format = reportFormat(file);
  if (!format) throw new Error(`Unknown report format: ${file}`);
  // the writers are loaded only for a report (a check without one does not load them)
  /* eslint-disable @typescript-eslint/no-require-imports */
  const text =
    format === "html"
      ? (require("../../engine/report/html") as typeof import("../../engine/report/html")).buildHtmlReport(results, { generatedAt: new Date(), ...options, locale })
      : (require("../../engine/report/csv") as typeof import("../../engine/report/csv")).buildCsvReport(results, { locale });
  /* eslint-enable @typescript-eslint/no-require-imports */
  await fsp.writeFile(file, text, "utf8");
}
