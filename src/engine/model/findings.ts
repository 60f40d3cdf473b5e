import type { CellEdit } from "./snapshot";

export type Severity = "error" | "warning" | "info";

/** One finding of a rule, on one cell. */
export interface Finding {
  /** Stable kebab-case rule id, e.g. "trend-mark-mismatch". */
  rule: string;
  severity: Severity;
  sheet: string;
  /** A1 address. */
  cell: string;
  /** Message in the chosen locale (Japanese by default). */
  message: string;
  expected: string | number | null;
  actual: string | number | null;
  /** A safe fix, where one exists. */
  fix?: CellEdit;
  /** The words allowed in the cell (vocabulary findings): each is a fix the user may choose. */
  choices?: string[];
  /** Source file, filled by the doors when several files are checked. */
  file?: string;
}

/** Kinds of tables the recognizer knows. */
export type TableKind = "indicators" | "progress" | "programme" | "projects" | "meetings";

/** How one column of a table was read: its role and, where it has one, its year. */
export interface ColumnReading {
  /** Column letters, e.g. "E". */
  column: string;
  /** name, unit, baseline, actual, target, trend, rate, evaluation, year (meaning from the row label) … */
  role: string;
  /** Western fiscal year named by the header (令和6年度 → 2024), or null. */
  year: number | null;
  /** The header text as written (two header rows joined by " / "). */
  header: string;
}

export interface TableInfo {
  kind: TableKind;
  sheet: string;
  /** A1 range, e.g. "A5:H12". */
  range: string;
  /** "row": one row per record; "row-group": several rows per indicator (目標値 / 実績値 / 達成率), years across. */
  shape?: "row" | "row-group";
  /** Each column's role and year, as the engine read them. */
  columns?: ColumnReading[];
  /** Row-group tables: the label column and the labels it holds (目標値 → target …). */
  rowLabels?: { column: string; labels: { label: string; role: string }[] };
  /** The year read as this year's (indicator tables), or null. */
  currentYear?: number | null;
  /** Indicator tables: when the engine does not write into the table, why (message in the locale). */
  uncertain?: string | null;
}
