/**
 * Worksheet XML (xl/worksheets/sheetN.xml): reading into a SheetSnapshot, and text patches of single
 * cells, merges, column widths and data validations. Everything not named is left as it is.
 */
import type { CellValue, RangeRef, SheetSnapshot } from "../port";
import { columnIndex, columnLetters, parseRange, rangeToA1, toA1 } from "../../engine/model/grid";
import type { Styles } from "./styles";
import { decodeOoxmlEscapes, decodeXml, encodeAttr, findAll, findElement, parseAttrs, setAttr, stringItemText } from "./xml";

export class TooManyCellsError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} cells`);
  }
}

/** Parsed content of one `<c>` element. */
export interface ParsedCell {
  row: number;
  col: number;
  /** Style index (0 when absent). */
  s: number;
  value: CellValue;
  /** Formula text with "=", or null; for a shared formula dependent, the translated formula. */
  formula: string | null;
  /** Shared formula info, raw. */
  shared?: { si: string; ref?: string; text?: string };
}

const CELL_ADDR = /^([A-Z]{1,3})(\d+)$/;

/** "B12" → [11, 1] */
function addr(a: string): [number, number] | null {
  const m = CELL_ADDR.exec(a);
  return m ? [Number(m[2]) - 1, columnIndex(m[1])] : null;
}

/** Move a formula from one cell to another (relative references shift; strings untouched). */
export function slideFormula(formula: string, fromRow: number, fromCol: number, toRow: number, toCol: number): string {
  const dr = toRow - fromRow;
  const dc = toCol - fromCol;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(^|[^A-Za-z0-9_.'\]])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g, (m, pre: string, cd: string, col: string, rd: string, row: string) => {
            const c = columnIndex(col);
            if (c > 16383) return m;
            const nc = cd ? c : c + dc;
            const nr = rd ? Number(row) : Number(row) + dr;
            if (nc < 0 || nr < 1) return `${pre}#REF!`;
            return `${pre}${cd}${columnLetters(nc)}${rd}${nr}`;
          }),
    )
    .join("");
}

function isoToSerial(iso: string, date1904: boolean): number | string {
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : iso + "Z");
  if (!Number.isFinite(ms)) return iso;
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return (ms - base) / 86400000;
}

export interface SheetContext {
  p: string;
  sst: string[];
  styles: Styles;
  date1904: boolean;
}

interface CellRegexes {
  f: RegExp;
  v: RegExp;
  is: RegExp;
}
const regexCache = new Map<string, CellRegexes>();
function cellRegexes(p: string): CellRegexes {
  let r = regexCache.get(p);
  if (!r) {
    r = {
      f: new RegExp(`<${p}f\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}f>)`),
      v: new RegExp(`<${p}v(?:\\s[^>]*)?>([\\s\\S]*?)</${p}v>`),
      is: new RegExp(`<${p}is(?:\\s[^>]*)?>([\\s\\S]*?)</${p}is>`),
    };
    regexCache.set(p, r);
  }
  return r;
}

/** Value of attribute `name` in an attribute string (` r="A1" s="3"`), raw. */
function attr(attrs: string, name: string): string | undefined {
  const i = attrs.indexOf(" " + name + "=");
  if (i < 0) {
    if (attrs.indexOf(name + "=") < 0) return undefined;
    return parseAttrs("<c " + attrs + ">")[name];
  }
  const q = attrs[i + name.length + 2];
  const j = attrs.indexOf(q, i + name.length + 3);
  return attrs.slice(i + name.length + 3, j);
}

/** Parse one cell element (full text) given its row/col. */
export function parseCellXml(cellXml: string, row: number, col: number, ctx: SheetContext): ParsedCell {
  const openEnd = cellXml.indexOf(">") + 1;
  const selfClosing = cellXml[openEnd - 2] === "/";
  const attrs = cellXml.slice(cellXml.search(/[\s/>]/), selfClosing ? openEnd - 2 : openEnd - 1);
  const inner = selfClosing ? "" : cellXml.slice(openEnd, cellXml.lastIndexOf("</"));
  return parseCellParts(attrs, inner, row, col, ctx);
}

/** Parse a cell from its attribute string and its inner XML. */
export function parseCellParts(attrs: string, inner: string, row: number, col: number, ctx: SheetContext): ParsedCell {
  const p = ctx.p;
  const sa = attr(attrs, "s");
  const s = sa ? Number(sa) : 0;
  const t = attr(attrs, "t");
  let formula: string | null = null;
  let shared: ParsedCell["shared"];
  let value: CellValue = null;
  if (inner) {
    const rx = cellRegexes(p);
    let v: string | null = null;
    const vOpen = `<${p}v>`;
    if (inner.startsWith(vOpen) && inner.endsWith(`</${p}v>`) && inner.indexOf("<", 1) === inner.length - p.length - 4) {
      v = decodeXml(inner.slice(vOpen.length, inner.length - vOpen.length - 1));
    } else {
      if (inner.indexOf(`<${p}f`) >= 0) {
        const fm = rx.f.exec(inner);
        if (fm) {
          const fa = parseAttrs(`<f ${fm[1]}>`);
          const text = fm[2] !== undefined ? decodeXml(fm[2]) : "";
          if (fa.t === "shared" && fa.si !== undefined) {
            shared = { si: fa.si, ref: fa.ref, text: text || undefined };
            if (text) formula = "=" + text;
          } else if (text) formula = "=" + text;
        }
      }
      const vm = rx.v.exec(inner);
      v = vm ? decodeXml(vm[1]) : null;
    }
    switch (t) {
      case "s": {
        const i = v === null ? NaN : Number(v);
        value = Number.isInteger(i) ? ctx.sst[i] ?? "" : null;
        break;
      }
      case "str":
        value = v === null ? null : decodeOoxmlEscapes(v);
        break;
      case "inlineStr": {
        const im = rx.is.exec(inner);
        value = im ? stringItemText(im[1], p) : v;
        break;
      }
      case "b":
        value = v === null ? null : v.trim() === "1" || v.trim().toLowerCase() === "true";
        break;
      case "e":
        value = v === null ? null : { error: v.trim() };
        break;
      case "d":
        value = v === null ? null : isoToSerial(v.trim(), ctx.date1904);
        break;
      default:
        if (v === null || v.trim() === "") value = null;
        else {
          const n = Number(v);
          value = Number.isFinite(n) ? n : v;
        }
    }
  }
  return { row, col, s, value, formula, shared };
}

function colOfRef(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

export interface ReadSheetOptions {
  maxCells: number;
}

/** Read a worksheet into a snapshot. Throws TooManyCellsError past `maxCells` cells. */
export function readSheet(name: string, xml: string, ctx: SheetContext, opts: ReadSheetOptions, hidden: boolean): SheetSnapshot {
  const p = ctx.p;
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: (string | null)[][] = [];
  let rowCount = 0;
  let colCount = 0;
  let cells = 0;
  let anyFormula = false;
  let anyFormat = false;
  const masters = new Map<string, { row: number; col: number; text: string }>();
  const sd = findElement(xml, p + "sheetData");
  if (sd && !sd.selfClosing) {
    const rowRe = new RegExp(`<${p}row\\b([^>]*?)(/>|>([\\s\\S]*?)</${p}row>)`, "g");
    const cellRe = new RegExp(`<${p}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}c>)`, "g");
    rowRe.lastIndex = sd.openEnd;
    let rm: RegExpExecArray | null;
    let lastRow = -1;
    while ((rm = rowRe.exec(xml)) && rm.index < sd.end) {
      const ra = attr(rm[1], "r");
      const rn = ra ? Number(ra) : NaN;
      const row = Number.isInteger(rn) && rn >= 1 && rn <= 1048576 ? rn - 1 : lastRow + 1;
      lastRow = row;
      const inner = rm[3];
      if (!inner) continue;
      cellRe.lastIndex = 0;
      let cm: RegExpExecArray | null;
      let lastCol = -1;
      while ((cm = cellRe.exec(inner))) {
        const ref = attr(cm[1], "r");
        const rc = ref ? colOfRef(ref) : -1;
        const col = rc >= 0 && rc <= 16383 ? rc : lastCol + 1;
        lastCol = col;
        if (++cells > opts.maxCells) throw new TooManyCellsError(opts.maxCells);
        const pc = parseCellParts(cm[1], cm[2] ?? "", row, col, ctx);
        let formula = pc.formula;
        if (pc.shared) {
          if (pc.shared.text !== undefined) masters.set(pc.shared.si, { row, col, text: pc.shared.text });
          else {
            const m = masters.get(pc.shared.si);
            if (m) formula = "=" + slideFormula(m.text, m.row, m.col, row, col);
          }
        }
        const fmt = pc.s ? ctx.styles.numFmtOf(pc.s) : null;
        if (fmt !== null) {
          (numberFormats[row] ??= [])[col] = fmt;
          anyFormat = true;
        }
        if (pc.value === null && formula === null) continue;
        (values[row] ??= [])[col] = pc.value;
        if (formula !== null) {
          (formulas[row] ??= [])[col] = formula;
          anyFormula = true;
        }
        if (row + 1 > rowCount) rowCount = row + 1;
        if (col + 1 > colCount) colCount = col + 1;
      }
    }
  }
  const merges: RangeRef[] = [];
  const mc = findElement(xml, p + "mergeCells");
  if (mc && !mc.selfClosing) {
    for (const e of findAll(xml, p + "mergeCell", mc.openEnd, mc.end)) {
      const ref = parseAttrs(e.tag).ref;
      if (!ref) continue;
      try {
        const r = parseRange(ref);
        merges.push(r);
        if (r.bottom + 1 > rowCount) rowCount = r.bottom + 1;
        if (r.right + 1 > colCount) colCount = r.right + 1;
      } catch {
        /* malformed ref: ignore */
      }
    }
  }
  const snap: SheetSnapshot = { name, values, merges, rowCount, colCount };
  if (anyFormula) snap.formulas = formulas;
  if (anyFormat) snap.numberFormats = numberFormats;
  if (hidden) snap.hidden = true;
  return snap;
}

// ---------------------------------------------------------------------------------------------
// Patching

interface RowSpan {
  row: number;
  start: number;
  end: number;
  tag: string;
  selfClosing: boolean;
}

function sheetDataSpan(xml: string, p: string): { openEnd: number; close: number; start: number; end: number } {
  const sd = findElement(xml, p + "sheetData");
  if (!sd || sd.selfClosing) throw new Error("worksheet has no open sheetData");
  return { start: sd.start, end: sd.end, openEnd: sd.openEnd, close: sd.end - `</${p}sheetData>`.length };
}

/** Make sure sheetData has an open and a close tag. */
function openSheetData(xml: string, p: string): string {
  const sd = findElement(xml, p + "sheetData");
  if (!sd) {
    // insert after cols / sheetFormatPr / sheetViews / dimension / sheetPr, or at the start
    const body = `<${p}sheetData></${p}sheetData>`;
    return insertInOrder(xml, p, "sheetData", body);
  }
  if (!sd.selfClosing) return xml;
  return `${xml.slice(0, sd.start)}${sd.tag.slice(0, -2)}></${p}sheetData>${xml.slice(sd.end)}`;
}

function listRows(xml: string, p: string, from: number, to: number): RowSpan[] {
  const out: RowSpan[] = [];
  const rowRe = new RegExp(`<${p}row\\b([^>]*?)(/>|>[\\s\\S]*?</${p}row>)`, "g");
  rowRe.lastIndex = from;
  let m: RegExpExecArray | null;
  let last = -1;
  while ((m = rowRe.exec(xml)) && m.index < to) {
    const ra = /\sr\s*=\s*"(\d+)"/.exec(m[1]);
    const row = ra ? Number(ra[1]) - 1 : last + 1;
    last = row;
    const tagEndIdx = m.index + m[0].indexOf(">") + 1;
    out.push({ row, start: m.index, end: m.index + m[0].length, tag: xml.slice(m.index, tagEndIdx), selfClosing: m[2] === "/>" });
  }
  return out;
}

interface CellSpan {
  col: number;
  xml: string;
}

function listCells(rowInner: string, p: string, row: number): CellSpan[] {
  const out: CellSpan[] = [];
  const cellRe = new RegExp(`<${p}c\\b([^>]*?)(?:/>|>[\\s\\S]*?</${p}c>)`, "g");
  let m: RegExpExecArray | null;
  let last = -1;
  while ((m = cellRe.exec(rowInner))) {
    const rr = /\sr\s*=\s*"([A-Z]{1,3})(\d+)"/.exec(m[1]);
    let x = m[0];
    const col = rr ? columnIndex(rr[1]) : last + 1;
    if (!rr) x = setAttr(x.slice(0, x.indexOf(">") + 1), "r", toA1(row, col)) + x.slice(x.indexOf(">") + 1);
    last = col;
    out.push({ col, xml: x });
  }
  return out;
}

export interface PatchResult {
  xml: string;
  /** Cell XML before / after, by A1 address. */
  old: Map<string, string | null>;
  now: Map<string, string | null>;
  /** Row open tags before (null: the row did not exist) and after, by 0-based row. */
  rowTags: Map<number, { before: string | null; after: string }>;
  /** `<dimension>` tag before and after (null when absent or unchanged). */
  dimension: { before: string; after: string } | null;
}

export interface PatchOptions {
  /** Put these row open tags back (revert): null removes a row left without cells. */
  restoreRowTags?: Map<number, { before: string | null; after: string }>;
  restoreDimension?: { before: string; after: string } | null;
}

function widenSpans(tag: string, cols: number[]): string {
  const m = /\sspans\s*=\s*"([^"]*)"/.exec(tag);
  if (!m || cols.length === 0) return tag;
  const nums = m[1].split(/[\s:]+/).filter(Boolean).map(Number);
  if (nums.some((n) => !Number.isFinite(n))) return tag.replace(m[0], "");
  const lo = Math.min(...nums), hi = Math.max(...nums);
  const clo = Math.min(...cols) + 1, chi = Math.max(...cols) + 1;
  const inside = cols.every((c) => nums.length === 2 ? c + 1 >= lo && c + 1 <= hi : false);
  if (inside) return tag;
  return setAttr(tag, "spans", `${Math.min(lo, clo)}:${Math.max(hi, chi)}`);
}

/**
 * Replace cells. `changes` maps row → col → function(old cell XML or null) → new cell XML or null
 * (null removes the cell). Returns the new sheet XML and the old XML of each changed cell.
 */
export function patchCells(
  xmlIn: string,
  p: string,
  changes: Map<number, Map<number, (old: string | null, inherited: number) => string | null>>,
  opts: PatchOptions = {},
): PatchResult {
  const old = new Map<string, string | null>();
  const now = new Map<string, string | null>();
  const rowTags = new Map<number, { before: string | null; after: string }>();
  if (changes.size === 0) return { xml: xmlIn, old, now, rowTags, dimension: null };
  const xml = openSheetData(xmlIn, p);
  const sd = sheetDataSpan(xml, p);
  const rows = listRows(xml, p, sd.openEnd, sd.close);
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const targets = [...changes.keys()].sort((a, b) => a - b);
  const splices: { start: number; end: number; text: string }[] = [];
  // Style a new cell inherits, as in Excel: its row's style (customFormat), else its column's.
  const colStyles: { min: number; max: number; s: number }[] = [];
  const colsEl = findElement(xml, p + "cols", 0, sd.start);
  if (colsEl && !colsEl.selfClosing) {
    for (const e of findAll(xml, p + "col", colsEl.openEnd, colsEl.end)) {
      const a = parseAttrs(e.tag);
      if (a.style && Number(a.style) > 0) colStyles.push({ min: Number(a.min) - 1, max: Number(a.max) - 1, s: Number(a.style) });
    }
  }
  const inheritedStyle = (rowTag: string | null, col: number): number => {
    if (rowTag) {
      const a = parseAttrs(rowTag);
      if ((a.customFormat === "1" || a.customFormat === "true") && a.s) return Number(a.s) || 0;
    }
    return colStyles.find((c) => col >= c.min && col <= c.max)?.s ?? 0;
  };
  const insertPos = (row: number): number => {
    let lo = 0, hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].row < row) lo = mid + 1;
      else hi = mid;
    }
    return lo < rows.length ? rows[lo].start : sd.close;
  };
  for (const row of targets) {
    const cols = changes.get(row)!;
    const existing = byRow.get(row);
    let cells: CellSpan[] = [];
    let tag = `<${p}row r="${row + 1}">`;
    const beforeTag = existing ? existing.tag : null;
    if (existing) {
      tag = existing.tag;
      if (!existing.selfClosing) {
        const inner = xml.slice(existing.start + existing.tag.length, existing.end - `</${p}row>`.length);
        cells = listCells(inner, p, row);
      } else tag = tag.slice(0, -2) + ">";
    }
    for (const [col, fn] of cols) {
      const i = cells.findIndex((c) => c.col === col);
      const before = i >= 0 ? cells[i].xml : null;
      const after = fn(before, before === null ? inheritedStyle(existing ? existing.tag : null, col) : 0);
      const key = toA1(row, col);
      old.set(key, before);
      now.set(key, after);
      if (i >= 0) {
        if (after === null) cells.splice(i, 1);
        else cells[i] = { col, xml: after };
      } else if (after !== null) cells.push({ col, xml: after });
    }
    cells.sort((a, b) => a.col - b.col);
    if (!/\sr\s*=\s*"/.test(tag)) tag = setAttr(tag, "r", String(row + 1));
    tag = widenSpans(tag, cells.map((c) => c.col));
    const restore = opts.restoreRowTags?.get(row);
    let rowXml: string | null;
    if (restore && existing && existing.tag === restore.after) {
      if (restore.before === null) rowXml = cells.length ? `${tag}${cells.map((c) => c.xml).join("")}</${p}row>` : null;
      else if (restore.before.endsWith("/>") && cells.length === 0) rowXml = restore.before;
      else rowXml = `${restore.before.endsWith("/>") ? restore.before.slice(0, -2) + ">" : restore.before}${cells.map((c) => c.xml).join("")}</${p}row>`;
    } else {
      rowXml = existing || cells.length ? `${tag}${cells.map((c) => c.xml).join("")}</${p}row>` : null;
      if (rowXml !== null) rowTags.set(row, { before: beforeTag, after: tag });
    }
    if (existing) splices.push({ start: existing.start, end: existing.end, text: rowXml ?? "" });
    else if (rowXml) {
      const at = insertPos(row);
      splices.push({ start: at, end: at, text: rowXml });
    }
  }
  splices.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let pos = 0;
  for (const s of splices) {
    out += xml.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  out += xml.slice(pos);
  const d0 = findElement(out, p + "dimension");
  if (opts.restoreDimension && d0 && d0.tag === opts.restoreDimension.after) {
    return { xml: out.slice(0, d0.start) + opts.restoreDimension.before + out.slice(d0.end), old, now, rowTags, dimension: null };
  }
  const out2 = updateDimension(out, p, [...now.keys()]);
  const d1 = findElement(out2, p + "dimension");
  const dimension = d0 && d1 && d0.tag !== d1.tag ? { before: d0.tag, after: d1.tag } : null;
  return { xml: out2, old, now, rowTags, dimension };
}

function updateDimension(xml: string, p: string, cells: string[]): string {
  const d = findElement(xml, p + "dimension");
  if (!d || cells.length === 0) return xml;
  const ref = parseAttrs(d.tag).ref;
  let r: RangeRef;
  try {
    r = parseRange(ref ?? "A1");
  } catch {
    return xml;
  }
  for (const c of cells) {
    const a = addr(c);
    if (!a) continue;
    r = { top: Math.min(r.top, a[0]), left: Math.min(r.left, a[1]), bottom: Math.max(r.bottom, a[0]), right: Math.max(r.right, a[1]) };
  }
  const tag = setAttr(d.tag, "ref", rangeToA1(r));
  return xml.slice(0, d.start) + tag + xml.slice(d.end);
}

/** Read the XML of one cell (null when absent). */
export function getCellXml(xml: string, p: string, row: number, col: number): string | null {
  const sd = findElement(xml, p + "sheetData");
  if (!sd || sd.selfClosing) return null;
  const close = sd.end - `</${p}sheetData>`.length;
  // fast path: look for r="A1" of the cell
  const key = `r="${toA1(row, col)}"`;
  let i = xml.indexOf(key, sd.openEnd);
  while (i >= 0 && i < close) {
    const lt = xml.lastIndexOf("<", i);
    if (xml.startsWith(`<${p}c`, lt) && /[\s]/.test(xml[lt + p.length + 2])) {
      const e = findElement(xml, p + "c", lt, lt + 1);
      if (e) return xml.slice(e.start, e.end);
    }
    i = xml.indexOf(key, i + 1);
  }
  // slow path (cells without r attributes)
  const rows = listRows(xml, p, sd.openEnd, close);
  const r = rows.find((x) => x.row === row);
  if (!r || r.selfClosing) return null;
  const inner = xml.slice(r.start + r.tag.length, r.end - `</${p}row>`.length);
  return listCells(inner, p, row).find((c) => c.col === col)?.xml ?? null;
}

/** Ranges of the array formulas of a sheet. */
export function arrayFormulaRanges(xml: string, p: string): RangeRef[] {
  if (xml.indexOf('t="array"') < 0) return [];
  const out: RangeRef[] = [];
  const re = new RegExp(`<${p}f\\b([^>]*)>`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const a = parseAttrs(`<f ${m[1]}>`);
    if (a.t !== "array" || !a.ref) continue;
    try {
      out.push(parseRange(a.ref));
    } catch {
      /* ignore */
    }
  }
  return out;
}

/** The master cell of shared formula `si` (the one with its text). */
export function findSharedMaster(xml: string, p: string, si: string): { row: number; col: number; text: string } | null {
  const re = new RegExp(`<${p}f\\b([^>]*?)>([^<]+)</${p}f>`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const a = parseAttrs(`<f ${m[1]}>`);
    if (a.t !== "shared" || a.si !== si) continue;
    const lt = xml.lastIndexOf(`<${p}c `, m.index);
    const ca = parseAttrs(xml.slice(lt, xml.indexOf(">", lt) + 1));
    const at = ca.r ? addr(ca.r) : null;
    if (at) return { row: at[0], col: at[1], text: decodeXml(m[2]) };
  }
  return null;
}

/** Replace dependents of shared formula `si` with explicit formulas (before its master changes). */
export function unshareFormula(xml: string, p: string, si: string, master: { row: number; col: number; text: string }): string {
  const re = new RegExp(`<${p}f\\b([^>]*?)(/>|></${p}f>)`, "g");
  return xml.replace(re, (m, attrs: string, _end: string, offset: number) => {
    const a = parseAttrs(`<f ${attrs}>`);
    if (a.t !== "shared" || a.si !== si || a.ref) return m;
    const lt = xml.lastIndexOf(`<${p}c `, offset);
    const ca = parseAttrs(xml.slice(lt, xml.indexOf(">", lt) + 1));
    const at = ca.r ? addr(ca.r) : null;
    if (!at) return m;
    const text = slideFormula(master.text, master.row, master.col, at[0], at[1]);
    return `<${p}f>${escapeText(text)}</${p}f>`;
  });
}

// Order of the children of <worksheet> (ECMA-376 CT_Worksheet).
const WS_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
  "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
  "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
  "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
  "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
  "extLst",
];

/** Insert a top-level worksheet element at its schema position. */
export function insertInOrder(xml: string, p: string, name: string, elementXml: string): string {
  const idx = WS_ORDER.indexOf(name);
  const sd = findElement(xml, p + "sheetData");
  for (const later of WS_ORDER.slice(idx + 1)) {
    // elements after sheetData are searched after it (sheetData may be huge and holds no such tags)
    const from = sd && WS_ORDER.indexOf(later) > WS_ORDER.indexOf("sheetData") ? sd.end : 0;
    const to = sd && WS_ORDER.indexOf(later) < WS_ORDER.indexOf("sheetData") ? sd.start : xml.length;
    const e = findElement(xml, p + later, from, to);
    if (e && e.start < to) return xml.slice(0, e.start) + elementXml + xml.slice(e.start);
  }
  const close = xml.lastIndexOf(`</${p}worksheet>`);
  return xml.slice(0, close) + elementXml + xml.slice(close);
}

/** Children of a collection element (mergeCells, dataValidations…), creating it when absent. */
export function appendToCollection(xml: string, p: string, collection: string, child: string): string {
  let span = findElement(xml, p + collection, afterSheetData(xml, p));
  if (!span) {
    return insertInOrder(xml, p, collection, `<${p}${collection} count="1">${child}</${p}${collection}>`);
  }
  if (span.selfClosing) {
    xml = `${xml.slice(0, span.start)}${span.tag.slice(0, -2)}></${p}${collection}>${xml.slice(span.end)}`;
    span = findElement(xml, p + collection, span.start)!;
  }
  const close = span.end - `</${p}${collection}>`.length;
  const childName = collection.replace(/s$/, "");
  const n = findAll(xml, p + childName, span.openEnd, span.end).length + 1;
  const tag = /\scount\s*=/.test(span.tag) ? setAttr(span.tag, "count", String(n)) : span.tag;
  return xml.slice(0, span.start) + tag + xml.slice(span.openEnd, close) + child + xml.slice(close);
}

/** Remove one exact child text from a collection; removes the collection when it becomes empty. */
export function removeFromCollection(xml: string, p: string, collection: string, child: string): { xml: string; removed: boolean } {
  const span = findElement(xml, p + collection, afterSheetData(xml, p));
  if (!span || span.selfClosing) return { xml, removed: false };
  const i = xml.indexOf(child, span.openEnd);
  if (i < 0 || i >= span.end) return { xml, removed: false };
  xml = xml.slice(0, i) + xml.slice(i + child.length);
  const s2 = findElement(xml, p + collection, span.start)!;
  const childName = collection.replace(/s$/, "");
  const n = findAll(xml, p + childName, s2.openEnd, s2.end).length;
  if (n === 0) return { xml: xml.slice(0, s2.start) + xml.slice(s2.end), removed: true };
  const tag = /\scount\s*=/.test(s2.tag) ? setAttr(s2.tag, "count", String(n)) : s2.tag;
  return { xml: xml.slice(0, s2.start) + tag + xml.slice(s2.openEnd), removed: true };
}

function afterSheetData(xml: string, p: string): number {
  const sd = findElement(xml, p + "sheetData");
  return sd ? sd.end : 0;
}

export function mergeRefs(xml: string, p: string): RangeRef[] {
  const mc = findElement(xml, p + "mergeCells", afterSheetData(xml, p));
  if (!mc || mc.selfClosing) return [];
  const out: RangeRef[] = [];
  for (const e of findAll(xml, p + "mergeCell", mc.openEnd, mc.end)) {
    try {
      out.push(parseRange(parseAttrs(e.tag).ref ?? ""));
    } catch {
      /* ignore */
    }
  }
  return out;
}

// ---- columns ------------------------------------------------------------------------------------

/** The `<col>` attributes that cover column `col` (0-based), or null. */
export function colAttrs(xml: string, p: string, col: number): Record<string, string> | null {
  const cols = findElement(xml, p + "cols");
  if (!cols || cols.selfClosing) return null;
  for (const e of findAll(xml, p + "col", cols.openEnd, cols.end)) {
    const a = parseAttrs(e.tag);
    if (Number(a.min) - 1 <= col && col <= Number(a.max) - 1) return a;
  }
  return null;
}

/** Set the `<col>` entry of one column to `attrs` (null removes it), splitting ranges as needed. */
export function setColumn(xml: string, p: string, col: number, attrs: Record<string, string> | null): string {
  let cols = findElement(xml, p + "cols");
  if (!cols) {
    if (!attrs) return xml;
    xml = insertInOrder(xml, p, "cols", `<${p}cols></${p}cols>`);
    cols = findElement(xml, p + "cols")!;
  } else if (cols.selfClosing) {
    xml = `${xml.slice(0, cols.start)}<${p}cols></${p}cols>${xml.slice(cols.end)}`;
    cols = findElement(xml, p + "cols")!;
  }
  const items = findAll(xml, p + "col", cols.openEnd, cols.end).map((e) => parseAttrs(e.tag));
  const out: Record<string, string>[] = [];
  const c1 = col + 1;
  for (const a of items) {
    const min = Number(a.min), max = Number(a.max);
    if (c1 < min || c1 > max) {
      out.push(a);
      continue;
    }
    if (min < c1) out.push({ ...a, min: String(min), max: String(c1 - 1) });
    if (c1 < max) out.push({ ...a, min: String(c1 + 1), max: String(max) });
  }
  if (attrs) out.push({ ...attrs, min: String(c1), max: String(c1) });
  out.sort((a, b) => Number(a.min) - Number(b.min));
  const body = out
    .map((a) => {
      const { min, max, ...rest } = a;
      return `<${p}col min="${min}" max="${max}"${Object.entries(rest).map(([k, v]) => ` ${k}="${encodeAttr(v)}"`).join("")}/>`;
    })
    .join("");
  if (!body) return xml.slice(0, cols.start) + xml.slice(cols.end);
  return `${xml.slice(0, cols.start)}<${p}cols>${body}</${p}cols>${xml.slice(cols.end)}`;
}

export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export { decodeXml };
