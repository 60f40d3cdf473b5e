/**
 * readValueCell reads a plain number (`795`, or what is left of `795\n令和3年度` once the year is
 * split off) without the missing-word, qualitative and number tests. It must read every text as the
 * general path does.
 */
import fc from "fast-check";
import { readTextGeneral, readValueCell } from "../../src/engine/cell/read";

describe("readValueCell: the plain-number shortcut reads as the general path", () => {
  test("random value texts", () => {
    const parts = [
      "0", "7", "12", "795", "1,234", "0.5", ".5", "12.", "007", "1.50", "１２", "−", "-", "+", "△", "▲", "\n", " ", "　",
      "令和3年度", "（令和5年度）", "(R6)", "2024年度", "年", "件", "人", "%", "％", "約", "年4回", "※1", "（暫定値）",
      "－", "未把握", "上昇", "減少", "維持", "#N/A", "e3", "1e3", "12345678901234567890", "．", "，", "①",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 5 }), (xs) => {
        const s = xs.join("");
        expect(readValueCell(s)).toEqual(readTextGeneral(s));
      }),
      { numRuns: 30000, seed: 23 },
    );
  });

  test("what it reads", () => {
    expect(readValueCell("795\n令和3年度")).toEqual({ kind: "number", text: "795\n令和3年度", value: 795, unit: null, year: 2021, numberAsText: false });
    expect(readValueCell("12.50")).toEqual({ kind: "number", text: "12.50", value: 12.5, unit: null, year: null, numberAsText: true });
  });
});
