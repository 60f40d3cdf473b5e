/**
 * Properties of the trend mark (指標の推移) and the achievement rate (達成率),
 * src/engine/indicators/compute.ts.
 *
 * The legend: c unknown → －; target reached → ◎; else p unknown or c = p → ⇒; c better than p → ○;
 * c worse than p → ▼. Order the marks ▼ < ⇒ < ○ < ◎. Then, for higher-is-better with p, t and the
 * baseline fixed, the mark is monotone non-decreasing in c over the whole line: as c rises it goes
 * ▼ (c < p) → ⇒ (c = p) → ○ (p < c < t) → ◎ (c ≥ t); when p ≥ t there is no ○ (▼ then ◎), when p is
 * unknown it is ⇒ then ◎. Crossing p jumps from ▼ to ○ without ⇒ unless c lands on p exactly;
 * the only ⇒ with p known is c = p < t.
 */
import fc from "fast-check";
import { achievementRate, rawAchievementRate, roundRate, trendMark, type Direction, type Qualitative } from "../../src/engine";
import type { MarkInput, RateInput } from "../../src/engine/indicators/compute";
import { RUNS } from "./arbitraries";

const run = (p: fc.IProperty<any>) => fc.assert(p, { numRuns: RUNS });

const RANK: Record<string, number> = { "▼": 0, "⇒": 1, "○": 2, "◎": 3 };

/** Values as sheets hold them: integers, one-decimal percentages, and some awkward doubles. */
const value = fc.oneof(
  fc.integer({ min: -1000, max: 5000 }),
  fc.integer({ min: -10000, max: 10000 }).map((n) => n / 10),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);
const maybe = (a: fc.Arbitrary<number>) => fc.option(a, { nil: null, freq: 5 });
const positive = fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 1, max: 10000 }).map((n) => n / 10));
const decimals = fc.integer({ min: 0, max: 4 });
const settings = fc.record({
  rateMethod: fc.constantFrom("ratio" as const, "progress" as const),
  capRate: fc.boolean(),
  rateDecimals: decimals,
});

/** A mark input in which the qualitative target agrees with the direction (上昇 ↔ increase, 減少 ↔ decrease). */
function markInput(direction: Direction): fc.Arbitrary<Omit<MarkInput, "current">> {
  const q: fc.Arbitrary<Qualitative | null> =
    direction === "increase" ? fc.constantFrom(null, null, null, "上昇" as const, "維持" as const) : fc.constantFrom(null, null, null, "減少" as const, "維持" as const);
  return fc.record({ previous: maybe(value), baseline: maybe(value), target: maybe(value), qualitative: q, direction: fc.constant(direction) });
}

const neg = (x: number | null) => (x === null ? null : x === 0 ? 0 : -x);
const MIRROR_Q: Record<Qualitative, Qualitative> = { 上昇: "減少", 減少: "上昇", 維持: "維持" };

describe("trend mark", () => {
  test("unknown current value → －, whatever else is known", () => {
    run(
      fc.property(fc.constantFrom<Direction>("increase", "decrease").chain(markInput), (x) => {
        expect(trendMark({ ...x, current: null })).toBe("－");
      }),
    );
  });

  test("a known current value never gives －, and gives ◎ exactly when the numeric target is reached", () => {
    run(
      fc.property(fc.constantFrom<Direction>("increase", "decrease").chain(markInput), value, (x, c) => {
        const m = trendMark({ ...x, current: c });
        expect(m).not.toBe("－");
        if (x.qualitative === null) {
          const reached = x.target !== null && (x.direction === "increase" ? c >= x.target : c <= x.target);
          expect(m === "◎").toBe(reached);
        }
      }),
    );
  });

  test("higher is better: raising c never makes the mark worse (▼ < ⇒ < ○ < ◎), p, t, baseline fixed", () => {
    run(
      fc.property(markInput("increase"), value, value, (x, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const mLo = trendMark({ ...x, current: lo });
        const mHi = trendMark({ ...x, current: hi });
        expect(RANK[mLo]).toBeLessThanOrEqual(RANK[mHi]);
      }),
    );
  });

  test("higher is better: the shape along c is ▼ below p, ⇒ at p (or p unknown), ○ between p and t, ◎ from t", () => {
    run(
      fc.property(value, value, value, (p, t, c) => {
        const m = trendMark({ current: c, previous: p, target: t, baseline: null, qualitative: null, direction: "increase" });
        const expected = c >= t ? "◎" : c > p ? "○" : c === p ? "⇒" : "▼";
        expect(m).toBe(expected);
        // c crossing p: just below p (and below t) is ▼, p itself is ⇒, just above p (and below t) is ○
        if (p < t) {
          const below = p - Math.max(1e-6, Math.abs(p) * 1e-9);
          const above = p + Math.max(1e-6, Math.abs(p) * 1e-9);
          const at = (x: number) => trendMark({ current: x, previous: p, target: t, baseline: null, qualitative: null, direction: "increase" });
          expect(at(below)).toBe("▼");
          expect(at(p)).toBe("⇒");
          expect(at(above)).toBe(above >= t ? "◎" : "○");
        }
      }),
    );
  });

  test("lower is better: lowering c never makes the mark worse", () => {
    run(
      fc.property(markInput("decrease"), value, value, (x, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(RANK[trendMark({ ...x, current: hi })]).toBeLessThanOrEqual(RANK[trendMark({ ...x, current: lo })]);
      }),
    );
  });

  test("lower is better mirrors higher is better: mark(c, p, t, b, decrease) = mark(−c, −p, −t, −b, increase), 減少 ↔ 上昇", () => {
    run(
      fc.property(fc.constantFrom<Direction>("increase", "decrease").chain(markInput), maybe(value), (x, c) => {
        const mirrored: MarkInput = {
          current: neg(c),
          previous: neg(x.previous),
          baseline: neg(x.baseline),
          target: neg(x.target),
          qualitative: x.qualitative ? MIRROR_Q[x.qualitative] : null,
          direction: x.direction === "increase" ? "decrease" : "increase",
        };
        expect(trendMark(mirrored)).toBe(trendMark({ ...x, current: c }));
      }),
    );
  });

  test("for positive values the reciprocal also mirrors: mark(c, p, t, decrease) = mark(1/c, 1/p, 1/t, increase)", () => {
    run(
      fc.property(positive, maybe(positive), maybe(positive), (c, p, t) => {
        const inv = (x: number | null) => (x === null ? null : 1 / x);
        const dec = trendMark({ current: c, previous: p, target: t, baseline: null, qualitative: null, direction: "decrease" });
        const inc = trendMark({ current: 1 / c, previous: inv(p), target: inv(t), baseline: null, qualitative: null, direction: "increase" });
        expect(inc).toBe(dec);
      }),
    );
  });

  test("qualitative 上昇 counts as reached exactly when c is above the baseline", () => {
    run(
      fc.property(value, maybe(value), value, (c, p, b) => {
        const m = trendMark({ current: c, previous: p, baseline: b, target: null, qualitative: "上昇", direction: "increase" });
        expect(m === "◎").toBe(c > b);
      }),
    );
  });
});

describe("achievement rate", () => {
  const rateInput = (direction: Direction): fc.Arbitrary<Omit<RateInput, "current">> =>
    fc.record({ baseline: maybe(value), target: maybe(value), qualitative: fc.constant(null), direction: fc.constant(direction) });

  test("unknown current, unknown target, or a qualitative target → no rate", () => {
    run(
      fc.property(fc.constantFrom<Direction>("increase", "decrease").chain(rateInput), maybe(value), fc.constantFrom<Qualitative>("上昇", "減少", "維持"), settings, (x, c, q, s) => {
        expect(achievementRate({ ...x, current: null }, s)).toBeNull();
        expect(achievementRate({ ...x, current: c, target: null }, s)).toBeNull();
        expect(achievementRate({ ...x, current: c, qualitative: q }, s)).toBeNull();
      }),
    );
  });

  test("ratio, higher is better (t > 0): non-decreasing in c", () => {
    run(
      fc.property(positive, value, value, fc.boolean(), decimals, (t, a, b, capRate, rateDecimals) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const s = { rateMethod: "ratio" as const, capRate, rateDecimals };
        const r = (c: number) => achievementRate({ current: c, target: t, baseline: null, qualitative: null, direction: "increase" }, s)!;
        expect(r(lo)).toBeLessThanOrEqual(r(hi));
      }),
    );
  });

  test("ratio, lower is better (t ≥ 0, c > 0): non-increasing in c", () => {
    run(
      fc.property(fc.oneof(fc.constant(0), positive), positive, positive, fc.boolean(), decimals, (t, a, b, capRate, rateDecimals) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const s = { rateMethod: "ratio" as const, capRate, rateDecimals };
        const r = (c: number) => achievementRate({ current: c, target: t, baseline: null, qualitative: null, direction: "decrease" }, s)!;
        expect(r(hi)).toBeLessThanOrEqual(r(lo));
      }),
    );
  });

  test("progress: non-decreasing in c when t > b (higher is better), non-increasing when t < b (lower is better)", () => {
    run(
      fc.property(value, value, value, value, fc.boolean(), decimals, (b, t, a, c2, capRate, rateDecimals) => {
        fc.pre(t !== b);
        const [lo, hi] = a <= c2 ? [a, c2] : [c2, a];
        const direction: Direction = t > b ? "increase" : "decrease";
        const s = { rateMethod: "progress" as const, capRate, rateDecimals };
        const r = (c: number) => achievementRate({ current: c, target: t, baseline: b, qualitative: null, direction }, s);
        const rl = r(lo);
        const rh = r(hi);
        fc.pre(rl !== null && rh !== null); // (c − b)/(t − b) may overflow to ±Infinity for t − b tiny
        if (t > b) expect(rl).toBeLessThanOrEqual(rh!);
        else expect(rh).toBeLessThanOrEqual(rl!);
      }),
    );
  });

  test("ratio mirror: rate(c, t, decrease) = t/c = rate(c := t, t := c, increase)", () => {
    run(
      fc.property(value, value, settings.map((s) => ({ ...s, rateMethod: "ratio" as const })), (c, t, s) => {
        const dec = achievementRate({ current: c, target: t, baseline: null, qualitative: null, direction: "decrease" }, s);
        const inc = achievementRate({ current: t, target: c, baseline: null, qualitative: null, direction: "increase" }, s);
        expect(dec).toBe(inc);
        if (c !== 0) expect(rawAchievementRate({ current: c, target: t, baseline: null, qualitative: null, direction: "decrease" }, "ratio")).toBe(t / c);
      }),
    );
  });

  test("ratio mirror for positive values: rate(c, t, decrease) ≈ rate(1/c, 1/t, increase) (to the last shown digit)", () => {
    run(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 1, max: 100000 }), decimals, (c, t, d) => {
        const s = { rateMethod: "ratio" as const, capRate: false, rateDecimals: d };
        const dec = achievementRate({ current: c, target: t, baseline: null, qualitative: null, direction: "decrease" }, s)!;
        const inc = achievementRate({ current: 1 / c, target: 1 / t, baseline: null, qualitative: null, direction: "increase" }, s)!;
        expect(Math.abs(dec - inc)).toBeLessThanOrEqual(Math.pow(10, -(d + 2)) * 1.000001);
      }),
    );
  });

  test("progress mirror: rate(c, b, t, decrease) = rate(−c, −b, −t, increase), and the direction does not change it", () => {
    run(
      fc.property(value, value, value, settings.map((s) => ({ ...s, rateMethod: "progress" as const })), (c, b, t, s) => {
        const dec = achievementRate({ current: c, target: t, baseline: b, qualitative: null, direction: "decrease" }, s);
        const inc = achievementRate({ current: neg(c), target: neg(t), baseline: neg(b), qualitative: null, direction: "increase" }, s);
        expect(inc).toBe(dec);
        expect(achievementRate({ current: c, target: t, baseline: b, qualitative: null, direction: "increase" }, s)).toBe(dec);
      }),
    );
  });

  test("the cap never lets a rate exceed 1 (100%), and never changes a rate below it", () => {
    run(
      fc.property(fc.constantFrom<Direction>("increase", "decrease").chain(rateInput), value, fc.constantFrom("ratio" as const, "progress" as const), decimals, (x, c, m, d) => {
        const capped = achievementRate({ ...x, current: c }, { rateMethod: m, capRate: true, rateDecimals: d });
        const free = achievementRate({ ...x, current: c }, { rateMethod: m, capRate: false, rateDecimals: d });
        expect(capped === null).toBe(free === null);
        if (capped !== null && free !== null) {
          expect(capped).toBeLessThanOrEqual(1);
          expect(capped).toBe(Math.min(free, 1));
        }
      }),
    );
  });

  test("the rate is rounded to the stated decimals of a percentage, to the nearest", () => {
    run(
      fc.property(fc.constantFrom<Direction>("increase", "decrease").chain(rateInput), value, fc.constantFrom("ratio" as const, "progress" as const), decimals, (x, c, m, d) => {
        const raw = rawAchievementRate({ ...x, current: c }, m);
        const r = achievementRate({ ...x, current: c }, { rateMethod: m, capRate: false, rateDecimals: d });
        if (raw === null || !Number.isFinite(raw)) {
          expect(r).toBeNull();
          return;
        }
        const f = Math.pow(10, d + 2);
        // exactly: no epsilon zone is left out (roundRate goes through 15 significant digits)
        const units = Math.abs(raw * f);
        fc.pre(units < 1e12); // beyond, a double has no digit left below the shown one
        expect(r).not.toBeNull();
        const scaled = r! * f;
        // a whole number of the last shown digit (e.g. 0.898 = 89.8% with one decimal)
        expect(Math.abs(scaled - Math.round(scaled))).toBeLessThan(1e-6 * Math.max(1, Math.abs(scaled)));
        // the nearest one: no further than half a digit from the raw rate
        expect(Math.abs(r! - raw)).toBeLessThanOrEqual((0.5 / f) * (1 + 1e-6) + 1e-12);
        expect(Object.is(r, -0)).toBe(false);
      }),
    );
  });

  test("rounding of exact decimal halves goes away from zero, as the shown decimal says (89.75% → 89.8%)", () => {
    run(
      fc.property(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 3 }), (n, d) => {
        // a fraction whose percentage has exactly one more decimal than shown, ending in 5
        const digits = `${Math.abs(n)}5`;
        const scaledText = digits.slice(0, -1) + "." + digits.slice(-1); // e.g. "8975" → "897.5" (units of 10^-(d+2))
        const rate = Number(scaledText) / Math.pow(10, d + 2) * (n < 0 ? -1 : 1);
        const rounded = roundRate(rate, d);
        const expected = (Math.floor(Math.abs(n)) + 1) / Math.pow(10, d + 2) * (n < 0 ? -1 : 1);
        expect(rounded).toBeCloseTo(expected, d + 6);
      }),
    );
  });
});
