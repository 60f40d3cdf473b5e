import { analyzeWorkbook } from "../../src/engine";
import { sheet, workbook } from "./helpers";

const EVAL_LEGEND =
  "※評価：「☆」予定通り進捗かつ特記事項あり、「○」予定通り進捗、「△」進捗あるが遅れ・課題あり、「□」検討中、「×」進捗なし、「◎」完了、「－」中止";

/** 進捗状況一覧表 (seed 004): two printed pages, each with its title, legend and two-row header. */
function progressSheet() {
  const header1 = ["基本施策", "項目", null, "計画の記載", "令和６(2024)年度", null, null, "担当"];
  const header2 = [null, null, null, null, "評価", "説明(進捗状況)", "備考\n（特殊要因等）", null];
  return sheet(
    "進捗",
    [
      ["第６期地域福祉計画・再犯防止推進計画進捗状況一覧表　令和７年３月31日現在"], // 1
      [EVAL_LEGEND], // 2
      header1, // 3
      header2, // 4
      ["1 市民の主体的な地域福祉活動の促進", "(1)", "地域社協（福祉の会）をはじめとする地域福祉団体への活動支援の充実", "・市民社協の地域担当職員を通じた…", "○", "・出席件数：506件（前年度634件）\n・相談件数：364件（前年度519件）", null, "市民社協"], // 5
      [null, "(2)", "市民社協等財政援助出資団体との連携", "・市民社協が策定する…", "〇", "・市は福祉公社…", null, "地域支援課"], // 6
      [null, "(3)", "シニア支え合いポイント制度の推進", "・毎年度…", "", "・交換ポイント数：4,850P（前年度2,820P）", null, "地域支援課"], // 7
      [], // 8
      ["資料３"], // 9
      [EVAL_LEGEND], // 10
      header1, // 11
      header2, // 12
      ["3 生活困窮者への支援", "(1)", "多様な形での就労支援の実施", "・心身の病気等を抱えたり…就労に課題を持つ方々が…", "○", "・被保護者就労支援　実利用者数：71人（前年度41人）", null, "生活福祉課"], // 13
      ["4 誰もがいきいきと輝けるステージづくりの促進", "(2)", "多様な形での就労支援の実施【再掲】", "・心身の病気等を抱えたり…就労に課題を持つ方々が…【再掲】", "○", "・被保護者就労支援　実利用者数：70人（前年度41人）\n【再掲】", null, "生活福祉課"], // 14
      [null, "(3)", "ひきこもり当事者・家族への支援の充実", "・市内相談先…", "◇", "", null, "生活福祉課"], // 15
    ],
    { merges: ["A3:A4", "B3:C4", "D3:D4", "E3:G3", "H3:H4", "A11:A12", "B11:C12", "D11:D12", "E11:G11", "H11:H12", "A5:A7"] },
  );
}

describe("progress table (seed 004 layout)", () => {
  const a = analyzeWorkbook(workbook(progressSheet()));

  test("one progress table across both printed pages", () => {
    expect(a.sheets[0].tables).toEqual([{ kind: "progress", sheet: "進捗", range: "A3:H15" }]);
    expect(a.progressItems.map((p) => [p.row, p.number, p.evaluation])).toEqual([
      [5, "(1)", "○"],
      [6, "(2)", "〇"],
      [7, "(3)", null],
      [13, "(1)", "○"],
      [14, "(2)", "○"],
      [15, "(3)", "◇"],
    ]);
    expect(a.progressItems[0].policy).toBe("1 市民の主体的な地域福祉活動の促進");
    expect(a.progressItems[1].policy).toBe("1 市民の主体的な地域福祉活動の促進");
    expect(a.progressItems[0].name).toBe("地域社協(福祉の会)をはじめとする地域福祉団体への活動支援の充実");
  });

  test("figures with last year's value in brackets", () => {
    expect(a.progressItems[0].figures).toEqual([
      { label: "出席件数", value: 506, unit: "件", previous: 634 },
      { label: "相談件数", value: 364, unit: "件", previous: 519 },
    ]);
    expect(a.progressItems[2].figures).toEqual([{ label: "交換ポイント数", value: 4850, unit: "P", previous: 2820 }]);
  });

  test("findings on their cells", () => {
    const got = a.issues.map((i) => [i.rule, i.cell]).sort();
    expect(got).toEqual(
      [
        ["lookalike-character", "E6"],
        ["required-empty", "E7"],
        ["repost-mismatch", "F14"],
        ["mark-not-in-legend", "E15"],
        ["required-empty", "F15"],
      ].sort(),
    );
    const fix = a.issues.find((i) => i.rule === "lookalike-character")!.fix;
    expect(fix).toEqual({ sheet: "進捗", cell: "E6", value: "○" });
    const repost = a.issues.find((i) => i.rule === "repost-mismatch")!;
    expect(repost.message).toContain("進捗!F13");
  });
});
