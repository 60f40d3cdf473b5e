/**
 * The test workbook's layout, like seed 000's 施策・事務事業マネジメントシート §2-2 (まちづくり指標
 * table with 指標の推移 and 達成率 columns, header over two rows). One planted error: the first
 * indicator's mark is ▼ where 348 → 356 → 404 with target 450 gives ○. Another sheet is already
 * called チェック結果, so a report must go to チェック結果 (2).
 */
export const SHEET = "施策06";
export const OTHER = "チェック結果";
export const MEMO = "前回の担当者のメモ（消してはいけない）";

const LEGEND =
  "※　◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）　⇒：目標値を未達成（前年度と同じ又は前年度数値未把握）　－：数値未把握（調査未実施など）";

export const ROWS: (string | number | null)[][] = [
  ["施策・事務事業マネジメントシート【令和７年度】"],
  [],
  ["２－２　施策全体の考察②（まちづくり指標の推移／考察）"],
  ["まちづくり指標", "単位", "基準値\n（基準年度）", "実績値", null, "目標値\n（目標年度）", "指標の推移\n（※）", "達成率", "考察"],
  [null, null, null, "（令和5年度）", "（令和6年度）", null, null, null, null],
  ["地域福祉コーディネーターの新規相談件数（地域支援）", "件", "348\n令和3年度", 356, 404, "450\n令和8年度", "▼", 0.898, "住民主体の交流活動の場が増えた"],
  ["地域福祉コーディネーターの新規相談件数（個別支援）", "件", "429\n令和3年度", 431, 421, "470\n令和8年度", "▼", 0.896, "相談の内容が複雑化している"],
  ["ボランティア登録者数", "人", "1,200\n令和3年度", 1250, 1310, "1,300\n令和8年度", "◎", 1.008, ""],
  [LEGEND],
];
export const MERGES = ["A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5", "H4:H5", "I4:I5", "A9:I9"];
export const PERCENT_CELLS = ["H6", "H7", "H8"];
