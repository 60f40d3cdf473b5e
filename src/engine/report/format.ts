/** Small formatting helpers shared by the HTML and CSV reports. Pure. */
import { t, type Locale, type MessageKey } from "../../messages";
import type { FileResult, IssueJson, YearValueJson } from "./types";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escape text for HTML element content and quoted attribute values (also inside SVG). */
export function escapeHtml(value: unknown): string {
  const s = value === null || value === undefined ? "" : String(value);
  // Control characters other than tab/newline are not allowed in HTML/XML text: drop them.
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}

/** Western fiscal year → 令和N年度 / 平成N年度 (ja) or FY2024 (en). */
export function formatYear(year: number | null, locale: Locale): string {
  if (year === null || !Number.isFinite(year)) return "";
  if (locale === "en") return t(locale, "report.year", { year });
  let era: string;
  if (year >= 2019) era = year === 2019 ? "令和元" : `令和${year - 2018}`;
  else if (year >= 1989) era = year === 1989 ? "平成元" : `平成${year - 1988}`;
  else era = String(year);
  return t(locale, "report.year", { era, year });
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  // Avoid binary noise such as 0.30000000000000004.
  const rounded = Number(value.toPrecision(12));
  return rounded.toLocaleString("ja-JP", { maximumFractionDigits: 6 });
}

/** Fraction → "89.8%". */
export function formatRate(rate: number | null | undefined, decimals = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "";
  return `${(rate * 100).toFixed(decimals)}%`;
}

/** "348（令和3年度）" / "348 (FY2021)". */
export function formatYearValue(v: YearValueJson | null | undefined, locale: Locale, qualitative?: string | null): string {
  if (!v) return qualitative ?? "";
  const value = qualitative ? qualitative : formatNumber(v.value);
  const year = formatYear(v.year, locale);
  if (!year) return value;
  if (!value) return locale === "ja" ? `（${year}）` : `(${year})`;
  return locale === "ja" ? `${value}（${year}）` : `${value} (${year})`;
}

export function formatCellValue(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v);
  return String(v);
}

export const SEVERITIES = ["error", "warning", "info"] as const;

export function severityLabel(severity: string, locale: Locale): string {
  if (severity === "error" || severity === "warning" || severity === "info") {
    return t(locale, `report.severity.${severity}` as MessageKey);
  }
  return severity;
}

/** A short name for a rule id; the id itself for a rule the report does not know. */
export function ruleName(rule: string, locale: Locale): string {
  const key = `report.ruleName.${rule}`;
  const text = t(locale, key as MessageKey);
  return text === key ? rule : text;
}

export function tableKindLabel(kind: string, locale: Locale): string {
  const key = `report.tableKind.${kind}`;
  const text = t(locale, key as MessageKey);
  return text === key ? kind : text;
}

/**
 * The findings of a file, with a synthetic `file-error` finding when the file could not be read
 * (so that the CSV and the totals count it).
 */
export function findingsOf(file: FileResult): IssueJson[] {
  if (file.error) {
    return [
      { rule: "file-error", severity: "error", sheet: "", cell: "", message: file.error, expected: null, actual: null },
      ...file.issues,
    ];
  }
  return file.issues;
}

export interface Totals {
  files: number;
  failed: number;
  indicators: number;
  bySeverity: Record<string, number>;
  byRule: { rule: string; severity: string; count: number }[];
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

export function totals(files: FileResult[]): Totals {
  const bySeverity: Record<string, number> = { error: 0, warning: 0, info: 0 };
  const rules = new Map<string, { rule: string; severity: string; count: number }>();
  let failed = 0;
  let indicators = 0;
  for (const f of files) {
    if (f.error) failed++;
    indicators += f.indicators.length;
    for (const issue of findingsOf(f)) {
      bySeverity[issue.severity] = (bySeverity[issue.severity] ?? 0) + 1;
      const r = rules.get(issue.rule);
      if (r) {
        r.count++;
        // A rule that emits several severities is listed under its worst one.
        if ((SEVERITY_ORDER[issue.severity] ?? 9) < (SEVERITY_ORDER[r.severity] ?? 9)) r.severity = issue.severity;
      } else rules.set(issue.rule, { rule: issue.rule, severity: issue.severity, count: 1 });
    }
  }
  const byRule = [...rules.values()].sort(
    (a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || b.count - a.count || a.rule.localeCompare(b.rule),
  );
  return { files: files.length, failed, indicators, bySeverity, byRule };
}

/** Sort key for A1 addresses: by row, then column. */
export function compareCells(a: string, b: string): number {
  const pa = /^([A-Z]+)(\d+)$/i.exec(a);
  const pb = /^([A-Z]+)(\d+)$/i.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  const ra = Number(pa[2]);
  const rb = Number(pb[2]);
  if (ra !== rb) return ra - rb;
  if (pa[1].length !== pb[1].length) return pa[1].length - pb[1].length;
  return pa[1].localeCompare(pb[1]);
}
