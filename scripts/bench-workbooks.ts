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

/**
 * A 考察 text of its own for each indicator (real sheets never repeat them; the engine must not be
 * measured on texts it has already seen).
 */
export function remarkOf(r: IndicatorRow): string {
  const trend = r.current === null || r.previous === null ? "把握できなかった" : r.current >= r.previous ? `${r.current - r.previous}${r.unit}増加した` : `${r.previous - r.current}${r.unit}減少した`;
  return `・${r.name}は、前年度と比較して${trend}。\n・引き続き、目標値の${r.target}${r.unit}に向けて、住民主体の地域における支え合いの仕組みづくりを推進する。`;
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
    values.push(remarkOf(r));
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
      `・${it.name}について、毎年度協議会を開催し、制度の運営について情報の共有と課題の整理を行い、制度の効果的な推進を目指します。`,
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

// ─────────────────────────────────────────────── a full 施策・事務事業マネジメントシート (all five sections) ──

const PROGRAMME_DIRECTIONS = ["現状継続", "有効性改善", "効率性改善", "財政面改善", "参加と協働改善"];
const STATUSES = ["計画どおり", "計画どおり", "計画前倒し", "計画遅れ"];
const LONG_TEXT =
  "・新たな調布市地域福祉計画に包含して策定した調布市重層的支援体制整備事業実施計画に基づき，重層的支援体制整備事業を推進した。\n・８つの福祉圏域に配置した地域福祉コーディネーターを中心として，地域の生活課題に対する個別支援への対応や各福祉圏域における支援関係機関等のネットワークの構築に取り組んだ。";
const ACTION_TEXT =
  "・地域福祉コーディネーターと地域支え合い推進員を統括する専任の人材を配置することにより，包括的な支援体制の充実を図る。\n・重層的支援会議・支援会議を通じて，支援プランの作成や支援関係機関等のネットワークの構築を図る。";

/**
 * A whole management sheet as seed 000 prints it (DOMAIN.md "Sheet 1"): 1 施策の基本情報, 2-1 考察①,
 * 2-2 the indicator table (8 indicators, header over two rows with 実績値 merged over the years, value
 * and year in one cell, 達成率, legend below), 3 two 基本計画事業 blocks with 今後の方向 as ✔ ticks and
 * the ①②③ lists, 4 the four viewpoints, 5 the text for the next plan period. Returns the indicator count.
 */
export function addFullManagementSheet(wb: ExcelJS.Workbook, name: string, rand: () => number, year: number): number {
  const ws = wb.addWorksheet(name);
  const last = 9; // A..I
  const put = (r: number, c: number, v: ExcelJS.CellValue, wrap = false) => {
    const cell = ws.getCell(r, c);
    cell.value = v;
    if (wrap || (typeof v === "string" && v.includes("\n"))) cell.alignment = { wrapText: true, vertical: "middle" };
  };
  const merge = (r1: number, c1: number, r2: number, c2: number, v: ExcelJS.CellValue) => {
    put(r1, c1, v, true);
    if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
  };
  const box = (r1: number, c1: number, r2: number, c2: number) => {
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) ws.getCell(r, c).border = border;
  };
  let r = 1;
  merge(r, 1, r, last, `施策・事務事業マネジメントシート【${wareki(year + 1, true)}】`);
  r += 2;
  merge(r, 1, r, last, "１　施策の基本情報(Plan)");
  r++;
  put(r, 1, "施策名");
  merge(r, 2, r, last, "06　共に支え合う地域福祉の推進");
  r++;
  merge(r, 1, r + 1, 1, "目的");
  put(r, 2, "対象");
  merge(r, 3, r, last, "市民，地域活動団体，福祉サービス事業者，福祉団体");
  put(r + 1, 2, "意図");
  merge(r + 1, 3, r + 1, last, "地域で役割分担して暮らしを支え合うことができる");
  box(r - 1, 1, r + 1, last);
  r += 2;
  put(r, 1, "施策の方向");
  merge(r, 2, r, last, "誰もが住み慣れた場所で，社会から孤立することなく，いきいきとした生活を送ることができるよう，地域で支え合い，認め合い，ともに生きるまちづくりを推進します。");
  r++;
  put(r, 1, "【施策と関連するＳＤＧｓの目標（ゴール）】");
  merge(r, 2, r, last, "3 すべての人に健康と福祉を　10 人や国の不平等をなくそう　11 住み続けられるまちづくりを");
  r += 2;
  merge(r, 1, r, last, "２－１　施策全体の考察①（施策の目的，方向に対する考察）");
  r++;
  put(r, 1, "施策の目的，方向に対する考察（Check・Action）", true);
  merge(r, 2, r, last, `　${wareki(year)}を計画期間の初年度とする新たな調布市地域福祉計画に基づき，地域共生社会の充実に向けた取組を推進した。\n　今後については，引き続き，重層的な支援の取組の充実を図る必要がある。`);
  r++;
  put(r, 1, "今後の方向");
  merge(r, 2, r, last, "・これまでの相談支援等の取組を生かしながら，引き続き，組織横断的な連携により，重層的な支援体制の整備に向けた取組を推進する。");
  r += 2;
  merge(r, 1, r, last, "２－２　施策全体の考察②（まちづくり指標の推移／考察）");
  r++;
  // Indicator table: header over two rows.
  const heads = ["まちづくり指標", "単位", "基準値\n（基準年度）", null, null, "目標値\n（目標年度）", "指標の推移\n（※）", "達成率", "考察"];
  heads.forEach((h, i) => {
    if (h !== null) merge(r, i + 1, r + 1, i + 1, h);
  });
  merge(r, 4, r, 5, "実績値");
  put(r + 1, 4, `（${wareki(year - 1)}）`);
  put(r + 1, 5, `（${wareki(year)}）`);
  box(r, 1, r + 1, last);
  r += 2;
  const rows = makeIndicatorRows(rand, 8, year);
  for (const row of rows) {
    const mark = expectedMark(row);
    put(r, 1, row.name, true);
    put(r, 2, row.unit);
    put(r, 3, `${row.baseline}\n${wareki(row.baselineYear)}`);
    put(r, 4, row.previous ?? "－");
    put(r, 5, row.current ?? "－");
    put(r, 6, `${row.target}\n${wareki(row.targetYear)}`);
    put(r, 7, mark);
    if (row.current !== null) {
      put(r, 8, Math.round((row.decrease ? row.target / row.current : row.current / row.target) * 1000) / 1000);
      ws.getCell(r, 8).numFmt = "0.0%";
    } else put(r, 8, "－");
    put(r, 9, remarkOf(row));
    box(r, 1, r, last);
    r++;
  }
  merge(r, 1, r, last, TREND_LEGEND);
  r += 2;
  // §3 基本計画事業: two blocks, 今後の方向 as ✔ under five sub-columns.
  merge(r, 1, r, last, "３　施策を構成する基本計画事業等の取組実績／今後の方向");
  r++;
  const blocks: [string, number][] = [
    ["■06-1　地域におけるトータルケアの推進", 2],
    ["■06-2　住民主体の地域における支え合いの仕組みづくり", 1],
  ];
  let no = 27;
  for (const [heading, count] of blocks) {
    merge(r, 1, r, last, heading);
    r++;
    merge(r, 1, r + 1, 1, "No");
    merge(r, 2, r + 1, 2, "基本計画事業名");
    merge(r, 3, r + 1, 3, `${wareki(year)}取組\n実績(Check)`);
    merge(r, 4, r + 1, 4, `${wareki(year)}の主要な取組説明(Do)`);
    merge(r, 5, r, 9, "今後の方向");
    PROGRAMME_DIRECTIONS.forEach((d, i) => put(r + 1, 5 + i, d, true));
    merge(r, 10, r + 1, 10, "今後の取組の方向(Action)");
    box(r, 1, r + 1, 10);
    r += 2;
    for (let k = 0; k < count; k++) {
      put(r, 1, String(no++));
      put(r, 2, ITEM_NAMES[Math.floor(rand() * ITEM_NAMES.length)], true);
      put(r, 3, STATUSES[Math.floor(rand() * STATUSES.length)]);
      put(r, 4, `${LONG_TEXT}\n・延べ${Math.round(100 + rand() * 900)}件の相談に対応した。`);
      PROGRAMME_DIRECTIONS.forEach((_, i) => {
        if (rand() < 0.35) put(r, 5 + i, "✔");
      });
      put(r, 10, `${ACTION_TEXT}\n・${wareki(year + 1)}は${Math.round(2 + rand() * 20)}回の会議を予定する。`);
      box(r, 1, r, 10);
      r++;
    }
    r++;
  }
  merge(r, 1, r, 4, "基本計画事業以外の主要な取組実績(Do)");
  merge(r, 5, r, last, "今後の取組の方向(Action)");
  r++;
  merge(r, 1, r, 4, "①成年後見制度利用促進基本計画に基づき，権利擁護支援の取組を推進した。\n②更生支援推進協議会を通じて，更生支援に関する情報の共有等を図った。\n③新たな総合福祉センターの整備について，利用者・関係団体等と意見交換を行った。");
  merge(r, 5, r, last, "①権利擁護支援の地域連携ネットワークの充実に向けて取組を推進\n②更生支援（再犯防止）の取組を推進\n③新たな総合福祉センターの整備に向けた工事に着手");
  r += 2;
  merge(r, 1, r, last, `４　施策の推進，成果向上の視点（４つの視点）を踏まえた${wareki(year)}の取組実績及び${wareki(year + 1)}以降の具体的な取組`);
  r++;
  for (const v of ["脱炭素社会の実現", "フェーズフリー", "デジタル技術の活用", "共創のまちづくり"]) {
    put(r, 1, v);
    merge(r, 2, r, last, `・新たな総合福祉センターの整備において，${v}の考え方を踏まえて整備を進める。【令和６年度・７年度以降】`);
    r++;
  }
  r++;
  merge(r, 1, r, last, "５　後期基本計画期間（令和９年度～令和１２年度）における施策の方向整理に向けた検討");
  r++;
  merge(r, 1, r, last, "・複雑化・複合化した支援ニーズに対応するため，多機関協働による相談支援の充実等を図るとともに，地域における支え合いの仕組みづくりを推進する。");
  ws.getColumn(1).width = 34;
  return rows.length;
}

/** The kinds of workbook of the mixed folder (a third each). */
export type BenchKind = "policy" | "management" | "progress";
export const BENCH_KINDS: readonly BenchKind[] = ["policy", "management", "progress"];

/**
 * One workbook of the mixed folder: "policy" = benchWorkbook's 施策シート (indicator table, sometimes
 * more sheets); "management" = one full management sheet; "progress" = one 進捗状況一覧表.
 */
export async function mixedWorkbook(i: number, kind: BenchKind = BENCH_KINDS[i % 3]): Promise<{ buffer: Buffer; indicators: number; kind: BenchKind }> {
  if (kind === "policy") return { ...(await benchWorkbook(i)), kind };
  const rand = rng(5000 + i);
  const wb = new ExcelJS.Workbook();
  let indicators = 0;
  if (kind === "management") indicators = addFullManagementSheet(wb, "マネジメントシート", rand, 2024);
  else addProgressSheet(wb, "進捗状況一覧表", 2024, makeProgressItems(rand, 6 + Math.floor(rand() * 10)));
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), indicators, kind };
}
