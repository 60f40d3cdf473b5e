/**
 * parseFigures tries its pattern only before colons. It must find exactly what scanning the text
 * with the global pattern from every position finds (the first version, kept here as the reference).
 */
import fc from "fast-check";
import { parseFigures } from "../../src/engine/progress/extract";
import { normalizeText, parseNumber } from "../../src/engine/cell/read";

function reference(text: string) {
  const s = normalizeText(text);
  const out = [];
  const re = /([^\s・：:、。()（）]{1,30})\s*[：:]\s*(\d[\d,]*(?:\.\d+)?)\s*([^\s\d()（）、。:：]{0,8})\s*(?:\(\s*前年度\s*(\d[\d,]*(?:\.\d+)?)\s*[^)]*\))?/g;
  for (const m of s.matchAll(re)) {
    const value = parseNumber(m[2] + (m[3] ?? ""));
    if (!value) continue;
    out.push({ label: m[1], value: value.value, unit: m[3] ?? "", previous: m[4] !== undefined ? Number(m[4].replace(/,/g, "")) : null });
  }
  return out;
}

describe("parseFigures", () => {
  test("the same figures as the global pattern, on random texts", () => {
    const parts = [
      "出席件数", "相談", "件", "人", "回", "a", "・", "、", "。", "：", ":", "﹕", " ", "　", "\n", "(", ")", "（", "）",
      "前年度", "1", "23", "4,5", ".", "6.7", "%", "％", "ー", "-", "abcdefghijklmnopqrstuvwxyz", "あいうえおかきくけこさしすせそ",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 40 }), (xs) => {
        const s = xs.join("");
        expect(parseFigures(s)).toEqual(reference(s));
      }),
      { numRuns: 30000, seed: 5 },
    );
  });

  test("what it reads (spot checks)", () => {
    expect(parseFigures("・出席件数：600件（前年度386件）\n・相談件数：15件")).toEqual([
      { label: "出席件数", value: 600, unit: "件", previous: 386 },
      { label: "相談件数", value: 15, unit: "件", previous: null },
    ]);
    // a label of more than 30 characters: its last 30
    const long = "あ".repeat(35) + "：5回";
    expect(parseFigures(long)).toEqual([{ label: "あ".repeat(30), value: 5, unit: "回", previous: null }]);
  });
});
