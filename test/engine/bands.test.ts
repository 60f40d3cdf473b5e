import { gradeOf, parseBandLegend, sameGrade } from "../../src/engine/legends/bands";

describe("band legends (評価 by achievement bands)", () => {
  test("full-width A–D legend", () => {
    const b = parseBandLegend("※評価　Ａ：達成率100％以上　Ｂ：80％以上100％未満　Ｃ：50％以上80％未満　Ｄ：50％未満")!;
    expect(b.map((x) => [x.label, x.min])).toEqual([["Ａ", 1], ["Ｂ", 0.8], ["Ｃ", 0.5], ["Ｄ", null]]);
    expect(gradeOf(1.0, b)).toBe("Ａ");
    expect(gradeOf(0.999, b)).toBe("Ｂ");
    expect(gradeOf(0.8, b)).toBe("Ｂ");
    expect(gradeOf(0.5, b)).toBe("Ｃ");
    expect(gradeOf(0.499, b)).toBe("Ｄ");
  });
  test("◎○△ half-width with other bands", () => {
    const b = parseBandLegend("◎：100%以上 ○：80%以上100%未満 △：80%未満")!;
    expect(b.map((x) => [x.label, x.min])).toEqual([["◎", 1], ["○", 0.8], ["△", null]]);
    expect(gradeOf(0.85, b)).toBe("○");
  });
  test("110/90/60 bands", () => {
    const b = parseBandLegend("S:110%以上 A:90%以上110%未満 B:60%以上90%未満 C:60%未満")!;
    expect(gradeOf(1.05, b)).toBe("A");
    expect(gradeOf(1.1, b)).toBe("S");
    expect(gradeOf(0.59, b)).toBe("C");
  });
  test("the trend legend is no band legend", () => {
    expect(parseBandLegend("※ ◎：目標達成 ○：目標値を未達成（前年度より向上した） ▼：目標値を未達成（前年度より低下した）")).toBeNull();
    expect(parseBandLegend("達成率は100%を上限とする")).toBeNull();
  });
  test("Ａ and A are one grade", () => {
    expect(sameGrade("Ａ", "A")).toBe(true);
    expect(sameGrade("Ｂ", "A")).toBe(false);
  });
});
