/**
 * Indicators as machine-readable open data (総務省「機械判読可能なデータの表記方法の統一ルール」, 2020:
 * one datum per cell, numbers as numbers, units in their own column, western years beside era years,
 * no merged cells).
 *
 * One record per indicator × year × kind (基準値 / 目標値 / 実績値 / 達成率 / 最終目標), each naming
 * the cell it came from. Only what the sheet holds is exported (never a computed mark or rate); a
 * cell is exported once (a cell that is both a year's target and the final target is the year's
 * 目標値); an empty cell is not exported; a cell that holds no number (`－`, 未把握, 記載予定, 上昇,
 * `#DIV/0!`) is exported with an empty value and its text as the note. Pure: snapshot in, records out.
 */
import { cellText } from "../cell/read";
import { analyzeSheet } from "../analyze";
import type { EngineSettingsInput } from "../model/indicator";
import type { WorkbookSnapshot } from "../model/snapshot";
import type { IndicatorRow, ReadCell } from "../indicators/extract";
import { tableRangeA1 } from "../tables/recognize";
import { writtenRate } from "../rules/rules";
import { BOM, csvField } from "../report/csv";
import { t, type Locale, type MessageKey } from "../../messages";

export type OpenDataKind = "基準値" | "目標値" | "実績値" | "達成率" | "最終目標";
export const OPEN_DATA_KINDS: readonly OpenDataKind[] = ["基準値", "目標値", "実績値", "達成率", "最終目標"];

/** One datum: the JSON of `plansheet export --format json` and one row of the CSV, in this order. */
export interface OpenDataRecord {
  file: string;
  sheet: string;
  /** The indicator table, as an A1 range. */
  table: string;
  indicator: string;
  /** The unit of `value`: the indicator's unit; `%` for 達成率. Null when the sheet gives none. */
  unit: string | null;
  direction: "increase" | "decrease";
  kind: OpenDataKind;
  /** Western fiscal year (令和6年度 → 2024), or null when the sheet names none. */
  fiscalYear: number | null;
  /** The year as the sheets write it: 令和6年度 (平成30年度 before 2019). */
  fiscalYearLabel: string | null;
  /** The number as written (units and years split off; a percent-formatted number as shown), or null. */
  value: number | null;
  /** When `value` is null: the cell's text (－, 未把握, 令和8年度以降に記載予定, 上昇, #DIV/0! …). */
  note: string | null;
  /** A1 address of the cell. */
  cell: string;
}

/** The CSV's columns: record field, message key of its header. */
export const OPEN_DATA_COLUMNS: readonly { field: keyof OpenDataRecord; header: MessageKey }[] = [
  { field: "file", header: "export.col.file" },
  { field: "sheet", header: "export.col.sheet" },
  { field: "table", header: "export.col.table" },
  { field: "indicator", header: "export.col.indicator" },
  { field: "unit", header: "export.col.unit" },
  { field: "direction", header: "export.col.direction" },
  { field: "kind", header: "export.col.kind" },
  { field: "fiscalYear", header: "export.col.fiscalYear" },
  { field: "fiscalYearLabel", header: "export.col.fiscalYearLabel" },
  { field: "value", header: "export.col.value" },
  { field: "note", header: "export.col.note" },
  { field: "cell", header: "export.col.cell" },
];

/** 2024 → 令和6年度, 2019 → 令和元年度, 2018 → 平成30年度 (data, so always in Japanese). */
export function eraYearLabel(year: number | null): string | null {
  if (year === null || !Number.isInteger(year)) return null;
  if (year >= 2019) return year === 2019 ? "令和元年度" : `令和${year - 2018}年度`;
  if (year >= 1989) return year === 1989 ? "平成元年度" : `平成${year - 1988}年度`;
  if (year >= 1926) return year === 1926 ? "昭和元年度" : `昭和${year - 1925}年度`;
  return `${year}年度`;
}

/** Binary noise off (0.1 × 3): twelve significant digits. */
function clean(n: number): number {
  return Number(n.toPrecision(12));
}

function yearOfReading(c: ReadCell): number | null {
  const r = c.reading;
  return r.kind === "number" || r.kind === "missing" || r.kind === "qualitative" || r.kind === "text" ? r.year : null;
}

/** The records of one indicator (in reading order, each cell once). */
export function indicatorRecords(file: string, sheetName: string, row: IndicatorRow, sheet: Parameters<typeof writtenRate>[0]): OpenDataRecord[] {
  const out: OpenDataRecord[] = [];
  const seen = new Set<string>();
  const ind = row.indicator;
  const table = tableRangeA1(row.table);
  const add = (c: ReadCell | null, kind: OpenDataKind, year: number | null) => {
    if (!c || c.reading.kind === "empty" || seen.has(c.cell)) return;
    seen.add(c.cell);
    let value: number | null = null;
    let unit = ind.unit;
    if (kind === "達成率") {
      unit = "%";
      const w = writtenRate(sheet, c);
      if (w) value = clean(w.value * 100);
      else if (c.reading.kind === "number") value = c.reading.value;
    } else if (c.reading.kind === "number") value = c.reading.value;
    const note = value === null ? cellText(c.value).replace(/\r\n?/g, "\n").trim() || null : null;
    out.push({
      file,
      sheet: sheetName,
      table,
      indicator: ind.name,
      unit,
      direction: ind.direction,
      kind,
      fiscalYear: year,
      fiscalYearLabel: eraYearLabel(year),
      value,
      note,
      cell: c.cell,
    });
  };
  add(row.baseline, "基準値", ind.baseline.year ?? (row.baseline ? yearOfReading(row.baseline) : null));
  const inPoints = new Set<string>();
  for (const p of row.points) {
    add(p.target, "目標値", p.year);
    add(p.actual, "実績値", p.year);
    add(p.rate, "達成率", p.year);
    for (const c of [p.target, p.actual, p.rate]) if (c) inPoints.add(c.cell);
  }
  // actuals the series does not hold (a column without a year): this year's and last year's by position
  for (const c of row.actuals) {
    if (inPoints.has(c.cell)) continue;
    const year = c === row.currentCell ? ind.current.year : c === row.previousCell ? ind.previous.year : yearOfReading(c) ?? c.column.year;
    add(c, "実績値", year);
  }
  add(row.target, "最終目標", ind.target.year);
  // the 達成率 column of a one-row table: this year's rate
  add(row.rate, "達成率", ind.current.year);
  return out;
}

/** Every datum of every indicator table of the workbook, sheet by sheet, indicator by indicator. */
export function openDataRecords(snapshot: WorkbookSnapshot, file: string, settings?: EngineSettingsInput): OpenDataRecord[] {
  const out: OpenDataRecord[] = [];
  for (const whole of snapshot.sheets) {
    const d = analyzeSheet(whole, settings);
    for (const row of d.indicatorRows) out.push(...indicatorRecords(file, whole.name, row, d.sheet));
  }
  return out;
}

/** The records as CSV: UTF-8 with BOM, a header row, CRLF, RFC 4180 quoting (the report's writer). */
export function openDataCsv(records: readonly OpenDataRecord[], locale: Locale = "ja"): string {
  const row = (fields: (string | number | null)[]) => fields.map(field).join(",");
  const lines = [row(OPEN_DATA_COLUMNS.map((c) => t(locale, c.header)))];
  for (const r of records) lines.push(row(OPEN_DATA_COLUMNS.map((c) => r[c.field] as string | number | null)));
  return BOM + lines.join("\r\n") + "\r\n";
}

/** A CSV field; a note that is only a dash (`-`) is a datum, not a formula, and is written as it is. */
function field(v: string | number | null): string {
  if (typeof v === "string" && /^-+$/.test(v)) return v;
  return csvField(v);
}
