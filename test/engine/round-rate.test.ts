/**
 * roundRate rounds a value far from a tie directly and goes through 15 significant digits only near
 * one. It must give exactly what always going through 15 digits gives (the first version, here).
 */
import fc from "fast-check";
import { roundRate } from "../../src/engine";

function reference(rate: number, decimals: number): number {
  const f = Math.pow(10, decimals + 2);
  const x = Number((rate * f).toPrecision(15));
  const r = (Math.sign(x) * Math.round(Math.abs(x))) / f;
  return Object.is(r, -0) ? 0 : r;
}

describe("roundRate", () => {
  test("the same as rounding through 15 significant digits, on random rates", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 6 }), (rate, d) => {
        expect(roundRate(rate, d)).toBe(reference(rate, d));
      }),
      { numRuns: 50000, seed: 17 },
    );
  });

  test("the same near ties: n.5 at every scale, nudged by a few units in the last place", () => {
    const differ: string[] = [];
    for (let d = 0; d <= 6; d++) {
      const f = Math.pow(10, d + 2);
      for (let n = -3000; n <= 3000; n += 7) {
        for (const scale of [1, 1e3, 1e6]) {
          const tie = ((n * scale + 0.5) / f);
          for (let k = -40; k <= 40; k++) {
            const rate = tie + k * Number.EPSILON * Math.max(1, Math.abs(tie));
            if (roundRate(rate, d) !== reference(rate, d)) differ.push(`${rate} d=${d}`);
          }
        }
      }
    }
    expect(differ).toEqual([]);
  });

  test("what it gives", () => {
    expect(roundRate(0.8975, 1)).toBe(0.898);
    expect(roundRate(0.89749, 1)).toBe(0.897);
    expect(roundRate(-0.0004, 1)).toBe(0);
    expect(roundRate(1.234567, 3)).toBe(1.23457);
  });
});
