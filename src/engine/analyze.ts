/** analyzeWorkbook and planFill: the engine's two entry points. */
import { cellText, compactText, normalizeText, parseYear } from "./cell/read";
import { getFormula, getNumberFormat, parseA1 } from "./model/grid";
import type { CellEdit, CellValue, SheetSnapshot, WorkbookSnapshot } from "./model/snapshot";
import type { Finding } from "./model/findings";
import { EngineSettings, type EngineSettingsInput } from "./model/indicator";
import type { FillChange, FillPlan, IndicatorResult, SheetAnalysis, WorkbookAnalysis } from "./api";
import { findLegends, recognizeTables, tableRangeA1, type RecognizedTable } from "./tables/recognize";
import { extractIndicators, isPercentFormat, type IndicatorRow } from "./indicators/extract";
import { achievementRate, pace, trendMark } from "./indicators/compute";
import { extractProgramme, extractProgress, type ProgressRow } from "./progress/extract";
import { checkEvaluationMark, checkIndicator, checkProgramme, checkProgress, checkReposts, FindingSink, formatRate, rateFormat, rateInPoints, writtenRate } from "./rules/rules";
import { EVALUATION_MARKS, legendGlyph, TREND_MARKS } from "./rules/marks";
import { t } from "../messages";
import { formatYear } from "./report/format";

/**
 * What a sheet says of its own achievement-rate method: `達成率＝（実績値－基準値）÷（目標値－基準値）`
 * means progress from the baseline; `達成率＝実績値÷目標値` the ratio; `100%を上限` a cap.
 */
export function sheetRateStatement(sheet: SheetSnapshot): Partial<Pick<EngineSettings, "rateMethod" | "capRate">> {
  const out: Partial<Pick<EngineSettings, "rateMethod" | "capRate">> = {};
  for (const row of sheet.values) {
    if (!row) continue;
    for (const v of row) {
      if (typeof v !== "string" || !v.includes("達成率")) continue;
      const s = compactText(v);
      // 達成率＝…, 達成率は…で算出, 達成率：… — the formula may be written with ÷ / or 割る
      const f = s.slice(s.indexOf("達成率"));
      if (/(実績値?|現状値?)[-−ー]基準値?\)?(÷|\/|割)\(?目標値?[-−ー]基準値?/.test(f)) out.rateMethod = "progress";
      else if (/実績値?(÷|\/|割)目標値?|目標値?(÷|\/|割)実績値?/.test(f)) out.rateMethod = "ratio";
      if (/100%を上限|上限100%|100%で上限|100%を超える場合は100%/.test(s)) out.capRate = true;
    }
  }
  return out;
}

/**
 * The year a sheet is written for, from a title such as `施策・事務事業マネジメントシート【令和７年度】`
 * in its first rows (the results it reports are of the year before). Null when there is none.
 */
export function sheetTitleYear(sheet: SheetSnapshot): number | null {
  for (let r = 0; r < Math.min(sheet.rowCount, 6); r++) {
    const row = sheet.values[r];
    if (!row) continue;
    for (const v of row) {
      if (typeof v !== "string" || v.length > 80) continue;
      const m = /【\s*((?:令和|平成)\s*(?:元|\d{1,2})\s*年度)\s*】/.exec(normalizeText(v));
      if (m) return parseYear(m[1]);
    }
  }
  return null;
}

export interface SheetDetail {
  sheet: SheetSnapshot;
  tables: RecognizedTable[];
  indicatorRows: IndicatorRow[];
  progressRows: ProgressRow[];
  settings: EngineSettings;
  trendLegend: readonly string[];
  evaluationLegend: readonly string[];
  hasEvaluationLegend: boolean;
}

/** Settings for a sheet: explicit ones win, then what the sheet says, then the defaults. */
function settingsFor(sheet: SheetSnapshot, input: EngineSettingsInput | undefined): EngineSettings {
  const stated = sheetRateStatement(sheet);
  return EngineSettings.parse({ ...stated, ...stripUndefined(input ?? {}) });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function analyzeSheet(sheet: SheetSnapshot, input?: EngineSettingsInput): SheetDetail {
  const settings = settingsFor(sheet, input);
  const tables = recognizeTables(sheet);
  const legends = findLegends(sheet);
  const trend = legends.find((l) => l.type === "trend");
  const evaluation = legends.find((l) => l.type === "evaluation");
  // a 評価 column holds the trend marks when the sheet prints the trend legend and no evaluation legend
  const evaluationAsTrend = Boolean(trend) && !evaluation;
  const indicatorRows = tables.filter((x) => x.kind === "indicators").flatMap((x) => extractIndicators(sheet, x, { evaluationAsTrend }));
  const progressRows = tables
    .filter((x) => x.kind === "progress" || x.kind === "projects")
    .flatMap((x) => extractProgress(sheet, x));
  return {
    sheet,
    tables,
    indicatorRows,
    progressRows,
    settings,
    trendLegend: trend && trend.marks.length >= 3 ? trend.marks : TREND_MARKS,
    hasEvaluationLegend: Boolean(evaluation && evaluation.marks.length >= 3),
    evaluationLegend: evaluation && evaluation.marks.length >= 3 ? evaluation.marks : EVALUATION_MARKS,
  };
}

function computeResult(row: IndicatorRow, settings: EngineSettings): IndicatorResult {
  const ind = row.indicator;
  const mark = trendMark({
    current: ind.current.value,
    previous: ind.previous.value,
    baseline: ind.baseline.value,
    target: ind.target.value,
    qualitative: ind.target.qualitative,
    direction: ind.direction,
  });
  const rate = achievementRate(
    {
      current: ind.current.value,
      baseline: ind.baseline.value,
      target: ind.target.value,
      qualitative: ind.target.qualitative,
      direction: ind.direction,
    },
    settings,
  );
  return {
    ...ind,
    trendMark: mark,
    achievementRate: rate,
    pace: settings.pace.enabled ? pace(ind, settings) : null,
    markCell: row.trend?.cell ?? null,
    rateCell: row.rate?.cell ?? null,
    writtenMark: row.trend?.value ?? null,
    writtenRate: row.rate?.value ?? null,
    table: tableRangeA1(row.table),
  };
}

export function analyzeWorkbook(snapshot: WorkbookSnapshot, input?: EngineSettingsInput): WorkbookAnalysis {
  const sheets: SheetAnalysis[] = [];
  const indicators: IndicatorResult[] = [];
  const issues: Finding[] = [];
  const progressItems: WorkbookAnalysis["progressItems"] = [];
  const locale = EngineSettings.parse(stripUndefined(input ?? {})).locale;
  const allProgress: ProgressRow[] = [];
  for (const sheet of snapshot.sheets) {
    const d = analyzeSheet(sheet, input);
    const sink = new FindingSink(locale);
    sheets.push({ name: sheet.name, tables: d.tables.map((x) => ({ kind: x.kind, sheet: sheet.name, range: tableRangeA1(x) })) });
    const titleYear = sheetTitleYear(sheet);
    for (const row of d.indicatorRows) {
      const res = computeResult(row, d.settings);
      indicators.push(res);
      checkIndicator(sink, {
        row,
        sheet,
        trendLegend: d.trendLegend,
        computedMark: res.trendMark,
        computedRate: res.achievementRate,
        settings: d.settings,
      });
      // a 【令和７年度】 sheet reports the results of 令和6年度
      const cy = res.current.year;
      const cyCell = row.yearCells.current;
      if (titleYear !== null && cy !== null && cyCell && cy !== titleYear - 1) {
        sink.add(
          "report-year",
          sheet.name,
          cyCell,
          "rule.report-year",
          { title: formatYear(titleYear, locale), year: formatYear(cy, locale), expected: formatYear(titleYear - 1, locale) },
          titleYear - 1,
          cy,
        );
      }
      if (row.evaluation && row.evaluation.reading.kind !== "empty" && d.hasEvaluationLegend) {
        checkEvaluationMark(sink, sheet.name, { cell: row.evaluation.cell, value: row.evaluation.value, text: cellText(row.evaluation.value).trim() }, d.evaluationLegend);
      }
      if (res.pace) {
        sink.add(
          "pace-grade",
          sheet.name,
          row.currentCell?.cell ?? row.name?.cell ?? "A1",
          "rule.pace-grade",
          { grade: res.pace.grade, current: res.current.value ?? "", expected: res.pace.expected },
          res.pace.grade,
          res.pace.ratio,
        );
      }
    }
    for (const table of d.tables.filter((x) => x.kind === "programme")) checkProgramme(sink, extractProgramme(sheet, table));
    const progress = d.progressRows;
    checkProgress(sink, progress.filter((p) => p.table.kind === "progress"), d.evaluationLegend);
    allProgress.push(...progress);
    progressItems.push(...progress.filter((p) => p.table.kind === "progress").map((p) => p.item));
    issues.push(...sink.findings);
  }
  // 【再掲】 items may repeat an item of another sheet: checked across the workbook, per kind of table
  const sink = new FindingSink(locale);
  checkReposts(sink, allProgress.filter((p) => p.table.kind === "progress"));
  checkReposts(sink, allProgress.filter((p) => p.table.kind === "projects"));
  issues.push(...sink.findings);
  return { sheets, indicators, progressItems, issues: dedupe(issues) };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.rule}|${f.sheet}|${f.cell}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sameCell(a: CellValue, b: string | number | null): boolean {
  if (b === null) return a === null || a === "";
  if (typeof b === "number") return typeof a === "number" && Math.abs(a - b) < 1e-12;
  return typeof a === "string" && a.trim() === b;
}

/**
 * The edits that write the computed trend marks and rates into the 指標の推移 and 達成率 cells of
 * every indicator table that has those columns. Only cells whose content differs are named; no
 * other cell is touched.
 */
export function planFill(snapshot: WorkbookSnapshot, input?: EngineSettingsInput): FillPlan {
  const cells: CellEdit[] = [];
  const changes: FillChange[] = [];
  let fillableCells = 0;
  const skipped: FillPlan["skipped"] = [];
  for (const sheet of snapshot.sheets) {
    const d = analyzeSheet(sheet, input);
    for (const row of d.indicatorRows) {
      const res = computeResult(row, d.settings);
      fillableCells += (row.trend ? 1 : 0) + (row.rate ? 1 : 0) + (row.pace && d.settings.pace.enabled ? 1 : 0);
      if (row.pace && d.settings.pace.enabled) {
        // 期待値評価 column: the grade against the straight-line expected value
        const grade = res.pace ? res.pace.grade : "－";
        const { row: pr, col: pc } = parseA1(row.pace.cell);
        if (!sameCell(row.pace.value, grade)) {
          if (getFormula(sheet, pr, pc)) skipped.push({ sheet: sheet.name, cell: row.pace.cell, kind: "pace", reason: "formula", after: grade });
          else {
            cells.push({ sheet: sheet.name, cell: row.pace.cell, value: grade });
            changes.push({ sheet: sheet.name, cell: row.pace.cell, kind: "pace", before: row.pace.value, after: grade });
          }
        }
      }
      if (row.trend) {
        const written = row.trend.value;
        // the mark as the sheet's own legend writes it
        const glyph = legendGlyph(d.trendLegend, res.trendMark);
        const same = typeof written === "string" && written.trim() === glyph;
        if (!same && getFormula(sheet, parseA1(row.trend.cell).row, parseA1(row.trend.cell).col)) {
          skipped.push({ sheet: sheet.name, cell: row.trend.cell, kind: "mark", reason: "formula", after: glyph });
        } else if (!same) {
          cells.push({ sheet: sheet.name, cell: row.trend.cell, value: glyph });
          changes.push({ sheet: sheet.name, cell: row.trend.cell, kind: "mark", before: written, after: glyph });
        }
      }
      if (row.rate) {
        const decimals = d.settings.rateDecimals;
        const fmt = rateFormat(decimals);
        const { row: r, col: c } = parseA1(row.rate.cell);
        const computed = res.achievementRate;
        const w = writtenRate(sheet, row.rate);
        const formula = getFormula(sheet, r, c) !== null;
        // the column's own convention: percentage points (89.8) or a fraction with a percent format
        const points = w ? w.points : /[%％]/.test(row.rate.column.header) && !isPercentFormat(getNumberFormat(sheet, r, c));
        const after: string | number = computed === null ? "－" : points ? rateInPoints(computed, decimals) : computed;
        let same: boolean;
        if (computed === null) same = row.rate.reading.kind === "missing";
        else if (formula) same = w !== null && Math.abs(w.value - computed) <= 0.5 * Math.pow(10, -(Math.min(w.decimals, decimals) + 2)) + 1e-9;
        else if (points) same = w !== null && Math.abs(w.value * 100 - (after as number)) < 1e-9;
        else same = typeof row.rate.value === "number" && Math.abs(row.rate.value - computed) < 1e-9 && isPercentFormat(getNumberFormat(sheet, r, c));
        if (!same && formula) {
          skipped.push({ sheet: sheet.name, cell: row.rate.cell, kind: "rate", reason: "formula", after });
        } else if (!same) {
          const edit: CellEdit = { sheet: sheet.name, cell: row.rate.cell, value: after };
          if (typeof after === "number" && !points) edit.numberFormat = fmt;
          cells.push(edit);
          changes.push({ sheet: sheet.name, cell: row.rate.cell, kind: "rate", before: row.rate.value, after });
        }
      }
    }
  }
  const label = t(EngineSettings.parse(stripUndefined(input ?? {})).locale, "engine.fillLabel");
  return { batch: { cells, label }, changes, fillableCells, skipped };
}

export { formatRate };
