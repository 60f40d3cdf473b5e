/**
 * Workbooks laid out like the seeds, with varied values, for the benchmark and the batch tests:
 * - 施策マネジメントシート (Chofu, seed 000): まちづくり指標 table with 基準値（基準年度）, two 実績値
 *   columns, 目標値（目標年度）, 指標の推移, 達成率, 考察, and the trend-mark legend below.
 * - 進捗状況一覧表 (Musashino, seed 004): evaluation legend, 基本施策 / 項目 / 計画の記載 / 評価 /
 *   説明(進捗状況) / 備考 / 担当, 説明 texts with `X：N件（前年度M件）`.
 * - 評価指標 (Fuchu, seed 003): 区分 / 指標名 / 現状値 / 目標.
 */
import ExcelJS from "exceljs";

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TREND_LEGEND =
  "※ ◎：目標達成 ○：目標値を未達成（前年度より向上した） ▼：目標値を未達成（前年度より低下した） ⇒：目標値を未達成（前年度と同じ又は前年度数値未把握） －：数値未把握（調査未実施など）";
export const EVALUATION_LEGEND =
  "※評価：「☆」予定通り進捗かつ特記事項あり、「○」予定通り進捗、「△」進捗あるが遅れ・課題あり、「□」検討中、「×」進捗なし、「◎」完了、「－」中止";

const INDICATOR_NAMES = [
  "地域福祉コーディネーターの新規相談件数（地域支援）",
  "地域福祉コーディネーターの新規相談件数（個別支援）",
  "ボランティア登録者数",
  "地域の居場所の箇所数",
  "認知症サポーター養成講座の受講者数",
  "見守りネットワーク協力事業者数",
  "生活困窮者の就労支援による就労者数",
  "子ども食堂の実施団体数",
  "福祉人材研修の受講者数",
  "避難行動要支援者の個別避難計画作成件数",
  "成年後見制度の利用相談件数",
  "ふれあいいきいきサロンの参加者数",
];
const UNITS = ["件", "人", "箇所", "団体", "回", "%"];
const ITEM_NAMES = [
  "地域社協（福祉の会）をはじめとする地域福祉団体への活動支援の充実",
  "市民社協等財政援助出資団体との連携",
  "シニア支え合いポイント制度の推進",
  "民生児童委員協議会、赤十字奉仕団、保護司会の活動支援",
  "地域担当職員(市民社協)の機能の拡充",
  "ボランティア学習・福祉学習の推進",
  "避難行動要支援者への支援体制の充実",
  "再犯防止に関する広報・啓発活動の推進",
];
const FIGURE_LABELS = ["出席件数", "相談件数", "開催回数", "新規登録者数", "参加者数", "訪問件数"];
const DEPARTMENTS = ["地域支援課", "高齢者支援課", "障害者福祉課", "生活福祉課", "市民社協"];
const EVALUATIONS = ["☆", "○", "○", "○", "△", "□", "×", "◎", "－"];

/** 2024 → "令和6年度"; full-width digits sometimes, like the seeds. */
export function wareki(year: number, fullWidth = false): string {
  const n = String(year - 2018);
  const digits = fullWidth ? n.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : n;
  return `令和${digits}年度`;
}

export interface IndicatorRow {
  name: string;
  unit: string;
  baseline: number;
  baselineYear: number;
  previous: number | null;
  current: number | null;
  target: number;
  targetYear: number;
  /** Lower is better. */
  decrease: boolean;
}

/** The trend mark the legend prescribes (DOMAIN.md). */
export function expectedMark(r: IndicatorRow): string {
  const c = r.current;
  const p = r.previous;
  if (c === null) return "－";
  const reached = r.decrease ? c <= r.target : c >= r.target;
  if (reached) return "◎";
  if (p === null || c === p) return "⇒";
  const better = r.decrease ? c < p : c > p;
  return better ? "○" : "▼";
}

export function makeIndicatorRows(rand: () => number, count: number, year: number): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  for (let i = 0; i < count; i++) {
    const base = Math.round(50 + rand() * 900);
    const decrease = rand() < 0.15;
    const target = decrease ? Math.round(base * (0.6 + rand() * 0.3)) : Math.round(base * (1.1 + rand() * 0.5));
    const previous = rand() < 0.08 ? null : Math.round(base * (0.85 + rand() * 0.5));
    const current = rand() < 0.05 ? null : rand() < 0.1 && previous !== null ? previous : Math.round(base * (0.8 + rand() * 0.7));
    rows.push({
      name: `${INDICATOR_NAMES[i % INDICATOR_NAMES.length]}${i >= INDICATOR_NAMES.length ? `（${Math.floor(i / INDICATOR_NAMES.length) + 1}）` : ""}`,
      unit: UNITS[Math.floor(rand() * UNITS.length)],
      baseline: base,
      baselineYear: year - 3,
      previous,
      current,
      target,
      targetYear: year + 2,
      decrease,
    });
  }
  return rows;
}

const thin = { style: "thin" as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export interface IndicatorSheetOptions {
  /** The fiscal year of the results (this year's actual). */
  year: number;
  rows: IndicatorRow[];
  /** Row indexes whose written mark is wrong (a planted finding). */
  wrongMarks?: Set<number>;
  withRate?: boolean;
  title?: string;
}

/** Add a Chofu-style management sheet; returns the 1-based row of the first indicator. */
export function addIndicatorSheet(wb: ExcelJS.Workbook, name: string, o: IndicatorSheetOptions): number {
  const ws = wb.addWorksheet(name);
  ws.getCell("A1").value = o.title ?? `施策・事務事業マネジメントシート【${wareki(o.year + 1, true)}】`;
  ws.getCell("A3").value = "施策名";
  ws.getCell("B3").value = "06　共に支え合う地域福祉の推進";
  ws.getCell("A5").value = "２－２　施策全体の考察②（まちづくり指標の推移／考察）";
  const headers = [
    "まちづくり指標",
    "単位",
    "基準値\n（基準年度）",
    `実績値\n（${wareki(o.year - 1)}）`,
    `実績値\n（${wareki(o.year)}）`,
    "目標値\n（目標年度）",
    "指標の推移\n（※）",
    ...(o.withRate ? ["達成率"] : []),
    "考察",
  ];
  const header = ws.getRow(6);
  headers.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.border = border;
    c.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  });
  o.rows.forEach((r, i) => {
    const row = ws.getRow(7 + i);
    const mark = expectedMark(r);
    const written = o.wrongMarks?.has(i) ? (mark === "○" ? "▼" : "○") : mark;
    const values: ExcelJS.CellValue[] = [
      r.name,
      r.unit,
      `${r.baseline}\n${wareki(r.baselineYear)}`,
      r.previous ?? "－",
      r.current ?? "－",
      `${r.target}\n${wareki(r.targetYear)}`,
      written,
    ];
    if (o.withRate) values.push(r.current === null ? "－" : Math.round((r.decrease ? r.target / r.current : r.current / r.target) * 1000) / 1000);
    values.push("・前年度と比較して増加した。引き続き、住民主体の地域における支え合いの仕組みづくりを推進する。");
    values.forEach((v, k) => {
      const c = row.getCell(k + 1);
      c.value = v;
      c.border = border;
      if (o.withRate && k === 7 && typeof v === "number") c.numFmt = "0.0%";
    });
  });
  ws.getCell(`A${7 + o.rows.length + 1}`).value = TREND_LEGEND;
  ws.getColumn(1).width = 40;
  return 7;
}

export interface ProgressFigure {
  label: string;
  value: number;
  previous: number | null;
  unit: string;
}

export interface ProgressItemSpec {
  policy: string;
  number: string;
  name: string;
  evaluation: string;
  figures: ProgressFigure[];
}

export function makeProgressItems(rand: () => number, count: number): ProgressItemSpec[] {
  const items: ProgressItemSpec[] = [];
  for (let i = 0; i < count; i++) {
    const figures: ProgressFigure[] = [];
    const n = 1 + Math.floor(rand() * 2);
    for (let k = 0; k < n; k++) {
      figures.push({
        label: FIGURE_LABELS[(i + k) % FIGURE_LABELS.length],
        value: Math.round(10 + rand() * 600),
        previous: Math.round(10 + rand() * 600),
        unit: k % 2 ? "回" : "件",
      });
    }
    items.push({
      policy: "1 市民の主体的な地域福祉活動の促進",
      number: `(${i + 1})`,
      name: `${ITEM_NAMES[i % ITEM_NAMES.length]}${i >= ITEM_NAMES.length ? `（${Math.floor(i / ITEM_NAMES.length) + 1}）` : ""}`,
      evaluation: EVALUATIONS[Math.floor(rand() * EVALUATIONS.length)],
      figures,
    });
  }
  return items;
}

/** The 説明 text of an item: one bullet, then one line per figure `X：N件（前年度M件）`. */
export function describeFigures(item: ProgressItemSpec): string {
  const lines = ["・市民社協では、地域社協（福祉の会）役員会、運営委員会等に出席し、運営の支援を行った。"];
  for (const f of item.figures) {
    lines.push(`・${f.label}：${f.value}${f.unit}${f.previous === null ? "" : `（前年度${f.previous}${f.unit}）`}`);
  }
  return lines.join("\n");
}

/** Add a Musashino-style progress table; returns the 1-based row of the first item. */
export function addProgressSheet(wb: ExcelJS.Workbook, name: string, year: number, items: ProgressItemSpec[]): number {
  const ws = wb.addWorksheet(name);
  ws.getCell("A1").value = "第６期地域福祉計画・再犯防止推進計画進捗状況一覧表";
  ws.getCell("F1").value = "令和７年３月31日現在";
  ws.getCell("A2").value = EVALUATION_LEGEND;
  ws.getCell("D3").value = `令和${year - 2018}(${year})年度`;
  ws.mergeCells("D3:F3");
  const headers = ["基本施策", "項目", "計画の記載", "評価", "説明(進捗状況)", "備考\n（特殊要因等）", "担当"];
  headers.forEach((h, i) => {
    const c = ws.getRow(4).getCell(i + 1);
    c.value = h;
    c.border = border;
  });
  items.forEach((it, i) => {
    const row = ws.getRow(5 + i);
    const values: ExcelJS.CellValue[] = [
      i === 0 ? it.policy : null,
      `${it.number}\n${it.name}`,
      "・毎年度協議会を開催し、制度の運営について情報の共有と課題の整理を行い、制度の効果的な推進を目指します。",
      it.evaluation,
      describeFigures(it),
      null,
      DEPARTMENTS[i % DEPARTMENTS.length],
    ];
    values.forEach((v, k) => {
      const c = row.getCell(k + 1);
      c.value = v;
      c.border = border;
      c.alignment = { wrapText: true, vertical: "top" };
    });
  });
  return 5;
}

/** Add a Fuchu-style 評価指標 table. */
export function addEvaluationIndicatorSheet(wb: ExcelJS.Workbook, name: string, rand: () => number, year: number): void {
  const ws = wb.addWorksheet(name);
  ws.getCell("A1").value = "4 計画の評価・見直し";
  ["区分", "指標名", "現状値", "目標"].forEach((h, i) => (ws.getRow(3).getCell(i + 1).value = h));
  const rows: ExcelJS.CellValue[][] = [
    ["アウトカム指標", "課題が混在する複雑な事例のうち、支援の方向性の整理を完了した割合", `${Math.round(70 + rand() * 20)}%（${wareki(year)}）`, `90%（${wareki(year + 4)}）`],
    ["アウトプット指標", "重層的支援会議または支援会議の開催回数", null, `年4回（${wareki(year + 4)}）`],
    ["参考指標", "地域福祉コーディネーターによる困りごと相談会での相談件数", `${Math.round(400 + rand() * 400)}件（令和元年度）`, `1,120件（${wareki(year + 1)}）`],
    ["参考指標", "相談できる体制に満足している市民の割合", `${(20 + rand() * 10).toFixed(1)}%（${wareki(year)}）`, `上昇（${wareki(year + 6)}）`],
    ["参考指標", "孤独であると感じる市民の割合", `${(30 + rand() * 10).toFixed(1)}%（${wareki(year)}）`, `減少（${wareki(year + 6)}）`],
  ];
  rows.forEach((r, i) => r.forEach((v, k) => (ws.getRow(4 + i).getCell(k + 1).value = v)));
}

/** One benchmark workbook: 2–4 sheets, 6–14 indicators, 4–8 progress items, some wrong marks. */
export async function benchWorkbook(i: number): Promise<{ buffer: Buffer; indicators: number }> {
  const rand = rng(1000 + i);
  const wb = new ExcelJS.Workbook();
  const year = 2024;
  const rows = makeIndicatorRows(rand, 6 + Math.floor(rand() * 9), year);
  const wrong = new Set<number>();
  for (let k = 0; k < rows.length; k++) if (rand() < 0.1) wrong.add(k);
  addIndicatorSheet(wb, "施策マネジメントシート", { year, rows, wrongMarks: wrong, withRate: rand() < 0.5 });
  let indicators = rows.length;
  if (rand() < 0.7) addProgressSheet(wb, "進捗状況一覧表", year, makeProgressItems(rand, 4 + Math.floor(rand() * 5)));
  if (rand() < 0.4) {
    const more = makeIndicatorRows(rand, 4 + Math.floor(rand() * 5), year);
    addIndicatorSheet(wb, "施策マネジメントシート(2)", { year, rows: more });
    indicators += more.length;
  }
  if (rand() < 0.5) {
    addEvaluationIndicatorSheet(wb, "評価指標", rand, year + 1);
    indicators += 5;
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, indicators };
}
