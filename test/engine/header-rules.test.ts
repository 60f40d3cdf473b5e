/**
 * classifyHeader tests all its rules' patterns at once (ANY_RULE) before trying them one by one: a
 * text matching none of them gets no role with one test. The roles must be those of the rules alone.
 */
import fc from "fast-check";
import { classifyHeader, RULES, yearHeader } from "../../src/engine/tables/headers";
import { compactText } from "../../src/engine/cell/read";

function reference(text: string) {
  if (text.length > 80) return null;
  const s = compactText(text).replace(/^※|※$/g, "").replace(/\(※\)|（※）/g, "");
  if (!s || s.length > 40) return null;
  if (yearHeader(s) && /^[(（[［]?\s*(令和|平成|昭和|[RHS]\s*[\d元]|(19|20)\d\d|FY)/i.test(s)) return yearHeader(s)!.tag === "forecast" ? "forecast" : "year";
  for (const [re, role] of RULES) if (re.test(s)) return role;
  return null;
}

test("classifyHeader gives the rules' roles, on random texts of header words", () => {
  const words = [
    "指標", "の", "推移", "達成率", "達成度", "見込", "単位", "取組実績", "今後の方向", "基本計画事業名", "事業名", "基準", "年度", "現状値",
    "目標", "値", "目標値", "FY", "fy", "r", "R5", "kpi", "KPI", "no", "No.", "実績", "まちづくり指標", "区分", "方向", "評価", "説明", "備考",
    "担当", "考察", "内容", "会議名", "出席者", "頻度", "議題", "令和6年度", "(", ")", "（", "）", "※", " ", "\n", "相談件数", "人", "1", "2024",
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }), (xs) => {
      const s = xs.join("");
      expect(classifyHeader(s)).toBe(reference(s));
    }),
    { numRuns: 30000, seed: 3 },
  );
});
