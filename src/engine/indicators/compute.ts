/**
 * Trend marks (指標の推移) and achievement rates (達成率), exactly as the legend printed on the
 * management sheet says:
 *   ◎ 目標達成 / ○ 目標値を未達成（前年度より向上した） / ▼ 目標値を未達成（前年度より低下した） /
 *   ⇒ 目標値を未達成（前年度と同じ又は前年度数値未把握） / － 数値未把握（調査未実施など）
 */
import type { Direction, EngineSettings, Indicator, Qualitative, TrendMark } from "../model/indicator";

export interface MarkInput {
  current: number | null;
  previous: number | null;
  baseline: number | null;
  target: number | null;
  qualitative: Qualitative | null;
  direction: Direction;
}

/** Equal as written: values computed in a sheet (0.1 + 0.2) equal the number they show (0.3). */
function same(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b));
}

/** Is `a` better than `b` in the indicator's direction? */
function better(a: number, b: number, direction: Direction): boolean {
  if (same(a, b)) return false;
  return direction === "decrease" ? a < b : a > b;
}

/** Has the current value reached the target? */
export function targetReached(x: MarkInput): boolean {
  const c = x.current;
  if (c === null) return false;
  if (x.qualitative) {
    if (x.baseline === null) return false;
    if (x.qualitative === "上昇") return c > x.baseline;
    if (x.qualitative === "減少") return c < x.baseline;
    // 維持: not worse than the baseline
    return !better(x.baseline, c, x.direction);
  }
  if (x.target === null) return false;
  if (same(c, x.target)) return true;
  return x.direction === "decrease" ? c <= x.target : c >= x.target;
}

export function trendMark(x: MarkInput): TrendMark {
  if (x.current === null) return "－";
  if (targetReached(x)) return "◎";
  if (x.previous === null || same(x.current, x.previous)) return "⇒";
  return better(x.current, x.previous, x.direction) ? "○" : "▼";
}

/** Round a fraction to `decimals` places of a percentage (1 → 0.898 for 89.8%). */
export function roundRate(rate: number, decimals: number): number {
  const f = Math.pow(10, decimals + 2);
  const x0 = rate * f;
  // Far from a tie (…5), rounding x0 to 15 significant digits first cannot change where it rounds
  // (that moves it by at most |x0|·5e-15): round it as it is. (A test compares the two ways.)
  const a = Math.abs(x0);
  if (Math.abs(a - Math.floor(a) - 0.5) > a * 1e-13 + 1e-12) {
    const r = (Math.sign(x0) * Math.round(a)) / f;
    return Object.is(r, -0) ? 0 : r;
  }
  // 15 significant digits first, so that 0.8975 (binary 0.89749999…) rounds like the decimal it
  // shows; a tie rounds away from zero
  const x = Number(x0.toPrecision(15));
  const r = (Math.sign(x) * Math.round(Math.abs(x))) / f;
  return Object.is(r, -0) ? 0 : r;
}

export interface RateInput {
  current: number | null;
  baseline: number | null;
  target: number | null;
  qualitative: Qualitative | null;
  direction: Direction;
}

/** The achievement rate as an unrounded fraction, or null when it cannot be computed. */
export function rawAchievementRate(x: RateInput, method: EngineSettings["rateMethod"]): number | null {
  const { current: c, target: t, baseline: b } = x;
  if (c === null || t === null || x.qualitative) return null;
  if (method === "progress") {
    if (b === null || t === b) return null;
    return (c - b) / (t - b);
  }
  if (x.direction === "decrease") {
    if (c === 0) return null;
    return t / c;
  }
  if (t === 0) return null;
  return c / t;
}

export function achievementRate(x: RateInput, settings: Pick<EngineSettings, "rateMethod" | "capRate" | "rateDecimals">): number | null {
  let r = rawAchievementRate(x, settings.rateMethod);
  if (r === null || !Number.isFinite(r)) return null;
  if (settings.capRate) r = Math.min(r, 1);
  return roundRate(r, settings.rateDecimals);
}

/**
 * Pace against the straight line from the baseline (in its year) to the target (in its year):
 * the value expected this year (期待値), the ratio of the actual to it, and the band it falls in.
 */
export function pace(
  ind: Pick<Indicator, "baseline" | "current" | "target" | "direction">,
  settings: Pick<EngineSettings, "pace" | "rateMethod" | "rateDecimals">,
): { expected: number; ratio: number; grade: string } | null {
  const b = ind.baseline.value;
  const by = ind.baseline.year;
  const t = ind.target.value;
  const ty = ind.target.year;
  const c = ind.current.value;
  const cy = ind.current.year;
  if (b === null || by === null || t === null || ty === null || c === null || cy === null) return null;
  if (ind.target.qualitative || ty <= by) return null;
  const share = Math.min(1, Math.max(0, (cy - by) / (ty - by)));
  const expected = b + (t - b) * share;
  let ratio: number | null;
  if (settings.rateMethod === "progress") ratio = expected === b ? null : (c - b) / (expected - b);
  else if (ind.direction === "decrease") ratio = c === 0 ? null : expected / c;
  else ratio = expected === 0 ? null : c / expected;
  if (ratio === null || !Number.isFinite(ratio)) return null;
  ratio = roundRate(ratio, settings.rateDecimals);
  const floor = (m: number | null) => (m === null ? -Infinity : m);
  const bands = [...settings.pace.bands].sort((p, q) => floor(q.min) - floor(p.min));
  const band = bands.find((x) => ratio! >= floor(x.min)) ?? bands[bands.length - 1];
  return { expected: Math.round(expected * 1e6) / 1e6, ratio, grade: band ? band.label : "" };
}
