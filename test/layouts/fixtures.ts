/**
 * Workbooks laid out like real municipalities' sheets (issue #9), built with exceljs, each with a
 * hand-worked oracle (`expected`, format in ./types.ts).
 *
 * THE ORACLE IS WORKED OUT BY HAND from the values written into each sheet, never computed by the
 * engine or by code here (the only arithmetic in this file places rows: `first + 2 * i`):
 *   Trend mark (指標の推移): c = this year's actual, p = last year's, t = the final target.
 *     c unknown → －; target reached (c ≥ t, c ≤ t when lower is better) → ◎; else p unknown or
 *     c = p → ⇒; c better than p → ○; worse → ▼.
 *   Rate (達成率) = c ÷ t (t ÷ c when lower is better: the target is below the baseline), a fraction
 *     rounded to 0.001 (0.1 %). Per-year rate = that year's 実績 ÷ that year's 目標 (目標 ÷ 実績 when
 *     lower is better).
 *   Grade (評価) = the band of this year's (令和6年度's) rate in the legend printed on that sheet.
 *   A 【令和７年度】 sheet reports 令和6年度 (2024) results: current = 2024, previous = 2023.
 *   Years are western fiscal years (令和N年度 = 2018 + N).
 * Each number in the comments beside the data is the division done by hand and its rounding.
 *
 * The fixtures (ids):
 *   management-programme   施策・事務事業マネジメントシート: merged two-row header, ※ legend below, then
 *                          section heading, ■ heading and the 基本計画事業 programme table (No 28, 29,
 *                          a wrong 取組実績 word 計画おくれ).
 *   management-sentence    the same table followed by a blank row and plain sentences; full-width
 *                          digits in one indicator's values.
 *   management-hyperlinks  one-row header with years in the header cells, legend ABOVE the table,
 *                          hyperlink rows straight under the last indicator.
 *   unmerged-header        `実績値` + empty cell to its right, （令和5年度）/（令和６年度） below, no merges.
 *   paged                  one table printed over two pages: header repeated, legend between the pages.
 *   shinko-merged          総合計画 進行管理表, two rows per indicator (目標値/実績値), years across,
 *                          No/指標名/単位/指標の推移/達成率 merged over the pair.
 *   shinko-unmerged        the same, not merged (values on the pair's first row), 目標/実績 labels,
 *                          full-width year digits, legend above the header.
 *   shinko-three           three rows per indicator (目標値/実績値/達成率), per-year rates.
 *   jimu-jigyo             事務事業評価シート: two sheets, 活動指標/成果指標 blocks, 3 rows per indicator,
 *                          one 評価 cell per indicator; sheet 1 prints Ａ–Ｄ bands (full-width), sheet 2
 *                          prints ◎○△ bands (half-width) above its block; a 事業費 table that is not
 *                          indicators.
 *   uncertain              two 実績値 columns both 令和6年度; an indicator table with no 目標値 column;
 *                          and one good table (so fill does run).
 *   prose                  a sheet of prose only (no table).
 */
import ExcelJS from "exceljs";
import type { LayoutChange, LayoutFixture, LayoutIndicator, LayoutIssue, LayoutTable } from "./types";

// ───────────────────────────────────────────────────────────────────────────────────── helpers ──

export const PCT = "0.0%";

export const TREND_LEGEND =
  "※　◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）　⇒：目標値を未達成（前年度と同じ又は前年度数値未把握）　－：数値未把握（調査未実施など）";

type V = string | number | null | { text: string; hyperlink: string };

/** 1 → "A". */
export function col(n: number): string {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

class W {
  constructor(readonly ws: ExcelJS.Worksheet) {}
  /** Write a value at an A1 address; null leaves the cell empty. */
  put(addr: string, v: V, numFmt?: string): void {
    const c = this.ws.getCell(addr);
    if (v !== null) c.value = v as ExcelJS.CellValue;
    if (typeof v === "string" && v.includes("\n")) c.alignment = { wrapText: true, vertical: "middle" };
    if (numFmt) c.numFmt = numFmt;
  }
  /** Write values along a row from a start column letter. */
  row(r: number, startCol: string, values: V[], numFmts: (string | undefined)[] = []): void {
    const c0 = this.ws.getColumn(startCol).number;
    values.forEach((v, i) => this.put(`${col(c0 + i)}${r}`, v, numFmts[i]));
  }
  merge(range: string): void {
    this.ws.mergeCells(range);
  }
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function newBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "plansheet tests";
  wb.created = new Date(Date.UTC(2025, 3, 1));
  wb.modified = wb.created;
  return wb;
}

// ─────────────────────────────────────────────── 1. 施策・事務事業マネジメントシート (three variants) ──

type ManagementAfter = "programme" | "sentence" | "hyperlinks";

/**
 * Rows (1-based):
 *   programme / sentence: title 1, 施策名 3, 2-2 heading 5, header 6–7 (merged), data 8–10, legend 11.
 *   hyperlinks:           title 1, 施策名 3, 2-2 heading 4, legend 5, header 6 (one row), data 7–9,
 *                         hyperlinks 10–11 (no blank row between).
 * Columns: A まちづくり指標 | B 単位 | C 基準値 | D 実績値 R5 | E 実績値 R6 | F 目標値 | G 指標の推移 | H 達成率 | I 考察
 */
function managementFixture(after: ManagementAfter): LayoutFixture {
  const S = "マネジメントシート";
  const oneRowHeader = after === "hyperlinks";
  const first = oneRowHeader ? 7 : 8; // first data row
  const r = [first, first + 1, first + 2];
  const fullWidth = after === "sentence";

  const build = async () => {
    const wb = newBook();
    const w = new W(wb.addWorksheet(S));
    w.put("A1", "施策・事務事業マネジメントシート【令和７年度】");
    w.put("A3", "施策名");
    w.put("B3", "06　共に支え合う地域福祉の推進");
    if (oneRowHeader) {
      w.put("A4", "２－２　施策全体の考察②（まちづくり指標の推移／考察）");
      w.put("A5", TREND_LEGEND);
      w.row(6, "A", ["まちづくり指標", "単位", "基準値（基準年度）", "実績値（令和5年度）", "実績値（令和6年度）", "目標値（目標年度）", "指標の推移（※）", "達成率", "考察"]);
    } else {
      w.put("A5", "２－２　施策全体の考察②（まちづくり指標の推移／考察）");
      w.row(6, "A", ["まちづくり指標", "単位", "基準値\n（基準年度）", "実績値", null, "目標値\n（目標年度）", "指標の推移\n（※）", "達成率", "考察"]);
      w.row(7, "D", ["（令和5年度）", "（令和6年度）"]);
      for (const m of ["A6:A7", "B6:B7", "C6:C7", "D6:E6", "F6:F7", "G6:G7", "H6:H7", "I6:I7"]) w.merge(m);
    }
    // 1: c 404, p 356, t 450 → not reached, c > p → ○ (written ○: right); 404/450 = 0.89777… → 0.898 (empty)
    w.row(r[0], "A", ["地域福祉コーディネーターの新規相談件数（地域支援）", "件", "348\n令和3年度", 356, 404, "450\n令和8年度", "○", null, "・地域支援の相談は前年度より増加した。"], [, , , , , , , PCT]);
    // 2: c 421 < p 431 → ▼ (written ○: wrong); 421/470 = 0.89574… → 0.896 (empty)
    w.row(r[1], "A", ["地域福祉コーディネーターの新規相談件数（個別支援）", "件", "429（令和3年度）", 431, 421, "470（令和8年度）", "○", null, "・個別支援の相談は前年度並みであった。"], [, , , , , , , PCT]);
    // 3: c 36 ≥ t 35 → ◎ (written empty); 36/35 = 1.02857… → 1.029 (empty)
    if (fullWidth) w.row(r[2], "A", ["地域の居場所の数", "箇所", "２４\n令和３年度", "３０", "３６", "３５\n令和８年度", null, null, "・居場所は目標を上回った。"], [, , , , , , , PCT]);
    else w.row(r[2], "A", ["地域の居場所の数", "箇所", "24\n令和3年度", 30, 36, "35\n令和8年度", null, null, "・居場所は目標を上回った。"], [, , , , , , , PCT]);

    if (after === "programme") {
      w.put("A11", TREND_LEGEND);
      w.put("A13", "３　施策を構成する基本計画事業等の取組実績／今後の方向");
      w.put("A14", "■06-1　地域におけるトータルケアの推進");
      w.row(15, "A", ["No", "基本計画事業名", "令和6年度取組\n実績(Check)", "令和6年度の主要な取組説明(Do)", "今後の方向", "今後の取組の方向(Action)"]);
      w.row(16, "A", [28, "【重点③】\n地域福祉コーディネーターを中心とする包括的な支援体制の構築", "計画どおり", "・重層的支援体制整備事業を推進した。", "現状継続", "・多機関協働による支援体制の構築を推進する。"]);
      w.row(17, "A", [29, "地域福祉の担い手の育成", "計画おくれ", "・担い手養成講座を実施した。", "有効性改善", "・講座の内容を見直す。"]);
    } else if (after === "sentence") {
      w.put("A11", TREND_LEGEND);
      w.put("A13", "計画書の全文は市ホームページに掲載");
      w.put("A14", "（問い合わせ先）福祉健康部福祉総務課");
    } else {
      w.put("A10", { text: "調布市地域福祉計画（PDF）", hyperlink: "https://www.city.example.lg.jp/fukushi/plan.pdf" });
      w.put("A11", { text: "令和6年度 実績報告書", hyperlink: "https://www.city.example.lg.jp/fukushi/r6.html" });
    }
    return toBuffer(wb);
  };

  const cur = { year: 2024 };
  const indicators: LayoutIndicator[] = [
    {
      sheet: S, row: r[0], name: "地域福祉コーディネーターの新規相談件数（地域支援）", unit: "件", direction: "increase",
      baseline: { value: 348, year: 2021 }, previous: { value: 356, year: 2023 }, current: { value: 404, ...cur },
      target: { value: 450, year: 2026, qualitative: null }, trendMark: "○", achievementRate: 0.898,
      markCell: `G${r[0]}`, rateCell: `H${r[0]}`, gradeCell: null,
    },
    {
      sheet: S, row: r[1], name: "地域福祉コーディネーターの新規相談件数（個別支援）", unit: "件", direction: "increase",
      baseline: { value: 429, year: 2021 }, previous: { value: 431, year: 2023 }, current: { value: 421, ...cur },
      target: { value: 470, year: 2026, qualitative: null }, trendMark: "▼", achievementRate: 0.896,
      markCell: `G${r[1]}`, rateCell: `H${r[1]}`, gradeCell: null,
    },
    {
      sheet: S, row: r[2], name: "地域の居場所の数", unit: "箇所", direction: "increase",
      baseline: { value: 24, year: 2021 }, previous: { value: 30, year: 2023 }, current: { value: 36, ...cur },
      target: { value: 35, year: 2026, qualitative: null }, trendMark: "◎", achievementRate: 1.029,
      markCell: `G${r[2]}`, rateCell: `H${r[2]}`, gradeCell: null,
    },
  ];
  const tables: LayoutTable[] = [
    {
      sheet: S, kind: "indicators", headerRow: 6, lastRow: r[2], shape: "row",
      columns: [
        { column: "A", role: "name" },
        { column: "C", role: "baseline" },
        { column: "D", role: "actual", year: 2023 },
        { column: "E", role: "actual", year: 2024 },
        { column: "F", role: "target" },
        { column: "G", role: "trend" },
        { column: "H", role: "rate" },
      ],
    },
  ];
  if (after === "programme") tables.push({ sheet: S, kind: "programme", headerRow: 15, lastRow: 17 });
  const issues: LayoutIssue[] = [
    { rule: "trend-mark-mismatch", severity: "error", sheet: S, cell: `G${r[1]}`, expected: "▼", actual: "○" },
    { rule: "required-empty", severity: "warning", sheet: S, cell: `G${r[2]}`, expected: "◎" },
  ];
  if (after === "programme") issues.push({ rule: "vocabulary", severity: "error", sheet: S, cell: "C17", actual: "計画おくれ" });
  const absent =
    after === "programme"
      ? [
          { rule: "value-unreadable", sheet: S, within: "A12:I17" },
          { rule: "required-empty", sheet: S, within: "A12:I17" },
        ]
      : after === "sentence"
        ? [{ rule: "value-unreadable", sheet: S, within: "A12:I14" }, { rule: "required-empty", sheet: S, within: "A12:I14" }]
        : [{ rule: "value-unreadable", sheet: S, within: "A10:I11" }, { rule: "required-empty", sheet: S, within: "A10:I11" }];
  const fill: LayoutChange[] = [
    { sheet: S, cell: `H${r[0]}`, kind: "rate", value: 0.898 },
    { sheet: S, cell: `G${r[1]}`, kind: "mark", value: "▼" },
    { sheet: S, cell: `H${r[1]}`, kind: "rate", value: 0.896 },
    { sheet: S, cell: `G${r[2]}`, kind: "mark", value: "◎" },
    { sheet: S, cell: `H${r[2]}`, kind: "rate", value: 1.029 },
  ];
  return {
    id: `management-${after}`,
    about:
      after === "programme"
        ? "management sheet: indicator table, legend, section heading, ■ block and programme table (計画おくれ)"
        : after === "sentence"
          ? "management sheet: indicator table (full-width digits in one row), legend, then plain sentences"
          : "management sheet: legend above a one-row header, hyperlink rows straight under the table",
    fileName: `management-${after}.xlsx`,
    build,
    expected: { indicators, tables, issues, absent, fill },
  };
}

// ─────────────────────────────────────────────────────────────── 2. unmerged two-row header ──

/**
 * Sheet 評価指標. Title 1, header 3–4 (no merges: `実績値` in D3, E3 empty, （令和5年度）/（令和６年度）
 * in D4/E4), data 5–10, legend 11, note 12.
 * Columns: A 指標名 | B 単位 | C 基準値 | D 実績値 R5 | E 実績値 R6 | F 目標値 | G 指標の推移 | H 達成率
 */
function unmergedHeaderFixture(): LayoutFixture {
  const S = "評価指標";
  const build = async () => {
    const wb = newBook();
    const w = new W(wb.addWorksheet(S));
    w.put("A1", "第２次地域福祉計画　評価指標の状況【令和７年度】");
    w.row(3, "A", ["指標名", "単位", "基準値", "実績値", null, "目標値", "指標の推移", "達成率"]);
    w.row(4, "A", [null, null, "（令和3年度）", "（令和5年度）", "（令和６年度）", "（令和8年度）", null, null]);
    const P: (string | undefined)[] = [, , , , , , , PCT];
    // 5: c 12 ≥ t 12 → ◎ (written ◎); 12/12 = 1.000 (written 1: right)
    w.row(5, "A", ["相談支援包括化推進会議の開催回数", "回", 6, 10, 12, 12, "◎", 1], P);
    // 6: c 1440 < t 1600, c > p 1350 → ○ (written ▼: wrong); 1440/1600 = 0.900 (empty)
    w.row(6, "A", ["地域支え合い推進員の訪問件数", "件", 1200, "１，３５０", "１，４４０", "１，６００", "▼", null], P);
    // 7: c 800 < p 820 → ▼ (written ▼); 800/1000 = 0.800 (written 0.8: right)
    w.row(7, "A", ["ボランティア登録者数", "人", 850, 820, 800, 1000, "▼", 0.8], P);
    // 8: lower is better (t 30.0 < b 38.4); c 35.2 > t, c < p 37.0 → ○ (empty); 30/35.2 = 0.85227… → 0.852 (empty)
    w.row(8, "A", ["孤独であると感じる市民の割合", "%", 38.4, 37.0, 35.2, 30.0, null, null], P);
    // 9: c 480 = p 480 → ⇒ (written ○: wrong); 480/600 = 0.800 (written 0.75: wrong)
    w.row(9, "A", ["認知症サポーター養成講座の受講者数", "人", 500, 480, 480, 600, "○", 0.75], P);
    // 10: p unknown (－), c 150 ≥ t 140 → ◎ (written ◎); 150/140 = 1.07142… → 1.071 (empty)
    w.row(10, "A", ["成年後見制度に関する相談件数", "件", 120, "－", 150, 140, "◎", null], P);
    w.put("A11", TREND_LEGEND);
    w.put("A12", "※目標値は第２次計画の最終年度（令和8年度）の値");
    return toBuffer(wb);
  };
  const base = (row: number, name: string, unit: string, b: number, p: number | null, c: number, t: number, dir: "increase" | "decrease", mark: LayoutIndicator["trendMark"], rate: number): LayoutIndicator => ({
    sheet: S, row, name, unit, direction: dir,
    baseline: { value: b, year: 2021 }, previous: { value: p, year: 2023 }, current: { value: c, year: 2024 },
    target: { value: t, year: 2026, qualitative: null }, trendMark: mark, achievementRate: rate,
    markCell: `G${row}`, rateCell: `H${row}`,
  });
  return {
    id: "unmerged-header",
    about: "one row per indicator; unmerged two-row header (実績値 + empty cell, years below), full-width digits",
    fileName: "unmerged-header.xlsx",
    build,
    expected: {
      indicators: [
        base(5, "相談支援包括化推進会議の開催回数", "回", 6, 10, 12, 12, "increase", "◎", 1.0),
        base(6, "地域支え合い推進員の訪問件数", "件", 1200, 1350, 1440, 1600, "increase", "○", 0.9),
        base(7, "ボランティア登録者数", "人", 850, 820, 800, 1000, "increase", "▼", 0.8),
        base(8, "孤独であると感じる市民の割合", "%", 38.4, 37.0, 35.2, 30.0, "decrease", "○", 0.852),
        base(9, "認知症サポーター養成講座の受講者数", "人", 500, 480, 480, 600, "increase", "⇒", 0.8),
        base(10, "成年後見制度に関する相談件数", "件", 120, null, 150, 140, "increase", "◎", 1.071),
      ],
      tables: [
        {
          sheet: S, kind: "indicators", headerRow: 3, lastRow: 10, shape: "row",
          columns: [
            { column: "A", role: "name" },
            { column: "C", role: "baseline", year: 2021 },
            { column: "D", role: "actual", year: 2023 },
            { column: "E", role: "actual", year: 2024 },
            { column: "F", role: "target", year: 2026 },
            { column: "G", role: "trend" },
            { column: "H", role: "rate" },
          ],
        },
      ],
      issues: [
        { rule: "trend-mark-mismatch", severity: "error", sheet: S, cell: "G6", expected: "○", actual: "▼" },
        { rule: "trend-mark-mismatch", severity: "error", sheet: S, cell: "G9", expected: "⇒", actual: "○" },
        { rule: "rate-mismatch", severity: "error", sheet: S, cell: "H9" },
        { rule: "required-empty", severity: "warning", sheet: S, cell: "G8", expected: "○" },
      ],
      absent: [{ rule: "year-order", sheet: S }, { rule: "report-year", sheet: S }],
      fill: [
        { sheet: S, cell: "G6", kind: "mark", value: "○" },
        { sheet: S, cell: "H6", kind: "rate", value: 0.9 },
        { sheet: S, cell: "G8", kind: "mark", value: "○" },
        { sheet: S, cell: "H8", kind: "rate", value: 0.852 },
        { sheet: S, cell: "G9", kind: "mark", value: "⇒" },
        { sheet: S, cell: "H9", kind: "rate", value: 0.8 },
        { sheet: S, cell: "H10", kind: "rate", value: 1.071 },
      ],
    },
  };
}

// ─────────────────────────────────────────── 2b. a table printed over two pages (legend between) ──

/**
 * Sheet 指標（印刷用）: title 1, header 3 (one row, years in the header, full-width digits in two of
 * them), data 4–6, legend 7, page break after 7, the header printed again on 9, data 10–12, legend 13.
 * Columns: A 指標名 | B 単位 | C 基準値（令和3年度）| D 実績値（令和５年度）| E 実績値（令和６年度）|
 *          F 目標値（令和8年度）| G 指標の推移 | H 達成率
 *   4  相談件数 348 356 404 450: c < t, c > p → ○ (written ○); 404/450 = 0.89777… → 0.898 (empty)
 *   5  訪問件数 429 431 421 470: c < p → ▼ (empty); 421/470 = 0.89574… → 0.896 (empty)
 *   6  居場所の数 24 30 36 35: c ≥ t → ◎ (written ○: wrong); 36/35 = 1.02857… → 1.029 (written 1.029)
 *   10 孤独を感じる市民の割合 38.4 37.0 35.2 30.0: lower is better; c > t, c better than p → ○ (written ○);
 *      30/35.2 = 0.85227… → 0.852 (written 0.852)
 *   11 ボランティア登録者数 850 820 800 1000: c < p → ▼ (empty); 800/1000 = 0.800 (empty)
 *   12 認知症サポーター養成講座の受講者数 500 480 480 600: c = p → ⇒ (written ⇒); 480/600 = 0.800 (written 0.8)
 */
function pagedFixture(): LayoutFixture {
  const S = "指標（印刷用）";
  const header = ["指標名", "単位", "基準値（令和3年度）", "実績値（令和５年度）", "実績値（令和６年度）", "目標値（令和8年度）", "指標の推移", "達成率"];
  const P: (string | undefined)[] = [, , , , , , , PCT];
  const build = async () => {
    const wb = newBook();
    const ws = wb.addWorksheet(S);
    const w = new W(ws);
    w.put("A1", "施策・事務事業マネジメントシート【令和７年度】");
    w.row(3, "A", header);
    w.row(4, "A", ["相談件数", "件", 348, 356, 404, 450, "○", null], P);
    w.row(5, "A", ["訪問件数", "件", 429, 431, 421, 470, null, null], P);
    w.row(6, "A", ["居場所の数", "箇所", 24, 30, 36, 35, "○", 1.029], P);
    w.put("A7", TREND_LEGEND);
    ws.getRow(7).addPageBreak();
    w.row(9, "A", header);
    w.row(10, "A", ["孤独を感じる市民の割合", "%", 38.4, 37.0, 35.2, 30.0, "○", 0.852], P);
    w.row(11, "A", ["ボランティア登録者数", "人", 850, 820, 800, 1000, null, null], P);
    w.row(12, "A", ["認知症サポーター養成講座の受講者数", "人", 500, 480, 480, 600, "⇒", 0.8], P);
    w.put("A13", TREND_LEGEND);
    return toBuffer(wb);
  };
  const ind = (row: number, name: string, unit: string, b: number, p: number, c: number, t: number, dir: "increase" | "decrease", mark: LayoutIndicator["trendMark"], rate: number): LayoutIndicator => ({
    sheet: S, row, name, unit, direction: dir,
    baseline: { value: b, year: 2021 }, previous: { value: p, year: 2023 }, current: { value: c, year: 2024 },
    target: { value: t, year: 2026, qualitative: null }, trendMark: mark, achievementRate: rate, markCell: `G${row}`, rateCell: `H${row}`,
  });
  return {
    id: "paged",
    about: "one table printed over two pages: header repeated, the legend between the pages and at the end",
    fileName: "paged.xlsx",
    build,
    expected: {
      indicators: [
        ind(4, "相談件数", "件", 348, 356, 404, 450, "increase", "○", 0.898),
        ind(5, "訪問件数", "件", 429, 431, 421, 470, "increase", "▼", 0.896),
        ind(6, "居場所の数", "箇所", 24, 30, 36, 35, "increase", "◎", 1.029),
        ind(10, "孤独を感じる市民の割合", "%", 38.4, 37.0, 35.2, 30.0, "decrease", "○", 0.852),
        ind(11, "ボランティア登録者数", "人", 850, 820, 800, 1000, "increase", "▼", 0.8),
        ind(12, "認知症サポーター養成講座の受講者数", "人", 500, 480, 480, 600, "increase", "⇒", 0.8),
      ],
      // one table over both pages or one per page: either reading is right, so no range is asserted
      tables: [],
      issues: [
        { rule: "trend-mark-mismatch", severity: "error", sheet: S, cell: "G6", expected: "◎", actual: "○" },
        { rule: "required-empty", severity: "warning", sheet: S, cell: "G5", expected: "▼" },
        { rule: "required-empty", severity: "warning", sheet: S, cell: "G11", expected: "▼" },
      ],
      absent: [{ rule: "required-empty", sheet: S, within: "A7:H9" }, { rule: "value-unreadable", sheet: S }],
      fill: [
        { sheet: S, cell: "H4", kind: "rate", value: 0.898 },
        { sheet: S, cell: "G5", kind: "mark", value: "▼" },
        { sheet: S, cell: "H5", kind: "rate", value: 0.896 },
        { sheet: S, cell: "G6", kind: "mark", value: "◎" },
        { sheet: S, cell: "G11", kind: "mark", value: "▼" },
        { sheet: S, cell: "H11", kind: "rate", value: 0.8 },
      ],
    },
  };
}

// ─────────────────────────────────────────────── 3. 総合計画 進行管理表 (two / three rows per indicator) ──

type ShinkoMode = "merged" | "unmerged" | "three";

/**
 * Sheet 進行管理表. Title 1–2 (`第６次総合計画　進行管理表`, `【令和７年度】`), row 3 blank (legend in the
 * unmerged variant), header 4, indicators from row 5, two rows each (three in `three`).
 * Columns: A No | B 指標名 | C 単位 | D 区分 | E 令和3年度（基準）| F 令和4年度 | G 令和5年度 | H 令和6年度 |
 *          I 令和8年度（目標）| J 指標の推移 | K 達成率
 *
 * The data (目標 row: ― under 基準, per-year targets, final target under I; 実績 row: baseline under E,
 * actuals under F–H, ― under I):
 *   1 地域福祉コーディネーターの新規相談件数 件   目標 ― 380 400 420 | 450   実績 348 352 356 404
 *     c 404 < t 450, c > p 356 → ○ (written ○); 404/450 = 0.89777… → 0.898 (empty)
 *     per year: 352/380 = 0.92631… → 0.926; 356/400 = 0.890; 404/420 = 0.96190… → 0.962
 *   2 地域の居場所の数 箇所                       目標 ― 26 28 30 | 35          実績 24 27 30 36
 *     c 36 ≥ t 35 → ◎ (empty); 36/35 = 1.02857… → 1.029 (empty)
 *     per year: 27/26 = 1.03846… → 1.038; 30/28 = 1.07142… → 1.071; 36/30 = 1.200
 *   3 孤独であると感じる市民の割合 %             目標 ― 37.0 36.0 35.0 | 30.0  実績 38.4 37.5 36.0 36.8
 *     lower is better (t 30.0 < b 38.4); c 36.8 > t, c worse than p 36.0 → ▼ (written ○: wrong);
 *     30/36.8 = 0.81521… → 0.815 (written 0.815: right)
 *     per year: 37.0/37.5 = 0.98666… → 0.987; 36.0/36.0 = 1.000; 35.0/36.8 = 0.95108… → 0.951
 *   4 ボランティア登録者数 人                     目標 ― 900 950 1000 | 1100  実績 850 870 880 880
 *     c 880 = p 880 → ⇒ (written ⇒); 880/1100 = 0.800 (written 0.75: wrong)
 *     per year: 870/900 = 0.96666… → 0.967; 880/950 = 0.92631… → 0.926; 880/1000 = 0.880
 * In `three`, the 達成率 rows hold: 1 → F 0.926 (right), G H empty; 2 → all empty; 3 → F 0.987,
 * G 1 (right), H 0.9 (wrong); 4 → all empty; ― under E and I.
 */
function shinkoFixture(mode: ShinkoMode): LayoutFixture {
  const S = "進行管理表";
  const per = mode === "three" ? 3 : 2;
  const start = (i: number) => 5 + per * i; // first row of indicator i (0-based i)
  const unmerged = mode === "unmerged";
  const DATA = [
    { no: 1, name: "地域福祉コーディネーターの新規相談件数", unit: "件", tg: [380, 400, 420], fin: 450, ac: [348, 352, 356, 404], mark: "○", rate: null as number | null, yr: [0.926, null, null] as (number | null)[] },
    { no: 2, name: "地域の居場所の数", unit: "箇所", tg: [26, 28, 30], fin: 35, ac: [24, 27, 30, 36], mark: null, rate: null, yr: [null, null, null] },
    { no: 3, name: "孤独であると感じる市民の割合", unit: "%", tg: [37.0, 36.0, 35.0], fin: 30.0, ac: [38.4, 37.5, 36.0, 36.8], mark: "○", rate: 0.815, yr: [0.987, 1, 0.9] },
    { no: 4, name: "ボランティア登録者数", unit: "人", tg: [900, 950, 1000], fin: 1100, ac: [850, 870, 880, 880], mark: "⇒", rate: 0.75, yr: [null, null, null] },
  ];
  const build = async () => {
    const wb = newBook();
    const w = new W(wb.addWorksheet(S));
    w.put("A1", "第６次総合計画　進行管理表");
    w.put("A2", "【令和７年度】");
    if (unmerged) w.put("A3", "※指標の推移　◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）　⇒：目標値を未達成（前年度と同じ又は前年度数値未把握）　－：数値未把握（調査未実施など）");
    const years = unmerged
      ? ["令和３年度（基準）", "令和４年度", "令和５年度", "令和６年度", "令和８年度（目標）"]
      : ["令和3年度（基準）", "令和4年度", "令和5年度", "令和6年度", "令和8年度（目標）"];
    w.row(4, "A", ["No", "指標名", "単位", "区分", ...years, "指標の推移", "達成率"]);
    const [lt, la] = unmerged ? ["目標", "実績"] : ["目標値", "実績値"];
    DATA.forEach((d, i) => {
      const r = start(i);
      w.row(r, "A", [d.no, d.name, d.unit, lt, "―", ...d.tg, d.fin, d.mark, d.rate], [, , , , , , , , , , PCT]);
      w.row(r + 1, "D", [la, ...d.ac, "―"]);
      if (mode === "three") {
        w.row(r + 2, "D", ["達成率", "―", ...d.yr, "―"], [, , PCT, PCT, PCT]);
      }
      if (!unmerged) for (const c of ["A", "B", "C", "J", "K"]) w.merge(`${c}${r}:${c}${r + per - 1}`);
    });
    const after = start(DATA.length);
    if (!unmerged) w.put(`A${after}`, TREND_LEGEND);
    w.put(`A${after + 1}`, "※数値は各年度末現在");
    return toBuffer(wb);
  };

  const rows = DATA.map((_, i) => start(i));
  const pts = (i: number, tg: [number, number, number], ac: [number, number, number], rates: [number, number, number]) => {
    const r = rows[i];
    return [0, 1, 2].map((k) => ({
      year: 2022 + k,
      target: tg[k],
      actual: ac[k],
      ...(mode === "three" ? { rate: rates[k], rateCell: `${"FGH"[k]}${r + 2}` } : {}),
      targetCell: `${"FGH"[k]}${r}`,
      actualCell: `${"FGH"[k]}${r + 1}`,
    }));
  };
  const ind = (i: number, o: Partial<LayoutIndicator>): LayoutIndicator => ({
    sheet: S, row: rows[i], name: DATA[i].name, unit: DATA[i].unit, markCell: `J${rows[i]}`, rateCell: `K${rows[i]}`, ...o,
  });
  const indicators: LayoutIndicator[] = [
    ind(0, {
      direction: "increase", baseline: { value: 348, year: 2021 }, previous: { value: 356, year: 2023 }, current: { value: 404, year: 2024 },
      target: { value: 450, year: 2026, qualitative: null }, trendMark: "○", achievementRate: 0.898,
      points: pts(0, [380, 400, 420], [352, 356, 404], [0.926, 0.89, 0.962]),
    }),
    ind(1, {
      direction: "increase", baseline: { value: 24, year: 2021 }, previous: { value: 30, year: 2023 }, current: { value: 36, year: 2024 },
      target: { value: 35, year: 2026, qualitative: null }, trendMark: "◎", achievementRate: 1.029,
      points: pts(1, [26, 28, 30], [27, 30, 36], [1.038, 1.071, 1.2]),
    }),
    ind(2, {
      direction: "decrease", baseline: { value: 38.4, year: 2021 }, previous: { value: 36.0, year: 2023 }, current: { value: 36.8, year: 2024 },
      target: { value: 30.0, year: 2026, qualitative: null }, trendMark: "▼", achievementRate: 0.815,
      points: pts(2, [37.0, 36.0, 35.0], [37.5, 36.0, 36.8], [0.987, 1.0, 0.951]),
    }),
    ind(3, {
      direction: "increase", baseline: { value: 850, year: 2021 }, previous: { value: 880, year: 2023 }, current: { value: 880, year: 2024 },
      target: { value: 1100, year: 2026, qualitative: null }, trendMark: "⇒", achievementRate: 0.8,
      points: pts(3, [900, 950, 1000], [870, 880, 880], [0.967, 0.926, 0.88]),
    }),
  ];
  const fill: LayoutChange[] = [
    { sheet: S, cell: `K${rows[0]}`, kind: "rate", value: 0.898 },
    { sheet: S, cell: `J${rows[1]}`, kind: "mark", value: "◎" },
    { sheet: S, cell: `K${rows[1]}`, kind: "rate", value: 1.029 },
    { sheet: S, cell: `J${rows[2]}`, kind: "mark", value: "▼" },
    { sheet: S, cell: `K${rows[3]}`, kind: "rate", value: 0.8 },
  ];
  const issues: LayoutIssue[] = [
    { rule: "trend-mark-mismatch", severity: "error", sheet: S, cell: `J${rows[2]}`, expected: "▼", actual: "○" },
    { rule: "rate-mismatch", severity: "error", sheet: S, cell: `K${rows[3]}` },
    { rule: "required-empty", severity: "warning", sheet: S, cell: `J${rows[1]}`, expected: "◎" },
  ];
  if (mode === "three") {
    // per-year rate cells of the 達成率 rows (row r + 2): empty ones filled, the wrong one (0.9) corrected
    fill.push(
      { sheet: S, cell: `G${rows[0] + 2}`, kind: "rate", value: 0.89 },
      { sheet: S, cell: `H${rows[0] + 2}`, kind: "rate", value: 0.962 },
      { sheet: S, cell: `F${rows[1] + 2}`, kind: "rate", value: 1.038 },
      { sheet: S, cell: `G${rows[1] + 2}`, kind: "rate", value: 1.071 },
      { sheet: S, cell: `H${rows[1] + 2}`, kind: "rate", value: 1.2 },
      { sheet: S, cell: `H${rows[2] + 2}`, kind: "rate", value: 0.951 },
      { sheet: S, cell: `F${rows[3] + 2}`, kind: "rate", value: 0.967 },
      { sheet: S, cell: `G${rows[3] + 2}`, kind: "rate", value: 0.926 },
      { sheet: S, cell: `H${rows[3] + 2}`, kind: "rate", value: 0.88 },
    );
    issues.push({ rule: "rate-mismatch", severity: "error", sheet: S, cell: `H${rows[2] + 2}` });
  }
  const last = start(DATA.length) - 1;
  return {
    id: `shinko-${mode}`,
    about:
      mode === "merged"
        ? "総合計画 進行管理表: two rows per indicator (目標値/実績値), years across, No/name/unit/mark/rate merged over the pair"
        : mode === "unmerged"
          ? "進行管理表, not merged (values on the pair's first row), 目標/実績 labels, full-width year digits, legend above"
          : "進行管理表 with three rows per indicator (目標値/実績値/達成率): per-year rates",
    fileName: `shinko-${mode}.xlsx`,
    build,
    expected: {
      indicators,
      tables: [
        {
          sheet: S, kind: "indicators", headerRow: 4, lastRow: last, shape: "row-group",
          columns: [
            { column: "B", role: "name" },
            { column: "D", role: "category" },
            { column: "E", role: "baseline", year: 2021 },
            { column: "F", role: ["year", "actual"], year: 2022 },
            { column: "H", role: ["year", "actual"], year: 2024 },
            { column: "I", role: "target", year: 2026 },
            { column: "J", role: "trend" },
            { column: "K", role: "rate" },
          ],
        },
      ],
      issues,
      // nothing may be read from No (A) as a name, and no value may be made by joining ― and 348
      absent: [{ rule: "value-unreadable", sheet: S }, { rule: "year-order", sheet: S }],
      fill,
    },
  };
}

// ───────────────────────────────────────────────────────────────────── 4. 事務事業評価シート ──

/**
 * Two sheets.
 *
 * 評価シート（相談）: title 1, form 3–6 (事業名, 所管課, 事業期間, 目的), `■活動指標` 8, header 9,
 * indicators 10–12 and 13–15, blank 16, `■成果指標` 17, header 18, indicators 19–21 and 22–24,
 * band legend 25 (full-width letters and digits), 今後の方向性 27–28, 事業費 heading 30, its table 31–34.
 * Columns: A 区分 | B 指標名 | C (目標値/実績値/達成率) | D 令和4年度 | E 令和5年度 | F 令和6年度 |
 *          G 最終目標（令和8年度）| H 評価.  Bands: Ａ ≥ 100%, Ｂ 80–100%, Ｃ 50–80%, Ｄ < 50%.
 *   相談件数（件）   目標 400 420 440 | 500   実績 380 400 452
 *     rates 380/400 = 0.950 (written 0.95), 400/420 = 0.95238… → 0.952 (empty), 452/440 = 1.02727… → 1.027 (empty)
 *     grade of 1.027 → Ａ (評価 empty)
 *   訪問件数（件）   目標 1200 1300 1440 | １，６００   実績 1150 1250 １，０８０
 *     rates 1150/1200 = 0.95833… → 0.958 (written), 1250/1300 = 0.96153… → 0.962 (written), 1080/1440 = 0.750 (written 0.8: wrong)
 *     grade of 0.750 → Ｃ (written Ｂ: wrong)
 *   地域活動に参加している市民の割合（％）   目標 30 32 34 | 40   実績 28.5 30.4 27.0
 *     rates 28.5/30 = 0.950, 30.4/32 = 0.950, 27.0/34 = 0.79411… → 0.794 (all empty); grade Ｃ (written Ｃ)
 *   認知症サポーター養成数（人）   目標 300 300 300 | 300   実績 150 120 140
 *     rates 0.500 (written), 0.400 (written), 140/300 = 0.46666… → 0.467 (empty); grade Ｄ (empty)
 *
 * 評価シート（講座）: title 1, form 3–6, band legend 8 (half-width, ABOVE the block), `成果指標` 9,
 * header 10 (C10 = 項目), indicators 11–13 and 14–16 labelled 目標 / 実績 / 達成度, 今後の方向性 18–19.
 * Bands: ◎ ≥ 100%, ○ 80–100%, △ < 80%.
 *   講座参加者数（人）   目標 100 120 150 | 200   実績 90 126 135
 *     rates 90/100 = 0.900, 126/120 = 1.050, 135/150 = 0.900 (all empty); grade ○ (written ◎: wrong)
 *   相談窓口の認知度（％）   目標 50 55 60 | 70   実績 52 58 63
 *     rates 52/50 = 1.040, 58/55 = 1.05454… → 1.055, 63/60 = 1.050 (all written, right); grade ◎ (empty)
 */
function jimuJigyoFixture(): LayoutFixture {
  const S1 = "評価シート（相談）";
  const S2 = "評価シート（講座）";
  const build = async () => {
    const wb = newBook();
    {
      const w = new W(wb.addWorksheet(S1));
      w.put("A1", "事務事業評価シート【令和７年度】");
      w.row(3, "A", ["事業名", "地域福祉コーディネーター配置事業"]);
      w.row(4, "A", ["所管課", "福祉総務課"]);
      w.row(5, "A", ["事業期間", "令和３年度～令和８年度"]);
      w.row(6, "A", ["目的", "地域の生活課題に対する相談支援の体制を整え、住民主体の支え合いを支援する。"]);
      for (const r of [3, 4, 5, 6]) w.merge(`B${r}:H${r}`);
      const header = (r: number) => w.row(r, "A", ["区分", "指標名", null, "令和4年度", "令和5年度", "令和6年度", "最終目標（令和8年度）", "評価"]);
      const ind = (r: number, name: string, tg: V[], ac: V[], rt: V[], grade: V) => {
        w.row(r, "B", [name, "目標値", ...tg]);
        w.row(r + 1, "C", ["実績値", ...ac, "―"]);
        w.row(r + 2, "C", ["達成率", ...rt, "―"], [, PCT, PCT, PCT]);
        w.put(`H${r}`, grade);
        w.merge(`B${r}:B${r + 2}`);
        w.merge(`H${r}:H${r + 2}`);
      };
      w.put("A8", "■活動指標");
      header(9);
      w.put("A10", "活動指標");
      w.merge("A10:A15");
      ind(10, "相談件数（件）", [400, 420, 440, 500], [380, 400, 452], [0.95, null, null], null);
      ind(13, "訪問件数（件）", [1200, 1300, 1440, "１，６００"], [1150, 1250, "１，０８０"], [0.958, 0.962, 0.8], "Ｂ");
      w.put("A17", "■成果指標");
      header(18);
      w.put("A19", "成果指標");
      w.merge("A19:A24");
      ind(19, "地域活動に参加している市民の割合（％）", [30, 32, 34, 40], [28.5, 30.4, 27.0], [null, null, null], "Ｃ");
      ind(22, "認知症サポーター養成数（人）", [300, 300, 300, 300], [150, 120, 140], [0.5, 0.4, null], null);
      w.put("A25", "※評価　Ａ：達成率１００％以上　Ｂ：８０％以上１００％未満　Ｃ：５０％以上８０％未満　Ｄ：５０％未満");
      w.put("A27", "今後の方向性");
      w.put("A28", "相談件数は目標を上回った。訪問体制を見直し、訪問件数の回復を図る。");
      w.put("A30", "事業費");
      w.row(31, "A", ["区分", "令和4年度", "令和5年度", "令和6年度"]);
      w.row(32, "A", ["決算額（千円）", 12340, 12880, 13105], [, "#,##0", "#,##0", "#,##0"]);
      w.row(33, "A", ["予算額（千円）", 12500, 13000, 13200], [, "#,##0", "#,##0", "#,##0"]);
      w.row(34, "A", ["うち一般財源（千円）", 6170, 6440, 6552], [, "#,##0", "#,##0", "#,##0"]);
    }
    {
      const w = new W(wb.addWorksheet(S2));
      w.put("A1", "事務事業評価シート【令和７年度】");
      w.row(3, "A", ["事業名", "市民福祉講座事業"]);
      w.row(4, "A", ["所管課", "地域福祉推進課"]);
      w.row(5, "A", ["事業期間", "令和４年度～令和８年度"]);
      w.row(6, "A", ["目的", "福祉に関する学びの機会を設け、相談窓口の周知を図る。"]);
      w.put("A8", "※評価　◎：100%以上 ○：80%以上100%未満 △：80%未満");
      w.put("A9", "成果指標");
      w.row(10, "A", ["区分", "指標名", "項目", "令和4年度", "令和5年度", "令和6年度", "最終目標（令和8年度）", "評価"]);
      const ind = (r: number, name: string, tg: V[], ac: V[], rt: V[], grade: V) => {
        w.row(r, "B", [name, "目標", ...tg]);
        w.row(r + 1, "C", ["実績", ...ac, "―"]);
        w.row(r + 2, "C", ["達成度", ...rt, "―"], [, PCT, PCT, PCT]);
        w.put(`H${r}`, grade);
        w.merge(`B${r}:B${r + 2}`);
        w.merge(`H${r}:H${r + 2}`);
      };
      w.put("A11", "成果");
      w.merge("A11:A16");
      ind(11, "講座参加者数（人）", [100, 120, 150, 200], [90, 126, 135], [null, null, null], "◎");
      ind(14, "相談窓口の認知度（％）", [50, 55, 60, 70], [52, 58, 63], [1.04, 1.055, 1.05], null);
      w.put("A18", "今後の方向性");
      w.put("A19", "講座の周知方法を見直し、参加者数の増加を図る。");
    }
    return toBuffer(wb);
  };
  const pts = (r: number, tg: number[], ac: number[], rt: number[]) =>
    [0, 1, 2].map((k) => ({
      year: 2022 + k, target: tg[k], actual: ac[k], rate: rt[k],
      targetCell: `${"DEF"[k]}${r}`, actualCell: `${"DEF"[k]}${r + 1}`, rateCell: `${"DEF"[k]}${r + 2}`,
    }));
  const ind = (sheet: string, row: number, name: string, prev: number, cur: number, fin: number, grade: string, p: ReturnType<typeof pts>): LayoutIndicator => ({
    sheet, row, name, direction: "increase", markCell: null, gradeCell: `H${row}`, grade,
    previous: { value: prev, year: 2023 }, current: { value: cur, year: 2024 }, target: { value: fin, year: 2026, qualitative: null }, points: p,
  });
  const indicators: LayoutIndicator[] = [
    ind(S1, 10, "相談件数（件）", 400, 452, 500, "A", pts(10, [400, 420, 440], [380, 400, 452], [0.95, 0.952, 1.027])),
    ind(S1, 13, "訪問件数（件）", 1250, 1080, 1600, "C", pts(13, [1200, 1300, 1440], [1150, 1250, 1080], [0.958, 0.962, 0.75])),
    ind(S1, 19, "地域活動に参加している市民の割合（％）", 30.4, 27.0, 40, "C", pts(19, [30, 32, 34], [28.5, 30.4, 27.0], [0.95, 0.95, 0.794])),
    ind(S1, 22, "認知症サポーター養成数（人）", 120, 140, 300, "D", pts(22, [300, 300, 300], [150, 120, 140], [0.5, 0.4, 0.467])),
    ind(S2, 11, "講座参加者数（人）", 126, 135, 200, "○", pts(11, [100, 120, 150], [90, 126, 135], [0.9, 1.05, 0.9])),
    ind(S2, 14, "相談窓口の認知度（％）", 58, 63, 70, "◎", pts(14, [50, 55, 60], [52, 58, 63], [1.04, 1.055, 1.05])),
  ];
  const yearCols = (sheet: string, headerRow: number, lastRow: number): LayoutTable => ({
    sheet, kind: "indicators", headerRow, lastRow, shape: "row-group",
    columns: [
      { column: "B", role: "name" },
      { column: "D", role: ["year", "actual"], year: 2022 },
      { column: "F", role: ["year", "actual"], year: 2024 },
      { column: "G", role: "target", year: 2026 },
      { column: "H", role: "evaluation" },
    ],
  });
  return {
    id: "jimu-jigyo",
    about: "事務事業評価シート: 活動指標/成果指標 blocks of 目標値/実績値/達成率 rows, one 評価 per indicator, two sheets with different band legends, a 事業費 table",
    fileName: "jimu-jigyo.xlsx",
    build,
    expected: {
      indicators,
      tables: [yearCols(S1, 9, 15), yearCols(S1, 18, 24), yearCols(S2, 10, 16)],
      issues: [
        { rule: "grade-mismatch", severity: "error", sheet: S1, cell: "H13", expected: "Ｃ", actual: "Ｂ" },
        { rule: "rate-mismatch", severity: "error", sheet: S1, cell: "F15" },
        { rule: "grade-mismatch", severity: "error", sheet: S2, cell: "H11", expected: "○", actual: "◎" },
      ],
      absent: [
        // the 事業費 table is not indicators: nothing reported in it
        { rule: "rate-mismatch", sheet: S1, within: "A30:H34" },
        { rule: "required-empty", sheet: S1, within: "A30:H34" },
        { rule: "value-unreadable", sheet: S1, within: "A30:H34" },
        // ◎/○ on sheet 2 are grades of its own legend, not trend marks
        { rule: "trend-mark-mismatch", sheet: S2 },
        { rule: "mark-not-in-legend", sheet: S2 },
      ],
      fill: [
        { sheet: S1, cell: "E12", kind: "rate", value: 0.952 },
        { sheet: S1, cell: "F12", kind: "rate", value: 1.027 },
        { sheet: S1, cell: "H10", kind: "grade", value: "Ａ" },
        { sheet: S1, cell: "F15", kind: "rate", value: 0.75 },
        { sheet: S1, cell: "H13", kind: "grade", value: "Ｃ" },
        { sheet: S1, cell: "D21", kind: "rate", value: 0.95 },
        { sheet: S1, cell: "E21", kind: "rate", value: 0.95 },
        { sheet: S1, cell: "F21", kind: "rate", value: 0.794 },
        { sheet: S1, cell: "F24", kind: "rate", value: 0.467 },
        { sheet: S1, cell: "H22", kind: "grade", value: "Ｄ" },
        { sheet: S2, cell: "D13", kind: "rate", value: 0.9 },
        { sheet: S2, cell: "E13", kind: "rate", value: 1.05 },
        { sheet: S2, cell: "F13", kind: "rate", value: 0.9 },
        { sheet: S2, cell: "H11", kind: "grade", value: "○" },
        { sheet: S2, cell: "H14", kind: "grade", value: "◎" },
      ],
    },
  };
}

// ─────────────────────────────────────────────────────────────────────── 5. uncertain tables ──

/**
 * 重複年度: header 3 with two 実績値（令和6年度） columns (D, E), data 4–5, legend 6.
 * 目標なし: header 3 with no 目標値 column, data 4–5, legend 6.
 * 良好: a sound one-row table, header 3, one indicator on row 4, legend 5:
 *   c 130 < t 150, c > p 120 → ○ (empty); 130/150 = 0.86666… → 0.867 (empty).
 */
function uncertainFixture(): LayoutFixture {
  const D = "重複年度";
  const N = "目標なし";
  const G = "良好";
  const build = async () => {
    const wb = newBook();
    {
      const w = new W(wb.addWorksheet(D));
      w.put("A1", "施策評価シート【令和７年度】");
      w.row(3, "A", ["指標名", "単位", "基準値（令和3年度）", "実績値（令和6年度）", "実績値（令和6年度）", "目標値（令和8年度）", "指標の推移", "達成率"]);
      w.row(4, "A", ["市民活動団体の登録数", "団体", 120, 130, 135, 150, null, null], [, , , , , , , PCT]);
      w.row(5, "A", ["ボランティア講座の参加者数", "人", 200, 180, 240, 250, null, null], [, , , , , , , PCT]);
      w.put("A6", TREND_LEGEND);
    }
    {
      const w = new W(wb.addWorksheet(N));
      w.put("A1", "施策評価シート【令和７年度】");
      w.row(3, "A", ["指標名", "単位", "基準値（令和3年度）", "実績値（令和5年度）", "実績値（令和6年度）", "指標の推移", "達成率"]);
      w.row(4, "A", ["地域の見守り協力事業者数", "事業者", 80, 92, 95, null, null], [, , , , , , PCT]);
      w.row(5, "A", ["福祉まつりの来場者数", "人", 3000, 3400, 3100, null, null], [, , , , , , PCT]);
      w.put("A6", TREND_LEGEND);
    }
    {
      const w = new W(wb.addWorksheet(G));
      w.put("A1", "施策評価シート【令和７年度】");
      w.row(3, "A", ["指標名", "単位", "基準値（令和3年度）", "実績値（令和5年度）", "実績値（令和6年度）", "目標値（令和8年度）", "指標の推移", "達成率"]);
      w.row(4, "A", ["生涯学習講座の参加者数", "人", 100, 120, 130, 150, null, null], [, , , , , , , PCT]);
      w.put("A5", TREND_LEGEND);
    }
    return toBuffer(wb);
  };
  return {
    id: "uncertain",
    about: "two 実績値（令和6年度） columns; a table without 目標値; and one sound table",
    fileName: "uncertain.xlsx",
    build,
    expected: {
      indicators: [
        {
          sheet: G, row: 4, name: "生涯学習講座の参加者数", unit: "人", direction: "increase",
          baseline: { value: 100, year: 2021 }, previous: { value: 120, year: 2023 }, current: { value: 130, year: 2024 },
          target: { value: 150, year: 2026, qualitative: null }, trendMark: "○", achievementRate: 0.867, markCell: "G4", rateCell: "H4",
        },
      ],
      completeSheets: [G],
      tables: [{ sheet: G, kind: "indicators", headerRow: 3, lastRow: 4, shape: "row" }],
      issues: [
        { rule: ["table-uncertain", "table-missing-column"], severity: "warning", sheet: D, within: "A3:H5" },
        { rule: ["table-missing-column", "table-uncertain"], severity: "warning", sheet: N, within: "A3:G5" },
        { rule: "required-empty", severity: "warning", sheet: G, cell: "G4", expected: "○" },
      ],
      absent: [
        // an uncertain table is not checked as if it had been read
        { rule: "trend-mark-mismatch", sheet: D },
        { rule: "rate-mismatch", sheet: D },
        { rule: "trend-mark-mismatch", sheet: N },
        { rule: "rate-mismatch", sheet: N },
      ],
      fill: [
        { sheet: G, cell: "G4", kind: "mark", value: "○" },
        { sheet: G, cell: "H4", kind: "rate", value: 0.867 },
      ],
    },
  };
}

/** A sheet of prose only: check says no table was found there (info); fill writes nothing. */
function proseFixture(): LayoutFixture {
  const S = "概要";
  const build = async () => {
    const wb = newBook();
    const w = new W(wb.addWorksheet(S));
    w.put("A1", "施策全体の考察（令和６年度）");
    w.put("A3", "　令和６年度を計画期間の初年度とする新たな地域福祉計画に基づき、地域共生社会の充実に向けた取組を推進した。");
    w.put("A4", "　今後は、複雑化・複合化した支援ニーズに対応する重層的な支援の取組の充実を図る。");
    w.put("A6", "計画書の全文は市ホームページに掲載");
    return toBuffer(wb);
  };
  return {
    id: "prose",
    about: "a sheet of prose only (no table)",
    fileName: "prose.xlsx",
    build,
    expected: {
      indicators: [],
      tables: [],
      issues: [{ rule: "no-table", severity: "info", sheet: S }],
      absent: [],
      fill: [],
    },
  };
}

export const LAYOUT_FIXTURES: readonly LayoutFixture[] = [
  managementFixture("programme"),
  managementFixture("sentence"),
  managementFixture("hyperlinks"),
  unmergedHeaderFixture(),
  pagedFixture(),
  shinkoFixture("merged"),
  shinkoFixture("unmerged"),
  shinkoFixture("three"),
  jimuJigyoFixture(),
  uncertainFixture(),
  proseFixture(),
];
