/** analyzeWorkbook and planFill: the engine's two entry points. */
import { cellText, compactText, normalizeText, parseYear } from "./cell/read";
import { columnLetters, getFormula, getNumberFormat, parseA1, toA1 } from "./model/grid";
import type { CellEdit, CellValue, SheetSnapshot, WorkbookSnapshot } from "./model/snapshot";
import type { Finding } from "./model/findings";
import type { EngineSettings, EngineSettingsInput } from "./model/indicator";
import { resolveEngineSettings } from "./model/settings";
import type { FillChange, FillPlan, IndicatorResult, SeriesPointResult, SheetAnalysis, WorkbookAnalysis } from "./api";
import type { TableInfo } from "./model/findings";
import { LEGEND_HINT, legendAt, recognizeTables, tableRangeA1, type LegendInfo, type RecognizedTable } from "./tables/recognize";
import { readIndicatorTable, isPercentFormat, type IndicatorRow, type ReadCell, type TableReading } from "./indicators/extract";
import { bandLegendAt, gradeOf, nearestBandLegend, sameGrade, type Band, type BandLegend } from "./legends/bands";
import { rowLabel } from "./tables/headers";
import type { Locale } from "../messages";
import { achievementRate, pace, trendMark } from "./indicators/compute";
import { comparableText, extractProgramme, extractProgress, REPOST_MARK, type ProgressRow } from "./progress/extract";
import { checkEvaluationMark, checkIndicator, checkProgramme, checkProgress, checkReposts, FindingSink, formatRate, rateFormat, rateInPoints, writtenRate } from "./rules/rules";
import { EVALUATION_MARKS, legendGlyph, TREND_MARKS } from "./rules/marks";
import { t } from "../messages";
import { formatYear } from "./report/format";

/** What a sheet states of its achievement-rate method (sheetRateStatement). */
export type RateStatement = Partial<Pick<EngineSettings, "rateMethod" | "capRate">>;

/**
 * What a sheet says of its own achievement-rate method: `達成率＝（実績値－基準値）÷（目標値－基準値）`
 * means progress from the baseline; `達成率＝実績値÷目標値` the ratio; `100%を上限` a cap.
 */
export function sheetRateStatement(sheet: SheetSnapshot): RateStatement {
  const out: RateStatement = {};
  for (const row of sheet.values) {
    if (!row) continue;
    for (const v of row) if (typeof v === "string") readRateStatement(v, out);
  }
  return out;
}

/** One text's part of sheetRateStatement: what it states overrides what earlier texts stated. */
function readRateStatement(v: string, out: RateStatement): void {
  if (!/達成率|達成度|進捗率/.test(v)) return;
  const s = compactText(v);
  // 達成率＝…, 達成度＝…, 進捗率は…で算出 — the formula may be written with ÷ / or 割る, the base as 基準値 or 策定時
  const f = s.slice(s.search(/達成率|達成度|進捗率/));
  if (/(実績値?|現状値?)[-−ー](基準値?|策定時の?値?|当初値?)\)?(÷|\/|割)\(?目標値?[-−ー](基準値?|策定時の?値?|当初値?)/.test(f)) out.rateMethod = "progress";
  else if (/実績値?(÷|\/|割)目標値?|目標値?(÷|\/|割)実績値?/.test(f)) out.rateMethod = "ratio";
  if (/100%を上限|上限100%|100%で上限|100%を超える場合は100%/.test(s)) out.capRate = true;
}

/**
 * Every legend holds ※, 凡 or a colon or 「 (LEGEND_HINT), every band legend a colon (`Ａ：100％以上`),
 * every rate statement 達成率, 達成度 or 進捗率.
 */
const NOTE_HINT = new RegExp(`${LEGEND_HINT.source}|達成率|達成度|進捗率`);

/**
 * What the texts of a sheet say beside its tables, read in one pass over its cells (in reading
 * order): the legends (findLegends), the band legends (findBandLegends) and the rate statement
 * (sheetRateStatement). The same results as the three functions.
 */
export function sheetNotes(sheet: SheetSnapshot): { legends: LegendInfo[]; bandLegends: BandLegend[]; stated: RateStatement } {
  const legends: LegendInfo[] = [];
  const bandLegends: BandLegend[] = [];
  const stated: RateStatement = {};
  const values = sheet.values;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    const inSheet = r < sheet.rowCount;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      // a text with none of the characters or words the three look for says none of them
      if (typeof v !== "string" || !NOTE_HINT.test(v)) continue;
      if (inSheet && v.length >= 6) {
        const legend = legendAt(v, r, c);
        if (legend) legends.push(legend);
        const band = bandLegendAt(v, r, c);
        if (band) bandLegends.push(band);
      }
      readRateStatement(v, stated);
    }
  }
  return { legends, bandLegends, stated };
}

/** Characters that normalize to 【 (a title names its year in 【】): a text without any names none. */
export const TITLE_HINT = /[【\uFE3B]/;

/**
 * The year a sheet is written for, from a title such as `施策・事務事業マネジメントシート【令和７年度】`
 * in its first rows (the results it reports are of the year before). Null when there is none.
 */
export function sheetTitleYear(sheet: SheetSnapshot): number | null {
  for (let r = 0; r < Math.min(sheet.rowCount, 6); r++) {
    const row = sheet.values[r];
    if (!row) continue;
    for (const v of row) {
      if (typeof v !== "string" || v.length > 80 || !TITLE_HINT.test(v)) continue;
      const m = /【\s*((?:令和|平成)\s*(?:元|\d{1,2})\s*年度)\s*】/.exec(normalizeText(v));
      if (m) return parseYear(m[1]);
    }
  }
  return null;
}

export interface SheetDetail {
  sheet: SheetSnapshot;
  tables: RecognizedTable[];
  /** What was read of each indicator table (same order as the indicator tables in `tables`). */
  readings: Map<RecognizedTable, TableReading & { bands: Band[] | null; bandCell: string | null }>;
  indicatorRows: IndicatorRow[];
  progressRows: ProgressRow[];
  settings: EngineSettings;
  trendLegend: readonly string[];
  evaluationLegend: readonly string[];
  hasEvaluationLegend: boolean;
  /** The year of the sheet's title (sheetTitleYear). */
  titleYear: number | null;
}

/** Settings for a sheet: explicit ones win, then what the sheet says (`stated`), then the defaults. */
function settingsFor(stated: RateStatement, input: EngineSettingsInput | undefined, parsed?: EngineSettings): EngineSettings {
  if (!parsed) return resolveEngineSettings({ ...stated, ...stripUndefined(input ?? {}) });
  // the input parsed once per workbook: what the sheet states fills only what the input leaves open
  const given = input ?? {};
  const out = { ...parsed };
  if (stated.rateMethod !== undefined && given.rateMethod === undefined) out.rateMethod = stated.rateMethod;
  if (stated.capRate !== undefined && given.capRate === undefined) out.capRate = stated.capRate;
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The sheet as far as it holds values: a merged area or a used range reaching far beyond the last
 * value (`K1:XFD1048576`) adds nothing to read, so the rows and columns after the last value are not
 * visited. (A merge is kept as its rectangle; nothing is expanded cell by cell.)
 */
export function dataExtent(sheet: SheetSnapshot): SheetSnapshot {
  let rows = 0;
  let cols = 0;
  const v = sheet.values;
  for (let r = Math.min(v.length, sheet.rowCount) - 1; r >= 0; r--) {
    const row = v[r];
    if (!row) continue;
    if (rows === 0) {
      for (let c = row.length - 1; c >= 0; c--) if (row[c] !== null && row[c] !== undefined && row[c] !== "") { rows = r + 1; break; }
    }
    for (let c = row.length - 1; c >= cols; c--) if (row[c] !== null && row[c] !== undefined && row[c] !== "") { cols = c + 1; break; }
  }
  // a merge starting inside the data shows its value over its area: keep the area up to a sane bound
  for (const m of sheet.merges) {
    if (m.top < rows && m.left < cols) {
      rows = Math.max(rows, Math.min(m.bottom + 1, rows + 50, sheet.rowCount));
      cols = Math.max(cols, Math.min(m.right + 1, cols + 50, sheet.colCount));
    }
  }
  rows = Math.min(rows, sheet.rowCount);
  cols = Math.min(cols, sheet.colCount);
  if (rows === sheet.rowCount && cols === sheet.colCount) return sheet;
  return { ...sheet, rowCount: rows, colCount: cols };
}

export function analyzeSheet(whole: SheetSnapshot, input?: EngineSettingsInput, parsed?: EngineSettings): SheetDetail {
  const sheet = dataExtent(whole);
  const { legends, bandLegends, stated } = sheetNotes(sheet);
  const settings = settingsFor(stated, input, parsed);
  const tables = recognizeTables(sheet);
  const trend = legends.find((l) => l.type === "trend");
  const evaluation = legends.find((l) => l.type === "evaluation");
  const titleYear = sheetTitleYear(sheet);
  // a 評価 column holds the trend marks when the sheet prints the trend legend and no evaluation legend
  const evaluationAsTrend = Boolean(trend) && !evaluation && bandLegends.length === 0;
  const readings: SheetDetail["readings"] = new Map();
  const indicatorRows: IndicatorRow[] = [];
  for (const x of tables) {
    if (x.kind !== "indicators") continue;
    // the band legend printed nearest to the table grades its 評価 column
    const band = nearestBandLegend(bandLegends, x.range.top, x.range.bottom);
    const reading = readIndicatorTable(sheet, x, { evaluationAsTrend, titleYear, gradeLegend: Boolean(band) });
    readings.set(x, Object.assign(reading, { bands: band ? band.bands : null, bandCell: band ? band.cell : null }));
    indicatorRows.push(...reading.rows);
  }
  const progressRows = tables
    .filter((x) => x.kind === "progress" || x.kind === "projects")
    .flatMap((x) => extractProgress(sheet, x));
  return {
    sheet,
    tables,
    titleYear,
    readings,
    indicatorRows,
    progressRows,
    settings,
    trendLegend: trend && trend.marks.length >= 3 ? trend.marks : TREND_MARKS,
    hasEvaluationLegend: Boolean(evaluation && evaluation.marks.length >= 3),
    evaluationLegend: evaluation && evaluation.marks.length >= 3 ? evaluation.marks : EVALUATION_MARKS,
  };
}

function computeResult(row: IndicatorRow, settings: EngineSettings, bands: Band[] | null = null, locale: Locale = "ja", missing: TableReading["missing"] = []): IndicatorResult {
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
  const num = (c: ReadCell | null) => (c && c.reading.kind === "number" ? c.reading.value : null);
  const points: SeriesPointResult[] = row.points.map((p) => {
    const a = num(p.actual);
    const tv = num(p.target);
    const r = achievementRate({ current: a, baseline: ind.baseline.value, target: tv, qualitative: null, direction: ind.direction }, settings);
    return {
      year: p.year,
      target: tv,
      actual: a,
      rate: r,
      targetCell: p.target?.cell ?? null,
      actualCell: p.actual?.cell ?? null,
      rateCell: p.rate?.cell ?? null,
      writtenRate: p.rate?.value ?? null,
      grade: bands && p.grade && r !== null ? gradeOf(r, bands) : null,
      gradeCell: p.grade?.cell ?? null,
    };
  });
  // the grade follows this year's rate: against this year's target where the series has one
  const cur = points.find((p) => p.year === ind.current.year);
  const gradeRate = cur && cur.target !== null && cur.rate !== null ? cur.rate : rate;
  const grade = bands && row.grade && gradeRate !== null ? gradeOf(gradeRate, bands) : null;
  // every key written out (same order as a spread): a spread followed by fifteen more keys makes
  // V8 turn each result into a slow dictionary object
  return {
    sheet: ind.sheet,
    row: ind.row,
    name: ind.name,
    unit: ind.unit,
    direction: ind.direction,
    baseline: ind.baseline,
    actuals: ind.actuals,
    previous: ind.previous,
    current: ind.current,
    target: ind.target,
    trendMark: mark,
    achievementRate: rate,
    pace: settings.pace.enabled ? pace(ind, settings) : null,
    markCell: row.trend?.cell ?? null,
    rateCell: row.rate?.cell ?? null,
    writtenMark: row.trend?.value ?? null,
    writtenRate: row.rate?.value ?? null,
    table: tableRangeA1(row.table),
    gradeCell: row.grade?.cell ?? null,
    grade,
    writtenGrade: row.grade?.value ?? null,
    series: { points },
    uncertain: row.uncertain
      ? t(locale, row.uncertain.reason, row.uncertain.params ?? {})
      : missing.length > 0
        ? t(locale, "rule.table-missing-column", { columns: missing.map((m) => t(locale, m === "target" ? "column.target" : "column.actual")).join(t(locale, "engine.listSeparator")) })
        : null,
  };
}

/** What `--json` and the pane show of a table: its kind, range, shape, each column's role and year. */
function tableInfo(sheet: SheetSnapshot, x: RecognizedTable, reading: (TableReading & { bands: Band[] | null }) | undefined, locale: Locale): TableInfo {
  const info: TableInfo = { kind: x.kind, sheet: sheet.name, range: tableRangeA1(x) };
  if (x.kind !== "indicators") return info;
  info.shape = x.shape;
  info.columns = x.columns.map((c) => ({ column: columnLetters(c.col), role: c.role === "year" && c.yearTag ? (c.yearTag === "actual" ? "actual" : c.yearTag) : c.role, year: c.year, header: c.header.replace(/\s+/g, " ").trim() }));
  if (x.labelCol !== null) {
    const labels = new Map<string, string>();
    for (const rec of x.records)
      for (let r = rec.row; r <= rec.lastRow; r++) {
        const v = sheet.values[r]?.[x.labelCol];
        const role = typeof v === "string" ? rowLabel(v) : null;
        if (role && !labels.has(v as string)) labels.set((v as string).trim(), role);
      }
    info.rowLabels = { column: columnLetters(x.labelCol), labels: [...labels].map(([label, role]) => ({ label, role })) };
  }
  info.currentYear = reading?.currentYear ?? null;
  info.uncertain = reading?.uncertain ? t(locale, reading.uncertain.reason, reading.uncertain.params ?? {}) : null;
  return info;
}

/** Does the table have cells the engine would write (marks, rates, grades)? */
function writesInto(x: RecognizedTable): boolean {
  return x.columns.some((c) => c.role === "trend" || c.role === "rate" || c.role === "evaluation" || c.role === "pace");
}

export function analyzeWorkbook(snapshot: WorkbookSnapshot, input?: EngineSettingsInput): WorkbookAnalysis {
  const sheets: SheetAnalysis[] = [];
  const indicators: IndicatorResult[] = [];
  const issues: Finding[] = [];
  const progressItems: WorkbookAnalysis["progressItems"] = [];
  const parsed = resolveEngineSettings(stripUndefined(input ?? {}));
  const locale = parsed.locale;
  const allProgress: ProgressRow[] = [];
  const allIndicatorRows: IndicatorRow[] = [];
  for (const sheet of snapshot.sheets) {
    const d = analyzeSheet(sheet, input, parsed);
    allIndicatorRows.push(...d.indicatorRows);
    const sink = new FindingSink(locale);
    sheets.push({ name: sheet.name, tables: d.tables.map((x) => tableInfo(sheet, x, d.readings.get(x), locale)) });
    const titleYear = d.titleYear;
    tableFindings(sink, sheet, d, locale);
    for (const row of d.indicatorRows) {
      const reading = d.readings.get(row.table);
      const res = computeResult(row, d.settings, reading?.bands ?? null, locale, reading?.missing);
      indicators.push(res);
      checkIndicator(sink, {
        row,
        sheet,
        trendLegend: d.trendLegend,
        computedMark: res.trendMark,
        computedRate: res.achievementRate,
        settings: d.settings,
        // not understood well enough (or a column missing): values are checked, marks and rates are not
        judge: !row.uncertain && (reading?.missing.length ?? 0) === 0,
        result: res,
        bands: reading?.bands ?? null,
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
      if (row.evaluation && row.evaluation.reading.kind !== "empty" && d.hasEvaluationLegend && !row.uncertain) {
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
  checkIndicatorReposts(sink, allIndicatorRows);
  issues.push(...sink.findings);
  return { sheets, indicators, progressItems, issues: dedupe(issues) };
}

/**
 * 【再掲】 indicators: the same values as the original indicator (matched by name, across the
 * workbook) — baseline, last year's and this year's actuals, the target.
 */
function checkIndicatorReposts(sink: FindingSink, rows: IndicatorRow[]): void {
  const key = (r: IndicatorRow) => comparableText(r.indicator.name);
  const reposted = (r: IndicatorRow) => /【\s*再\s*掲\s*】|\[再掲\]|（再掲）|\(再掲\)/.test(r.indicator.name);
  if (!rows.some(reposted)) return;
  const originals = new Map<string, IndicatorRow>();
  for (const r of rows) {
    if (reposted(r) || !r.indicator.name) continue;
    const k = key(r);
    if (!originals.has(k)) originals.set(k, r);
  }
  for (const r of rows) {
    if (!reposted(r)) continue;
    const o = originals.get(key(r));
    const at = r.name?.cell ?? "A1";
    if (!o) {
      sink.add("repost-missing-original", r.indicator.sheet, at, "rule.repost-missing-original", { name: r.indicator.name.replace(REPOST_MARK, "").trim() }, null, r.indicator.name);
      continue;
    }
    const pairs: [ReadCell | null, ReadCell | null][] = [
      [r.baseline, o.baseline],
      [r.previousCell, o.previousCell],
      [r.currentCell, o.currentCell],
      [r.target, o.target],
    ];
    for (const [a, b] of pairs) {
      if (!a || !b) continue;
      const x = a.reading.kind === "number" ? a.reading.value : cellText(a.value).trim();
      const y = b.reading.kind === "number" ? b.reading.value : cellText(b.value).trim();
      if (x !== y) {
        sink.add("repost-mismatch", r.indicator.sheet, a.cell, "rule.repost-mismatch", { original: `${o.indicator.sheet}!${b.cell}` }, y === "" ? null : y, x === "" ? null : x);
        break;
      }
    }
  }
}

/** Say what could not be read: a sheet without tables, a table missing a column, a table not understood. */
function tableFindings(sink: FindingSink, sheet: SheetSnapshot, d: SheetDetail, locale: Locale): void {
  if (d.tables.length === 0) {
    // an empty sheet holds nothing to say
    if (sheet.rowCount === 0 || sheet.colCount === 0) return;
    sink.add("no-table", sheet.name, "A1", "rule.no-table", {}, null, null);
    return;
  }
  for (const [x, reading] of d.readings) {
    const at = toA1(x.headerTop, x.range.left);
    if (reading.missing.length > 0) {
      const columns = reading.missing.map((m) => t(locale, m === "target" ? "column.target" : "column.actual")).join(t(locale, "engine.listSeparator"));
      // a plan's list of indicators (現状値 | 目標) has nothing to fill: said, but only as information
      const severity = writesInto(x) ? "warning" : "info";
      sink.add("table-missing-column", sheet.name, at, "rule.table-missing-column", { columns }, null, columns, undefined, severity);
    }
    if (reading.uncertain) {
      const reason = t(locale, reading.uncertain.reason, reading.uncertain.params ?? {});
      sink.add("table-uncertain", sheet.name, reading.uncertain.cell, "rule.table-uncertain", { reason }, null, reason);
    } else {
      for (const row of reading.rows) {
        if (!row.uncertain) continue;
        const reason = t(locale, row.uncertain.reason, row.uncertain.params ?? {});
        sink.add("table-uncertain", sheet.name, row.uncertain.cell, "rule.table-uncertain", { reason }, null, reason);
      }
    }
  }
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
  const parsed = resolveEngineSettings(stripUndefined(input ?? {}));
  const locale = parsed.locale;
  const notFilled = new FindingSink(locale);
  for (const sheet of snapshot.sheets) {
    const d = analyzeSheet(sheet, input, parsed);
    if (d.tables.length > 0) tableFindings(notFilled, sheet, d, locale);
    const put = (cell: string, kind: FillChange["kind"], before: CellValue, after: string | number, numberFormat?: string, points?: boolean) => {
      const { row, col } = parseA1(cell);
      if (getFormula(sheet, row, col)) {
        skipped.push({ sheet: sheet.name, cell, kind, reason: "formula", after });
        return;
      }
      const edit: CellEdit = { sheet: sheet.name, cell, value: after };
      if (numberFormat) edit.numberFormat = numberFormat;
      cells.push(edit);
      const change: FillChange = { sheet: sheet.name, cell, kind, before, after };
      if (points) change.points = true;
      changes.push(change);
    };
    // grades are written as the table writes them: half-width (A) where its 評価 cells are, else as the legend prints them (Ａ)
    const halfWidth = new Map<RecognizedTable, boolean>();
    const gradeText = (row: IndicatorRow, g: string) => {
      if (!halfWidth.has(row.table)) {
        const written = d.indicatorRows.filter((x) => x.table === row.table).flatMap((x) => [x.grade, ...x.points.map((p) => p.grade)]).map((c) => (c && typeof c.value === "string" ? c.value.trim() : "")).filter(Boolean);
        halfWidth.set(row.table, written.length > 0 && written.every((w) => /^[\x21-\x7e]+$/.test(w)));
      }
      return halfWidth.get(row.table) ? g.normalize("NFKC") : g;
    };
    for (const row of d.indicatorRows) {
      const reading = d.readings.get(row.table);
      // only into tables read with certainty that have the columns marks and rates need
      if (!reading || reading.uncertain || row.uncertain || reading.missing.length > 0) continue;
      const res = computeResult(row, d.settings, reading.bands, locale);
      fillableCells += (row.trend ? 1 : 0) + (row.rate ? 1 : 0) + (row.pace && d.settings.pace.enabled ? 1 : 0) + (row.grade ? 1 : 0);
      if (row.pace && d.settings.pace.enabled) {
        // 期待値評価 column: the grade against the straight-line expected value
        const grade = res.pace ? res.pace.grade : "－";
        if (!sameCell(row.pace.value, grade)) put(row.pace.cell, "pace", row.pace.value, grade);
      }
      if (row.trend) {
        const written = row.trend.value;
        // the mark as the sheet's own legend writes it
        const glyph = legendGlyph(d.trendLegend, res.trendMark);
        const same = typeof written === "string" && written.trim() === glyph;
        if (!same) put(row.trend.cell, "mark", written, glyph);
      }
      if (row.rate) planRate(sheet, row.rate, res.achievementRate, d.settings, put, true);
      // each year's rate (a 達成率 row): where it can be computed; a year not yet reported is left alone
      for (const p of res.series.points) {
        const pt = row.points.find((q) => q.year === p.year);
        if (pt?.rate && p.rate !== null) {
          fillableCells++;
          planRate(sheet, pt.rate, p.rate, d.settings, put, false);
        }
        if (pt?.grade && p.grade !== null) {
          fillableCells++;
          if (!sameGradeCell(pt.grade.value, p.grade)) put(pt.grade.cell, "grade", pt.grade.value, gradeText(row, p.grade));
        }
      }
      // the 評価 cell graded by the sheet's band legend
      if (row.grade && res.grade !== null && !sameGradeCell(row.grade.value, res.grade)) put(row.grade.cell, "grade", row.grade.value, gradeText(row, res.grade));
    }
  }
  const label = t(locale, "engine.fillLabel");
  // only the findings about tables with cells to fill (a plan's list without marks is no loss)
  const left = notFilled.findings.filter((f) => f.rule === "table-uncertain" || (f.rule === "table-missing-column" && f.severity === "warning"));
  return { batch: { cells, label }, changes, fillableCells, skipped, notFilled: dedupe(left) };
}

function sameGradeCell(v: CellValue, grade: string): boolean {
  return typeof v === "string" && sameGrade(v.trim(), grade);
}

/** Write a rate the way its column keeps rates: percentage points (89.8) or a fraction with a percent format. */
function planRate(
  sheet: SheetSnapshot,
  cell: ReadCell,
  computed: number | null,
  settings: EngineSettings,
  put: (cell: string, kind: FillChange["kind"], before: CellValue, after: string | number, numberFormat?: string, points?: boolean) => void,
  dashWhenUnknown: boolean,
): void {
  const decimals = settings.rateDecimals;
  const fmt = rateFormat(decimals);
  const { row: r, col: c } = parseA1(cell.cell);
  const w = writtenRate(sheet, cell);
  const formula = getFormula(sheet, r, c) !== null;
  // the column's own convention: percentage points (89.8) or a fraction with a percent format
  const points = w ? w.points : /[%％]/.test(cell.column.header) && !isPercentFormat(getNumberFormat(sheet, r, c));
  if (computed === null && !dashWhenUnknown) return;
  const after: string | number = computed === null ? "－" : points ? rateInPoints(computed, decimals) : computed;
  let same: boolean;
  if (computed === null) same = cell.reading.kind === "missing";
  else if (formula) same = w !== null && Math.abs(w.value - computed) <= 0.5 * Math.pow(10, -(Math.min(w.decimals, decimals) + 2)) + 1e-9;
  else if (points) same = w !== null && Math.abs(w.value * 100 - (after as number)) < 1e-9;
  else same = typeof cell.value === "number" && Math.abs(cell.value - computed) < 1e-9 && isPercentFormat(getNumberFormat(sheet, r, c));
  if (same) return;
  // percentage points (89.8) keep the column's own format, or get one decimal format like it
  const pointsFmt = getNumberFormat(sheet, r, c) ? undefined : decimals > 0 ? `0.${"0".repeat(decimals)}` : "0";
  put(cell.cell, "rate", cell.value, after, typeof after === "number" ? (points ? pointsFmt : fmt) : undefined, points);
}

export { formatRate };
