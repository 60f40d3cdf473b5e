/**
 * A merge or a used range reaching far beyond the data (`K1:XFD1048576`, as some producers write)
 * adds nothing to read: the engine reads the same table and does not walk the empty area.
 */
import { analyzeWorkbook, planFill } from "../../src/engine";
import { sheetFromRows } from "../../src/engine/model/grid";
import type { SheetSnapshot } from "../../src/engine/model/snapshot";

const LEGEND = "※ ◎：目標達成 ○：目標値を未達成（前年度より向上した） ▼：目標値を未達成（前年度より低下した） ⇒：目標値を未達成（前年度と同じ又は前年度数値未把握） －：数値未把握（調査未実施など）";

function sheet(name: string, huge: boolean): SheetSnapshot {
  const s = sheetFromRows(name, [
    ["まちづくり指標", "単位", "基準値", "実績値（令和5年度）", "実績値（令和6年度）", "目標値", "指標の推移", "達成率"],
    ["相談件数", "件", "348（令和3年度）", 356, 404, "450（令和8年度）", "▼", null],
    [LEGEND],
  ]);
  if (huge) {
    s.merges = [{ top: 0, left: 10, bottom: 1048575, right: 16383 }];
    s.rowCount = 1048576;
    s.colCount = 16384;
  }
  return s;
}

test("20 sheets with a merge K1:XFD1048576 read like the plain sheet, in bounded time", () => {
  const plain = analyzeWorkbook({ sheets: [sheet("S", false)] });
  const started = Date.now();
  const huge = analyzeWorkbook({ sheets: Array.from({ length: 20 }, (_, i) => sheet(`S${i}`, true)) });
  const fill = planFill({ sheets: [sheet("S", true)] });
  // a guard against walking the million rows (seconds per sheet before), not a benchmark
  expect(Date.now() - started).toBeLessThan(5000);
  expect(huge.indicators).toHaveLength(20);
  expect(huge.indicators[0]).toMatchObject({ name: "相談件数", trendMark: plain.indicators[0].trendMark, achievementRate: 0.898, markCell: "G2", rateCell: "H2" });
  expect(plain.indicators[0].trendMark).toBe("○");
  expect(fill.changes.map((c) => [c.cell, c.after])).toEqual([["G2", "○"], ["H2", 0.898]]);
});
