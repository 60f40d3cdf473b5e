/**
 * The engine's public surface, used by the task pane, the command line and tests.
 * Pure: takes snapshots (plain data) and returns findings and edits.
 */
import type { CellValue, EditBatch, WorkbookSnapshot } from "./model/snapshot";
import type { Finding, TableInfo } from "./model/findings";
import type { Indicator, TrendMark } from "./model/indicator";

export interface SheetAnalysis {
  name: string;
  tables: TableInfo[];
}

/** An indicator with what the engine computed and what the sheet holds now. */
export interface IndicatorResult extends Indicator {
  trendMark: TrendMark;
  /** Fraction (0.898 = 89.8%), rounded as the settings say; null when it cannot be computed. */
  achievementRate: number | null;
  /** Pace against the straight-line expected value, when that option is on. */
  pace: { expected: number; ratio: number; grade: string } | null;
  /** A1 address of the 指標の推移 cell of this row, when the table has that column. */
  markCell: string | null;
  /** A1 address of the 達成率 cell of this row, when the table has that column. */
  rateCell: string | null;
  /** What the sheet holds now in those cells. */
  writtenMark: CellValue;
  writtenRate: CellValue;
  /** The table (A1 range) this indicator belongs to. */
  table: string;
  /** The 評価 cell graded by the sheet's band legend (Ａ：達成率100％以上 …), and the grade computed. */
  gradeCell: string | null;
  grade: string | null;
  writtenGrade: CellValue;
  /** The yearly series as read: per year the target, the actual, and the rate (computed; the cell's address). */
  series: { points: SeriesPointResult[] };
  /** Why marks, rates and grades are neither checked nor written for this indicator (null when they are). */
  uncertain: string | null;
}

export interface SeriesPointResult {
  year: number;
  target: number | null;
  actual: number | null;
  /** Computed rate of that year (that year's actual against that year's target), or null. */
  rate: number | null;
  targetCell: string | null;
  actualCell: string | null;
  rateCell: string | null;
  writtenRate: CellValue;
  /** Grade of that year by the band legend, where the layout has a 評価 row. */
  grade: string | null;
  gradeCell: string | null;
}

/** One item of a progress table (進捗状況一覧表, sheet 2). */
export interface ProgressItem {
  sheet: string;
  row: number;
  policy: string | null;
  /** "(1)" etc. */
  number: string | null;
  name: string;
  evaluation: string | null;
  description: string;
  /** Figures of the 説明 text: label, this year's value, last year's value (前年度…). */
  figures: { label: string; value: number; unit: string; previous: number | null }[];
  reposted: boolean;
}

export interface WorkbookAnalysis {
  sheets: SheetAnalysis[];
  indicators: IndicatorResult[];
  progressItems: ProgressItem[];
  issues: Finding[];
}

/** One cell that Fill would change. */
export interface FillChange {
  sheet: string;
  cell: string;
  kind: "mark" | "rate" | "pace" | "grade";
  /** A rate written in percentage points (89.8), not as a fraction. */
  points?: boolean;
  before: CellValue;
  after: string | number | null;
}

export interface FillPlan {
  batch: EditBatch;
  changes: FillChange[];
  /** How many 指標の推移 / 達成率 cells the workbook has (changed or not). */
  fillableCells: number;
  /** Cells that differ but are left alone because they hold a formula (the user's own calculation). */
  skipped: { sheet: string; cell: string; kind: "mark" | "rate" | "pace" | "grade"; reason: "formula"; after: string | number | null }[];
  /**
   * Tables (or indicators) left alone because they were not read with certainty or lack a column
   * marks and rates need: the findings that say why (table-uncertain, table-missing-column).
   */
  notFilled: Finding[];
}
