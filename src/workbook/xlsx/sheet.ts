/**
 * Worksheet XML (xl/worksheets/sheetN.xml): reading into a SheetSnapshot (one pass over the
 * tokenizer's elements), and patches of single cells, merges, column widths and data validations
 * spliced at the token offsets of the exact elements. Everything not named is left as it is.
 */
import type { CellValue, RangeRef, SheetSnapshot } from "../port";
import { columnIndex, columnLetters, parseRange, rangeToA1, toA1 } from "../../engine/model/grid";
import type { Styles } from "./styles";
import { decodeOoxmlEscapes, decodeXml, encodeAttr, findAll, findElement, parseAttrs, removeAttr as removeAttrText, setAttr, stringItemOf } from "./xml";
import { attrOf, attrValue, childOf, docOf, parseXml, prefixOf, textOf, type XmlDoc } from "./xmldoc";

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

/** r, s, t of a `<c>` element in one pass over its start tag. */
function cellAttrs(doc: XmlDoc, i: number, out: { r?: string; s?: string; t?: string }): void {
  out.r = out.s = out.t = undefined;
  const x = doc.text;
  let k = doc.start[i] + doc.names[doc.qn[i]].length + 1;
  const to = doc.openEnd[i];
  for (;;) {
    let c = x.charCodeAt(k);
    while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) c = x.charCodeAt(++k);
    if (k >= to || c === 0x3e || c === 0x2f) return;
    const ns = k;
    while (c !== 0x3d && c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) c = x.charCodeAt(++k);
    const len = k - ns;
    while (c !== 0x22 && c !== 0x27) c = x.charCodeAt(++k);
    const ve = x.indexOf(c === 0x22 ? '"' : "'", k + 1);
    if (len === 1) {
      const n = x.charCodeAt(ns);
      if (n === 0x72) out.r = attrValue(x.slice(k + 1, ve));
      else if (n === 0x73) out.s = attrValue(x.slice(k + 1, ve));
      else if (n === 0x74) out.t = attrValue(x.slice(k + 1, ve));
    }
    k = ve + 1;
  }
}

const scratch: { r?: string; s?: string; t?: string } = {};

/** Parse one cell element (its full text, prefix `ctx.p`) given its row/col. */
export function parseCellXml(cellXml: string, row: number, col: number, ctx: SheetContext): ParsedCell {
  return parseCellAt(parseXml(cellXml, { namespaces: false }), 0, row, col, ctx);
}

/**
 * Parse the `<c>` element `i` of a parsed sheet. `attrsRead`: the caller has just read its attributes
 * into `scratch` (readSheet, which needs r first).
 */
export function parseCellAt(doc: XmlDoc, i: number, row: number, col: number, ctx: SheetContext, attrsRead = false): ParsedCell {
  if (!attrsRead) cellAttrs(doc, i, scratch);
  const sa = scratch.s;
  const s = sa ? Number(sa) || 0 : 0;
  const t = scratch.t;
  let formula: string | null = null;
  let shared: ParsedCell["shared"];
  let value: CellValue = null;
  if (doc.after[i] > i + 1) {
    let v: string | null = null;
    let is = -1;
    const stop = doc.after[i];
    for (let j = i + 1; j < stop; j = doc.after[j]) {
      const local = doc.locals[doc.qn[j]];
      if (local === "v") v = textOf(doc, j);
      else if (local === "f") {
        const text = textOf(doc, j);
        const ft = attrOf(doc, j, "t");
        const si = attrOf(doc, j, "si");
        if (ft === "shared" && si !== undefined) {
          shared = { si, ref: attrOf(doc, j, "ref"), text: text || undefined };
          if (text) formula = "=" + text;
        } else if (text) formula = "=" + text;
      } else if (local === "is") is = j;
    }
    switch (t) {
      case "s": {
        const k = v === null ? NaN : Number(v);
        value = Number.isInteger(k) ? ctx.sst[k] ?? "" : null;
        break;
      }
      case "str":
        value = v === null ? null : decodeOoxmlEscapes(v);
        break;
      case "inlineStr":
        value = is >= 0 ? stringItemOf(doc, is) : v;
        break;
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

/** Row number (0-based) of a `<row>` element: its r, else the one after the previous row. */
function rowNumber(doc: XmlDoc, i: number, last: number): number {
  const ra = attrOf(doc, i, "r");
  const rn = ra ? Number(ra) : NaN;
  return Number.isInteger(rn) && rn >= 1 && rn <= 1048576 ? rn - 1 : last + 1;
}

/** Read a worksheet into a snapshot. Throws TooManyCellsError past `maxCells` cells. */
export function readSheet(name: string, doc: XmlDoc, ctx: SheetContext, opts: ReadSheetOptions, hidden: boolean): SheetSnapshot {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: (string | null)[][] = [];
  let rowCount = 0;
  let colCount = 0;
  let cells = 0;
  let anyFormula = false;
  let anyFormat = false;
  const masters = new Map<string, { row: number; col: number; text: string }>();
  const ns = doc.ns[0];
  const sd = childOf(doc, 0, "sheetData");
  const { after, qn, locals } = doc;
  if (sd >= 0) {
    let lastRow = -1;
    for (let ri = sd + 1; ri < after[sd]; ri = after[ri]) {
      if (locals[qn[ri]] !== "row" || doc.ns[ri] !== ns) continue;
      const row = rowNumber(doc, ri, lastRow);
      lastRow = row;
      let lastCol = -1;
      for (let ci = ri + 1; ci < after[ri]; ci = after[ci]) {
        if (locals[qn[ci]] !== "c" || doc.ns[ci] !== ns) continue;
        if (++cells > opts.maxCells) throw new TooManyCellsError(opts.maxCells);
        cellAttrs(doc, ci, scratch);
        const ref = scratch.r;
        const rc = ref ? colOfRef(ref) : -1;
        const col = rc >= 0 && rc <= 16383 ? rc : lastCol + 1;
        lastCol = col;
        const pc = parseCellAt(doc, ci, row, col, ctx, true);
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
  // merged areas: rectangles, never expanded cell by cell
  const merges: RangeRef[] = [];
  const mc = childOf(doc, 0, "mergeCells");
  if (mc >= 0) {
    for (let k = mc + 1; k < after[mc]; k = after[k]) {
      if (locals[qn[k]] !== "mergeCell") continue;
      const ref = attrOf(doc, k, "ref");
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

function sheetDataSpan(xml: string, p: string): { openEnd: number; close: number; start: number; end: number } {
  const sd = findElement(xml, p + "sheetData");
  if (!sd || sd.selfClosing) throw new Error("worksheet has no open sheetData");
  return { start: sd.start, end: sd.end, openEnd: sd.openEnd, close: sd.closeStart };
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

interface RowEl {
  row: number;
  /** Element index. */
  i: number;
  hasR: boolean;
}

/** The `<row>` elements of sheetData (tokens, so comments and CDATA never count). */
function listRows(doc: XmlDoc, sd: number): RowEl[] {
  const out: RowEl[] = [];
  const ns = doc.ns[sd];
  let last = -1;
  for (let i = sd + 1; i < doc.after[sd]; i = doc.after[i]) {
    if (doc.locals[doc.qn[i]] !== "row" || doc.ns[i] !== ns) continue;
    const row = rowNumber(doc, i, last);
    last = row;
    out.push({ row, i, hasR: attrOf(doc, i, "r") !== undefined });
  }
  return out;
}

interface CellEl {
  col: number;
  i: number;
  hasR: boolean;
}

function listCells(doc: XmlDoc, rowIdx: number): CellEl[] {
  const out: CellEl[] = [];
  const ns = doc.ns[rowIdx];
  let last = -1;
  for (let i = rowIdx + 1; i < doc.after[rowIdx]; i = doc.after[i]) {
    if (doc.locals[doc.qn[i]] !== "c" || doc.ns[i] !== ns) continue;
    const r = attrOf(doc, i, "r");
    const rc = r ? colOfRef(r) : -1;
    const col = rc >= 0 && rc <= 16383 ? rc : last + 1;
    last = col;
    out.push({ col, i, hasR: r !== undefined });
  }
  return out;
}

const elText = (doc: XmlDoc, i: number) => doc.text.slice(doc.start[i], doc.end[i]);
const openTag = (doc: XmlDoc, i: number) => doc.text.slice(doc.start[i], doc.openEnd[i]);

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
  const spans = parseAttrs(tag).spans;
  if (spans === undefined || cols.length === 0) return tag;
  const nums = spans.split(/[\s:]+/).filter(Boolean).map(Number);
  if (nums.some((n) => !Number.isFinite(n))) return removeSpans(tag);
  const lo = Math.min(...nums), hi = Math.max(...nums);
  const clo = Math.min(...cols) + 1, chi = Math.max(...cols) + 1;
  const inside = cols.every((c) => nums.length === 2 ? c + 1 >= lo && c + 1 <= hi : false);
  if (inside) return tag;
  return setAttr(tag, "spans", `${Math.min(lo, clo)}:${Math.max(hi, chi)}`);
}

function removeSpans(tag: string): string {
  return removeAttrText(tag, "spans");
}

interface Splice {
  start: number;
  end: number;
  text: string;
  /** Order of insertions at the same offset. */
  order: number;
}

function applySplices(text: string, splices: Splice[], from = 0, to = text.length): string {
  splices.sort((a, b) => a.start - b.start || a.order - b.order || a.end - b.end);
  let out = "";
  let pos = from;
  for (const s of splices) {
    out += text.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  return out + text.slice(pos, to);
}

/**
 * Replace cells. `changes` maps row → col → function(old cell XML or null) → new cell XML or null
 * (null removes the cell). Each change is spliced at the offsets of its own `<row>`/`<c>` element;
 * all other bytes stay as they are (cells and rows stay in order; a row or cell that relied on
 * its position, having no `r`, gets its `r` when a neighbour is removed).
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
  const doc = docOf(xml);
  const sdSpan = sheetDataSpan(xml, p);
  const sd = findElement(xml, p + "sheetData")!.index;
  const rows = listRows(doc, sd);
  const byRow = new Map(rows.map((r) => [r.row, r]));
  let sorted = true;
  for (let k = 1; k < rows.length; k++) if (rows[k].row <= rows[k - 1].row) sorted = false;
  const targets = [...changes.keys()].sort((a, b) => a - b);
  const splices: Splice[] = [];
  // Style a new cell inherits, as in Excel: its row's style (customFormat), else its column's.
  const colStyles: { min: number; max: number; s: number }[] = [];
  const colsEl = findElement(xml, p + "cols", 0, sdSpan.start);
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
  /** Offset where a new row goes: before the first row with a greater number. */
  const insertPos = (row: number): number => {
    if (sorted) {
      let lo = 0, hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rows[mid].row < row) lo = mid + 1;
        else hi = mid;
      }
      return lo < rows.length ? doc.start[rows[lo].i] : sdSpan.close;
    }
    const next = rows.find((r) => r.row > row);
    return next ? doc.start[next.i] : sdSpan.close;
  };
  const targetSet = new Set(targets);
  for (const row of targets) {
    const cols = changes.get(row)!;
    const existing = byRow.get(row);
    const rp = existing ? prefixOf(doc, existing.i) : p;
    let tag = existing ? openTag(doc, existing.i) : `<${p}row r="${row + 1}">`;
    const beforeTag = existing ? tag : null;
    const selfClosing = existing ? doc.end[existing.i] === doc.openEnd[existing.i] : false;
    if (selfClosing) tag = tag.slice(0, -2) + ">";
    const cells = existing ? listCells(doc, existing.i) : [];
    const anyImplicit = cells.some((c) => !c.hasR);
    const inner: Splice[] = [];
    const innerFrom = existing ? doc.openEnd[existing.i] : 0;
    const innerTo = existing ? doc.closeStart[existing.i] : 0;
    let count = cells.length;
    const handled = new Set<number>();
    const finalCols: number[] = cells.map((c) => c.col);
    for (const [col, fn] of [...cols].sort((a, b) => a[0] - b[0])) {
      const k = cells.findIndex((c) => c.col === col);
      const before = k >= 0 ? elText(doc, cells[k].i) : null;
      const after = fn(before, before === null ? inheritedStyle(existing ? openTag(doc, existing.i) : null, col) : 0);
      const key = toA1(row, col);
      old.set(key, before);
      now.set(key, after);
      if (k >= 0) {
        handled.add(k);
        const c = cells[k];
        if (after === null) {
          count--;
          finalCols.splice(finalCols.indexOf(col), 1);
        }
        inner.push({ start: doc.start[c.i], end: doc.end[c.i], text: after ?? "", order: col });
      } else if (after !== null) {
        count++;
        finalCols.push(col);
        const next = cells.find((c) => c.col > col);
        const at = next ? doc.start[next.i] : innerTo;
        inner.push({ start: at, end: at, text: after, order: col });
      }
    }
    if (anyImplicit) {
      // positions would shift: give every cell left as it was its r
      cells.forEach((c, k) => {
        if (c.hasR || handled.has(k)) return;
        const t = openTag(doc, c.i);
        inner.push({ start: doc.start[c.i], end: doc.openEnd[c.i], text: setAttr(t, "r", toA1(row, c.col)), order: -1 });
      });
    }
    if (parseAttrs(tag).r === undefined) tag = setAttr(tag, "r", String(row + 1));
    tag = widenSpans(tag, finalCols);
    const body = existing && !selfClosing ? applySplices(xml, inner, innerFrom, innerTo) : applySplices("", inner.map((x) => ({ ...x, start: 0, end: 0 })));
    const close = `</${rp}row>`;
    const restore = opts.restoreRowTags?.get(row);
    let rowXml: string | null;
    if (restore && existing && beforeTag === restore.after) {
      if (restore.before === null) rowXml = count ? `${tag}${body}${close}` : null;
      else if (restore.before.endsWith("/>") && count === 0) rowXml = restore.before;
      else rowXml = `${restore.before.endsWith("/>") ? restore.before.slice(0, -2) + ">" : restore.before}${body}${close}`;
    } else {
      rowXml = existing || count ? `${tag}${body}${close}` : null;
      if (rowXml !== null) rowTags.set(row, { before: beforeTag, after: tag });
    }
    if (existing) {
      splices.push({ start: doc.start[existing.i], end: doc.end[existing.i], text: rowXml ?? "", order: row });
      if (rowXml === null) {
        // the next row, if it has no r, would take this row's number
        const k = rows.indexOf(existing);
        const next = rows[k + 1];
        if (next && !next.hasR && !targetSet.has(next.row)) {
          splices.push({ start: doc.start[next.i], end: doc.openEnd[next.i], text: setAttr(openTag(doc, next.i), "r", String(next.row + 1)), order: next.row });
        }
      }
    } else if (rowXml) {
      const at = insertPos(row);
      splices.push({ start: at, end: at, text: rowXml, order: row });
    }
  }
  const out = applySplices(xml, splices);
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

/** The `<c>` element of one cell in a parsed sheet, or -1. */
function cellIndex(doc: XmlDoc, row: number, col: number): number {
  const sd = childOf(doc, 0, "sheetData");
  if (sd < 0) return -1;
  const r = listRows(doc, sd).find((x) => x.row === row);
  if (!r) return -1;
  return listCells(doc, r.i).find((c) => c.col === col)?.i ?? -1;
}

/** Read the XML of one cell (null when absent). */
export function getCellXml(xml: string, _p: string, row: number, col: number): string | null {
  const doc = docOf(xml);
  const i = cellIndex(doc, row, col);
  return i < 0 ? null : elText(doc, i);
}

/** The `<f>` elements of a sheet with their cell's position. */
function formulas(doc: XmlDoc): { f: number; row: number; col: number }[] {
  const out: { f: number; row: number; col: number }[] = [];
  const sd = childOf(doc, 0, "sheetData");
  if (sd < 0) return out;
  for (const r of listRows(doc, sd)) {
    for (const c of listCells(doc, r.i)) {
      const f = childOf(doc, c.i, "f");
      if (f >= 0) out.push({ f, row: r.row, col: c.col });
    }
  }
  return out;
}

/** Ranges of the array formulas of a sheet. */
export function arrayFormulaRanges(xml: string, _p: string): RangeRef[] {
  if (xml.indexOf("array") < 0) return [];
  const doc = docOf(xml);
  const out: RangeRef[] = [];
  for (const { f } of formulas(doc)) {
    const ref = attrOf(doc, f, "ref");
    if (attrOf(doc, f, "t") !== "array" || !ref) continue;
    try {
      out.push(parseRange(ref));
    } catch {
      /* ignore */
    }
  }
  return out;
}

/** The master cell of shared formula `si` (the one with its text). */
export function findSharedMaster(xml: string, _p: string, si: string): { row: number; col: number; text: string } | null {
  const doc = docOf(xml);
  for (const { f, row, col } of formulas(doc)) {
    if (attrOf(doc, f, "t") !== "shared" || attrOf(doc, f, "si") !== si) continue;
    const text = textOf(doc, f);
    if (text) return { row, col, text };
  }
  return null;
}

/** Replace dependents of shared formula `si` with explicit formulas (before its master changes). */
export function unshareFormula(xml: string, p: string, si: string, master: { row: number; col: number; text: string }): string {
  const doc = docOf(xml);
  const splices: Splice[] = [];
  for (const { f, row, col } of formulas(doc)) {
    if (attrOf(doc, f, "t") !== "shared" || attrOf(doc, f, "si") !== si || attrOf(doc, f, "ref") !== undefined) continue;
    if (textOf(doc, f)) continue;
    const fp = prefixOf(doc, f) || p;
    const text = slideFormula(master.text, master.row, master.col, row, col);
    splices.push({ start: doc.start[f], end: doc.end[f], text: `<${fp}f>${escapeText(text)}</${fp}f>`, order: 0 });
  }
  return splices.length ? applySplices(xml, splices) : xml;
}

/** Does the sheet hold any cell? */
export function hasCells(xml: string): boolean {
  const doc = docOf(xml);
  const sd = childOf(doc, 0, "sheetData");
  if (sd < 0) return false;
  return listRows(doc, sd).some((r) => listCells(doc, r.i).length > 0);
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
