/**
 * Table recognition: find the tables of a sheet from their headers, wherever they start, with
 * headers merged or split over two rows, line breaks inside header cells, and repeated page
 * headers, legend rows and page titles in the middle (a printed table repeats them).
 */
import { cellText, compactText, normalizeText, readValueCell } from "../cell/read";
import { getCell, mergeAt, rangeToA1, rowHasMerge, toA1 } from "../model/grid";
import type { CellValue, RangeRef, SheetSnapshot } from "../model/snapshot";
import type { TableKind } from "../model/findings";
import { classifyHeader, isYearOnly, tickWord, type Role } from "./headers";
import { findYear } from "../cell/read";

export interface ColumnInfo {
  col: number;
  role: Role;
  /** Header text (both header rows, joined by " / "). */
  header: string;
  /** A year named in the header (`実績値（令和6年度）` → 2024). */
  year: number | null;
  /** For tick sub-columns (計画どおり …, 現状継続 …): the word. */
  tick: string | null;
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
  if (roles.has("meeting") && (roles.has("frequency") || roles.has("agenda") || roles.has("attendees"))) return "meetings";
  if (roles.has("project") && roles.has("content") && roles.has("owner")) return "projects";
  return null;
}

function buildHeader(sheet: SheetSnapshot, r: number, depth: 1 | 2): HeaderCandidate | null {
  const columns: ColumnInfo[] = [];
  const texts = new Map<number, string[]>();
  const roles = new Set<Role>();
  const own = new Set<string>();
  for (let c = 0; c < sheet.colCount; c++) {
    const p1 = effectiveText(sheet, r, c);
    if (p1 && classifyHeader(p1)) {
      const m = mergeAt(sheet, r, c);
      own.add(m ? `${m.top},${m.left}` : `${r},${c}`);
    }
    let p2 = depth === 2 ? effectiveText(sheet, r + 1, c) : "";
    if (p2 === p1) p2 = "";
    if (!p1 && !p2) continue;
    texts.set(c, [p1, p2].filter(Boolean));
    let role: Role | null = null;
    let tick: string | null = null;
    if (p2 && !isYearOnly(p2)) {
      tick = tickWord(p2);
      if (tick) {
        role = classifyHeader(p1);
        if (role !== "result" && role !== "future") role = (["計画どおり", "計画前倒し", "計画遅れ"].includes(tick) ? "result" : "future");
      } else role = classifyHeader(p2) ?? classifyHeader(p1);
    } else role = classifyHeader(p1);
    if (!role) continue;
    const y = findYear(normalizeText(p2)) ?? findYear(normalizeText(p1));
    columns.push({ col: c, role, header: [p1, p2].filter(Boolean).join(" / "), year: y ? y.year : null, tick });
    roles.add(role);
  }
  // the first header row must name at least two columns itself (a title above a table does not)
  if (columns.length < 2 || own.size < 2) return null;
  const kind = kindOf(roles);
  if (!kind) return null;
  return { kind, depth, columns: settleColumns(kind, columns), texts, raw: columns };
}

/** Keep the roles that belong to the kind; the first column wins for single-valued roles. */
function settleColumns(kind: TableKind, columns: ColumnInfo[]): ColumnInfo[] {
  const multi = new Set<Role>(["actual", "result", "future", "remarks", "note", "owner"]);
  const seen = new Set<Role>();
  const out: ColumnInfo[] = [];
  for (const c of columns) {
    let role = c.role;
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
  const seen = new Set<string>();
  for (let c = 0; c < sheet.colCount; c++) {
    const m = mergeAt(sheet, r, c);
    const v = m ? getCell(sheet, m.top, m.left) : getCell(sheet, r, c);
    if (typeof v !== "string" || v.length > 80 || !classifyHeader(v)) continue;
    seen.add(m ? `${m.top},${m.left}` : `${r},${c}`);
    if (seen.size >= 2) return 2;
  }
  return seen.size;
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
    if (last && !(kindOfCols(last) && kindOfCols(seg))) last.push(...seg);
    else groups.push([...seg]);
  }
  if (groups.length < 2) return [h];
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

function detectHeaderUncached(sheet: SheetSnapshot, r: number): HeaderCandidate | null {
  if (ownHeaderCells(sheet, r) < 2) return null;
  const one = buildHeader(sheet, r, 1);
  const two = r + 1 < sheet.rowCount ? buildHeader(sheet, r, 2) : null;
  if (two && !looksLikeData(sheet, r + 1, two)) {
    const subRowHasHeaderWords = [...two.texts.values()].some((t) => t.length === 2);
    const ticks = two.columns.some((c) => c.tick);
    const years = two.columns.some((c) => c.year !== null) && (!one || two.columns.filter((c) => c.year !== null).length > one.columns.filter((c) => c.year !== null).length);
    if (!one || ticks || years || (subRowHasHeaderWords && two.columns.length > one.columns.length)) return two;
  }
  return one;
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

function rowIsHeaderRepeat(sheet: SheetSnapshot, r: number, h: HeaderCandidate): boolean {
  let same = 0;
  let total = 0;
  for (const col of h.columns) {
    const c = col.col;
    const parts = h.texts.get(c) ?? [];
    total++;
    const v = getCell(sheet, r, c);
    if (typeof v !== "string" || v.length > 80) continue;
    const t = compactText(v);
    if (t && parts.some((p) => compactText(p) === t)) same++;
  }
  return total > 0 && same >= Math.max(2, Math.ceil(total * 0.4));
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

function collect(sheet: SheetSnapshot, headerTop: number, h: HeaderCandidate): RecognizedTable {
  const headerBottom = headerTop + h.depth - 1;
  const cols = [...h.texts.keys()];
  const roleCols = h.columns.map((c) => c.col);
  const left = Math.min(...roleCols);
  // the table spans the contiguous header columns around the role columns
  let right = Math.max(...roleCols);
  while (h.texts.has(right + 1)) right++;
  let l = left;
  while (h.texts.has(l - 1)) l--;
  void cols;
  const key = keyColumn(h.kind, h.columns);
  const records: TableRecord[] = [];
  let section: string | null = headerTop > 0 ? sectionText(h.kind, rowTexts(sheet, headerTop - 1, l, right)) : null;
  let r = headerBottom + 1;
  let lastData = headerBottom;
  const valueCols = h.columns.filter((c) => c.col !== key).map((c) => c.col);
  while (r < sheet.rowCount) {
    if (rowIsHeaderRepeat(sheet, r, h)) {
      r++;
      // a repeated two-row header
      if (h.depth === 2 && r < sheet.rowCount && !isDataRow(r)) r++;
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
    const texts = rowTexts(sheet, r, l, right);
    const sec = sectionText(h.kind, texts);
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
  return {
    kind: h.kind,
    sheet: sheet.name,
    headerTop,
    headerBottom,
    range: { top: headerTop, left: l, bottom: lastData, right },
    columns: h.columns,
    records,
  };

  function isDataRow(row: number): boolean {
    const kv = getCell(sheet, row, key);
    const km = mergeAt(sheet, row, key);
    const keyFilled = (kv !== null && kv !== "" && !(typeof kv === "string" && !kv.trim())) || (km !== undefined && km.top === row && getCell(sheet, km.top, km.left) !== null);
    if (km && km.top !== row) return false; // inside a record that started above
    // a key cell merged across other columns of the table is a heading, not a record
    if (km && h.columns.some((c) => c.col !== key && c.col >= km.left && c.col <= km.right)) return false;
    if (!keyFilled) {
      // an indicator row whose name was left empty: its values still make it a record
      if (h.kind !== "indicators") return false;
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
    const texts = rowTexts(sheet, row, l, right);
    if (sectionText(h.kind, texts)) return false;
    // a repeated header word alone (e.g. a page header) is not data
    if (quickHeaderCheck(sheet, row) && detectHeader(sheet, row)) return false;
    return valueCols.length === 0 || texts.length >= 1;
  }

  function lookAhead(from: number): number | null {
    let blanks = 0;
    for (let k = from; k < Math.min(sheet.rowCount, from + 12); k++) {
      if (rowIsHeaderRepeat(sheet, k, h)) return k;
      // a heading such as 【参考指標】 starts another table
      const tx = rowTexts(sheet, k, l, right);
      if (tx.length === 1 && /^【[^】]{1,20}】$/.test(normalizeText(tx[0])) && !/再掲|新規|重点/.test(tx[0])) return null;
      if (h.kind === "programme" && records.length > 0 && sectionText(h.kind, rowTexts(sheet, k, l, right))) return null;
      const other = k > from && quickHeaderCheck(sheet, k) && detectHeader(sheet, k);
      if (other) return null; // another table begins
      if (isDataRow(k)) return blanks <= 3 ? k : null;
      if (rowIsBlank(sheet, k, l, right)) blanks++;
    }
    return null;
  }
}

/** Find the legends printed on a sheet. */
export function findLegends(sheet: SheetSnapshot): LegendInfo[] {
  const out: LegendInfo[] = [];
  for (let r = 0; r < sheet.rowCount; r++) {
    const row = sheet.values[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || v.length < 6) continue;
      const type = legendOf(v);
      if (!type) continue;
      const s = normalizeText(v);
      let marks: string[] = [];
      if (type === "evaluation") {
        marks = [...s.matchAll(/「([^」]{1,2})」/g)].map((m) => m[1]);
      } else {
        marks = [...s.matchAll(/(?:^|[\s※　])([^\s:：※]{1})\s*[:：]/g)].map((m) => m[1]);
      }
      marks = marks.map((m) => (m === "-" ? "－" : m));
      if (marks.length) out.push({ type, marks: [...new Set(marks)], cell: toA1(r, c), text: v });
    }
  }
  return out;
}

export function tableRangeA1(t: RecognizedTable): string {
  return rangeToA1(t.range);
}
