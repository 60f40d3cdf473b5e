/**
 * The per-file result of `plansheet check` (and `compare`), as plain data. The JSON of
 * `plansheet check --json` is `{ "files": FileResultJson[] }`; a `FileResult` may carry a few
 * extra fields for the report (evaluation marks of progress tables, pace grades) that
 * `toFileResultJson` strips.
 */
import type { Finding, Severity } from "../model/findings";
import type { WorkbookAnalysis } from "../api";

export interface YearValueJson {
  value: number | null;
  year: number | null;
}

export interface IndicatorJson {
  sheet: string;
  row: number;
  name: string;
  unit: string | null;
  direction: string;
  baseline: YearValueJson;
  previous: YearValueJson;
  current: YearValueJson;
  target: YearValueJson & { qualitative: string | null };
  trendMark: string;
  achievementRate: number | null;
  /** Where the engine reads and writes the mark, the rate and the grade (A1), or null. */
  markCell?: string | null;
  rateCell?: string | null;
  gradeCell?: string | null;
  /** The grade by the sheet's band legend (Ａ：達成率100％以上 …), or null. */
  grade?: string | null;
  /** The yearly series as read. */
  series?: { points: SeriesPointJson[] };
  /** Why marks, rates and grades of this indicator are neither checked nor written, or null. */
  uncertain?: string | null;
}

export interface SeriesPointJson {
  year: number;
  target: number | null;
  actual: number | null;
  /** That year's rate, computed (that year's actual against that year's target), or null. */
  rate: number | null;
  targetCell: string | null;
  actualCell: string | null;
  rateCell: string | null;
}

export interface IssueJson {
  rule: string;
  severity: Severity;
  sheet: string;
  cell: string;
  message: string;
  expected: string | number | null;
  actual: string | number | null;
}

export interface TableJson {
  kind: string;
  range: string;
  /** Indicator tables: "row" (one row per indicator) or "row-group" (目標値 / 実績値 / 達成率 rows). */
  shape?: string;
  /** Indicator tables: each column's role and year as read. */
  columns?: { column: string; role: string; year: number | null; header: string }[];
  rowLabels?: { column: string; labels: { label: string; role: string }[] };
  currentYear?: number | null;
  uncertain?: string | null;
}

export interface SheetJson {
  name: string;
  tables: TableJson[];
}

export interface FileResultJson {
  file: string;
  /** Why the file could not be read (a full message naming the file); null when it was read. */
  error: string | null;
  sheets: SheetJson[];
  indicators: IndicatorJson[];
  issues: IssueJson[];
}

/** Pace against the straight-line expected value (期待値), when the option is on. */
export interface PaceJson {
  expected: number;
  ratio: number;
  grade: string;
}

/** One item of a progress table, as far as the report needs it. */
export interface ProgressEvaluationJson {
  sheet: string;
  row: number;
  name: string;
  evaluation: string | null;
}

/** What the report writers take: the JSON fields plus optional extras (never printed by --json). */
export interface FileResult extends FileResultJson {
  indicators: (IndicatorJson & { pace?: PaceJson | null })[];
  /** Evaluation marks of progress tables (☆○△□×◎－), for the report's chart. */
  progress?: ProgressEvaluationJson[];
}

/** A table as the JSON prints it. */
export function tableJson(x: TableJson): TableJson {
  const out: TableJson = { kind: x.kind, range: x.range };
  if (x.shape !== undefined) out.shape = x.shape;
  if (x.columns !== undefined) out.columns = x.columns.map((c) => ({ column: c.column, role: c.role, year: c.year, header: c.header }));
  if (x.rowLabels !== undefined) out.rowLabels = x.rowLabels;
  if (x.currentYear !== undefined) out.currentYear = x.currentYear;
  if (x.uncertain !== undefined) out.uncertain = x.uncertain;
  return out;
}

/** An indicator as the JSON prints it (extra fields of the input are dropped). */
export function indicatorJson(i: IndicatorJson): IndicatorJson {
  return {
    sheet: i.sheet,
    row: i.row,
    name: i.name,
    unit: i.unit,
    direction: i.direction,
    baseline: { value: i.baseline.value, year: i.baseline.year },
    previous: { value: i.previous.value, year: i.previous.year },
    current: { value: i.current.value, year: i.current.year },
    target: { value: i.target.value, year: i.target.year, qualitative: i.target.qualitative },
    trendMark: i.trendMark,
    achievementRate: i.achievementRate,
    markCell: i.markCell ?? null,
    rateCell: i.rateCell ?? null,
    gradeCell: i.gradeCell ?? null,
    grade: i.grade ?? null,
    series: {
      points: (i.series?.points ?? []).map((p) => ({
        year: p.year,
        target: p.target,
        actual: p.actual,
        rate: p.rate,
        targetCell: p.targetCell,
        actualCell: p.actualCell,
        rateCell: p.rateCell,
      })),
    },
    uncertain: i.uncertain ?? null,
  };
}

/** A finding as the JSON prints it (its fix and other extras dropped). */
export function issueJson(f: IssueJson): IssueJson {
  return {
    rule: f.rule,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    message: f.message,
    expected: f.expected,
    actual: f.actual,
  };
}

/** The result of one read workbook: its tables, indicators (with pace), progress marks and findings. */
export function fileResultOf(file: string, a: WorkbookAnalysis, issues: Finding[] = a.issues): FileResult {
  return {
    file,
    error: null,
    sheets: a.sheets.map((s) => ({ name: s.name, tables: s.tables.map(tableJson) })),
    indicators: a.indicators.map((i) => Object.assign(indicatorJson(i), { pace: i.pace })),
    issues: issues.map(issueJson),
    progress: a.progressItems.map((p) => ({ sheet: p.sheet, row: p.row, name: p.name, evaluation: p.evaluation })),
  };
}

/** The object printed by `--json`: exactly the documented fields, in the documented order. */
export function toFileResultJson(r: FileResult | FileResultJson): FileResultJson {
  return {
    file: r.file,
    error: r.error,
    sheets: r.sheets.map((s) => ({ name: s.name, tables: s.tables.map(tableJson) })),
    indicators: r.indicators.map(indicatorJson),
    issues: r.issues.map(issueJson),
  };
}
