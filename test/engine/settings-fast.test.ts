/**
 * The settings resolved without zod (src/engine/model/settings.ts) are exactly zod's: for random
 * inputs — valid ones, near misses and junk — the fast path either declines (null) or gives what
 * `EngineSettings.parse` gives; resolveEngineSettings throws where zod throws.
 */
import fc from "fast-check";
import { EngineSettings } from "../../src/engine/model/indicator";
import { DEFAULT_PACE_BANDS, parseStoredSettings, resolveEngineSettings, resolveSettingsFast } from "../../src/engine/model/settings";

const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 9 }), fc.double(), fc.string({ maxLength: 3 }), fc.constant(Infinity), fc.constant(NaN), fc.constant([]), fc.constant({}));
const band = fc.record(
  { label: fc.oneof(fc.constantFrom("A", "B", "", "x".repeat(20), "x".repeat(21)), junk), min: fc.oneof(fc.constant(null), fc.double({ min: -2, max: 2, noNaN: true }), junk) },
  { requiredKeys: [] },
);
const pace = fc.oneof(
  fc.record({ enabled: fc.oneof(fc.boolean(), junk), bands: fc.oneof(fc.array(band, { maxLength: 4 }), junk) }, { requiredKeys: [] }),
  junk,
);
const input = fc.oneof(
  fc.record(
    {
      rateMethod: fc.oneof(fc.constantFrom("ratio", "progress", "Ratio"), junk),
      capRate: fc.oneof(fc.boolean(), junk),
      rateDecimals: fc.oneof(fc.integer({ min: -1, max: 7 }), fc.constant(1.5), junk),
      pace,
      locale: fc.oneof(fc.constantFrom("ja", "en", "fr"), junk),
      other: junk,
    },
    { requiredKeys: [] },
  ),
  junk,
);

function zodWay(x: unknown): { ok: true; value: unknown } | { ok: false } {
  const r = EngineSettings.safeParse(x ?? {});
  return r.success ? { ok: true, value: r.data } : { ok: false };
}

test("the fast path gives zod's settings or declines", () => {
  let taken = 0;
  fc.assert(
    fc.property(input, (x) => {
      const fast = resolveSettingsFast(x as never);
      const slow = zodWay(x);
      if (fast !== null) {
        taken++;
        expect(slow).toEqual({ ok: true, value: fast });
      }
      if (slow.ok) expect(resolveEngineSettings(x as never)).toEqual(slow.value);
      else expect(() => resolveEngineSettings(x as never)).toThrow();
    }),
    { numRuns: 3000, seed: 13 },
  );
  // the fast path is really taken (not always declining)
  expect(taken).toBeGreaterThan(100);
});

test("the inputs every run passes take the fast path", () => {
  expect(resolveSettingsFast(undefined)).toEqual({ rateMethod: "ratio", capRate: false, rateDecimals: 1, pace: { enabled: false, bands: DEFAULT_PACE_BANDS }, locale: "ja" });
  expect(resolveSettingsFast({ locale: "en", rateMethod: "progress", capRate: true, rateDecimals: 0 })).toEqual(EngineSettings.parse({ locale: "en", rateMethod: "progress", capRate: true, rateDecimals: 0 }));
  const whole = EngineSettings.parse({ pace: { enabled: true } });
  expect(resolveSettingsFast(whole)).toEqual(whole);
  // an unknown key goes to zod, which drops it
  expect(resolveSettingsFast({ extra: 1 } as never)).toBeNull();
  expect(resolveEngineSettings({ extra: 1 } as never)).toEqual(EngineSettings.parse({}));
  // invalid: zod's error
  expect(() => resolveEngineSettings({ rateDecimals: 9 })).toThrow(/rateDecimals|9|6/);
});

test("stored settings: as zod's partial schema reads them, invalid → null", () => {
  expect(parseStoredSettings({})).toEqual(EngineSettings.partial().parse({}));
  expect(parseStoredSettings({ rateMethod: "progress" })).toEqual(EngineSettings.partial().parse({ rateMethod: "progress" }));
  expect(parseStoredSettings({ rateDecimals: "x" })).toBeNull();
  expect(parseStoredSettings([1])).toBeNull();
});
