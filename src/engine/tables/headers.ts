/**
 * Header words → column roles. Synonyms come from the seeds (DOMAIN.md); order matters: the more
 * specific wording is tried first (指標の推移 before 指標, 取組実績 before 実績).
 */
import { compactText, findYear, normalizeText } from "../cell/read";
import { memoByText } from "../cell/memo";

export type Role =
  // indicator tables
  | "name"
  | "unit"
  | "baseline"
  | "actual"
  | "target"
  | "trend"
  | "rate"
  | "pace"
  | "category"
  | "direction"
  | "baselineYear"
  | "targetYear"
  | "remarks"
  /** A column headed by a year alone (`令和4年度`, `令和3年度（基準）`): its meaning comes from the row label. */
  | "year"
  /** A forecast column (`令和7年度見込`): neither this year's actual nor a target. */
  | "forecast"
  // progress tables
  | "policy"
  | "item"
  | "plan"
  | "evaluation"
  | "description"
  | "note"
  | "owner"
  // programme tables
  | "no"
  | "project"
  | "result"
  | "do"
  | "future"
  | "action"
  // project list / meetings
  | "content"
  | "meeting"
  | "attendees"
  | "frequency"
  | "agenda";

/** The closed vocabularies of the 基本計画事業 table (sheet 1 §3). */
export const RESULT_WORDS = ["計画どおり", "計画前倒し", "計画遅れ"] as const;
export const FUTURE_WORDS = ["現状継続", "有効性改善", "効率性改善", "財政面改善", "参加と協働改善"] as const;

export const RULES: [RegExp, Role][] = [
  [/指標の推移|^推移|推移\(/, "trend"],
  [/達成率|達成度|進捗率/, "rate"],
  [/^達成状況|^達成区分|^達成評価/, "evaluation"],
  // a forecast (見込) is no actual: not read as this year's value
  [/見込/, "forecast"],
  [/期待値.*(評価|区分|ランク|判定)|進捗評価|ペース/, "pace"],
  [/^単位/, "unit"],
  [/取組実績/, "result"],
  [/今後の取組の方向|今後の取組方針/, "action"],
  [/^今後の方向/, "future"],
  [/主要な取組説明|取組説明|主な取組内容/, "do"],
  [/基本計画事業名|^事業名|^事業$/, "project"],
  [/^(基準|現状値?の?)年度?$|^基準年度\(?|^策定年度$/, "baselineYear"],
  [/^目標年度?$|^目標年度\(|^達成年度$/, "targetYear"],
  [/基準値|現状値|策定時|^基準|^現状$/, "baseline"],
  [/目標値|^目標$|^目標\(|^目標(FY|\d|令和|平成|R\d)|数値目標|目標数値|^計画値|最終目標|^目標水準/i, "target"],
  [/実績/, "actual"],
  [/指標名|まちづくり指標|^指標$|^指標\(|成果指標|評価指標|活動指標|量的目標|目標項目|^指標項目|^KPI/i, "name"],
  [/^区分/, "category"],
  [/^方向$|目指す方向|指標の方向|望ましい方向|^方向性$/, "direction"],
  [/基本施策|^施策$/, "policy"],
  [/^項目|^取組項目/, "item"],
  [/計画の記載|計画内容|計画の内容/, "plan"],
  [/^評価/, "evaluation"],
  [/説明|進捗状況/, "description"],
  [/備考|特殊要因/, "note"],
  [/^担当|所管/, "owner"],
  [/^No\.?$|^番号$|^NO$/i, "no"],
  [/考察|コメント/, "remarks"],
  [/^内容|^事業内容|^概要/, "content"],
  [/会議名|会議体/, "meeting"],
  [/出席者|構成員|参加者/, "attendees"],
  [/開催頻度|頻度/, "frequency"],
  [/会議内容|議題/, "agenda"],
];

/**
 * All the rules' patterns in one (case-insensitive: it may match more, never less): most texts a
 * sheet holds (names, values, sentences) match none, and are passed over with one test.
 */
const ANY_RULE = new RegExp(RULES.map(([re]) => `(?:${re.source})`).join("|"), "i");

/** True when the text is only a year (with brackets), e.g. `（令和5年度）`, `令和5年度実績`. */
export function isYearOnly(text: string): boolean {
  const y = yearHeader(text);
  return y !== null && (y.tag === null || y.tag === "actual");
}

/** What a year header says besides its year: `令和3年度（基準）` → baseline, `令和8年度（目標）` → target. */
export type YearTag = "baseline" | "target" | "actual" | "forecast" | null;

/**
 * A header that is a year with at most a tag word: `令和4年度`, `R5`, `令和3年度（基準）`,
 * `令和8年度(目標)`, `2024年度実績`. Null when the text is something else.
 */
// headers and row texts repeat on every sheet: short texts' answers are kept (frozen: shared)
export const yearHeader: (text: string) => Readonly<{ year: number; tag: YearTag }> | null = memoByText((text) => {
  const y = yearHeaderUncached(text);
  return y && Object.freeze(y);
});

function yearHeaderUncached(text: string): { year: number; tag: YearTag } | null {
  const s = normalizeText(text).replace(/\s+/g, "");
  if (s.length > 24) return null;
  const y = findYear(s);
  if (!y) return null;
  const rest = (s.slice(0, y.index) + s.slice(y.index + y.length)).replace(/[()（）[\]［］〈〉<>・、]/g, "");
  if (rest === "" || rest === "時点" || rest === "末") return { year: y.year, tag: null };
  if (/^(基準|基準値|基準年度?|策定時|現状|現状値)$/.test(rest)) return { year: y.year, tag: "baseline" };
  if (/^(目標|目標値|目標年度?|最終目標|最終目標値)$/.test(rest)) return { year: y.year, tag: "target" };
  if (/^(実績|実績値)$/.test(rest)) return { year: y.year, tag: "actual" };
  if (/^(見込|見込み|見込値|実績見込み?)$/.test(rest)) return { year: y.year, tag: "forecast" };
  return null;
}

/** The role a row label gives the cells of its row (区分 = 目標値 / 実績値 / 達成率 …). */
export type RowLabelRole = "target" | "actual" | "rate" | "baseline" | "evaluation";

/** `目標値`, `目標`, `計画値` → target; `実績値`, `実績` → actual; `達成率`, `達成度` → rate; `評価` → evaluation. */
export function rowLabel(text: string): RowLabelRole | null {
  if (!text || text.length > 20) return null;
  const s = compactText(text).replace(/[()（）[\]［］:：]/g, "").replace(/[%％]$/, "");
  if (/^(目標値?|計画値?|目標数値|数値目標|年度目標値?)$/.test(s)) return "target";
  if (/^(実績値?|実績数値)$/.test(s)) return "actual";
  if (/^(達成率|達成度|進捗率|達成状況)$/.test(s)) return "rate";
  if (/^(基準値?|現状値?)$/.test(s)) return "baseline";
  if (/^(評価|判定|達成区分)$/.test(s)) return "evaluation";
  return null;
}

// no header word is longer than 80 characters (classifyUncached): longer texts are not kept
export const classifyHeader: (text: string) => Role | null = memoByText(classifyUncached, 80);

function classifyUncached(text: string): Role | null {
  if (text.length > 80) return null;
  const s = compactText(text).replace(/^※|※$/g, "").replace(/\(※\)|（※）/g, "");
  if (!s || s.length > 40) return null;
  // a year first (`令和4年度`, `令和3年度（基準）`): a year column; `実績値（令和6年度）` is an actual column
  if (yearHeader(s) && /^[(（[［]?\s*(令和|平成|昭和|[RHS]\s*[\d元]|(19|20)\d\d|FY)/i.test(s)) return yearHeader(s)!.tag === "forecast" ? "forecast" : "year";
  if (!ANY_RULE.test(s)) return null;
  for (const [re, role] of RULES) if (re.test(s)) return role;
  return null;
}

/** Is this header word one of the tick sub-columns (計画どおり …, 現状継続 …)? */
export function tickWord(text: string): string | null {
  // the words have at most 7 characters and NFKC at most halves a text: a longer text is none of them
  if (text.length > 14 && text.replace(/\s+/g, "").length > 14) return null;
  const s = compactText(text);
  return TICK_WORDS.has(s) ? s : null;
}

const TICK_WORDS = new Set<string>([...RESULT_WORDS, ...FUTURE_WORDS]);
