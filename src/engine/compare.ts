/**
 * Last year against this year (issue 5): the same indicators and progress items in last year's
 * and this year's workbooks must agree.
 *
 * - Indicators are matched by name (NFKC, spaces removed). This year's 前年度 actual must equal
 *   last year's actual for that year (`previous-mismatch`, error). Targets and baselines that
 *   changed are listed (`target-changed` info, `baseline-changed` warning).
 * - Progress-table items are matched by name. A figure written `X：N件（前年度M件）` this year must
 *   match last year's `X：M件` for the same item (`progress-figure-mismatch`, error).
 *
 * Findings are placed on this year's cells. Pure: snapshots in, findings out.
 */
import { analyzeWorkbook } from "./analyze";
import type { IndicatorResult, ProgressItem, WorkbookAnalysis } from "./api";
import type { Finding } from "./model/findings";
import type { EngineSettingsInput, YearValue } from "./model/indicator";
import { resolveEngineSettings } from "./model/settings";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "./model/snapshot";
import { getCell, mergeAt, parseRange, toA1 } from "./model/grid";
import { t, type Locale } from "../messages";
import { formatNumber, formatYearValue } from "./report/format";

export interface IndicatorPair {
  /** The normalized name both were matched by. */
  key: string;
  name: string;
  last: IndicatorResult | null;
  current: IndicatorResult | null;
}

export interface ProgressPair {
  key: string;
  name: string;
  last: ProgressItem | null;
  current: ProgressItem | null;
}

export interface WorkbookComparison {
  /** Every indicator of either year, matched where possible (this year's order, then last year's leftovers). */
  indicators: IndicatorPair[];
  progress: ProgressPair[];
  /** Findings of the comparison, on this year's cells. */
  issues: Finding[];
  lastAnalysis: WorkbookAnalysis;
  currentAnalysis: WorkbookAnalysis;
}

/** Key for matching names: NFKC, no spaces (full-width spaces and line breaks included). */
export function nameKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Pair items of two lists by key, in order; among several with the same key, one on a sheet of the
 * same name comes first. Unmatched ones are paired with null.
 */
function pairBy<T extends { sheet: string }, P>(
  last: T[],
  current: T[],
  key: (x: T) => string,
  make: (key: string, last: T | null, current: T | null) => P,
): P[] {
  const queues = new Map<string, T[]>();
  for (const x of last) {
    const k = key(x);
    if (!k) continue;
    const q = queues.get(k);
    if (q) q.push(x);
    else queues.set(k, [x]);
  }
  const used = new Set<T>();
  const pairs: P[] = [];
  for (const c of current) {
    const k = key(c);
    const q = k ? queues.get(k) : undefined;
    let l: T | null = null;
    if (q && q.length) {
      const same = q.findIndex((x) => x.sheet === c.sheet);
      l = q.splice(same >= 0 ? same : 0, 1)[0];
      used.add(l);
    }
    pairs.push(make(k, l, c));
  }
  for (const l of last) if (!used.has(l)) pairs.push(make(key(l), l, null));
  return pairs;
}

/** The fiscal year most indicators of an analysis report as this year's (null when none says). */
export function reportedYear(a: WorkbookAnalysis): number | null {
  const counts = new Map<number, number>();
  for (const i of a.indicators) if (i.current.year !== null) counts.set(i.current.year, (counts.get(i.current.year) ?? 0) + 1);
  let best: number | null = null;
  let n = 0;
  for (const [y, c] of counts) if (c > n || (c === n && best !== null && y > best)) [best, n] = [y, c];
  return best;
}

// ---- locating this year's cells ------------------------------------------------------------

/** A cell's text, taking a merged header's top-left value. */
function headerText(sheet: SheetSnapshot, row: number, col: number): string {
  const m = mergeAt(sheet, row, col);
  const v = m ? getCell(sheet, m.top, m.left) : getCell(sheet, row, col);
  return typeof v === "string" ? v.normalize("NFKC") : "";
}

/** The number a cell shows first ("348\n令和3年度" → 348, "1,440件" → 1440, 25.6 → 25.6). */
function leadingNumber(v: CellValue): number | null {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return null;
  const m = /[-−]?\d[\d,]*(?:\.\d+)?/.exec(v.normalize("NFKC"));
  if (!m) return null;
  const n = Number(m[0].replace(/,/g, "").replace("−", "-"));
  return Number.isFinite(n) ? n : null;
}

function eraStrings(year: number | null): string[] {
  if (year === null) return [];
  const out = [String(year)];
  if (year >= 2019) out.push(`令和${year - 2018}年`, year === 2019 ? "令和元年" : `R${year - 2018}`);
  return out;
}

type Field = "previous" | "baseline" | "target";

/**
 * The A1 address of the cell in the indicator's row that holds `value` for `field`, judged by the
 * header above it; the row's first cell of the table when none is found.
 */
function locateIndicatorCell(snapshot: WorkbookSnapshot, ind: IndicatorResult, field: Field, value: YearValue): string {
  const sheet = snapshot.sheets.find((s) => s.name === ind.sheet);
  const row = ind.row - 1;
  let left = 0;
  let right = sheet ? sheet.colCount - 1 : 0;
  let top = Math.max(0, row - 8);
  try {
    const r = parseRange(ind.table);
    left = r.left;
    right = r.right;
    top = Math.max(0, Math.min(r.top, row - 1) - 3);
  } catch {
    /* no table range: whole row */
  }
  if (!sheet) return toA1(row, left);
  const want: Record<Field, string[]> = {
    previous: ["前年", "実績", ...eraStrings(value.year)],
    baseline: ["基準", "現状"],
    target: ["目標"],
  };
  const avoid: Record<Field, string[]> = {
    previous: ["基準", "目標", "推移", "達成"],
    baseline: ["目標", "推移", "達成", "実績値"],
    target: ["基準", "実績", "推移", "達成"],
  };
  let best: { col: number; score: number } | null = null;
  for (let col = left; col <= right; col++) {
    const v = getCell(sheet, row, col);
    let matches: boolean;
    if (field === "target" && value.value === null) matches = typeof v === "string" && /上昇|減少|維持/.test(v);
    else matches = value.value !== null && leadingNumber(v) !== null && sameNumber(leadingNumber(v)!, value.value);
    if (!matches) continue;
    let header = "";
    for (let r = top; r < row; r++) header += " " + headerText(sheet, r, col);
    let score = 0;
    for (const w of want[field]) if (header.includes(w)) score += 2;
    for (const w of avoid[field]) if (header.includes(w)) score -= 3;
    if (!best || score > best.score) best = { col, score };
  }
  return toA1(row, best ? best.col : left);
}

/** The cell of a progress item that holds a figure's label (the 説明 text), else the item's row. */
function locateFigureCell(snapshot: WorkbookSnapshot, item: ProgressItem, label: string): string {
  const sheet = snapshot.sheets.find((s) => s.name === item.sheet);
  const row = item.row - 1;
  if (!sheet) return toA1(row, 0);
  const key = nameKey(label);
  for (let r = row; r < Math.min(sheet.rowCount, row + 12); r++) {
    for (let c = 0; c < sheet.colCount; c++) {
      const v = getCell(sheet, r, c);
      if (typeof v === "string" && nameKey(v).includes(key) && /前年/.test(v)) return toA1(r, c);
    }
  }
  return toA1(row, 0);
}

// ---- the comparison ------------------------------------------------------------------------

/** Last year's actual for `year`: from every actual on last year's row, or its current one. */
function lastActualFor(last: IndicatorResult, year: number | null): YearValue | null {
  if (year === null) return last.current.value !== null ? last.current : null;
  const found = [...last.actuals].reverse().find((a) => a.year === year && a.value !== null);
  if (found) return found;
  if (last.current.year === year && last.current.value !== null) return last.current;
  // Last year's sheet has no year on its current column: it is the year before this one.
  if (last.current.year === null && last.current.value !== null) return last.current;
  return null;
}

function yearValueEqual(a: YearValue, b: YearValue): boolean {
  const v = a.value === null || b.value === null ? a.value === b.value : sameNumber(a.value, b.value);
  const y = a.year === null || b.year === null || a.year === b.year;
  return v && y;
}

function describe(v: YearValue & { qualitative?: string | null }, unit: string | null, locale: Locale): string {
  const s = formatYearValue(v, locale, v.qualitative ?? null);
  if (!s) return "－";
  return unit && v.value !== null && !v.qualitative ? s.replace(formatNumber(v.value), formatNumber(v.value) + unit) : s;
}

export function compareWorkbooks(
  last: WorkbookSnapshot,
  current: WorkbookSnapshot,
  settings?: EngineSettingsInput,
): WorkbookComparison {
  const resolved = resolveEngineSettings(settings);
  const locale = resolved.locale;
  const lastAnalysis = analyzeWorkbook(last, settings);
  const currentAnalysis = analyzeWorkbook(current, settings);
  const issues: Finding[] = [];

  const indicators = pairBy<IndicatorResult, IndicatorPair>(
    lastAnalysis.indicators,
    currentAnalysis.indicators,
    (i) => nameKey(i.name),
    (key, l, c) => ({ key, name: (c ?? l)!.name, last: l, current: c }),
  );

  for (const pair of indicators) {
    const { last: l, current: c } = pair;
    if (!l || !c) continue;

    // 前年度 actual against last year's actual for that year.
    if (c.previous.value !== null) {
      const ref = lastActualFor(l, c.previous.year);
      if (ref && ref.value !== null && !sameNumber(ref.value, c.previous.value)) {
        const actual = c.previous.value;
        const expected = ref.value;
        issues.push({
          rule: "previous-mismatch",
          severity: "error",
          sheet: c.sheet,
          cell: locateIndicatorCell(current, c, "previous", c.previous),
          message: `${c.name}: ${t(locale, "rule.previous-mismatch", {
            actual: formatNumber(actual) + (c.unit ?? ""),
            expected: formatNumber(expected) + (l.unit ?? c.unit ?? ""),
          })}`,
          expected,
          actual,
        });
      }
    }

    // Target changed (value, qualitative word or year).
    const lt = l.target;
    const ct = c.target;
    const targetSame = yearValueEqual(lt, ct) && (lt.qualitative ?? null) === (ct.qualitative ?? null);
    const targetKnown = lt.value !== null || lt.qualitative !== null || ct.value !== null || ct.qualitative !== null;
    if (!targetSame && targetKnown) {
      issues.push({
        rule: "target-changed",
        severity: "info",
        sheet: c.sheet,
        cell: locateIndicatorCell(current, c, "target", ct),
        message: `${c.name}: ${t(locale, "rule.target-changed", {
          expected: describe(lt, l.unit, locale),
          actual: describe(ct, c.unit, locale),
        })}`,
        expected: lt.qualitative ?? lt.value,
        actual: ct.qualitative ?? ct.value,
      });
    }

    // Baseline changed.
    const lb = l.baseline;
    const cb = c.baseline;
    if (!yearValueEqual(lb, cb) && (lb.value !== null || cb.value !== null)) {
      issues.push({
        rule: "baseline-changed",
        severity: "warning",
        sheet: c.sheet,
        cell: locateIndicatorCell(current, c, "baseline", cb),
        message: `${c.name}: ${t(locale, "rule.baseline-changed", {
          expected: describe(lb, l.unit, locale),
          actual: describe(cb, c.unit, locale),
        })}`,
        expected: lb.value,
        actual: cb.value,
      });
    }
  }

  // Progress tables: figures with 前年度 against last year's figures of the same item.
  const progressKey = (p: ProgressItem) => (p.reposted ? "" : nameKey(p.name));
  const progress = pairBy<ProgressItem, ProgressPair>(
    lastAnalysis.progressItems,
    currentAnalysis.progressItems,
    progressKey,
    (key, l, c) => ({ key, name: (c ?? l)!.name, last: l, current: c }),
  );
  for (const pair of progress) {
    const { last: l, current: c } = pair;
    if (!l || !c) continue;
    const lastFigures = new Map<string, ProgressItem["figures"]>();
    for (const f of l.figures) {
      const k = nameKey(f.label);
      const q = lastFigures.get(k);
      if (q) q.push(f);
      else lastFigures.set(k, [f]);
    }
    for (const f of c.figures) {
      if (f.previous === null) continue;
      const ref = lastFigures.get(nameKey(f.label))?.shift();
      if (!ref || sameNumber(ref.value, f.previous)) continue;
      issues.push({
        rule: "progress-figure-mismatch",
        severity: "error",
        sheet: c.sheet,
        cell: locateFigureCell(current, c, f.label),
        message: `${c.number ? c.number + " " : ""}${c.name}: ${t(locale, "rule.progress-figure-mismatch", {
          label: f.label,
          actual: formatNumber(f.previous) + f.unit,
          expected: formatNumber(ref.value) + ref.unit,
        })}`,
        expected: ref.value,
        actual: f.previous,
      });
    }
  }

  return { indicators, progress, issues, lastAnalysis, currentAnalysis };
}
