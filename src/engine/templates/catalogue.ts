/**
 * The standard template catalogue: plain data (JSON-compatible) checked by the schema at load.
 * Wordings and legends are those of the source sheets (DOMAIN.md, seeds 000/001/003/004).
 * The small helpers below only shorten the writing of cell lists; what they return is data.
 */
import type { TemplateDefinitionInput } from "./schema";

type CellIn = TemplateDefinitionInput["layout"]["blocks"][number]["cells"][number];

function c(row: number, col: number, text: string | undefined, style: string, extra: Partial<CellIn> = {}): CellIn {
  const out: CellIn = { row, col, style, ...extra };
  if (text !== undefined) out.text = text;
  return out;
}

/** Cells of one row, left to right from `col`, each `[text, style, extra]`. */
function rowOf(row: number, col: number, items: [string | undefined, string, Partial<CellIn>?][]): CellIn[] {
  let k = col;
  return items.map(([text, style, extra]) => {
    const cell = c(row, k, text, style, extra ?? {});
    k += extra?.colSpan ?? 1;
    return cell;
  });
}

const STYLES: TemplateDefinitionInput["styles"] = {
  title: { bold: true, fontSize: 14 },
  section: { bold: true, fontSize: 12 },
  heading: { bold: true },
  header: { bold: true, wrap: true, border: true, horizontal: "center", vertical: "middle", fill: "D9E1F2" },
  label: { bold: true, wrap: true, border: true, vertical: "middle", fill: "F2F2F2" },
  text: { wrap: true, border: true, vertical: "top" },
  number: { wrap: true, border: true, horizontal: "right", vertical: "middle" },
  center: { wrap: true, border: true, horizontal: "center", vertical: "middle" },
  legend: { fontSize: 9 },
  note: { fontSize: 9, horizontal: "right" },
};

const YEAR_PARAM = (def = "令和7"): TemplateDefinitionInput["parameters"][number] => ({
  key: "year",
  label: { ja: "年度（シートの年度）", en: "Fiscal year of the sheet" },
  type: "fiscalYear",
  default: def,
});

const rowsParam = (key: string, ja: string, en: string, def: number, min = 1, max = 50): TemplateDefinitionInput["parameters"][number] => ({
  key,
  label: { ja, en },
  type: "integer",
  default: def,
  min,
  max,
});

/** 指標の推移 (trend mark) legend, as printed on sheet 1. */
export const TREND_LEGEND =
  "※　◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）　⇒：目標値を未達成（前年度と同じ又は前年度数値未把握）　－：数値未把握（調査未実施など）";
export const TREND_MARKS = ["◎", "○", "▼", "⇒", "－"];
/** 評価 legend of the 進捗状況一覧表 (sheet 2). */
export const EVALUATION_LEGEND =
  "※評価：「☆」予定通り進捗かつ特記事項あり、「○」予定通り進捗、「△」進捗あるが遅れ・課題あり、「□」検討中、「×」進捗なし、「◎」完了、「－」中止";
export const EVALUATION_MARKS = ["☆", "○", "△", "□", "×", "◎", "－"];
export const RESULT_CHOICES = ["計画どおり", "計画前倒し", "計画遅れ"];
export const DIRECTION_CHOICES = ["現状継続", "有効性改善", "効率性改善", "財政面改善", "参加と協働改善"];
export const TICK = "✔";
export const INDICATOR_CATEGORIES = ["アウトカム指標", "アウトプット指標", "参考指標"];
export const JUSOTEKI_CATEGORIES = [
  "包括的相談支援事業",
  "参加支援事業",
  "地域づくり事業",
  "アウトリーチ等を通じた継続的支援事業",
  "多機関協働事業",
];
export const PROJECT_TYPES = ["法定事業", "主な事業"];
export const RESULT_LEGEND = `※取組実績(Check)：${RESULT_CHOICES.join("／")}　今後の方向：該当するものに${TICK}（${DIRECTION_CHOICES.join("／")}）`;

// ---- 1 まちづくり指標 ------------------------------------------------------------------------------

/** Header and row cells of the indicator table, from column `col`. */
function indicatorHeader(col: number, remarksSpan = 1): CellIn[] {
  return rowOf(0, col, [
    ["まちづくり指標", "header"],
    ["単位", "header"],
    ["基準値\n（基準年度）", "header"],
    ["実績値\n（{year-2}）", "header"],
    ["実績値\n（{year-1}）", "header"],
    ["目標値\n（目標年度）", "header"],
    ["指標の推移\n（※）", "header"],
    ["達成率", "header"],
    ["考察", "header", remarksSpan > 1 ? { colSpan: remarksSpan } : {}],
  ]);
}
function indicatorRow(col: number, remarksSpan = 1): CellIn[] {
  return rowOf(0, col, [
    [undefined, "text"],
    [undefined, "center"],
    [undefined, "number"],
    [undefined, "number"],
    [undefined, "number"],
    [undefined, "number"],
    [undefined, "center", { list: TREND_MARKS }],
    [undefined, "center", { numberFormat: "0.0%" }],
    [undefined, "text", remarksSpan > 1 ? { colSpan: remarksSpan } : {}],
  ]);
}

const indicatorTable: TemplateDefinitionInput = {
  id: "indicator-table",
  title: { ja: "まちづくり指標（指標の推移・達成率）", en: "Indicator table (trend mark, achievement rate)" },
  description: {
    ja: "施策・事務事業マネジメントシートの「２－２　施策全体の考察②」の指標表。基準値・2年度分の実績値・目標値・指標の推移（◎○▼⇒－）・達成率・考察の列と凡例を挿入します。基準値・目標値は「348（令和3年度）」のように年度を添えて記入します。",
    en: "The indicator table of section 2-2 of the policy management sheet: baseline, two years of actuals, target, trend mark (◎○▼⇒－), achievement rate and comments, with the legend.",
  },
  kind: "indicators",
  parameters: [
    YEAR_PARAM(),
    rowsParam("rows", "指標の数", "Number of indicators", 2),
    {
      key: "heading",
      label: { ja: "見出し", en: "Heading" },
      type: "text",
      default: "２－２　施策全体の考察②（まちづくり指標の推移／考察）",
      maxLength: 200,
    },
  ],
  styles: STYLES,
  layout: {
    columns: [
      { col: 0, width: 30 },
      { col: 1, width: 6 },
      { col: 2, width: 13 },
      { col: 3, width: 12 },
      { col: 4, width: 12 },
      { col: 5, width: 13 },
      { col: 6, width: 10 },
      { col: 7, width: 9 },
      { col: 8, width: 48 },
    ],
    blocks: [
      { id: "heading", cells: [c(0, 0, "{heading}", "section")] },
      { id: "header", cells: indicatorHeader(0) },
      { id: "rows", repeat: "rows", cells: indicatorRow(0) },
      { id: "legend", cells: [c(0, 0, TREND_LEGEND, "legend")] },
    ],
  },
};

/**
 * The 基本計画事業 table (sheet 1 §3): No | 基本計画事業名 | 取組実績(Check) | 主要な取組説明(Do) |
 * 今後の方向 (five tick columns under a two-row header) | 今後の取組の方向(Action). `spans` are the
 * widths in columns of No, name, result, Do, each tick column… (one value for all five), Action.
 */
function programmeHeader(spans: number[]): CellIn[] {
  const [no, name, result, doW, , action] = spans;
  let k = 0;
  const cells: CellIn[] = [];
  const put = (text: string, w: number, extra: Partial<CellIn> = {}) => {
    cells.push(c(0, k, text, "header", { rowSpan: 2, ...(w > 1 ? { colSpan: w } : {}), ...extra }));
    k += w;
  };
  put("No", no);
  put("基本計画事業名", name);
  put("{year-1}取組\n実績(Check)", result);
  put("{year-1}の主要な取組説明(Do)", doW);
  cells.push(c(0, k, "今後の方向", "header", { colSpan: DIRECTION_CHOICES.length }));
  DIRECTION_CHOICES.forEach((d, i) => cells.push(c(1, k + i, d, "header")));
  k += DIRECTION_CHOICES.length;
  put("今後の取組の方向(Action)", action);
  return cells;
}
function programmeRow(spans: number[]): CellIn[] {
  const [no, name, result, doW, , action] = spans;
  let k = 0;
  const cells: CellIn[] = [];
  const put = (style: string, w: number, extra: Partial<CellIn> = {}) => {
    cells.push(c(0, k, undefined, style, { ...(w > 1 ? { colSpan: w } : {}), ...extra }));
    k += w;
  };
  put("center", no);
  put("text", name);
  put("center", result, { list: RESULT_CHOICES });
  put("text", doW);
  DIRECTION_CHOICES.forEach(() => put("center", 1, { list: [TICK] }));
  put("text", action);
  return cells;
}

// ---- 2 基本計画事業 取組実績 ---------------------------------------------------------------------------

const programmeResults: TemplateDefinitionInput = {
  id: "programme-results",
  title: { ja: "基本計画事業の取組実績／今後の方向", en: "Programme results and future direction" },
  description: {
    ja: "マネジメントシート「３　施策を構成する基本計画事業等の取組実績／今後の方向」の表。取組実績(Check)は計画どおり／計画前倒し／計画遅れから選び、今後の方向は５つの選択肢（現状継続・有効性改善・効率性改善・財政面改善・参加と協働改善）の該当するものに✔を付けます。基本計画事業以外の主要な取組実績(Do)と今後の取組の方向(Action)の欄（①②③…）も挿入します。",
    en: "Section 3 of the policy management sheet: results (on plan / ahead / behind), main activities (Do), future direction (tick among five choices) and next actions, plus the ①②③ list of other activities.",
  },
  kind: "programme",
  parameters: [
    YEAR_PARAM(),
    { key: "heading", label: { ja: "施策の方向（見出し）", en: "Heading (policy direction)" }, type: "text", default: "■01-1　（施策の方向）", maxLength: 200 },
    rowsParam("rows", "基本計画事業の数", "Number of programmes", 2),
    rowsParam("otherRows", "基本計画事業以外の取組の数", "Number of other activities", 3, 0, 30),
  ],
  styles: STYLES,
  layout: {
    columns: [
      { col: 0, width: 5 },
      { col: 1, width: 24 },
      { col: 2, width: 12 },
      { col: 3, width: 44 },
      { col: 4, width: 7 },
      { col: 5, width: 7 },
      { col: 6, width: 7 },
      { col: 7, width: 7 },
      { col: 8, width: 8 },
      { col: 9, width: 44 },
    ],
    blocks: [
      { id: "heading", cells: [c(0, 0, "{heading}", "heading")] },
      { id: "header", cells: programmeHeader([1, 1, 1, 1, 1, 1]) },
      { id: "rows", repeat: "rows", cells: programmeRow([1, 1, 1, 1, 1, 1]) },
      { id: "legend", gapAfter: 1, cells: [c(0, 0, RESULT_LEGEND, "legend")] },
      {
        id: "otherHeader",
        cells: [
          c(0, 0, "基本計画事業以外の主要な取組実績(Do)", "header", { colSpan: 4 }),
          c(0, 4, "今後の取組の方向(Action)", "header", { colSpan: 6 }),
        ],
      },
      {
        id: "otherRows",
        repeat: "otherRows",
        cells: [
          c(0, 0, "{n|circled}", "center"),
          c(0, 1, undefined, "text", { colSpan: 3 }),
          c(0, 4, "{n|circled}", "center"),
          c(0, 5, undefined, "text", { colSpan: 5 }),
        ],
      },
    ],
  },
};

// ---- 3 進捗状況一覧表 ------------------------------------------------------------------------------

const progressList: TemplateDefinitionInput = {
  id: "progress-list",
  title: { ja: "進捗状況一覧表", en: "Plan progress table" },
  description: {
    ja: "計画の進捗状況一覧表。基本施策・項目・計画の記載・評価（☆○△□×◎－）・説明(進捗状況)・備考・担当の列と、評価の凡例を挿入します。説明には「出席件数：506件（前年度634件）」のように前年度の数値を添えます。",
    en: "The plan progress table: policy, item, plan text, evaluation (☆○△□×◎－), description of progress, remarks and the sections in charge, with the evaluation legend.",
  },
  kind: "progress",
  parameters: [
    YEAR_PARAM(),
    { key: "planName", label: { ja: "計画名", en: "Plan name" }, type: "text", default: "第６期地域福祉計画", maxLength: 100 },
    rowsParam("rows", "項目の数", "Number of items", 5, 1, 200),
  ],
  styles: STYLES,
  layout: {
    columns: [
      { col: 0, width: 18 },
      { col: 1, width: 5 },
      { col: 2, width: 18 },
      { col: 3, width: 40 },
      { col: 4, width: 6 },
      { col: 5, width: 44 },
      { col: 6, width: 14 },
      { col: 7, width: 12 },
    ],
    blocks: [
      {
        id: "title",
        cells: [c(0, 0, "{planName}進捗状況一覧表", "title", { colSpan: 6 }), c(0, 6, "{year|era}年3月31日現在", "note", { colSpan: 2 })],
      },
      { id: "legend", cells: [c(0, 0, EVALUATION_LEGEND, "legend")] },
      {
        id: "header",
        cells: [
          c(0, 0, "基本施策", "header", { rowSpan: 2 }),
          c(0, 1, "項目", "header", { rowSpan: 2, colSpan: 2 }),
          c(0, 3, "計画の記載", "header", { rowSpan: 2 }),
          c(0, 4, "{year-1|both}", "header", { colSpan: 2 }),
          c(0, 6, "備考\n（特殊要因等）", "header", { rowSpan: 2 }),
          c(0, 7, "担当", "header", { rowSpan: 2 }),
          c(1, 4, "評価", "header"),
          c(1, 5, "説明(進捗状況)", "header"),
        ],
      },
      {
        id: "rows",
        repeat: "rows",
        cells: rowOf(0, 0, [
          [undefined, "text"],
          [undefined, "center"],
          [undefined, "text"],
          [undefined, "text"],
          [undefined, "center", { list: EVALUATION_MARKS }],
          [undefined, "text"],
          [undefined, "text"],
          [undefined, "text"],
        ]),
      },
    ],
  },
};

// ---- 4 評価指標 ------------------------------------------------------------------------------------

const evaluationIndicators: TemplateDefinitionInput = {
  id: "evaluation-indicators",
  title: { ja: "評価指標", en: "Evaluation indicators" },
  description: {
    ja: "計画の評価指標の表。区分（アウトカム指標／アウトプット指標／参考指標）・指標名・現状値・目標に、進行管理用の実績値と達成率の列を加えて挿入します。現状値・目標は「86%（令和7年度）」「上昇（令和13年度）」のように年度を添えて記入します。",
    en: "The evaluation indicators of a plan: category (outcome / output / reference), name, current value and target, plus actual and achievement-rate columns for monitoring.",
  },
  kind: "indicators",
  parameters: [YEAR_PARAM(), rowsParam("rows", "指標の数", "Number of indicators", 3)],
  styles: STYLES,
  layout: {
    columns: [
      { col: 0, width: 16 },
      { col: 1, width: 48 },
      { col: 2, width: 16 },
      { col: 3, width: 16 },
      { col: 4, width: 14 },
      { col: 5, width: 9 },
    ],
    blocks: [
      { id: "title", cells: [c(0, 0, "【評価指標】", "heading")] },
      {
        id: "header",
        cells: rowOf(0, 0, [
          ["区分", "header"],
          ["指標名", "header"],
          ["現状値", "header"],
          ["目標", "header"],
          ["実績値\n（{year-1}）", "header"],
          ["達成率", "header"],
        ]),
      },
      {
        id: "rows",
        repeat: "rows",
        cells: rowOf(0, 0, [
          [undefined, "center", { list: INDICATOR_CATEGORIES }],
          [undefined, "text"],
          [undefined, "number"],
          [undefined, "number"],
          [undefined, "number"],
          [undefined, "center", { numberFormat: "0.0%" }],
        ]),
      },
      { id: "legend", cells: [c(0, 0, `※区分：${INDICATOR_CATEGORIES.join("／")}`, "legend")] },
    ],
  },
};

// ---- 5 事業計画・取組目標 ------------------------------------------------------------------------------

const programmePlan: TemplateDefinitionInput = {
  id: "programme-plan",
  title: { ja: "事業計画・取組目標", en: "Programme plan and targets" },
  description: {
    ja: "具体的な取組内容の1項目：ア 事業内容、イ 期待される効果、ウ 取組目標（①量的目標：項目・目標値・単位・実績値・達成率の表、②質的目標）を挿入します。",
    en: "One activity of a programme plan: what it does, the expected effect, and its targets (quantitative: item, target, unit, actual, rate; qualitative).",
  },
  kind: "indicators",
  parameters: [
    YEAR_PARAM(),
    rowsParam("no", "項目番号", "Item number", 1, 1, 99),
    { key: "name", label: { ja: "取組名", en: "Activity" }, type: "text", default: "（取組名）", maxLength: 200 },
    rowsParam("rows", "量的目標の数", "Number of quantitative targets", 2, 1, 30),
  ],
  styles: STYLES,
  layout: {
    columns: [
      { col: 0, width: 6 },
      { col: 1, width: 40 },
      { col: 2, width: 12 },
      { col: 3, width: 8 },
      { col: 4, width: 12 },
      { col: 5, width: 9 },
    ],
    blocks: [
      {
        id: "head",
        cells: [
          c(0, 0, "({no})　{name}", "heading", { colSpan: 6 }),
          c(1, 0, "ア　事業内容", "label", { colSpan: 6 }),
          c(2, 0, undefined, "text", { colSpan: 6, rowSpan: 3 }),
          c(5, 0, "イ　期待される効果", "label", { colSpan: 6 }),
          c(6, 0, undefined, "text", { colSpan: 6, rowSpan: 3 }),
          c(9, 0, "ウ　取組目標", "label", { colSpan: 6 }),
          c(10, 0, "①量的目標", "heading", { colSpan: 6 }),
          ...rowOf(11, 0, [
            ["項目", "header", { colSpan: 2 }],
            ["目標値\n（{year}）", "header"],
            ["単位", "header"],
            ["実績値\n（{year}）", "header"],
            ["達成率", "header"],
          ]),
        ],
      },
      {
        id: "rows",
        repeat: "rows",
        cells: rowOf(0, 0, [
          [undefined, "text", { colSpan: 2 }],
          [undefined, "number"],
          [undefined, "center"],
          [undefined, "number"],
          [undefined, "center", { numberFormat: "0.0%" }],
        ]),
      },
      {
        id: "qualitative",
        cells: [c(0, 0, "②質的目標", "heading", { colSpan: 6 }), c(1, 0, undefined, "text", { colSpan: 6, rowSpan: 3 })],
      },
    ],
  },
};

// ---- 6 重層的支援体制整備事業 事業一覧 ---------------------------------------------------------------------

const jusotekiProjects: TemplateDefinitionInput = {
  id: "jusoteki-projects",
  title: { ja: "重層的支援体制整備事業 事業一覧・会議体", en: "Multi-layered support system: programme list and meetings" },
  description: {
    ja: "重層的支援体制整備事業の事業一覧（事業区分・法定事業／主な事業・事業名・内容・所管課）と会議体の表（会議名・出席者・開催頻度・会議内容）を挿入します。事業区分は社会福祉法第106条の4第2項の5事業から選びます。",
    en: "The programme list of the multi-layered support system (category, statutory / main, name, content, section in charge) and the meetings table (name, attendees, frequency, content).",
  },
  kind: "projects",
  parameters: [
    { key: "title", label: { ja: "表題", en: "Title" }, type: "text", default: "重層的支援体制整備事業　事業一覧", maxLength: 100 },
    rowsParam("rows", "事業の数", "Number of programmes", 10, 1, 200),
    rowsParam("meetings", "会議体の数", "Number of meetings", 4, 0, 30),
  ],
  styles: STYLES,
  layout: {
    columns: [
      { col: 0, width: 22 },
      { col: 1, width: 14 },
      { col: 2, width: 28 },
      { col: 3, width: 16 },
      { col: 4, width: 40 },
      { col: 5, width: 18 },
    ],
    blocks: [
      { id: "title", cells: [c(0, 0, "{title}", "title")] },
      {
        id: "legend",
        cells: [
          c(
            0,
            0,
            "※事業区分（社会福祉法第106条の4第2項）：包括的相談支援事業（第1号）／参加支援事業（第2号）／地域づくり事業（第3号）／アウトリーチ等を通じた継続的支援事業（第4号）／多機関協働事業（第5号・第6号）　事業名には実施根拠の法令を【介護保険法】のように添える",
            "legend",
          ),
        ],
      },
      {
        id: "header",
        cells: rowOf(0, 0, [
          ["事業区分", "header"],
          ["法定事業／\n主な事業", "header"],
          ["事業名", "header"],
          ["内容", "header", { colSpan: 2 }],
          ["所管課", "header"],
        ]),
      },
      {
        id: "rows",
        repeat: "rows",
        gapAfter: 1,
        cells: rowOf(0, 0, [
          [undefined, "text", { list: JUSOTEKI_CATEGORIES }],
          [undefined, "center", { list: PROJECT_TYPES }],
          [undefined, "text"],
          [undefined, "text", { colSpan: 2 }],
          [undefined, "text"],
        ]),
      },
      { id: "meetingsTitle", cells: [c(0, 0, "会議体", "heading")] },
      {
        id: "meetingsHeader",
        cells: rowOf(0, 0, [
          ["会議名", "header"],
          ["出席者", "header", { colSpan: 2 }],
          ["開催頻度", "header"],
          ["会議内容", "header", { colSpan: 2 }],
        ]),
      },
      {
        id: "meetings",
        repeat: "meetings",
        cells: rowOf(0, 0, [
          [undefined, "text"],
          [undefined, "text", { colSpan: 2 }],
          [undefined, "text"],
          [undefined, "text", { colSpan: 2 }],
        ]),
      },
    ],
  },
};

// ---- 7 施策・事務事業マネジメントシート（シート全体） ---------------------------------------------------------

/**
 * Columns of the whole sheet (A–O): the indicator table uses B 指標 | C 単位 | D 基準値 | E, F 実績値 |
 * G 目標値 | H 推移 | I 達成率 | J–N 考察; the programme table A No | B 事業名 | C–D 取組実績 |
 * E–I 取組説明(Do) | J–N 今後の方向 (five ticks) | O 今後の取組の方向(Action).
 */
const managementSheet: TemplateDefinitionInput = {
  id: "management-sheet",
  title: { ja: "施策・事務事業マネジメントシート（シート全体）", en: "Policy management sheet (whole sheet)" },
  description: {
    ja: "施策・事務事業マネジメントシート1枚分を新しいシートとして挿入します：１ 施策の基本情報(Plan)、２－１ 施策全体の考察①、２－２ まちづくり指標（凡例・達成率つき）、３ 基本計画事業等の取組実績／今後の方向、４ ４つの視点、５ 後期基本計画期間に向けた検討。",
    en: "A whole policy management sheet as a new sheet: 1 basic information (Plan), 2-1 review, 2-2 indicators (with legend and rate), 3 programme results and direction, 4 the four viewpoints, 5 review towards the next plan period.",
  },
  kind: "sheet",
  sheetName: "マネジメントシート{year|era}",
  parameters: [
    YEAR_PARAM(),
    { key: "policyName", label: { ja: "施策名", en: "Policy" }, type: "text", default: "", maxLength: 200 },
    rowsParam("indicatorRows", "まちづくり指標の数", "Number of indicators", 2, 1, 30),
    { key: "programmeHeading", label: { ja: "施策の方向（３の見出し）", en: "Policy direction (heading of 3)" }, type: "text", default: "■01-1　（施策の方向）", maxLength: 200 },
    rowsParam("programmeRows", "基本計画事業の数", "Number of programmes", 2, 1, 30),
    rowsParam("otherRows", "基本計画事業以外の取組の数", "Number of other activities", 3, 0, 30),
    { key: "laterPeriod", label: { ja: "後期基本計画期間", en: "Next plan period" }, type: "text", default: "令和９年度～令和１２年度", maxLength: 60 },
  ],
  styles: STYLES,
  layout: {
    columns: [
      { col: 0, width: 5 },
      { col: 1, width: 28 },
      { col: 2, width: 6 },
      { col: 3, width: 13 },
      { col: 4, width: 12 },
      { col: 5, width: 12 },
      { col: 6, width: 13 },
      { col: 7, width: 10 },
      { col: 8, width: 9 },
      { col: 9, width: 8 },
      { col: 10, width: 8 },
      { col: 11, width: 8 },
      { col: 12, width: 8 },
      { col: 13, width: 9 },
      { col: 14, width: 44 },
    ],
    blocks: [
      { id: "title", gapAfter: 1, cells: [c(0, 0, "施策・事務事業マネジメントシート【{year}】", "title", { colSpan: 15 })] },
      // 1 施策の基本情報
      { id: "s1", cells: [c(0, 0, "１　施策の基本情報(Plan)", "section", { colSpan: 15 })] },
      {
        id: "s1body",
        gapAfter: 1,
        cells: [
          c(0, 0, "施策名", "label", { colSpan: 2 }),
          c(0, 2, "{policyName}", "text", { colSpan: 13 }),
          c(1, 0, "目的", "label", { rowSpan: 2 }),
          c(1, 1, "対象", "label"),
          c(1, 2, undefined, "text", { colSpan: 13 }),
          c(2, 1, "意図", "label"),
          c(2, 2, undefined, "text", { colSpan: 13 }),
          c(3, 0, "施策の方向", "label", { colSpan: 2, rowSpan: 3 }),
          c(3, 2, undefined, "text", { colSpan: 13, rowSpan: 3 }),
          c(6, 0, "【施策と関連するＳＤＧｓの目標（ゴール）】", "label", { colSpan: 2 }),
          c(6, 2, undefined, "text", { colSpan: 13 }),
        ],
      },
      // 2-1
      { id: "s21", cells: [c(0, 0, "２－１　施策全体の考察①（施策の目的，方向に対する考察）", "section", { colSpan: 15 })] },
      {
        id: "s21body",
        gapAfter: 1,
        cells: [
          c(0, 0, "施策の目的，方向に対する考察（Check・Action）", "label", { colSpan: 2, rowSpan: 4 }),
          c(0, 2, undefined, "text", { colSpan: 13, rowSpan: 4 }),
          c(4, 0, "今後の方向", "label", { colSpan: 2, rowSpan: 3 }),
          c(4, 2, undefined, "text", { colSpan: 13, rowSpan: 3 }),
        ],
      },
      // 2-2 指標表（B〜J列）
      { id: "s22", cells: [c(0, 0, "２－２　施策全体の考察②（まちづくり指標の推移／考察）", "section", { colSpan: 15 })] },
      { id: "indicatorHeader", cells: indicatorHeader(1, 5) },
      { id: "indicatorRows", repeat: "indicatorRows", cells: indicatorRow(1, 5) },
      { id: "indicatorLegend", gapAfter: 1, cells: [c(0, 1, TREND_LEGEND, "legend")] },
      // 3 基本計画事業等の取組実績／今後の方向
      { id: "s3", cells: [c(0, 0, "３　施策を構成する基本計画事業等の取組実績／今後の方向", "section", { colSpan: 15 })] },
      { id: "programmeHeading", cells: [c(0, 0, "{programmeHeading}", "heading", { colSpan: 15 })] },
      { id: "programmeHeader", cells: programmeHeader([1, 1, 2, 5, 1, 1]) },
      { id: "programmeRows", repeat: "programmeRows", cells: programmeRow([1, 1, 2, 5, 1, 1]) },
      { id: "programmeLegend", gapAfter: 1, cells: [c(0, 0, RESULT_LEGEND, "legend")] },
      {
        id: "otherHeader",
        cells: [
          c(0, 0, "基本計画事業以外の主要な取組実績(Do)", "header", { colSpan: 9 }),
          c(0, 9, "今後の取組の方向(Action)", "header", { colSpan: 6 }),
        ],
      },
      {
        id: "otherRows",
        repeat: "otherRows",
        gapAfter: 1,
        cells: [
          c(0, 0, "{n|circled}", "center"),
          c(0, 1, undefined, "text", { colSpan: 8 }),
          c(0, 9, "{n|circled}", "center"),
          c(0, 10, undefined, "text", { colSpan: 5 }),
        ],
      },
      // 4 ４つの視点
      {
        id: "s4",
        cells: [c(0, 0, "４　施策の推進，成果向上の視点（４つの視点）を踏まえた{year-1}の取組実績及び{year}以降の具体的な取組", "section", { colSpan: 15 })],
      },
      {
        id: "s4body",
        gapAfter: 1,
        cells: [
          c(0, 0, "脱炭素社会の実現", "header", { colSpan: 7 }),
          c(0, 7, "フェーズフリー", "header", { colSpan: 8 }),
          c(1, 0, undefined, "text", { colSpan: 7, rowSpan: 4 }),
          c(1, 7, undefined, "text", { colSpan: 8, rowSpan: 4 }),
          c(5, 0, "デジタル技術の活用", "header", { colSpan: 7 }),
          c(5, 7, "共創のまちづくり", "header", { colSpan: 8 }),
          c(6, 0, undefined, "text", { colSpan: 7, rowSpan: 4 }),
          c(6, 7, undefined, "text", { colSpan: 8, rowSpan: 4 }),
        ],
      },
      // 5 後期基本計画期間に向けた検討
      { id: "s5", cells: [c(0, 0, "５　後期基本計画期間（{laterPeriod}）における施策の方向整理に向けた検討", "section", { colSpan: 15 })] },
      { id: "s5body", cells: [c(0, 0, undefined, "text", { colSpan: 15, rowSpan: 5 })] },
    ],
  },
};

/** The built-in catalogue, in the order shown to users. */
export const BUILTIN_TEMPLATES: TemplateDefinitionInput[] = [
  indicatorTable,
  programmeResults,
  progressList,
  evaluationIndicators,
  programmePlan,
  jusotekiProjects,
  managementSheet,
];
