/** The check report written to a new sheet (never over an existing one). */
import type { CellEdit, EditBatch } from "../workbook/port";
import type { Finding } from "../engine/model/findings";
import { messages, t, type Locale, type MessageKey } from "../messages";

/** Excel's limit on sheet-name length. */
const MAX_SHEET_NAME = 31;

/**
 * `base`, or `base (2)`, `base (3)` … : the first name no sheet has (Excel compares sheet names
 * without regard to case).
 */
export function uniqueSheetName(existing: readonly string[], base: string): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const clip = (s: string, suffix: string) => s.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  if (!taken.has(clip(base, "").toLowerCase())) return clip(base, "");
  for (let i = 2; ; i++) {
    const name = clip(base, ` (${i})`);
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** A short human name of a rule ("指標の推移の誤り"); 「その他の指摘」 when the pane has none (never the id). */
export function ruleLabel(locale: Locale, rule: string): string {
  const key = `pane.rule.${rule}`;
  return Object.prototype.hasOwnProperty.call(messages[locale], key) ? t(locale, key as MessageKey) : t(locale, "pane.rule.other");
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function sortFindings(findings: readonly Finding[], sheetOrder: readonly string[]): Finding[] {
  const pos = new Map(sheetOrder.map((s, i) => [s, i]));
  return [...findings].sort(
    (a, b) =>
      (pos.get(a.sheet) ?? 1e9) - (pos.get(b.sheet) ?? 1e9) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      compareA1(a.cell, b.cell),
  );
}

/** Row-major order of A1 addresses ("B2" before "A10"). */
export function compareA1(a: string, b: string): number {
  const pa = /^([A-Z]+)(\d+)$/i.exec(a);
  const pb = /^([A-Z]+)(\d+)$/i.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  return Number(pa[2]) - Number(pb[2]) || pa[1].length - pb[1].length || pa[1].localeCompare(pb[1]);
}

export interface ReportOptions {
  locale: Locale;
  sheetName: string;
  /** "このシート: 様式1" or "すべてのシート". */
  scope: string;
  date: Date;
  sheetOrder: readonly string[];
  /** Decimals of a rate (settings): rates are written as numbers in a percent format. */
  rateDecimals?: number;
}

/** Excel's percent format with the given decimals ("0.0%"). */
export function percentFormat(decimals: number): string {
  return decimals > 0 ? `0.${"0".repeat(decimals)}%` : "0%";
}

/** Is this value of this finding a rate (a fraction, shown as a percentage)? */
export function isRateValue(f: Finding, v: string | number | null | undefined): v is number {
  return typeof v === "number" && (f.rule.startsWith("rate-") || f.rule === "formula-error");
}

/**
 * An edit batch that creates the report sheet and writes one row per finding. Every cell is written
 * as text (number format "@"), so workbook text such as "=…" is never taken for a formula.
 */
export function buildReportBatch(findings: readonly Finding[], o: ReportOptions): EditBatch {
  const { locale, sheetName } = o;
  const cells: CellEdit[] = [];
  const text = (cell: string, value: string | number | null, style?: CellEdit["style"], numberFormat?: string): void => {
    cells.push({ sheet: sheetName, cell, value, numberFormat: numberFormat ?? (typeof value === "number" ? "General" : "@"), style });
  };
  const pct = percentFormat(o.rateDecimals ?? 1);
  const d = o.date;
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")} ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  text("A1", t(locale, "pane.report.title", { date, scope: o.scope }), { bold: true, fontSize: 12 });
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  text("A2", t(locale, "pane.check.summary", { errors: counts.error, warnings: counts.warning, infos: counts.info }));
  const header: MessageKey[] = [
    "pane.report.sheet",
    "pane.report.cell",
    "pane.report.severity",
    "pane.report.rule",
    "pane.report.message",
    "pane.report.expected",
    "pane.report.actual",
  ];
  const cols = ["A", "B", "C", "D", "E", "F", "G"];
  header.forEach((k, i) => text(`${cols[i]}4`, t(locale, k), { bold: true, border: true, fill: "DDEBF7", horizontal: "center" }));
  sortFindings(findings, o.sheetOrder).forEach((f, i) => {
    const r = 5 + i;
    const sev: MessageKey = `pane.severity.${f.severity}`;
    const row: (string | number | null)[] = [
      f.sheet,
      f.cell,
      t(locale, sev),
      ruleLabel(locale, f.rule),
      f.message,
      f.expected ?? null,
      f.actual ?? null,
    ];
    row.forEach((v, c) =>
      text(`${cols[c]}${r}`, v, { border: true, wrap: c === 4, vertical: "top" }, c >= 5 && isRateValue(f, v) ? pct : undefined),
    );
  });
  return {
    addSheets: [sheetName],
    cells,
    columnWidths: [
      { sheet: sheetName, column: "A", width: 18 },
      { sheet: sheetName, column: "B", width: 8 },
      { sheet: sheetName, column: "C", width: 8 },
      { sheet: sheetName, column: "D", width: 28 },
      { sheet: sheetName, column: "E", width: 60 },
      { sheet: sheetName, column: "F", width: 14 },
      { sheet: sheetName, column: "G", width: 14 },
    ],
    label: t(locale, "pane.check.writeReport"),
  };
}
