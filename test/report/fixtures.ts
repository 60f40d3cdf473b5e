/** Check results laid out like the seeds (Chofu indicator sheet, Musashino progress table). */
import type { FileResult } from "../../src/engine/report";

export const XSS = "<script>alert(1)</script>";

export function chofu(): FileResult {
  return {
    file: "06_地域福祉.xlsx",
    error: null,
    sheets: [
      { name: "マネジメントシート", tables: [{ kind: "indicators", range: "A20:H23" }, { kind: "legend", range: "A24:H24" }] },
      { name: "進捗状況", tables: [{ kind: "progress", range: "A3:G9" }] },
    ],
    indicators: [
      {
        sheet: "マネジメントシート", row: 22, name: "地域福祉コーディネーターの新規相談件数（地域支援）", unit: "件",
        direction: "increase", baseline: { value: 348, year: 2021 }, previous: { value: 356, year: 2023 },
        current: { value: 404, year: 2024 }, target: { value: 450, year: 2026, qualitative: null },
        trendMark: "○", achievementRate: 404 / 450,
      },
      {
        sheet: "マネジメントシート", row: 23, name: "地域福祉コーディネーターの新規相談件数（個別支援）", unit: "件",
        direction: "increase", baseline: { value: 429, year: 2021 }, previous: { value: 431, year: 2023 },
        current: { value: 421, year: 2024 }, target: { value: 470, year: 2026, qualitative: null },
        trendMark: "▼", achievementRate: 421 / 470, pace: { expected: 453.2, ratio: 0.929, grade: "B" },
      },
      {
        sheet: "マネジメントシート", row: 24, name: XSS, unit: "<i>件</i>",
        direction: "increase", baseline: { value: null, year: null }, previous: { value: null, year: null },
        current: { value: 25.6, year: 2025 }, target: { value: null, year: 2031, qualitative: "上昇" },
        trendMark: "◎", achievementRate: null,
      },
    ],
    issues: [
      { rule: "trend-mark-mismatch", severity: "error", sheet: "マネジメントシート", cell: "G23", message: "指標の推移が計算結果と異なります（記入: ○、計算: ▼）。", expected: "▼", actual: "○" },
      { rule: "rate-missing", severity: "warning", sheet: "マネジメントシート", cell: "I22", message: "達成率が空欄です。計算値は 89.8% です。", expected: 0.898, actual: null },
      { rule: "vocabulary", severity: "warning", sheet: "進捗状況", cell: "D5", message: `「${XSS}」は評価の選択肢にありません。`, expected: null, actual: XSS },
    ],
    progress: [
      { sheet: "進捗状況", row: 4, name: "地域社協（福祉の会）をはじめとする地域福祉団体への活動支援の充実", evaluation: "○" },
      { sheet: "進捗状況", row: 5, name: "市民社協等財政援助出資団体との連携", evaluation: XSS },
      { sheet: "進捗状況", row: 6, name: "シニア支え合いポイント制度の推進", evaluation: "〇" },
      { sheet: "進捗状況", row: 7, name: "民生児童委員協議会等の活動支援", evaluation: "△" },
      { sheet: "進捗状況", row: 8, name: "地域担当職員の機能の拡充", evaluation: "-" },
      { sheet: "進捗状況", row: 9, name: "ボランティア学習・福祉学習の推進", evaluation: null },
    ],
  };
}

export function broken(): FileResult {
  return {
    file: "壊れた,ファイル.xlsx",
    error: "壊れた,ファイル.xlsx: ファイルが壊れているか途中で切れています（end of central directory not found）。元のファイルを取り直してください。",
    sheets: [],
    indicators: [],
    issues: [],
  };
}

export function clean(): FileResult {
  return {
    file: `sub/${XSS}.xlsx`,
    error: null,
    sheets: [{ name: XSS, tables: [{ kind: "indicators", range: "B3:I5" }] }],
    indicators: [
      {
        sheet: XSS, row: 4, name: "孤独であると感じる市民の割合", unit: "%", direction: "decrease",
        baseline: { value: 38.4, year: 2025 }, previous: { value: 38.4, year: 2025 }, current: { value: 36.1, year: 2026 },
        target: { value: null, year: 2031, qualitative: "減少" }, trendMark: "◎", achievementRate: null,
      },
    ],
    issues: [],
  };
}
