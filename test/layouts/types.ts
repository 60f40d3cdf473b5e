/**
 * The oracle format of the layout fixtures (test/layouts/fixtures.ts): what `plansheet check --json`
 * must report and exactly which cells `plansheet fill` must change. Everything in an `expected` is
 * written BY HAND (see the header comment of fixtures.ts); nothing is computed by the engine.
 */

export type Mark = "◎" | "○" | "▼" | "⇒" | "－";

export interface YearValue {
  value: number | null;
  year: number | null;
}

/** One year of an indicator's series; only the fields given are compared. */
export interface ExpectedPoint {
  year: number;
  target?: number | null;
  actual?: number | null;
  /** Per-year rate (実績 ÷ 目標 of that year, 目標 ÷ 実績 when lower is better), rounded to 0.001. */
  rate?: number | null;
  targetCell?: string | null;
  actualCell?: string | null;
  rateCell?: string | null;
}

/**
 * One indicator the engine must report. Fields left undefined are not compared (the layout does not
 * decide them); `null` means "must be null".
 */
export interface LayoutIndicator {
  sheet: string;
  /** 1-based row: the row of the name cell (the first row of a two- or three-row indicator). */
  row: number;
  name: string;
  unit?: string | null;
  direction?: "increase" | "decrease";
  baseline?: YearValue;
  previous?: YearValue;
  current?: YearValue;
  target?: YearValue & { qualitative: null | "上昇" | "減少" | "維持" };
  trendMark?: Mark;
  achievementRate?: number | null;
  markCell?: string | null;
  rateCell?: string | null;
  gradeCell?: string | null;
  /** Compared after NFKC (Ａ = A). */
  grade?: string | null;
  /** Points that must be in series.points (matched by year); others may be there too. */
  points?: ExpectedPoint[];
}

export type TableRole =
  | "name"
  | "unit"
  | "baseline"
  | "actual"
  | "target"
  | "trend"
  | "rate"
  | "evaluation"
  | "category"
  | "remarks"
  /** a column of one year in a years-across table (holds that year's target, actual and rate rows) */
  | "year";

export interface LayoutTable {
  sheet: string;
  kind: "indicators" | "programme" | "progress";
  /** 1-based first header row: the range must start on it (title rows above are not the header). */
  headerRow: number;
  /** 1-based last data row: the range must end on it or one row below (a legend row). */
  lastRow: number;
  shape?: "row" | "row-group";
  /**
   * A few columns' roles (and years) the engine must report for this table; a list of roles means
   * any one of them (a years-across column may be called `year` or `actual`).
   */
  columns?: { column: string; role: TableRole | TableRole[]; year?: number | null }[];
}

export interface LayoutIssue {
  /** One rule, or any one of several acceptable rules. */
  rule: string | string[];
  severity: "error" | "warning" | "info";
  sheet: string;
  /** The exact cell the finding must name … */
  cell?: string;
  /** … or a range one of whose cells it must name. */
  within?: string;
  expected?: string | number | null;
  actual?: string | number | null;
}

/** One cell `fill` must change, with the value it must write. */
export interface LayoutChange {
  sheet: string;
  cell: string;
  kind: "mark" | "rate" | "grade";
  /** Mark glyph, rate fraction (compared to 0.001, with a percent number format), grade (NFKC). */
  value: string | number;
}

export interface LayoutExpected {
  /**
   * Every indicator of these sheets (matched by sheet and row): the engine must report these and no
   * other indicator on them (a programme row, a heading, a note or a hyperlink is not an indicator).
   */
  indicators: LayoutIndicator[];
  /** Sheets whose indicators are listed completely above (default: every sheet of the workbook). */
  completeSheets?: string[];
  tables: LayoutTable[];
  /**
   * Findings that must be reported. No other error may be reported (a misreading shows up as
   * errors on cells nobody planted an error in); warnings and infos elsewhere are allowed.
   */
  issues: LayoutIssue[];
  /** Findings that must NOT be reported (e.g. value-unreadable on a programme row's 取組実績 cell). */
  absent: { rule: string; sheet: string; cell?: string; within?: string }[];
  /**
   * Exactly the cells `fill` must change, and what it must write there. Every other cell of every
   * sheet must come out as it went in.
   */
  fill: LayoutChange[];
}

export interface LayoutFixture {
  id: string;
  /** What the workbook is, in a sentence (English). */
  about: string;
  fileName: string;
  build(): Promise<Buffer>;
  expected: LayoutExpected;
}
