/**
 * Table recognition: find the tables of a sheet from their headers, wherever they start, with
 * headers merged or split over two rows, line breaks inside header cells, and repeated page
 * headers, legend rows and page titles in the middle (a printed table repeats them).
 */
import { cellText, compactText, normalizeText, readValueCell } from "../cell/read";
import { eachLongText, getCell, mergeAt, rangeToA1, rowHasMerge, toA1 } from "../model/grid";
import type { CellValue, RangeRef, SheetSnapshot } from "../model/snapshot";
import type { TableKind } from "../model/findings";
import { classifyHeader, isYearOnly, rowLabel, tickWord, yearHeader, type Role, type YearTag } from "./headers";
import { findYear } from "../cell/read";
import { memoByText } from "../cell/memo";

export interface ColumnInfo {
  col: number;
  role: Role;
  /** Header text (both header rows, joined by " / "). */
  header: string;
  /** A year named in the header (`実績値（令和6年度）` → 2024). */
  year: number | null;
  /** For tick sub-columns (計画どおり …, 現状継続 …): the word. */
  tick: string | null;
  /** For a year column: what its header says besides the year (`令和3年度（基準）` → baseline). */
  yearTag?: YearTag;
}

/** One data record: one row, or several rows when the key cell is merged down over them. */
export interface TableRecord {
  /** 0-based first row. */
  row: number;
  /** 0-based last row. */
  lastRow: number;
  /** Section heading in force (基本施策 of a progress table, ■ block of a programme table). */
  section: string | null;
}

export interface RecognizedTable {
  kind: TableKind;
  sheet: string;
  headerTop: number;
  headerBottom: number;
  range: RangeRef;
  columns: ColumnInfo[];
  records: TableRecord[];
  /**
   * How records are laid out: one row per record ("row"), or several rows per indicator labelled
   * 目標値 / 実績値 / 達成率 in a label column, years across ("row-group").
   */
  shape: "row" | "row-group";
  /** The column of the row labels (区分) of a row-group table. */
  labelCol: number | null;
}

export interface LegendInfo {
  type: "trend" | "evaluation";
  marks: string[];
  cell: string;
  text: string;
}

/** The text a header cell shows: a merged area shows its top-left text in every cell it covers. */
function effectiveValue(sheet: SheetSnapshot, row: number, col: number): CellValue {
  const m = mergeAt(sheet, row, col);
  if (m) return getCell(sheet, m.top, m.left);
  return getCell(sheet, row, col);
}

function effectiveText(sheet: SheetSnapshot, row: number, col: number): string {
  return cellText(effectiveValue(sheet, row, col)).trim();
}

/**
 * A cell of a record: the value of the cell, or of the merged area it lies in, or — when the record
 * spans several rows and the cells are not merged — the non-empty values of those rows joined by a
 * line break (a value and its year written on two rows).
 */
export function recordValue(
  sheet: SheetSnapshot,
  rec: TableRecord,
  col: number,
): { value: CellValue; row: number; col: number; own: boolean } {
  const m = mergeAt(sheet, rec.row, col);
  // `own`: the cell belongs to this record and this column alone (not a merged area that starts in
  // another column or reaches into another record), so it may be written for this record
  if (m) return { value: getCell(sheet, m.top, m.left), row: m.top, col: m.left, own: m.left === col && m.top >= rec.row && m.bottom <= rec.lastRow };
  if (rec.lastRow === rec.row) return { value: getCell(sheet, rec.row, col), row: rec.row, col, own: true };
  const parts: { v: CellValue; r: number }[] = [];
  for (let r = rec.row; r <= rec.lastRow; r++) {
    const mm = mergeAt(sheet, r, col);
    if (mm && mm.top !== r) continue;
    const v = getCell(sheet, r, col);
    if (v !== null && v !== "") parts.push({ v, r });
  }
  if (parts.length === 0) return { value: null, row: rec.row, col, own: true };
  if (parts.length === 1) return { value: parts[0].v, row: parts[0].r, col, own: true };
  return { value: parts.map((p) => cellText(p.v)).join("\n"), row: parts[0].r, col, own: false };
}

interface HeaderCandidate {
  kind: TableKind;
  depth: 1 | 2;
  columns: ColumnInfo[];
  texts: Map<number, string[]>;
  /** Every classified column of the row, before settling (for splitting side-by-side tables). */
  raw: ColumnInfo[];
}

function kindOf(roles: Set<Role>): TableKind | null {
  if (roles.has("evaluation") && (roles.has("description") || roles.has("plan")) && (roles.has("item") || roles.has("policy")))
    return "progress";
  if (roles.has("project") && (roles.has("result") || roles.has("future"))) return "programme";
  if ((roles.has("name") || roles.has("item")) && (roles.has("actual") || roles.has("target"))) return "indicators";
  if (roles.has("name") && (roles.has("year") || roles.has("trend") || roles.has("rate"))) return "indicators";
  if (roles.has("meeting") && (roles.has("frequency") || roles.has("agenda") || roles.has("attendees"))) return "meetings";
  if (roles.has("project") && roles.has("content") && roles.has("owner")) return "projects";
  return null;
}

function buildHeader(sheet: SheetSnapshot, r: number, depth: 1 | 2): HeaderCandidate | null {
  const columns: ColumnInfo[] = [];
  const texts = new Map<number, string[]>();
  const roles = new Set<Role>();
  const own = new Set<number>(); // header cells of row r itself, by top-left corner (row × 16384 + column)
  for (let c = 0; c < sheet.colCount; c++) {
    const p1 = effectiveText(sheet, r, c);
    if (p1 && classifyHeader(p1)) {
      const m = mergeAt(sheet, r, c);
      own.add(m ? m.top * 16384 + m.left : r * 16384 + c);
    }
    let p2 = depth === 2 ? effectiveText(sheet, r + 1, c) : "";
    if (p2 === p1) p2 = "";
    if (!p1 && !p2) continue;
    const parts = p1 && p2 ? [p1, p2] : [p1 || p2];
    texts.set(c, parts);
    let role: Role | null = null;
    let tick: string | null = null;
    if (!p1 && p2 && yearHeader(p2) && !mergeAt(sheet, r, c)) {
      // an unmerged header continued to the right: `実績値` | (empty) over `（令和5年度）` | `（令和6年度）`
      const left = continuedHeader(sheet, r, c);
      if (left) {
        const lrole = classifyHeader(left);
        if (lrole === "actual" || lrole === "target" || lrole === "rate" || lrole === "baseline") {
          const y = yearHeader(p2)!;
          columns.push({ col: c, role: lrole, header: `${left} / ${p2}`, year: y.year, tick: null });
          roles.add(lrole);
          continue;
        }
      }
    }
    if (p2 && !isYearOnly(p2)) {
      tick = tickWord(p2);
      if (tick) {
        role = classifyHeader(p1);
        if (role !== "result" && role !== "future") role = (["計画どおり", "計画前倒し", "計画遅れ"].includes(tick) ? "result" : "future");
      } else role = classifyHeader(p2) ?? classifyHeader(p1);
    } else role = classifyHeader(p1);
    // years under a generic parent (`年度` merged or typed over 令和4 / 令和5 / 令和6): year columns
    if (!role && p2 && yearHeader(p2) && (!p1 || /^(年度|年次|各年度|年度別|実施年度|推移)$/.test(compactText(p1)))) role = classifyHeader(p2);
    if (!role) continue;
    const y = yearIn(p2) ?? yearIn(p1);
    const info: ColumnInfo = { col: c, role, header: parts.join(" / "), year: y, tick };
    if (role === "year") info.yearTag = (yearHeader(p2 || p1) ?? yearHeader(p1))?.tag ?? null;
    columns.push(info);
    roles.add(role);
  }
  // the first header row must name at least two columns itself (a title above a table does not)
  if (columns.length < 2 || own.size < 2) return null;
  const kind = kindOf(roles);
  if (!kind) return null;
  return { kind, depth, columns: settleColumns(kind, columns), texts, raw: columns };
}

/**
 * The header text of the nearest non-empty header cell to the left of column c in row r, when every
 * cell in between is empty and unmerged (a header typed without merging it over its sub-columns).
 */
function continuedHeader(sheet: SheetSnapshot, r: number, c: number): string | null {
  for (let k = c - 1; k >= 0 && k >= c - 12; k--) {
    if (mergeAt(sheet, r, k)) {
      const m = mergeAt(sheet, r, k)!;
      const t = cellText(getCell(sheet, m.top, m.left)).trim();
      return t || null;
    }
    const t = cellText(getCell(sheet, r, k)).trim();
    if (!t) {
      const below = cellText(getCell(sheet, r + 1, k)).trim();
      if (!below || !yearHeader(below)) return null;
      continue;
    }
    const below = cellText(getCell(sheet, r + 1, k)).trim();
    // the parent must itself stand over a year (`実績値` over `（令和5年度）`)
    if (below && !yearHeader(below)) return null;
    return t;
  }
  return null;
}

/** Keep the roles that belong to the kind; the first column wins for single-valued roles. */
function settleColumns(kind: TableKind, columns: ColumnInfo[]): ColumnInfo[] {
  const multi = new Set<Role>(["actual", "result", "future", "remarks", "note", "owner", "year", "target", "rate", "baseline", "forecast"]);
  const seen = new Set<Role>();
  const out: ColumnInfo[] = [];
  // 基準値 (策定時) and 現状値 side by side, no 実績 column (a 総合戦略's KPI table): 現状値 is this year's value
  const baselines = columns.filter((c) => c.role === "baseline");
  const now = baselines.filter((c) => /^現状/.test(compactText(c.header)));
  const nowIsActual = kind === "indicators" && now.length > 0 && now.length < baselines.length && !columns.some((c) => c.role === "actual");
  for (const c of columns) {
    let role = c.role;
    if (nowIsActual && now.includes(c)) role = "actual";
    if (kind === "indicators" && role === "item") role = "name";
    if (kind === "indicators" && (role === "description" || role === "note")) role = "remarks";
    if (!multi.has(role) && seen.has(role)) continue;
    seen.add(role);
    out.push({ ...c, role });
  }
  return out;
}

function looksLikeData(sheet: SheetSnapshot, r: number, cand: HeaderCandidate): boolean {
  // sub-header cells are short words; a record has long texts or numbers somewhere (in the table)
  const cols = cand.columns.map((x) => x.col);
  const lo = Math.min(...cols);
  const hi = Math.max(...cols);
  // one row label (目標値) in a column of its own: the first row of a record of several rows, not a
  // sub-header (a sub-header row of kinds names two or more: 目標 | 実績 | 目標 | 実績)
  let labels = 0;
  for (let c = lo; c <= hi; c++) {
    const v = getCell(sheet, r, c);
    if (typeof v === "string" && rowLabel(v)) labels++;
  }
  if (labels === 1) {
    const cat = cand.columns.find((x) => x.role === "category");
    for (let c = lo; c <= hi; c++) {
      const v = getCell(sheet, r, c);
      if (typeof v !== "string" || !rowLabel(v)) continue;
      const above = effectiveText(sheet, r - 1, c);
      if ((cat && cat.col === c) || !above || /^区分|^項目|^種別/.test(compactText(above))) return true;
    }
  }
  for (const c of cand.texts.keys()) {
    if (c < lo || c > hi) continue;
    const v = getCell(sheet, r, c);
    if (typeof v === "number") return true;
    if (typeof v === "string" && (v.length > 40 || /^\s*\d+\s*$/.test(v))) return true;
  }
  for (const c of cand.columns) {
    if (["baseline", "actual", "target", "rate"].includes(c.role)) {
      const v = getCell(sheet, r, c.col);
      if (typeof v === "number") return true;
      const rd = readValueCell(v);
      if (rd.kind === "number" && !isYearOnly(rd.text)) return true;
    }
  }
  return false;
}

/** How many distinct cells of the row (a merged area counts once) read as header words. */
function ownHeaderCells(sheet: SheetSnapshot, r: number): number {
  // a cell is known by its top-left corner (row × 16384 + column: Excel has 16,384 columns)
  let first = -1;
  for (let c = 0; c < sheet.colCount; c++) {
    const m = mergeAt(sheet, r, c);
    const v = m ? getCell(sheet, m.top, m.left) : getCell(sheet, r, c);
    if (typeof v !== "string" || v.length > 80 || !classifyHeader(v)) continue;
    const cell = m ? m.top * 16384 + m.left : r * 16384 + c;
    if (first < 0) first = cell;
    else if (cell !== first) return 2;
  }
  return first < 0 ? 0 : 1;
}

const headerMemo = new WeakMap<SheetSnapshot, Map<number, HeaderCandidate[]>>();

/** The first header starting at row r, if any. */
function detectHeader(sheet: SheetSnapshot, r: number): HeaderCandidate | null {
  return detectHeaders(sheet, r)[0] ?? null;
}

/**
 * The headers starting at row r, left to right: tables placed side by side (a column with no header
 * text between them) are separate tables. Memoized per sheet snapshot (snapshots are not mutated).
 */
function detectHeaders(sheet: SheetSnapshot, r: number): HeaderCandidate[] {
  let memo = headerMemo.get(sheet);
  if (!memo) headerMemo.set(sheet, (memo = new Map()));
  let hs = memo.get(r);
  if (hs === undefined) {
    const h = detectHeaderUncached(sheet, r);
    hs = h ? splitSideBySide(h) : [];
    memo.set(r, hs);
  }
  return hs;
}

/**
 * Split a header row at the columns without header text when the parts on both sides are tables of
 * their own; a part that is no table alone (a blank column inside one table) stays with its left part.
 */
function splitSideBySide(h: HeaderCandidate): HeaderCandidate[] {
  const cols = [...h.texts.keys()].sort((a, b) => a - b);
  const segments: number[][] = [];
  for (const c of cols) {
    const last = segments[segments.length - 1];
    if (last && c === last[last.length - 1] + 1) last.push(c);
    else segments.push([c]);
  }
  if (segments.length < 2) return [h];
  const kindOfCols = (cs: number[]) => {
    const set = new Set(cs);
    return kindOf(new Set(h.raw.filter((x) => set.has(x.col)).map((x) => x.role)));
  };
  const groups: number[][] = [];
  for (const seg of segments) {
    const last = groups[groups.length - 1];
    // a form label standing apart to the left (事業名 in A, the table from M) is no part of the table
    if (last && !kindOfCols(last) && kindOfCols(seg) && seg[0] - last[last.length - 1] > 2) groups[groups.length - 1] = [...seg];
    else if (last && !(kindOfCols(last) && kindOfCols(seg))) last.push(...seg);
    else groups.push([...seg]);
  }
  if (groups.length < 2 && groups[0].length === cols.length) return [h];
  const out: HeaderCandidate[] = [];
  for (const g of groups) {
    const kind = kindOfCols(g);
    if (!kind) continue;
    const set = new Set(g);
    const texts = new Map([...h.texts].filter(([c]) => set.has(c)));
    const raw = h.raw.filter((x) => set.has(x.col));
    out.push({ kind, depth: h.depth, columns: settleColumns(kind, raw), texts, raw });
  }
  return out.length ? out : [h];
}

/** A row holding two or more numbers is a record, not a header (活動指標 | 相談件数 | 目標値 | 400 | 420). */
function rowHasNumbers(sheet: SheetSnapshot, r: number, lo = 0, hi = Infinity): boolean {
  const row = sheet.values[r];
  if (!row) return false;
  let n = 0;
  for (let c = lo; c <= Math.min(hi, row.length - 1); c++) {
    const v = row[c];
    if (typeof v === "number") n++;
    else if (typeof v === "string" && v.length <= 20 && /^\s*[+\-−△▲]?[\d０-９][\d０-９,，.．]*\s*$/.test(v)) n++;
    if (n >= 2) return true;
  }
  return false;
}

function detectHeaderUncached(sheet: SheetSnapshot, r: number): HeaderCandidate | null {
  if (ownHeaderCells(sheet, r) < 2) return null;
  const one = buildHeader(sheet, r, 1);
  const two = r + 1 < sheet.rowCount ? buildHeader(sheet, r, 2) : null;
  if (two && !looksLikeData(sheet, r + 1, two)) {
    const subRowHasHeaderWords = [...two.texts.values()].some((t) => t.length === 2);
    const ticks = two.columns.some((c) => c.tick);
    const years = two.columns.some((c) => c.year !== null) && (!one || two.columns.filter((c) => c.year !== null).length > one.columns.filter((c) => c.year !== null).length);
    if (!one || ticks || years || (subRowHasHeaderWords && two.columns.length > one.columns.length)) return numbersWithin(two) ? null : two;
  }
  return one && numbersWithin(one) ? null : one;

  /** Numbers among the header's own columns: a record (活動指標 | 相談件数 | 目標値 | 400 | 420), not a header. */
  function numbersWithin(h: HeaderCandidate): boolean {
    // the header's columns and the cells it runs through (texts: every non-empty cell of its rows)
    const cols = h.columns.map((c) => c.col);
    let lo = Math.min(...cols);
    let hi = Math.max(...cols);
    while (h.texts.has(hi + 1)) hi++;
    while (h.texts.has(lo - 1)) lo--;
    return rowHasNumbers(sheet, r, lo, hi);
  }
}

function rowIsBlank(sheet: SheetSnapshot, r: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    const v = getCell(sheet, r, c);
    if (v !== null && v !== "") return false;
    const m = mergeAt(sheet, r, c);
    if (m && m.top === r && m.left === c) continue;
  }
  return true;
}

/** Is this row a legend line (※ ◎：目標達成 …, ※評価：「☆」…)? */
export function legendOf(text: string): LegendInfo["type"] | null {
  // a long text (考察) without a legend's characters is none: no look-up, nothing kept
  if (text.length > 48 && !mayBeLegend(text)) return null;
  return legendKept(text);
}

/** The same texts are asked about many times while a sheet is read (every row test looks for legends); legends repeat on every sheet, long ones too. */
const legendKept = memoByText(legendOfUncached, Infinity);

/**
 * Every character whose normalized form holds ※, 凡, a colon or 「 (NFKC maps ：﹕︓⩴ to ":" and ｢﹁
 * to "「"; a test checks the list against every code point). A text without any of them is no
 * legend, whatever normalizeText makes of it: long texts (考察) are passed over without normalizing.
 */
export const LEGEND_HINT = /[※凡:\u2A74\uFE13\uFE55\uFF1A「\uFE41\uFF62]/;
/** A legend led by ※ or 凡例, or with a 「mark」: characters normalizing to ※, 凡 or 「. */
export const LEGEND_LEAD = /[※凡「\uFE41\uFF62]/;
/** The marks a `mark：meaning` legend lists, and what normalizes to them (￮ → ○). */
export const LEGEND_MARK = /[◎○▼⇒☆△□×\uFFEE]/;

/** Could the text be a legend? (No: it is none, whatever normalizeText makes of it.) */
function mayBeLegend(text: string): boolean {
  return LEGEND_LEAD.test(text) || (LEGEND_MARK.test(text) && LEGEND_HINT.test(text));
}

function legendOfUncached(text: string): LegendInfo["type"] | null {
  if (!mayBeLegend(text)) return null;
  const s = normalizeText(text);
  if (!/^※|凡例/.test(s) && !/[◎○▼⇒☆△□×][:：]|「[☆○△□×◎\-－]」/.test(s)) return null;
  if (/「[☆○△□×◎－\-]」/.test(s) && /予定通り|完了|中止|進捗/.test(s)) return "evaluation";
  if (/目標達成|目標値を未達成|未達成|数値未把握/.test(s)) return "trend";
  return null;
}

function rowIsLegend(sheet: SheetSnapshot, r: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    const t = cellText(getCell(sheet, r, c));
    if (t && (legendOf(t) || /^\s*※/.test(normalizeText(t)))) return true;
  }
  return false;
}

/** Per header (headers are memoized per sheet): which rows repeat it. */
const repeatMemo = new WeakMap<HeaderCandidate, Map<number, boolean>>();

function rowIsHeaderRepeat(sheet: SheetSnapshot, r: number, h: HeaderCandidate): boolean {
  let memo = repeatMemo.get(h);
  if (!memo) repeatMemo.set(h, (memo = new Map()));
  let hit = memo.get(r);
  if (hit === undefined) memo.set(r, (hit = rowIsHeaderRepeatUncached(sheet, r, h)));
  return hit;
}

function rowIsHeaderRepeatUncached(sheet: SheetSnapshot, r: number, h: HeaderCandidate): boolean {
  let same = 0;
  let total = 0;
  const compact = compactTextsOf(h);
  for (const col of h.columns) {
    const c = col.col;
    total++;
    const v = getCell(sheet, r, c);
    if (typeof v !== "string" || v.length > 80) continue;
    const t = compactText(v);
    if (t && compact.get(c)?.includes(t)) same++;
  }
  return total > 0 && same >= Math.max(2, Math.ceil(total * 0.4));
}

/** The header's texts without white space, by column: worked out once, every row below is compared with them. */
const compactTexts = new WeakMap<HeaderCandidate, Map<number, string[]>>();

function compactTextsOf(h: HeaderCandidate): Map<number, string[]> {
  let m = compactTexts.get(h);
  if (!m) {
    m = new Map();
    for (const [c, parts] of h.texts) m.set(c, parts.map((p) => compactText(p)));
    compactTexts.set(h, m);
  }
  return m;
}

/** The distinct non-empty texts of a row within the columns (a merged cell counts once). */
function rowTexts(sheet: SheetSnapshot, r: number, left: number, right: number): string[] {
  const out: string[] = [];
  for (let c = left; c <= right; c++) {
    const m = mergeAt(sheet, r, c);
    if (m && (m.top !== r || m.left !== c)) continue;
    const t = cellText(getCell(sheet, r, c)).trim();
    if (t) out.push(t);
  }
  return out;
}

function keyColumn(kind: TableKind, columns: ColumnInfo[]): number {
  const order: Record<TableKind, Role[]> = {
    indicators: ["name"],
    progress: ["item", "plan", "policy"],
    programme: ["project", "no"],
    projects: ["project"],
    meetings: ["meeting"],
  };
  for (const role of order[kind]) {
    const c = columns.find((x) => x.role === role);
    if (c) return c.col;
  }
  return columns[0].col;
}

function sectionText(kind: TableKind, texts: string[]): string | null {
  if (texts.length !== 1) return null;
  const t = normalizeText(texts[0]);
  if (kind === "progress" && /^\d+\s*\S/.test(t) && t.length < 80) return t;
  if (kind === "programme" && /^[■◆●]/.test(t)) return t;
  // a heading or a note between indicators: （１）地域支援, ■ 参考指標, 注）…, ＜…＞
  if (kind === "indicators" && /^(\(\d+\)|[■◆●◇□]|【|注\s*[)）:：\d]|<|[①-⑳])/.test(t)) return t;
  if ((kind === "projects" || kind === "meetings") && /^[■◆●【(（]/.test(t) && t.length < 60) return t;
  return null;
}

/** Find every table of the sheet. */
export function recognizeTables(sheet: SheetSnapshot): RecognizedTable[] {
  const tables: RecognizedTable[] = [];
  let r = 0;
  while (r < sheet.rowCount) {
    const hs = quickHeaderCheck(sheet, r) ? detectHeaders(sheet, r) : [];
    if (hs.length === 0) {
      r++;
      continue;
    }
    let next = r + 1;
    for (const h of hs) {
      const table = collect(sheet, r, h);
      tables.push(table);
      next = Math.max(next, table.range.bottom + 1, r + h.depth);
    }
    r = next;
  }
  return tables;
}

/** Cheap filter: a header row has at least two short texts. */
function quickHeaderCheck(sheet: SheetSnapshot, r: number): boolean {
  const row = sheet.values[r];
  const merged = rowHasMerge(sheet, r);
  if (!row && !merged) return false;
  let n = 0;
  const limit = Math.min(sheet.colCount, 200);
  for (let c = 0; c < limit; c++) {
    const v = row ? row[c] : null;
    if (typeof v === "string" && v.length > 0 && v.length <= 40) n++;
    else if (merged && (v === null || v === undefined)) {
      const m = mergeAt(sheet, r, c);
      if (m) n++;
    }
    if (n >= 2) return true;
  }
  return false;
}

/** A numbered or marked section heading: `３　施策を構成する…`, `2-2 施策全体の考察②`, `■06-1 …`, `【参考指標】`. */
export const isSectionHeading: (text: string) => boolean = memoByText(isSectionHeadingUncached);

function isSectionHeadingUncached(text: string): boolean {
  const t = normalizeText(text);
  if (t.length > 120) return false;
  if (/^\d{1,2}(?:-\d{1,2})?(?:[ .、．)）]|\s)\s*\S/.test(t) && !/^\d+(?:[.,]\d+)?\s*[%件人回箇所]/.test(t)) return true;
  if (/^[■◆●◇□▼▽▶►]/.test(t)) return true;
  if (/^【[^】]{1,30}】/.test(t) && !/^【(再掲|新規|重点)/.test(t)) return true;
  if (/^(\(\d{1,2}\)|[①-⑳]|第\s*\d+\s*[章節])/.test(t)) return true;
  if (/^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]/.test(text.trim())) return true;
  return false;
}

/** A name: text that is not only a number (a No. column's 28 is no name) and not a heading. */
function nameLike(v: CellValue): boolean {
  if (v === null || v === "" || typeof v === "number" || typeof v === "boolean") return false;
  if (typeof v === "object") return false;
  const t = normalizeText(v);
  if (!t) return false;
  if (/^[\d.,\s-]+$/.test(t)) return false;
  return true;
}

const VALUE_ROLES = new Set<Role>(["baseline", "actual", "target", "year"]);

/** The year a header text names anywhere in it (`実績値（令和6年度）` → 2024), or null. */
const yearIn = memoByText((text: string): number | null => findYear(normalizeText(text))?.year ?? null);

/** A short header led by a year: `令和3年度決算`, `令和7年度予算`, `2024年度計画`. */
const yearFirstLabel = memoByText(yearFirstLabelUncached);

function yearFirstLabelUncached(text: string): boolean {
  const t = compactText(text);
  if (t.length > 14) return false;
  const y = findYear(t);
  return y !== null && y.index === 0 && !/\d/.test(t.slice(y.length));
}

/** Rows of money (a 事業費 table under the indicators): not indicators. */
const COST_ROW = /決算額|予算額|事業費|一般財源|特定財源|人件費|\(千円\)|千円\)|^財源|^歳出|^歳入/;

function collect(sheet: SheetSnapshot, headerTop: number, h: HeaderCandidate): RecognizedTable {
  const headerBottom = headerTop + h.depth - 1;
  const roleCols = h.columns.map((c) => c.col);
  const left = Math.min(...roleCols);
  // the table spans the contiguous header columns around the role columns
  let right = Math.max(...roleCols);
  while (h.texts.has(right + 1)) right++;
  let l = left;
  while (h.texts.has(l - 1)) l--;
  const key = keyColumn(h.kind, h.columns);
  const labelCol = h.kind === "indicators" ? findLabelColumn(sheet, headerBottom, l, right, h, key) : null;
  const records: TableRecord[] = [];
  // the texts of a row between the table's columns, and whether it is another table's header, depend
  // on the row alone: each is found once, however often the tests and the look-ahead ask
  const textsMemo = new Map<number, string[]>();
  const textsOf = (row: number): string[] => {
    let t = textsMemo.get(row);
    if (t === undefined) textsMemo.set(row, (t = rowTexts(sheet, row, l, right)));
    return t;
  };
  const otherHeaderRows = new Map<number, boolean>();
  let section: string | null = headerTop > 0 ? sectionText(h.kind, textsOf(headerTop - 1)) : null;
  let r = headerBottom + 1;
  let lastData = headerBottom;
  const valueCols = h.columns.filter((c) => c.col !== key).map((c) => c.col);
  // isDataRow depends on the row alone (not on the records found so far): each row is judged once,
  // however often the look-ahead comes back to it
  const dataRows = new Map<number, boolean>();
  while (r < sheet.rowCount) {
    if (rowIsHeaderRepeat(sheet, r, h)) {
      r++;
      // a repeated two-row header
      if (h.depth === 2 && r < sheet.rowCount && !isDataRow(r)) r++;
      continue;
    }
    // the header of another table, of a kind not read here (区分 | 令和3年度決算 | … of a 事業費 table)
    if (h.kind === "indicators" && otherHeaderRow(r)) break;
    // a further row of the record above (実績値 under 目標値, the name left empty or merged)
    if (labelCol !== null && records.length > 0 && continuesRecord(r)) {
      const rec = records[records.length - 1];
      rec.lastRow = r;
      lastData = r;
      r++;
      continue;
    }
    if (isDataRow(r)) {
      const km = mergeAt(sheet, r, key);
      const last = km && km.top === r ? Math.min(km.bottom, sheet.rowCount - 1) : r;
      records.push({ row: r, lastRow: last, section });
      lastData = last;
      r = last + 1;
      continue;
    }
    const texts = textsOf(r);
    const sec = sectionText(h.kind, texts);
    if (h.kind === "indicators" && texts.length >= 1 && texts.length <= 2 && (sec || isSectionHeading(texts[0]) || bandRow(r))) {
      // a heading inside an indicator table (（１）地域支援, ■ 参考指標) is followed by indicators;
      // a heading followed by anything else (３　施策を構成する…, ■06-1 and a programme table) ends it
      if (!headingContinues(r)) break;
      section = normalizeText(texts[0]);
      r++;
      continue;
    }
    if (sec) {
      // a programme table is one ■ block: the next ■ heading starts another table
      if (h.kind === "programme" && records.length > 0) break;
      section = sec;
      r++;
      continue;
    }
    if (rowIsLegend(sheet, r, l, right)) {
      r++;
      continue;
    }
    // A blank row, a page title, another table: look ahead for a repeated header or more data.
    const next = lookAhead(r);
    if (next === null) break;
    r = next;
  }
  const shape: RecognizedTable["shape"] = labelCol !== null && records.some((x) => x.lastRow > x.row) ? "row-group" : "row";
  return {
    kind: h.kind,
    sheet: sheet.name,
    headerTop,
    headerBottom,
    range: { top: headerTop, left: l, bottom: lastData, right },
    columns: h.columns,
    records,
    shape,
    labelCol: shape === "row-group" ? labelCol : null,
  };

  function labelAt(row: number): ReturnType<typeof rowLabel> {
    if (labelCol === null) return null;
    const v = getCell(sheet, row, labelCol);
    return typeof v === "string" ? rowLabel(v) : null;
  }

  function continuesRecord(row: number): boolean {
    const lab = labelAt(row);
    if (!lab) return false;
    const rec = records[records.length - 1];
    if (row !== rec.lastRow + 1) return false;
    // the name cell: empty, or inside a merge that began in the record above
    const km = mergeAt(sheet, row, key);
    if (km) {
      if (km.top === row) return false;
      if (km.top < rec.row) return false;
    } else {
      const kv = getCell(sheet, row, key);
      if (kv !== null && kv !== "" && !(typeof kv === "string" && !kv.trim())) return false;
    }
    // the label must not repeat one of the record (a second 目標値 starts another indicator)
    for (let k = rec.row; k <= rec.lastRow; k++) if (labelAt(k) === lab) return false;
    return true;
  }

  /**
   * A header row of another table: three or more header words or year headers and no number, not
   * this table's header printed again.
   */
  function otherHeaderRow(row: number): boolean {
    let hit = otherHeaderRows.get(row);
    if (hit === undefined) otherHeaderRows.set(row, (hit = otherHeaderRowUncached(row)));
    return hit;
  }

  function otherHeaderRowUncached(row: number): boolean {
    if (rowIsHeaderRepeat(sheet, row, h) || rowHasNumbers(sheet, row, l, right)) return false;
    let n = 0;
    for (let c = l; c <= right; c++) {
      const m = mergeAt(sheet, row, c);
      if (m && (m.top !== row || m.left !== c)) continue;
      const v = getCell(sheet, row, c);
      if (typeof v !== "string" || v.length > 40) continue;
      if (classifyHeader(v) || yearHeader(v) || /^(区分|項目|年度)$/.test(compactText(v)) || yearFirstLabel(v)) n++;
    }
    return n >= 3;
  }

  /** Does the row hold what an indicator holds: a value, a target, a mark or a rate? */
  function indicatorContent(row: number, lastRow: number): boolean {
    if (labelCol !== null && labelAt(row)) return true;
    for (const c of h.columns) {
      if (c.col === key) continue;
      for (let k = row; k <= lastRow; k++) {
        // a merged cell shows its value in every cell it covers (記載予定 merged over several indicators)
        const m = mergeAt(sheet, k, c.col);
        const v = m ? getCell(sheet, m.top, m.left) : getCell(sheet, k, c.col);
        if (v === null || v === "") continue;
        if (VALUE_ROLES.has(c.role)) {
          const rd = readValueCell(v);
          if (rd.kind === "number" || rd.kind === "qualitative" || rd.kind === "error") return true;
          if (rd.kind === "missing" && !isYearOnly(rd.text)) return true;
          // a value and its year in one cell with a note, or a number stored as text with a remark
          if (rd.kind === "text" && /^\s*[\d０-９+\-△▲]/.test(rd.text) && rd.text.length <= 12) return true;
        } else if (c.role === "trend" || c.role === "evaluation") {
          const t = cellText(v).replace(/[\s\u3000]/g, "");
          if (t.length <= 2) return true;
        } else if (c.role === "rate") {
          const rd = readValueCell(v);
          if (rd.kind === "number" || rd.kind === "missing" || rd.kind === "error") return true;
        }
      }
    }
    return false;
  }

  function isDataRow(row: number): boolean {
    let hit = dataRows.get(row);
    if (hit === undefined) dataRows.set(row, (hit = isDataRowUncached(row)));
    return hit;
  }

  function isDataRowUncached(row: number): boolean {
    const kv = getCell(sheet, row, key);
    const km = mergeAt(sheet, row, key);
    const keyFilled = (kv !== null && kv !== "" && !(typeof kv === "string" && !kv.trim())) || (km !== undefined && km.top === row && getCell(sheet, km.top, km.left) !== null);
    if (km && km.top !== row) return false; // inside a record that started above
    // a key cell merged across other columns of the table is a heading, not a record
    if (km && h.columns.some((c) => c.col !== key && c.col >= km.left && c.col <= km.right)) return false;
    if (!keyFilled) {
      // an indicator row whose name was left empty: its values still make it a record
      if (h.kind !== "indicators") return false;
      if (labelCol !== null) return false;
      let filled = 0;
      for (const c of h.columns) {
        if (!["baseline", "actual", "target", "unit"].includes(c.role)) continue;
        const v = getCell(sheet, row, c.col);
        if (v !== null && v !== "" && !mergeAt(sheet, row, c.col)) filled++;
      }
      return filled >= 2;
    }
    const kt = cellText(kv ?? getCell(sheet, km!.top, km!.left));
    if (classifyHeader(kt) && rowIsHeaderRepeat(sheet, row, h)) return false;
    if (legendOf(kt)) return false;
    if (/^\s*※/.test(normalizeText(kt))) return false;
    // a lone section heading is not data
    const texts = textsOf(row);
    if (sectionText(h.kind, texts)) return false;
    // a repeated header word alone (e.g. a page header) is not data
    if (quickHeaderCheck(sheet, row) && detectHeader(sheet, row)) return false;
    if (h.kind === "indicators") {
      // an indicator has a name and indicator content (a number alone is no name: a No. column)
      if (!nameLike(kv ?? getCell(sheet, km!.top, km!.left))) return false;
      // a page title printed between pages (【令和７年度】施策・事務事業マネジメントシート) is no indicator
      if (/^【[^】]{1,30}】/.test(normalizeText(kt)) && !/^【(再掲|新規|重点)/.test(normalizeText(kt))) return false;
      // money rows of a 事業費 table (決算額（千円）, 一般財源) are no indicators
      if (COST_ROW.test(compactText(cellText(kv ?? getCell(sheet, km!.top, km!.left))))) return false;
      if (texts.length === 1 && isSectionHeading(texts[0])) return false;
      const last = km && km.top === row ? Math.min(km.bottom, sheet.rowCount - 1) : row;
      return indicatorContent(row, last);
    }
    return valueCols.length === 0 || texts.length >= 1;
  }

  /** A row with one text merged across most of the table (活動指標 / 成果指標 over a block of records). */
  function bandRow(row: number): boolean {
    for (let c = l; c <= right; c++) {
      const m = mergeAt(sheet, row, c);
      if (m && m.top === row && m.left === c && m.right - m.left + 1 >= Math.max(2, Math.ceil((right - l + 1) / 2))) return true;
    }
    const t = textsOf(row);
    return t.length === 1 && /^(活動指標|成果指標|参考指標|アウトカム指標|アウトプット指標|成果目標|活動目標)$/.test(compactText(t[0]));
  }

  /** After a heading: do indicator rows follow (before any other text or header)? */
  function headingContinues(from: number): boolean {
    for (let k = from + 1; k < Math.min(sheet.rowCount, from + 6); k++) {
      if (rowIsBlank(sheet, k, l, right)) continue;
      // a heading and a header again: a new table (■成果指標 after ■活動指標)
      if (rowIsHeaderRepeat(sheet, k, h)) return false;
      return isDataRow(k);
    }
    return false;
  }

  function lookAhead(from: number): number | null {
    let blanks = 0;
    let text = false;
    let heading = false;
    for (let k = from; k < Math.min(sheet.rowCount, from + 12); k++) {
      // the header printed again on the next page continues the table; after a heading it begins another
      if (rowIsHeaderRepeat(sheet, k, h)) return heading && h.kind === "indicators" ? null : k;
      // a heading such as 【参考指標】 starts another table
      const tx = textsOf(k);
      if (tx.length >= 1 && tx.length <= 2 && isSectionHeading(tx[0])) heading = true;
      if (tx.length === 1 && /^【[^】]{1,20}】$/.test(normalizeText(tx[0])) && !/再掲|新規|重点/.test(tx[0])) return null;
      if (h.kind === "programme" && records.length > 0 && sectionText(h.kind, textsOf(k))) return null;
      const other = k > from && quickHeaderCheck(sheet, k) && detectHeader(sheet, k);
      if (other) return null; // another table begins
      if (h.kind === "indicators" && otherHeaderRow(k)) return null;
      // records continue only across blank rows and legends; after other text (a sentence, a link,
      // a page title) only a repeated header continues the table
      if (isDataRow(k)) return blanks <= 3 && !(text && h.kind === "indicators") ? k : null;
      if (rowIsBlank(sheet, k, l, right)) blanks++;
      else if (!rowIsLegend(sheet, k, l, right)) text = true;
    }
    return null;
  }
}

/**
 * The column of row labels (目標値 / 実績値 / 達成率) of an indicator table laid out with several
 * rows per indicator: a column (the 区分 column, or one without a header) whose first data rows hold
 * two or more different labels.
 */
function findLabelColumn(sheet: SheetSnapshot, headerBottom: number, l: number, right: number, h: HeaderCandidate, key: number): number | null {
  let best: number | null = null;
  let bestCount = 0;
  for (let c = l; c <= right; c++) {
    if (c === key) continue;
    const col = h.columns.find((x) => x.col === c);
    if (col && col.role !== "category" && col.role !== "item" && col.role !== "no") continue;
    const seen = new Set<string>();
    let count = 0;
    for (let r = headerBottom + 1; r < Math.min(sheet.rowCount, headerBottom + 10); r++) {
      const v = getCell(sheet, r, c);
      const lab = typeof v === "string" ? rowLabel(v) : null;
      if (lab) {
        seen.add(lab);
        count++;
      }
    }
    if (seen.size >= 2 && count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}

/** Find the legends printed on a sheet. */
export function findLegends(sheet: SheetSnapshot): LegendInfo[] {
  const out: LegendInfo[] = [];
  eachLongText(sheet, (v, r, c) => {
    const legend = legendAt(v, r, c);
    if (legend) out.push(legend);
  });
  return out;
}

/** The legend a text at (r, c) prints, or null. */
export function legendAt(v: string, r: number, c: number): LegendInfo | null {
  const type = legendOf(v);
  if (!type) return null;
  const s = normalizeText(v);
  let marks: string[] = [];
  if (type === "evaluation") {
    marks = [...s.matchAll(/「([^」]{1,2})」/g)].map((m) => m[1]);
  } else {
    marks = [...s.matchAll(/(?:^|[\s※　])([^\s:：※]{1})\s*[:：]/g)].map((m) => m[1]);
  }
  marks = marks.map((m) => (m === "-" ? "－" : m));
  return marks.length ? { type, marks: [...new Set(marks)], cell: toA1(r, c), text: v } : null;
}

export function tableRangeA1(t: RecognizedTable): string {
  return rangeToA1(t.range);
}
