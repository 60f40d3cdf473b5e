/**
 * memoByText (src/engine/cell/memo.ts): the same answers as the function itself, short texts worked
 * out once, and the last LONG_KEPT long texts once each while they are the last ones asked about.
 */
import fc from "fast-check";
import { LONG_KEPT, memoByText } from "../../src/engine/cell/memo";

function counted(maxLength = 10) {
  const calls = new Map<string, number>();
  const f = memoByText((t: string) => {
    calls.set(t, (calls.get(t) ?? 0) + 1);
    return { text: t, length: t.length };
  }, maxLength);
  return { f, calls };
}

test("answers as the function itself, for any mix of short and long texts asked in any order", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 200 }), (texts, order) => {
      const { f } = counted(10);
      for (const i of order) {
        const t = texts[i % texts.length];
        expect(f(t)).toEqual({ text: t, length: t.length });
      }
    }),
  );
});

test("a short text is worked out once; a long one once while it is among the last LONG_KEPT long texts", () => {
  const { f, calls } = counted(10);
  const long = (i: number) => `考察${i}`.padEnd(40, "。");
  f("目標値");
  f("目標値");
  expect(calls.get("目標値")).toBe(1);
  for (let k = 0; k < 5; k++) for (let i = 0; i < LONG_KEPT; i++) f(long(i));
  for (let i = 0; i < LONG_KEPT; i++) expect(calls.get(long(i))).toBe(1);
  // the same text as another string object is the same text
  f(long(3).slice(0, 20) + long(3).slice(20));
  expect(calls.get(long(3))).toBe(1);
  // LONG_KEPT other long texts later, the first is worked out again
  for (let i = LONG_KEPT; i < 2 * LONG_KEPT; i++) f(long(i));
  f(long(0));
  expect(calls.get(long(0))).toBe(2);
});
