/**
 * The rules. Each has a stable kebab-case id, a severity, a message (src/messages.ts), the cell,
 * and a fix where one is safe.
 */
import { t, type Locale, type MessageKey } from "../../messages";
import { formatYear } from "../report/format";
import { cellText, compactText, normalizeText } from "../cell/read";
import { getFormula, getNumberFormat, parseA1 } from "../model/grid";
import type { CellEdit, CellValue, SheetSnapshot } from "../model/snapshot";
import type { Finding, Severity } from "../model/findings";
import type { EngineSettings, TrendMark } from "../model/indicator";
import type { IndicatorRow, ReadCell } from "../indicators/extract";
import type { IndicatorResult } from "../api";
import { sameGrade, type Band } from "../legends/bands";
import { comparableText, isTick, REPOST_MARK, type CellRef, type ProgrammeRow, type ProgressRow } from "../progress/extract";
import { FUTURE_WORDS, isYearOnly, RESULT_WORDS } from "../tables/headers";
import { canonicalMark, codePoint, legendGlyph, readMark } from "./marks";

export const RULES = {
  "trend-mark-mismatch": "error",
  "rate-mismatch": "error",
  "mark-not-in-legend": "error",
  vocabulary: "error",
  "year-order": "error",
  "repost-mismatch": "error",
  "repost-missing-original": "warning",
  "lookalike-character": "warning",
  "required-empty": "warning",
  "number-as-text": "warning",
  "formula-error": "warning",
  "report-year": "warning",
  "value-unreadable": "warning",
  "pace-grade": "info",
  "no-table": "info",
  "table-missing-column": "warning",
  "table-uncertain": "warning",
  "grade-mismatch": "error",
  "grade-not-in-legend": "error",
} as const satisfies Record<string, Severity>;
export type RuleId = keyof typeof RULES;

export class FindingSink {
  readonly findings: Finding[] = [];
  constructor(private readonly locale: Locale) {}
  add(
    rule: RuleId,
    sheet: string,
    cell: string,
    key: MessageKey,
    params: Record<string, string | number>,
    expected: string | number | null,
    actual: string | number | null,
    fix?: CellEdit,
    severity: Severity = RULES[rule],
  ): void {
    const f: Finding = {
      rule,
      severity,
      sheet,
      cell,
      message: t(this.locale, key, { expected: expected ?? "－", actual: actual ?? "", ...params }),
      expected,
      actual,
    };
    if (fix) f.fix = fix;
    this.findings.push(f);
  }
  field(key: MessageKey): string {
    return t(this.locale, key);
  }
  /** "〇 漢数字のゼロ": the character and its name (the code point where it has no name here). */
  charName(written: string): string {
    const chars = [...written];
    if (chars.length !== 1) return codePoint(written);
    const key = `char.${chars[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` as MessageKey;
    const name = t(this.locale, key);
    return name === key ? codePoint(written) : `${written} ${name}`;
  }
  /** "基準年度 令和6年度 > 前年度 令和4年度" in the sink's language. */
  yearPair(a: MessageKey, ya: number, op: string, b: MessageKey, yb: number): string {
    return `${t(this.locale, a)} ${formatYear(ya, this.locale)} ${op} ${t(this.locale, b)} ${formatYear(yb, this.locale)}`;
  }
}

function shown(v: CellValue): string | number | null {
  if (v === null || v === "") return null;
  if (typeof v === "number") return v;
  if (typeof v === "object") return v.error;
  return String(v);
}

/** The rate a cell holds, as a fraction, with the number of decimals it shows (as a percentage). */
export interface WrittenRate {
  /** As a fraction (0.898 = 89.8%). */
  value: number;
  /** Decimals shown, as a percentage. */
  decimals: number;
  /** The cell holds percentage points (89.8, no percent format): compare and write it that way. */
  points: boolean;
}

/**
 * The rate a cell holds, as a fraction. A number with a percent format is a fraction; a number
 * without one is in points (89.8) when the column says （％） or the number is over 2, else a
 * fraction; text reads "89.8%" or, in a （％） column, "89.8".
 */
export function writtenRate(sheet: SheetSnapshot, c: ReadCell): WrittenRate | null {
  const v = c.value;
  const { row, col } = parseA1(c.cell);
  const pointsColumn = /[%％]/.test(c.column.header);
  const fmt = getNumberFormat(sheet, row, col) ?? "";
  if (typeof v === "number") {
    if (fmt.includes("%")) {
      const m = /0\.(0+)%/.exec(fmt);
      return { value: v, decimals: m ? m[1].length : 0, points: false };
    }
    const fd = /0\.(0+)/.exec(fmt);
    if (pointsColumn || Math.abs(v) > 2) return { value: v / 100, decimals: fd ? fd[1].length : decimalsOf(String(v)), points: true };
    return { value: v, decimals: Math.max(0, decimalsOf(String(v)) - 2), points: false };
  }
  if (typeof v === "string") {
    const s = normalizeText(v);
    const m = /^([+-]?\d+(?:\.(\d+))?)\s*%$/.exec(s);
    if (m) return { value: Number(m[1]) / 100, decimals: m[2] ? m[2].length : 0, points: false };
    const p = /^([+-]?\d+(?:\.(\d+))?)$/.exec(s);
    if (p && (pointsColumn || Math.abs(Number(p[1])) > 2)) return { value: Number(p[1]) / 100, decimals: p[2] ? p[2].length : 0, points: true };
  }
  return null;
}

function decimalsOf(s: string): number {
  const i = s.indexOf(".");
  return i < 0 ? 0 : s.length - i - 1;
}

export function formatRate(rate: number | null, decimals: number): string {
  return rate === null ? "－" : `${(rate * 100).toFixed(decimals)}%`;
}

export interface IndicatorCheckInput {
  row: IndicatorRow;
  sheet: SheetSnapshot;
  trendLegend: readonly string[];
  computedMark: TrendMark;
  computedRate: number | null;
  settings: EngineSettings;
  /**
   * Marks, rates and grades are judged only where the table was read with certainty and has the
   * columns they need (default true).
   */
  judge?: boolean;
  /** The computed result (per-year rates and grades). */
  result?: IndicatorResult;
  /** The band legend that grades the 評価 cells, when the sheet prints one. */
  bands?: Band[] | null;
}

export function checkIndicator(sink: FindingSink, x: IndicatorCheckInput): void {
  const { row, sheet } = x;
  const s = sheet.name;
  const ind = row.indicator;
  // required: the name
  if (row.name && !ind.name) sink.add("required-empty", s, row.name.cell, "rule.required-empty", { field: sink.field("field.name") }, null, null);
  // values: formula errors and numbers stored as text
  for (const c of [row.baseline, ...row.actuals, row.target, row.rate]) {
    if (!c) continue;
    if (c.reading.kind === "error") sink.add("formula-error", s, c.cell, "rule.formula-error", {}, c === row.rate ? x.computedRate : null, c.reading.error);
    if (c.reading.kind === "text" && c !== row.rate && !isYearOnly(c.reading.text)) {
      sink.add("value-unreadable", s, c.cell, "rule.value-unreadable", {}, null, c.reading.text);
    }
    if (c.reading.kind === "number" && c.reading.numberAsText && typeof c.value === "string") {
      sink.add("number-as-text", s, c.cell, "rule.number-as-text", {}, c.reading.value, c.value, { sheet: s, cell: c.cell, value: c.reading.value });
    }
  }
  if (x.judge === false) {
    yearOrder(sink, x);
    return;
  }
  // the trend mark
  if (row.trend) checkTrendMark(sink, x, row.trend);
  // the rate of each year (a 達成率 row)
  if (x.result) {
    for (const p of x.result.series.points) {
      const pt = row.points.find((q) => q.year === p.year);
      if (pt?.rate && p.rate !== null) checkRate(sink, x, pt.rate, p.rate);
      if (pt?.grade && p.grade !== null && x.bands) checkGrade(sink, x, pt.grade, p.grade, p.rate, x.bands);
    }
    if (row.grade && x.result.grade !== null && x.bands) {
      const cur = x.result.series.points.find((p) => p.year === x.result!.current.year);
      const rate = cur && cur.target !== null && cur.rate !== null ? cur.rate : x.computedRate;
      checkGrade(sink, x, row.grade, x.result.grade, rate, x.bands);
    }
  }
  // the rate
  if (row.rate) checkRate(sink, x, row.rate, x.computedRate);
  yearOrder(sink, x);
}

/** A written grade against the grade of the band legend. */
function checkGrade(sink: FindingSink, x: IndicatorCheckInput, c: ReadCell, expected: string, rate: number | null, bands: Band[]): void {
  const s = x.sheet.name;
  const written = cellText(c.value).replace(/[\s\u3000]/g, "");
  const fix = hasFormula(x.sheet, c.cell) ? undefined : { sheet: s, cell: c.cell, value: expected };
  if (!written) {
    sink.add("required-empty", s, c.cell, "rule.required-empty", { field: sink.field("field.evaluation") }, expected, null, fix);
    return;
  }
  if (c.reading.kind === "error") {
    sink.add("formula-error", s, c.cell, "rule.formula-error", {}, expected, c.reading.error);
    return;
  }
  if (!bands.some((b) => sameGrade(b.label, written))) {
    sink.add("grade-not-in-legend", s, c.cell, "rule.grade-not-in-legend", { legend: bands.map((b) => b.label).join(" ") }, expected, written, fix);
    return;
  }
  if (!sameGrade(written, expected)) {
    sink.add("grade-mismatch", s, c.cell, "rule.grade-mismatch", { rate: formatRate(rate, x.settings.rateDecimals) }, expected, written, fix);
  }
}

function checkRate(sink: FindingSink, x: IndicatorCheckInput, cell: ReadCell, computed: number | null): void {
  const { sheet } = x;
  const s = sheet.name;
  {
    const row = { rate: cell };
    const w = writtenRate(sheet, row.rate);
    const emptyish = row.rate.reading.kind === "empty" || row.rate.reading.kind === "missing";
    if (w === null && !emptyish) {
      if (row.rate.reading.kind !== "error" && computed !== null) {
        sink.add("rate-mismatch", s, row.rate.cell, "rule.rate-mismatch", { expected: formatRate(computed, x.settings.rateDecimals), actual: cellText(row.rate.value) }, computed, cellText(row.rate.value), rateFix(sheet, row.rate.cell, computed, x.settings));
      }
    } else if (w !== null) {
      const d = Math.min(w.decimals, x.settings.rateDecimals);
      const tol = 0.5 * Math.pow(10, -(d + 2)) + 1e-9;
      if (computed === null || Math.abs(w.value - computed) > tol) {
        sink.add("rate-mismatch", s, row.rate.cell, "rule.rate-mismatch", { expected: formatRate(computed, x.settings.rateDecimals), actual: formatRate(w.value, w.decimals) }, computed, w.value, rateFix(sheet, row.rate.cell, computed, x.settings));
      }
    }
  }
}

function yearOrder(sink: FindingSink, x: IndicatorCheckInput): void {
  const { row } = x;
  const s = x.sheet.name;
  const ind = row.indicator;
  // years: baseline ≤ last year < this year ≤ target year
  const y = { b: ind.baseline.year, p: ind.previous.year, c: ind.current.year, t: ind.target.year };
  const cells = row.yearCells;
  const bad: { cell: string | null; detail: string }[] = [];
  if (y.b !== null && y.p !== null && y.b > y.p) bad.push({ cell: cells.baseline, detail: sink.yearPair("year.baseline", y.b, ">", "year.previous", y.p) });
  if (y.p !== null && y.c !== null && y.p >= y.c) bad.push({ cell: cells.current, detail: sink.yearPair("year.previous", y.p, "≥", "year.current", y.c) });
  if (y.b !== null && y.c !== null && y.b > y.c && row.currentCell !== row.baseline) bad.push({ cell: cells.baseline, detail: sink.yearPair("year.baseline", y.b, ">", "year.current", y.c) });
  if (y.c !== null && y.t !== null && y.c > y.t) bad.push({ cell: cells.target, detail: sink.yearPair("year.current", y.c, ">", "year.target", y.t) });
  else if (y.b !== null && y.t !== null && y.b > y.t) bad.push({ cell: cells.target, detail: sink.yearPair("year.baseline", y.b, ">", "year.target", y.t) });
  const seen = new Set<string>();
  for (const b of bad) {
    const cell = b.cell ?? row.name?.cell ?? "A1";
    if (seen.has(cell)) continue;
    seen.add(cell);
    sink.add("year-order", s, cell, "rule.year-order", { detail: b.detail }, null, b.detail);
  }
}

function rateFix(snapshot: SheetSnapshot, cell: string, rate: number | null, settings: EngineSettings, points = false): CellEdit | undefined {
  if (hasFormula(snapshot, cell)) return undefined;
  const sheet = snapshot.name;
  if (points && rate !== null) return { sheet, cell, value: rateInPoints(rate, settings.rateDecimals) };
  return {
    sheet,
    cell,
    value: rate === null ? "－" : rate,
    numberFormat: rate === null ? undefined : rateFormat(settings.rateDecimals),
  };
}

/** A rate as percentage points, rounded as shown (0.898 → 89.8). */
export function rateInPoints(rate: number, decimals: number): number {
  return Number((rate * 100).toFixed(decimals));
}

export function rateFormat(decimals: number): string {
  return decimals > 0 ? `0.${"0".repeat(decimals)}%` : "0%";
}

function checkTrendMark(sink: FindingSink, x: IndicatorCheckInput, c: ReadCell): void {
  const s = x.sheet.name;
  // the computed mark as this sheet's legend writes it (〇 for ○ where the legend prints 〇)
  const expected = legendGlyph(x.trendLegend, x.computedMark);
  // a cell holding a formula is the user's calculation: findings, but no fix that would replace it
  const fix = hasFormula(x.sheet, c.cell) ? undefined : { sheet: s, cell: c.cell, value: expected };
  if (c.reading.kind === "empty") {
    sink.add("required-empty", s, c.cell, "rule.trend-mark-missing", {}, expected, null, fix);
    return;
  }
  if (c.reading.kind === "error") {
    sink.add("formula-error", s, c.cell, "rule.formula-error", {}, expected, c.reading.error);
    return;
  }
  const written = cellText(c.value).replace(/[\s\u3000]/g, "");
  const inLegend = x.trendLegend.includes(written);
  const meant = canonicalMark(written);
  // the legend's marks as meant are looked at only for a mark the legend does not print
  if (!inLegend && x.trendLegend.some((g) => canonicalMark(g) === meant)) {
    // a lookalike: its fix is the right mark (the computed one when the mark is wrong too)
    const glyph = legendGlyph(x.trendLegend, meant);
    sink.add("lookalike-character", s, c.cell, "rule.lookalike-character", { code: sink.charName(written) }, glyph, written, fix);
  } else if (!inLegend) {
    sink.add("mark-not-in-legend", s, c.cell, "rule.mark-not-in-legend", { legend: x.trendLegend.join(" ") }, expected, written);
    return;
  }
  if (meant !== x.computedMark) {
    sink.add("trend-mark-mismatch", s, c.cell, "rule.trend-mark-mismatch", {}, expected, written, fix);
  }
}

function hasFormula(sheet: SheetSnapshot, a1: string): boolean {
  if (!sheet.formulas) return false; // a sheet read without its formulas (or with none)
  const { row, col } = parseA1(a1);
  return getFormula(sheet, row, col) !== null;
}

/** Progress tables: 評価 in the legend, 説明 filled in. (【再掲】: checkReposts, across the workbook.) */
export function checkProgress(sink: FindingSink, rows: ProgressRow[], evaluationLegend: readonly string[]): void {
  for (const r of rows) {
    const s = r.item.sheet;
    const ev = r.cells.evaluation;
    if (ev) {
      if (!ev.text) sink.add("required-empty", s, ev.cell, "rule.required-empty", { field: sink.field("field.evaluation") }, null, null);
      else checkEvaluationMark(sink, s, ev, evaluationLegend);
    }
    const d = r.cells.description;
    if (d && !d.text) sink.add("required-empty", s, d.cell, "rule.required-empty", { field: sink.field("field.description") }, null, null);
  }
}

export function checkEvaluationMark(sink: FindingSink, sheet: string, ev: CellRef, legend: readonly string[]): void {
  const m = readMark(ev.text, legend);
  if (m.lookalike) {
    sink.add("lookalike-character", sheet, ev.cell, "rule.lookalike-character", { code: sink.charName(m.written) }, m.mark, m.written, { sheet, cell: ev.cell, value: m.mark });
  } else if (!legend.includes(m.mark)) {
    sink.add("mark-not-in-legend", sheet, ev.cell, "rule.mark-not-in-legend", { legend: legend.join(" ") }, null, m.written);
  }
}

/** 【再掲】 items: their texts must equal the original item's (matched by name). */
export function checkReposts(sink: FindingSink, rows: ProgressRow[]): void {
  const key = (r: ProgressRow) => comparableText(r.item.name);
  const originals = new Map<string, ProgressRow>();
  for (const r of rows) if (!r.item.reposted && !originals.has(key(r))) originals.set(key(r), r);
  for (const r of rows) {
    if (!r.item.reposted) continue;
    const o = originals.get(key(r));
    const s = r.item.sheet;
    const at = (r.cells.item ?? r.cells.project)?.cell ?? "A1";
    if (!o) {
      sink.add("repost-missing-original", s, at, "rule.repost-missing-original", { name: r.item.name.replace(REPOST_MARK, "") }, null, r.item.name);
      continue;
    }
    for (const role of ["plan", "evaluation", "description", "content", "owner"] as const) {
      const a = r.cells[role];
      const b = o.cells[role];
      if (!a || !b) continue;
      if (comparableText(a.text) !== comparableText(b.text)) {
        sink.add("repost-mismatch", s, a.cell, "rule.repost-mismatch", { original: `${o.item.sheet}!${b.cell}` }, b.text.replace(REPOST_MARK, "").trim(), a.text.replace(REPOST_MARK, "").trim());
        break;
      }
    }
  }
}

/** 基本計画事業 tables: 取組実績 and 今後の方向 from their vocabularies. */
export function checkProgramme(sink: FindingSink, rows: ProgrammeRow[]): void {
  for (const r of rows) {
    const s = r.table.sheet;
    if (r.result) {
      const w = compactText(r.result.text).replace(/通り/g, "どおり");
      if (!r.result.text) sink.add("required-empty", s, r.result.cell, "rule.required-empty", { field: sink.field("field.result") }, null, null);
      else if (!(RESULT_WORDS as readonly string[]).includes(w)) {
        const fix = (RESULT_WORDS as readonly string[]).includes(w) ? undefined : undefined;
        sink.add("vocabulary", s, r.result.cell, "rule.vocabulary", { field: sink.field("field.result"), choices: RESULT_WORDS.join("／") }, null, r.result.text, fix);
        sink.findings[sink.findings.length - 1].choices = [...RESULT_WORDS];
      }
    }
    if (r.resultTicks.length) {
      const ticked = r.resultTicks.filter((x) => x.ref.text);
      if (ticked.length === 0) sink.add("required-empty", s, r.resultTicks[0].ref.cell, "rule.required-empty", { field: sink.field("field.result") }, null, null);
      for (const x of ticked) if (!isTick(x.ref.text)) sink.add("vocabulary", s, x.ref.cell, "rule.vocabulary", { field: x.word, choices: "✔" }, "✔", x.ref.text);
    }
    for (const f of r.future) {
      if (!f.text) continue;
      const words = normalizeText(f.text).split(/[\s、，,・\/／\n]+/).filter(Boolean);
      for (const w of words) {
        if (!(FUTURE_WORDS as readonly string[]).includes(w.replace(/^[✔✓☑■●○]/, ""))) {
          sink.add("vocabulary", s, f.cell, "rule.vocabulary", { field: sink.field("field.direction"), choices: FUTURE_WORDS.join("／") }, null, w);
          sink.findings[sink.findings.length - 1].choices = [...FUTURE_WORDS];
        }
      }
    }
    if (r.futureTicks.length) {
      for (const x of r.futureTicks) if (x.ref.text && !isTick(x.ref.text)) sink.add("vocabulary", s, x.ref.cell, "rule.vocabulary", { field: x.word, choices: "✔" }, "✔", x.ref.text);
    }
  }
}

export { shown };
