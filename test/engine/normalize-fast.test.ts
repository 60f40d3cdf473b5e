/**
 * normalizeText reads most cells without String.prototype.normalize (a fast path for kana, kanji,
 * ASCII, full-width ASCII and spaces). It must give exactly what the general path (NFKC, dashes,
 * line breaks, runs of spaces, a lone ー) gives, on every character and on random texts.
 */
import fc from "fast-check";
import { normalizeGeneral, normalizeText } from "../../src/engine/cell/read";

describe("normalizeText: the fast path equals the general one", () => {
  test("every character of the Basic Multilingual Plane, alone and between others", () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}か`, ` ${ch}\u3000`, `令和${ch}年`]) {
        if (normalizeText(s) !== normalizeGeneral(s)) differ.push(`U+${c.toString(16)} in ${JSON.stringify(s)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  test("random texts of the characters sheets are written in", () => {
    const alphabet = [
      ..."あいうかがぱゃっーアイガパャッ・ヽヾゝゞ漢字年度令和実績目標値件人％（）［］【】「」、。々〆〇〜～！＃＄＿ｰｶﾞ",
      ..."０１２３ＡＢｚ①②㎡㍻¹²−―‐‑‒–—－﹣﹘ー゛゜\u3099\u309a",
      ..."abc012 ,.-()%", " ", "  ", "\t", "\u00a0", "\u3000", "\n", "\r", "\r\n", "○◎▼⇒→△□■◆☆※✓✔",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }), (parts) => {
        const s = parts.join("");
        expect(normalizeText(s)).toBe(normalizeGeneral(s));
      }),
      { numRuns: 20000, seed: 13 },
    );
  });

  test("what it gives (spot checks)", () => {
    expect(normalizeText("　３４８\r\n（令和３年度）　")).toBe("348\n(令和3年度)");
    expect(normalizeText("ー")).toBe("-");
    expect(normalizeText("地域福祉　 \tコーディネーター")).toBe("地域福祉 コーディネーター");
    expect(normalizeText("１，２００人")).toBe("1,200人");
  });
});
