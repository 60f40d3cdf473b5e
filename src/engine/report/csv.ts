/**
 * The findings as CSV: UTF-8 with a byte-order mark (so that Excel opens Japanese correctly),
 * a header row, CRLF line ends and RFC 4180 quoting. Pure: returns a string.
 */
import { t, type Locale } from "../../messages";
import { findingsOf, formatCellValue, ruleName, severityLabel } from "./format";
import type { FileResult } from "./types";

export const BOM = "\uFEFF";

/**
 * One CSV field. Quoted when it holds a comma, a quote, CR or LF (quotes doubled). A text that
 * Excel would take for a formula (=, +, -, @ at the start, except a plain number) is prefixed with
 * an apostrophe so that opening the CSV never runs a workbook's text as a formula.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "number" ? String(value) : value;
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+(\.\d+)?$/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(",");
}

export interface CsvReportOptions {
  locale?: Locale;
}

/** Columns: file, sheet, cell, severity, rule id, rule name, message, expected, written. */
export function buildCsvReport(files: FileResult[], options: CsvReportOptions = {}): string {
  const locale = options.locale ?? "ja";
  const lines: string[] = [
    csvRow([
      t(locale, "report.file"),
      t(locale, "report.sheet"),
      t(locale, "report.cell"),
      t(locale, "report.severity"),
      "ID",
      t(locale, "report.rule"),
      t(locale, "report.message"),
      t(locale, "report.expected"),
      t(locale, "report.actual"),
    ]),
  ];
  for (const file of files) {
    for (const f of findingsOf(file)) {
      lines.push(
        csvRow([
          file.file,
          f.sheet,
          f.cell,
          severityLabel(f.severity, locale),
          f.rule,
          ruleName(f.rule, locale),
          f.message,
          typeof f.expected === "number" ? f.expected : formatCellValue(f.expected),
          typeof f.actual === "number" ? f.actual : formatCellValue(f.actual),
        ]),
      );
    }
  }
  return BOM + lines.join("\r\n") + "\r\n";
}
