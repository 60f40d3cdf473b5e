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
  /** Source file, filled by the doors when several files are checked. */
  file?: string;
}

/** Kinds of tables the recognizer knows. */
export type TableKind = "indicators" | "progress" | "programme" | "projects" | "meetings";

export interface TableInfo {
  kind: TableKind;
  sheet: string;
  /** A1 range, e.g. "A5:H12". */
  range: string;
}
