/**
 * WorkbookPort over an .xlsx / .xlsm file held in memory (no fs: bytes in, bytes out; the browser
 * preview host uses this class too).
 *
 * How nothing is lost: the workbook is kept as its original ZIP package. Reading parses the
 * worksheet XML; an edit patches, as text, only the `<c>` elements it names (and, when asked, the
 * sheet's mergeCells / cols / dataValidations, the styles part for new cell formats, the workbook
 * part for new sheets). `toBuffer()` writes every part that was not patched with its original
 * compressed bytes — macros (vbaProject.bin), charts, images, comments, conditional formats,
 * defined names, printer settings and anything else come out exactly as they went in.
 * (exceljs' load+write round trip drops several of these, so it is not used to write.)
 *
 * Settings are stored as custom document properties (docProps/custom.xml), named
 * `PlanSheet:<key>` (long values continue in `PlanSheet:<key>#1`, `#2`… of at most 255 characters
 * each), so they travel with the file and Office.js can read them (workbook.properties.custom).
 *
 * Limits: see open.ts for the package (200 MB inflated); at most `maxCellsPerSheet` (2,000,000)
 * cells per sheet are read, past that readSnapshot refuses with file.tooManyCells.
 */
import type { CellState, CellValue, EditBatch, ReadOptions, RevertReport, SheetSnapshot, UndoRecord, WorkbookPort, WorkbookSnapshot } from "../port";
import { columnIndex, parseA1, parseRange, rangeToA1, toA1 } from "../../engine/model/grid";
import { WorkbookFileError, type WorkbookFileErrorCode } from "./errors";
import { openPackage } from "./open";
import { OoxmlPackage, REL_NS, relsPathOf } from "./package";
import {
  TooManyCellsError,
  hasCells as sheetHasCells,
  appendToCollection,
  arrayFormulaRanges,
  colAttrs,
  escapeText,
  getCellXml,
  mergeRefs,
  parseCellXml,
  patchCells,
  findSharedMaster,
  readSheet,
  removeFromCollection,
  setColumn,
  slideFormula,
  unshareFormula,
  type SheetContext,
} from "./sheet";
import { MINIMAL_STYLES_XML, Styles } from "./styles";
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./zip";
import { encodeAttr, encodeXmlText, findAll, findElement, parseAttrs, removeAttr, rootPrefix, setAttr, stringItemOf } from "./xml";
import { attrOf, attrsOf, childOf, childrenOf, docOf, localName, textOf } from "./xmldoc";

export interface XlsxLimits {
  zip: ZipLimits;
  maxCellsPerSheet: number;
}

export const DEFAULT_LIMITS: XlsxLimits = { zip: DEFAULT_ZIP_LIMITS, maxCellsPerSheet: 2_000_000 };

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** ISO/IEC 29500 Strict: its own namespaces and relationship types (a Strict package stays Strict). */
const STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships";
const TRANSITIONAL_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const T_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const T_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const T_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
const CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
const VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
const FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
const SETTING_PREFIX = "PlanSheet:";
const CHUNK = 255;

interface SheetInfo {
  name: string;
  rid: string;
  part: string;
  hidden: boolean;
}

export type { RevertReport } from "../port";

interface UndoDetails {
  cells: { sheet: string; cell: string; before: string | null; after: string | null }[];
  rows: Map<string, { tags: Map<number, { before: string | null; after: string }>; dimension: { before: string; after: string } | null }>;
  merges: { sheet: string; child: string }[];
  columns: { sheet: string; col: number; before: Record<string, string> | null; after: Record<string, string> }[];
  validations: { sheet: string; child: string }[];
  sheets: { name: string; rid: string; part: string; sheetTag: string }[];
}

const INVALID_SHEET_CHARS = /[\\/?*[\]:]/;

export class XlsxWorkbook implements WorkbookPort {
  private readonly pkg: OoxmlPackage;
  private readonly workbookPart: string;
  private sheets: SheetInfo[] = [];
  private sst: string[] = [];
  private stylesPart: string | null = null;
  private styles: Styles;
  private date1904 = false;
  private readonly undoDetails = new WeakMap<UndoRecord, UndoDetails>();
  private readonly cache = new Map<string, { xml: string; snap: SheetSnapshot }>();

  private constructor(
    bytes: Uint8Array,
    readonly name: string,
    private readonly limits: XlsxLimits,
  ) {
    const { entries } = openPackage(bytes, name, limits.zip);
    this.pkg = new OoxmlPackage(entries, name, limits.zip.maxTotalUncompressed);
    this.pkg.doc("[Content_Types].xml"); // must be well-formed (it is rewritten when parts are added)
    const office = this.pkg.rels("").find((r) => /\/officeDocument$/.test(r.type) && r.part);
    const wbPart = office?.part ?? "xl/workbook.xml";
    this.workbookPart = this.pkg.resolveName(wbPart);
    // the main part must be a SpreadsheetML workbook (not a Word document or a presentation)
    if (!this.pkg.has(this.workbookPart)) {
      if (office && this.pkg.names().some((n) => n.startsWith("xl/"))) throw new WorkbookFileError("file.partMissing", name, { part: this.workbookPart });
      throw new WorkbookFileError("file.notXlsx", name);
    }
    const wbDoc = this.pkg.doc(this.workbookPart)!;
    if (localName(wbDoc, 0) !== "workbook") throw new WorkbookFileError("file.notXlsx", name);
    this.loadStructure();
    const sstPart = this.pkg.rels(this.workbookPart).find((r) => /\/sharedStrings$/.test(r.type) && r.part)?.part;
    const sstDoc = sstPart && this.pkg.has(this.pkg.resolveName(sstPart)) ? this.pkg.doc(sstPart) : null;
    if (sstPart && !sstDoc) throw new WorkbookFileError("file.partMissing", name, { part: sstPart });
    if (sstDoc) {
      // decoded once, in one pass
      for (const si of childrenOf(sstDoc, 0, "si")) this.sst.push(stringItemOf(sstDoc, si));
    }
    this.stylesPart = this.pkg.rels(this.workbookPart).find((r) => /\/styles$/.test(r.type) && r.part)?.part ?? null;
    this.styles = this.newStyles();
  }

  /** Styles of the workbook (a minimal sheet of its flavour when it has none). */
  private newStyles(): Styles {
    if (this.stylesPart) return new Styles(this.pkg.text(this.stylesPart));
    return new Styles(this.isStrict() ? MINIMAL_STYLES_XML.replace(MAIN_NS, STRICT_MAIN_NS) : null);
  }

  /** Open a workbook from its bytes; throws WorkbookFileError (naming `name`) when it cannot. */
  static fromBuffer(buf: Uint8Array | ArrayBuffer, name = "workbook.xlsx", limits: Partial<XlsxLimits> = {}): XlsxWorkbook {
    const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
    const all: XlsxLimits = { ...DEFAULT_LIMITS, ...limits, zip: { ...DEFAULT_LIMITS.zip, ...(limits.zip ?? {}) } };
    try {
      return new XlsxWorkbook(bytes, name, all);
    } catch (e) {
      if (e instanceof WorkbookFileError) throw e;
      throw new WorkbookFileError("file.unreadable", name, { reason: e instanceof Error ? e.message : String(e) });
    }
  }

  private loadStructure(): void {
    const doc = this.pkg.doc(this.workbookPart)!;
    const relsPart = relsPathOf(this.workbookPart);
    const sheetsEl = childOf(doc, 0, "sheets");
    const sheetEls = sheetsEl >= 0 ? childrenOf(doc, sheetsEl, "sheet") : [];
    if (sheetEls.length && !this.pkg.has(this.pkg.resolveName(relsPart))) throw new WorkbookFileError("file.partMissing", this.name, { part: relsPart });
    const rels = this.pkg.rels(this.workbookPart);
    this.sheets = [];
    for (const e of sheetEls) {
      const a = attrsOf(doc, e);
      // the relationship id: the attribute "id" in the relationships namespace (any prefix)
      const ridKey = Object.keys(a).find((k) => /^[^:]+:id$/.test(k));
      const rid = ridKey ? a[ridKey] : "";
      const sheetName = a.name ?? "";
      const rel = rels.find((r) => r.id === rid);
      if (!rel) throw new WorkbookFileError("file.sheetMissing", this.name, { sheet: sheetName, part: `${relsPart} (${rid || "r:id"})` });
      if (!rel.part || !/\/worksheet$/.test(rel.type)) continue; // chartsheets, dialog sheets: not read
      const part = this.pkg.resolveName(rel.part);
      if (!this.pkg.has(part)) throw new WorkbookFileError("file.sheetMissing", this.name, { sheet: sheetName, part: rel.part });
      this.sheets.push({ name: sheetName, rid, part, hidden: a.state === "hidden" || a.state === "veryHidden" });
    }
    const wp = childOf(doc, 0, "workbookPr");
    const d = wp >= 0 ? attrOf(doc, wp, "date1904") : undefined;
    this.date1904 = d === "1" || d === "true";
  }

  /** Sheet names (worksheets only), in workbook order. */
  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  private sheet(name: string): SheetInfo | undefined {
    return this.sheets.find((s) => s.name === name) ?? this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  private sheetXml(info: SheetInfo): string {
    const doc = this.pkg.doc(info.part);
    if (doc === null) throw new WorkbookFileError("file.sheetMissing", this.name, { sheet: info.name, part: info.part });
    if (localName(doc, 0) !== "worksheet") {
      throw new WorkbookFileError("file.unreadable", this.name, { reason: `${info.part}: not a worksheet (sheet "${info.name}")` });
    }
    return doc.text;
  }

  private ctx(p: string): SheetContext {
    return { p, sst: this.sst, styles: this.styles, date1904: this.date1904 };
  }

  async readSnapshot(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    const sheets: SheetSnapshot[] = [];
    for (const info of this.sheets) {
      if (options.sheets && !options.sheets.includes(info.name)) continue;
      sheets.push(this.readOne(info));
    }
    return { name: this.name, sheets };
  }

  private readOne(info: SheetInfo): SheetSnapshot {
    const xml = this.sheetXml(info);
    const c = this.cache.get(info.part);
    if (c && c.xml === xml) return c.snap;
    let snap: SheetSnapshot;
    try {
      snap = readSheet(info.name, this.pkg.doc(info.part)!, this.ctx(rootPrefix(xml)), { maxCells: this.limits.maxCellsPerSheet }, info.hidden);
    } catch (e) {
      if (e instanceof TooManyCellsError) {
        throw new WorkbookFileError("file.tooManyCells", this.name, { sheet: info.name, limit: e.limit.toLocaleString("en-US") });
      }
      throw e;
    }
    this.cache.set(info.part, { xml, snap });
    return snap;
  }

  /** The state of one cell now (value, formula, number format). */
  getCellState(sheetName: string, cell: string): CellState {
    const info = this.sheet(sheetName);
    if (!info) throw this.bad("file.edit.noSheet", sheetName, cell);
    const xml = this.sheetXml(info);
    const { row, col } = parseA1(cell);
    return this.stateOf(info.name, cell, getCellXml(xml, rootPrefix(xml), row, col), row, col, xml);
  }

  private stateOf(sheet: string, cell: string, cellXml: string | null, row: number, col: number, sheetXml?: string): CellState {
    if (cellXml === null) return { sheet, cell, value: null, formula: null, numberFormat: null };
    const p = sheetXml !== undefined ? rootPrefix(sheetXml) : (/^<([\w.-]+:)?c[\s/>]/.exec(cellXml)?.[1] ?? "");
    const pc = parseCellXml(cellXml, row, col, this.ctx(p));
    let formula = pc.formula;
    if (pc.shared && pc.shared.text === undefined && sheetXml) {
      const m = findSharedMaster(sheetXml, p, pc.shared.si);
      if (m) formula = "=" + slideFormula(m.text, m.row, m.col, row, col);
    }
    return { sheet, cell, value: pc.value, formula, numberFormat: pc.s ? this.styles.numFmtOf(pc.s) : null };
  }

  // ---- edits -----------------------------------------------------------------------------------

  private bad(code: WorkbookFileErrorCode, sheet: string, cell: string, extra: Record<string, string> = {}): WorkbookFileError {
    return new WorkbookFileError(code, this.name, { sheet, cell, ...extra });
  }

  async applyEdits(batch: EditBatch): Promise<UndoRecord> {
    const saved = this.pkg.save();
    const savedSheets = this.sheets.map((s) => ({ ...s }));
    try {
      return this.applyInner(batch);
    } catch (e) {
      this.pkg.restore(saved);
      this.sheets = savedSheets;
      this.styles = this.newStyles();
      throw e;
    }
  }

  private applyInner(batch: EditBatch): UndoRecord {
    const details: UndoDetails = { cells: [], rows: new Map(), merges: [], columns: [], validations: [], sheets: [] };
    const undo: UndoRecord = { label: batch.label, cells: [], written: [], addedSheets: [], addedMerges: [] };
    // 1. new sheets
    for (const name of batch.addSheets ?? []) {
      if (this.sheet(name)) throw new WorkbookFileError("file.sheetExists", this.name, { sheet: name });
      if (!name.trim() || name.length > 31 || INVALID_SHEET_CHARS.test(name) || /^'|'$/.test(name)) {
        throw new WorkbookFileError("file.sheetNameInvalid", this.name, { sheet: name });
      }
      details.sheets.push(this.addSheet(name));
      undo.addedSheets.push(name);
    }
    // 2. cells, grouped by sheet
    const bySheet = new Map<string, EditBatch["cells"]>();
    for (const edit of batch.cells) {
      const info = this.sheet(edit.sheet);
      if (!info) throw this.bad("file.edit.noSheet", edit.sheet, edit.cell);
      let rc: { row: number; col: number };
      try {
        rc = parseA1(edit.cell);
      } catch {
        throw this.bad("file.edit.badAddress", edit.sheet, edit.cell);
      }
      if (rc.row > 1048575 || rc.col > 16383) throw this.bad("file.edit.badAddress", edit.sheet, edit.cell);
      if (typeof edit.value === "string" && edit.value.length > 32767) throw this.bad("file.edit.tooLong", edit.sheet, edit.cell);
      if (typeof edit.value === "number" && !Number.isFinite(edit.value)) throw this.bad("file.edit.notFinite", edit.sheet, edit.cell);
      const list = bySheet.get(info.name) ?? [];
      list.push(edit);
      bySheet.set(info.name, list);
    }
    let formulaTouched = false;
    let formulaWritten = false;
    for (const [sheetName, edits] of bySheet) {
      const info = this.sheet(sheetName)!;
      let xml = this.sheetXml(info);
      const p = rootPrefix(xml);
      // shared-formula masters about to lose their formula: give dependents their own formulas
      for (const edit of edits) {
        if (edit.value === undefined && edit.formula === undefined) continue;
        const { row, col } = parseA1(edit.cell);
        const old = getCellXml(xml, p, row, col);
        if (!old) continue;
        const pc = parseCellXml(old, row, col, this.ctx(p));
        if (pc.shared?.ref && pc.shared.text) xml = unshareFormula(xml, p, pc.shared.si, { row, col, text: pc.shared.text });
      }
      // a cell inside an array formula (other than its first cell) cannot be changed alone
      const arrays = arrayFormulaRanges(xml, p);
      const tables = this.tables(info);
      const prot = findElement(xml, p + "sheetProtection");
      const protectedSheet = prot ? /^(1|true)$/.test(parseAttrs(prot.tag).sheet ?? "") : false;
      const changes = new Map<number, Map<number, (old: string | null, inherited: number) => string | null>>();
      for (const edit of edits) {
        const { row, col } = parseA1(edit.cell);
        const inArray = arrays.find((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right && !(row === r.top && col === r.left));
        if (inArray) throw this.bad("file.edit.arrayFormula", info.name, edit.cell, { range: rangeToA1(inArray) });
        const changesContent = edit.value !== undefined || edit.formula !== undefined;
        const header = tables.find((t) => t.headerRow === row && col >= t.ref.left && col <= t.ref.right);
        if (header && changesContent) throw this.bad("file.edit.tableHeader", info.name, edit.cell, { table: header.name });
        if (protectedSheet) {
          const old = getCellXml(xml, p, row, col);
          const s = old ? Number(parseAttrs(old.slice(0, old.indexOf(">") + 1)).s ?? 0) : 0;
          if (this.styles.isLocked(s)) throw this.bad("file.edit.protected", info.name, edit.cell);
        }
        const m = changes.get(row) ?? new Map();
        const prev = m.get(col);
        m.set(col, (old: string | null, inherited: number) => {
          const base = prev ? prev(old, inherited) : old;
          return this.buildCell(base, row, col, edit, p, base === null ? inherited : 0);
        });
        changes.set(row, m);
        if (edit.formula !== undefined) formulaWritten = true;
      }
      const res = patchCells(xml, p, changes);
      this.pkg.setText(info.part, res.xml);
      details.rows.set(info.name, { tags: res.rowTags, dimension: res.dimension });
      for (const [cell, before] of res.old) {
        const after = res.now.get(cell) ?? null;
        const { row, col } = parseA1(cell);
        if ((before && before.includes("<" + p + "f")) || (after && after.includes("<" + p + "f"))) formulaTouched = true;
        details.cells.push({ sheet: info.name, cell, before, after });
        undo.cells.push(this.stateOf(info.name, cell, before, row, col, xml));
        const w = this.stateOf(info.name, cell, after, row, col);
        undo.written.push({ sheet: info.name, cell, value: w.value, formula: w.formula });
      }
    }
    // 3. merges
    for (const m of batch.merges ?? []) {
      const info = this.sheet(m.sheet);
      if (!info) throw this.bad("file.edit.noSheet", m.sheet, m.range);
      let r;
      try {
        r = parseRange(m.range);
      } catch {
        throw this.bad("file.edit.badAddress", m.sheet, m.range);
      }
      if (r.top === r.bottom && r.left === r.right) continue;
      let xml = this.sheetXml(info);
      const p = rootPrefix(xml);
      const existing = mergeRefs(xml, p);
      if (existing.some((e) => e.top === r.top && e.left === r.left && e.bottom === r.bottom && e.right === r.right)) continue;
      const overlaps = (e: { top: number; left: number; bottom: number; right: number }) =>
        e.top <= r.bottom && r.top <= e.bottom && e.left <= r.right && r.left <= e.right;
      if (existing.some(overlaps)) throw this.bad("file.edit.mergeOverlap", info.name, m.range);
      const table = this.tables(info).find((t) => overlaps(t.ref));
      if (table) throw this.bad("file.edit.tableOverlap", info.name, m.range, { table: table.name });
      const child = `<${p}mergeCell ref="${rangeToA1(r)}"/>`;
      xml = appendToCollection(xml, p, "mergeCells", child);
      this.pkg.setText(info.part, xml);
      details.merges.push({ sheet: info.name, child });
      undo.addedMerges.push({ sheet: info.name, range: rangeToA1(r) });
    }
    // 4. column widths
    for (const cw of batch.columnWidths ?? []) {
      const info = this.sheet(cw.sheet);
      if (!info) throw this.bad("file.edit.noSheet", cw.sheet, cw.column);
      if (!/^[A-Za-z]{1,3}$/.test(cw.column) || !(cw.width >= 0 && cw.width <= 255)) throw this.bad("file.edit.badWidth", info.name, cw.column);
      const col = columnIndex(cw.column);
      const xml = this.sheetXml(info);
      const p = rootPrefix(xml);
      const before = colAttrs(xml, p, col);
      const rest: Record<string, string> = { ...(before ?? {}) };
      delete rest.min;
      delete rest.max;
      const after = { ...rest, width: String(cw.width), customWidth: "1" };
      this.pkg.setText(info.part, setColumn(xml, p, col, after));
      details.columns.push({ sheet: info.name, col, before, after });
    }
    // 5. list validations
    for (const v of batch.validations ?? []) {
      const info = this.sheet(v.sheet);
      if (!info) throw this.bad("file.edit.noSheet", v.sheet, v.range);
      try {
        parseRange(v.range);
      } catch {
        throw this.bad("file.edit.badAddress", info.name, v.range);
      }
      if (v.list.some((x) => x.includes(",") || x.includes('"'))) throw this.bad("file.edit.badList", info.name, v.range);
      const formula = `"${v.list.join(",")}"`;
      if (formula.length > 257) throw this.bad("file.edit.badList", info.name, v.range);
      const xml = this.sheetXml(info);
      const p = rootPrefix(xml);
      const sqref = v.range.split(":").map((x) => x.replace(/\$/g, "").toUpperCase()).join(":");
      const child = `<${p}dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${encodeAttr(sqref)}"><${p}formula1>${escapeText(formula)}</${p}formula1></${p}dataValidation>`;
      this.pkg.setText(info.part, appendToCollection(xml, p, "dataValidations", child));
      details.validations.push({ sheet: info.name, child });
    }
    // 6. styles, calculation chain
    this.commitStyles();
    if (formulaTouched) this.dropCalcChain();
    if (formulaWritten) this.setFullCalcOnLoad();
    this.undoDetails.set(undo, details);
    return undo;
  }

  /** Tables (list objects) of a sheet: range and header row. */
  private tables(info: SheetInfo): { name: string; ref: { top: number; left: number; bottom: number; right: number }; headerRow: number | null }[] {
    const out = [];
    for (const rel of this.pkg.rels(info.part)) {
      if (!/\/table$/.test(rel.type) || !rel.part) continue;
      const xml = this.pkg.text(rel.part);
      if (!xml) continue;
      const root = findElement(xml, rootPrefix(xml) + "table");
      if (!root) continue;
      const a = parseAttrs(root.tag);
      try {
        const ref = parseRange(a.ref ?? "");
        out.push({ name: a.displayName ?? a.name ?? rel.part, ref, headerRow: a.headerRowCount === "0" ? null : ref.top });
      } catch {
        /* ignore a malformed table */
      }
    }
    return out;
  }

  private buildCell(old: string | null, row: number, col: number, edit: EditBatch["cells"][number], p: string, inherited = 0): string | null {
    const openEnd = old ? old.indexOf(">") + 1 : 0;
    let tag = old ? old.slice(0, openEnd) : inherited ? `<${p}c r="${toA1(row, col)}" s="${inherited}">` : `<${p}c r="${toA1(row, col)}">`;
    if (tag.endsWith("/>")) tag = tag.slice(0, -2) + ">";
    let inner = old && !(old.endsWith("/>") && openEnd === old.length) ? old.slice(openEnd, old.lastIndexOf("</")) : "";
    const oldS = Number(parseAttrs(tag).s ?? 0);
    let s = oldS;
    if (edit.numberFormat !== undefined || edit.style !== undefined) s = this.styles.variant(oldS, edit.numberFormat, edit.style);
    const strip = removeAttr;
    if (edit.formula !== undefined || edit.value !== undefined) {
      tag = strip(strip(strip(tag, "t"), "cm"), "vm");
      inner = "";
      if (edit.formula !== undefined && edit.formula.replace(/^=/, "") !== "") {
        inner = `<${p}f>${escapeText(edit.formula.replace(/^=/, ""))}</${p}f>`;
      } else if (edit.value === null || edit.value === undefined) {
        inner = "";
      } else if (typeof edit.value === "number") {
        inner = `<${p}v>${String(edit.value)}</${p}v>`;
      } else if (typeof edit.value === "boolean") {
        tag = setAttr(tag, "t", "b");
        inner = `<${p}v>${edit.value ? 1 : 0}</${p}v>`;
      } else {
        tag = setAttr(tag, "t", "inlineStr");
        const sp = /^\s|\s$|\n/.test(edit.value) ? ' xml:space="preserve"' : "";
        inner = `<${p}is><${p}t${sp}>${encodeXmlText(edit.value)}</${p}t></${p}is>`;
      }
    }
    tag = s ? setAttr(tag, "s", String(s)) : strip(tag, "s");
    tag = setAttr(tag, "r", toA1(row, col));
    if (!inner) {
      if (old === null && edit.numberFormat === undefined && edit.style === undefined) return null;
      if (!/\ss\s*=/.test(tag) && !/\s(ph|cm|vm)\s*=/.test(tag)) return null;
      return tag.slice(0, -1) + "/>";
    }
    return `${tag}${inner}</${p}c>`;
  }

  private commitStyles(): void {
    if (!this.styles.isDirty()) return;
    if (!this.stylesPart) {
      const dir = this.workbookPart.slice(0, this.workbookPart.lastIndexOf("/") + 1);
      this.stylesPart = dir + "styles.xml";
      this.pkg.addRel(this.workbookPart, this.relType(T_STYLES), "styles.xml");
      this.pkg.setOverride(this.stylesPart, CT_STYLES);
    }
    this.pkg.setText(this.stylesPart, this.styles.toXml());
  }

  private dropCalcChain(): void {
    const rel = this.pkg.rels(this.workbookPart).find((r) => /\/calcChain$/.test(r.type));
    if (!rel) return;
    this.pkg.removeRel(this.workbookPart, rel.id);
    if (rel.part) {
      this.pkg.remove(rel.part);
      this.pkg.setOverride(rel.part, null);
    }
  }

  private setFullCalcOnLoad(): void {
    let xml = this.pkg.text(this.workbookPart)!;
    const p = rootPrefix(xml);
    const calc = findElement(xml, p + "calcPr");
    if (calc) xml = xml.slice(0, calc.start) + setAttr(calc.tag, "fullCalcOnLoad", "1") + xml.slice(calc.openEnd);
    else {
      const later = ["oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"];
      let at = xml.lastIndexOf(`</${p}workbook>`);
      for (const n of later) {
        const e = findElement(xml, p + n);
        if (e) { at = e.start; break; }
      }
      xml = xml.slice(0, at) + `<${p}calcPr fullCalcOnLoad="1"/>` + xml.slice(at);
    }
    this.pkg.setText(this.workbookPart, xml);
  }

  /** Is the workbook ISO/IEC 29500 Strict (its main namespace)? */
  private isStrict(): boolean {
    const doc = this.pkg.doc(this.workbookPart);
    return doc !== null && doc.uris[doc.ns[0]] === STRICT_MAIN_NS;
  }

  /** A relationship type in the workbook's flavour (Transitional or Strict). */
  private relType(transitional: string): string {
    return this.isStrict() ? transitional.replace(TRANSITIONAL_REL_BASE, STRICT_REL_NS) : transitional;
  }

  private addSheet(name: string): UndoDetails["sheets"][number] {
    const dir = this.workbookPart.slice(0, this.workbookPart.lastIndexOf("/") + 1);
    let n = this.sheets.length + 1;
    while (this.pkg.has(`${dir}worksheets/sheet${n}.xml`)) n++;
    const part = `${dir}worksheets/sheet${n}.xml`;
    const strict = this.isStrict();
    const mainNs = strict ? STRICT_MAIN_NS : MAIN_NS;
    const relNs = strict ? STRICT_REL_NS : REL_NS;
    this.pkg.setText(
      part,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${mainNs}" xmlns:r="${relNs}"><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    );
    this.pkg.setOverride(part, CT_WORKSHEET);
    const rid = this.pkg.addRel(this.workbookPart, this.relType(T_WORKSHEET), `worksheets/sheet${n}.xml`);
    let xml = this.pkg.text(this.workbookPart)!;
    const p = rootPrefix(xml);
    const root = findElement(xml, p + "workbook")!;
    // the prefix the workbook binds to the relationships namespace; else a new, unused one
    const bound = Object.entries(parseAttrs(root.tag)).filter(([k]) => k.startsWith("xmlns:"));
    let rp = bound.find(([, v]) => v === relNs)?.[0].slice(6);
    if (!rp) {
      rp = "r";
      for (let k = 1; bound.some(([key]) => key === `xmlns:${rp}`); k++) rp = `r${k}`;
      xml = xml.slice(0, root.start) + setAttr(root.tag, `xmlns:${rp}`, relNs) + xml.slice(root.openEnd);
    }
    const sheetsEl = findElement(xml, p + "sheets");
    if (!sheetsEl) throw new WorkbookFileError("file.partMissing", this.name, { part: `${this.workbookPart} <sheets>` });
    const ids = findAll(xml, p + "sheet", sheetsEl.openEnd, sheetsEl.end).map((e) => Number(parseAttrs(e.tag).sheetId ?? 0));
    const sheetId = Math.max(0, ...ids) + 1;
    const sheetTag = `<${p}sheet name="${encodeAttr(name)}" sheetId="${sheetId}" ${rp}:id="${rid}"/>`;
    if (sheetsEl.selfClosing) {
      xml = xml.slice(0, sheetsEl.start) + sheetsEl.tag.slice(0, -2) + ">" + sheetTag + `</${p}sheets>` + xml.slice(sheetsEl.end);
    } else {
      const close = sheetsEl.end - `</${p}sheets>`.length;
      xml = xml.slice(0, close) + sheetTag + xml.slice(close);
    }
    this.pkg.setText(this.workbookPart, xml);
    this.sheets.push({ name, rid, part, hidden: false });
    return { name, rid, part, sheetTag };
  }

  private removeSheet(s: UndoDetails["sheets"][number]): void {
    const xml = this.pkg.text(this.workbookPart)!;
    const i = xml.indexOf(s.sheetTag);
    if (i >= 0) this.pkg.setText(this.workbookPart, xml.slice(0, i) + xml.slice(i + s.sheetTag.length));
    this.pkg.removeRel(this.workbookPart, s.rid);
    this.pkg.remove(s.part);
    this.pkg.setOverride(s.part, null);
    this.sheets = this.sheets.filter((x) => x.part !== s.part);
    this.cache.delete(s.part);
  }

  /** Put back what `applyEdits` replaced; cells changed since are left and reported. */
  async revert(undo: UndoRecord): Promise<RevertReport> {
    return this.revertWithReport(undo);
  }

  /**
   * Put back what `applyEdits` replaced: each cell gets back exactly its former XML (value, formula,
   * style). A cell changed since the apply is left as it is and listed in `changedSinceApply`.
   * Merges, validations and column widths the apply added are removed; sheets it added are deleted
   * unless they hold cells now.
   */
  async revertWithReport(undo: UndoRecord): Promise<RevertReport> {
    const report: RevertReport = { restored: 0, changedSinceApply: [], missingSheets: [], removedSheets: [], keptSheets: [] };
    const d = this.undoDetails.get(undo) ?? this.detailsFromRecord(undo);
    const missing = new Set<string>();
    // cells, by sheet
    const bySheet = new Map<string, UndoDetails["cells"]>();
    for (const c of d.cells) bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c]);
    for (const [sheetName, cells] of bySheet) {
      const info = this.sheets.find((s) => s.name === sheetName);
      if (!info) {
        missing.add(sheetName);
        continue;
      }
      const xml = this.sheetXml(info);
      const p = rootPrefix(xml);
      const changes = new Map<number, Map<number, (old: string | null, inherited: number) => string | null>>();
      for (const c of [...cells].reverse()) {
        const { row, col } = parseA1(c.cell);
        const now = getCellXml(xml, p, row, col);
        if (now !== c.after) {
          report.changedSinceApply.push({ sheet: sheetName, cell: c.cell });
          continue;
        }
        const m = changes.get(row) ?? new Map();
        m.set(col, () => c.before);
        changes.set(row, m);
        report.restored++;
      }
      const rows = d.rows.get(sheetName);
      this.pkg.setText(info.part, patchCells(xml, p, changes, { restoreRowTags: rows?.tags, restoreDimension: rows?.dimension }).xml);
    }
    for (const m of d.merges) {
      const info = this.sheets.find((s) => s.name === m.sheet);
      if (!info) continue;
      const xml = this.sheetXml(info);
      this.pkg.setText(info.part, removeFromCollection(xml, rootPrefix(xml), "mergeCells", m.child).xml);
    }
    for (const v of d.validations) {
      const info = this.sheets.find((s) => s.name === v.sheet);
      if (!info) continue;
      const xml = this.sheetXml(info);
      this.pkg.setText(info.part, removeFromCollection(xml, rootPrefix(xml), "dataValidations", v.child).xml);
    }
    for (const c of [...d.columns].reverse()) {
      const info = this.sheets.find((s) => s.name === c.sheet);
      if (!info) continue;
      const xml = this.sheetXml(info);
      const p = rootPrefix(xml);
      const now = colAttrs(xml, p, c.col);
      const { min: _a, max: _b, ...rest } = now ?? {};
      if (JSON.stringify(rest) !== JSON.stringify(c.after)) continue;
      let before: Record<string, string> | null = null;
      if (c.before) {
        const { min: _c, max: _d, ...b } = c.before;
        before = b;
      }
      this.pkg.setText(info.part, setColumn(xml, p, c.col, before));
    }
    for (const s of [...d.sheets].reverse()) {
      const edited = report.changedSinceApply.some((c) => c.sheet === s.name);
      const info = this.sheets.find((x) => x.part === s.part);
      if (!info) continue;
      const xml = this.sheetXml(info);
      const p = rootPrefix(xml);
      if (edited || sheetHasCells(xml)) report.keptSheets.push(s.name);
      else {
        this.removeSheet(s);
        report.removedSheets.push(s.name);
      }
    }
    report.missingSheets = [...missing];
    return report;
  }

  /** An UndoRecord that did not come from this object (e.g. read back from JSON): use its states. */
  private detailsFromRecord(undo: UndoRecord): UndoDetails {
    const cells: UndoDetails["cells"] = [];
    for (const st of undo.cells) {
      const info = this.sheet(st.sheet);
      const w = undo.written.find((x) => x.sheet === st.sheet && x.cell === st.cell);
      if (!info || !w) continue;
      const xml = this.sheetXml(info);
      const p = rootPrefix(xml);
      const { row, col } = parseA1(st.cell);
      const now = getCellXml(xml, p, row, col);
      const cur = this.stateOf(info.name, st.cell, now, row, col, xml);
      const same = JSON.stringify([cur.value, cur.formula]) === JSON.stringify([w.value, w.formula]);
      const before = this.buildCell(
        now,
        row,
        col,
        st.formula ? { sheet: st.sheet, cell: st.cell, formula: st.formula } : { sheet: st.sheet, cell: st.cell, value: isPlain(st.value) ? st.value : null },
        p,
      );
      cells.push({ sheet: info.name, cell: st.cell, before, after: same ? now : "\u0000changed" });
    }
    const merges = undo.addedMerges.map((m) => {
      const info = this.sheet(m.sheet);
      const xml = info ? this.sheetXml(info) : "";
      return { sheet: m.sheet, child: `<${rootPrefix(xml)}mergeCell ref="${m.range}"/>` };
    });
    return { cells, rows: new Map(), merges, columns: [], validations: [], sheets: [] };
  }

  // ---- settings ------------------------------------------------------------------------------

  private customPart(): string | null {
    return this.pkg.rels("").find((r) => /\/custom-properties$/.test(r.type) && r.part)?.part ?? null;
  }

  private customProps(): { xml: string; props: { name: string; pid: number; value: string; start: number; end: number }[] } | null {
    const part = this.customPart();
    const xml = part ? this.pkg.text(part) : null;
    if (!xml) return null;
    const p = rootPrefix(xml);
    const props = findAll(xml, p + "property").map((e) => {
      const a = parseAttrs(e.tag);
      const inner = xml.slice(e.openEnd, Math.max(e.openEnd, e.end - `</${p}property>`.length));
      void inner;
      const d = docOf(xml);
      const lp = childrenOf(d, e.index).find((k) => localName(d, k) === "lpwstr");
      return { name: a.name ?? "", pid: Number(a.pid ?? 0), value: lp !== undefined ? textOf(d, lp) : "", start: e.start, end: e.end };
    });
    return { xml, props };
  }

  /**
   * Office document settings of a task pane add-in (what Office.context.document.settings stores,
   * in xl/webextensions/webextensionN.xml as <we:property name value="JSON"/>).
   */
  private webExtensionProperties(key: string): { part: string; xml: string; start: number; end: number; tag: string; value: string }[] {
    const out = [];
    for (const part of this.pkg.names()) {
      if (!/^xl\/webextensions\/webextension\d*\.xml$/i.test(part)) continue;
      const xml = this.pkg.text(part);
      if (!xml) continue;
      const p = rootPrefix(xml);
      for (const e of findAll(xml, p + "property")) {
        const a = parseAttrs(e.tag);
        if (a.name !== key || a.value === undefined) continue;
        let value: string;
        try {
          const v: unknown = JSON.parse(a.value);
          value = typeof v === "string" ? v : JSON.stringify(v);
        } catch {
          value = a.value;
        }
        out.push({ part, xml, start: e.start, end: e.end, tag: e.tag, value });
      }
    }
    return out;
  }

  /**
   * A setting: the task pane's Office document setting of that name when the workbook has one
   * (saved by Excel), otherwise the custom document property `PlanSheet:<key>`.
   */
  async getSetting(key: string): Promise<string | undefined> {
    const we = this.webExtensionProperties(key);
    if (we.length) return we[0].value;
    const cp = this.customProps();
    if (!cp) return undefined;
    const first = cp.props.find((x) => x.name === SETTING_PREFIX + key);
    if (!first) return undefined;
    let out = first.value;
    for (let i = 1; ; i++) {
      const next = cp.props.find((x) => x.name === `${SETTING_PREFIX}${key}#${i}`);
      if (!next) break;
      out += next.value;
    }
    return out;
  }

  /**
   * Store a setting as the custom document property `PlanSheet:<key>`; when the workbook also holds
   * an Office document setting of that name (the task pane's), it is updated too, so both agree.
   */
  async setSetting(key: string, value: string): Promise<void> {
    for (const w of this.webExtensionProperties(key).reverse()) {
      const xml = this.pkg.text(w.part)!;
      if (xml.slice(w.start, w.start + w.tag.length) !== w.tag) continue;
      this.pkg.setText(w.part, xml.slice(0, w.start) + setAttr(w.tag, "value", JSON.stringify(value)) + xml.slice(w.start + w.tag.length));
    }
    let part = this.customPart();
    if (!part) {
      part = "docProps/custom.xml";
      this.pkg.setText(
        part,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="${CUSTOM_NS}" xmlns:vt="${VT_NS}"></Properties>`,
      );
      this.pkg.addRel("", T_CUSTOM, part);
      this.pkg.setOverride(part, CT_CUSTOM);
    }
    const cp = this.customProps()!;
    let xml = cp.xml;
    const p = rootPrefix(xml);
    const mine = (n: string) => n === SETTING_PREFIX + key || (n.startsWith(`${SETTING_PREFIX}${key}#`) && /^\d+$/.test(n.slice(SETTING_PREFIX.length + key.length + 1)));
    for (const pr of [...cp.props].reverse()) if (mine(pr.name)) xml = xml.slice(0, pr.start) + xml.slice(pr.end);
    const root = findElement(xml, p + "Properties")!;
    const vtm = /xmlns:([\w.-]+)\s*=\s*"http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/docPropsVTypes"/.exec(root.tag);
    let vt = vtm?.[1];
    if (!vt) {
      vt = "vt";
      xml = xml.slice(0, root.start) + setAttr(root.tag, "xmlns:vt", VT_NS) + xml.slice(root.openEnd);
    }
    let pid = Math.max(1, ...cp.props.filter((x) => !mine(x.name)).map((x) => x.pid));
    const chunks: string[] = [];
    for (let i = 0; i < value.length || i === 0; i += CHUNK) chunks.push(value.slice(i, i + CHUNK));
    const add = chunks
      .map((c, i) => `<${p}property fmtid="${FMTID}" pid="${++pid}" name="${encodeAttr(i === 0 ? SETTING_PREFIX + key : `${SETTING_PREFIX}${key}#${i}`)}"><${vt}:lpwstr>${encodeXmlText(c)}</${vt}:lpwstr></${p}property>`)
      .join("");
    const r2 = findElement(xml, p + "Properties")!;
    if (r2.selfClosing) xml = xml.slice(0, r2.start) + r2.tag.slice(0, -2) + ">" + add + `</${p}Properties>` + xml.slice(r2.end);
    else {
      const close = xml.lastIndexOf(`</${p}Properties>`);
      xml = xml.slice(0, close) + add + xml.slice(close);
    }
    this.pkg.setText(part, xml);
  }

  // ---- output --------------------------------------------------------------------------------

  /** The workbook as .xlsx/.xlsm bytes (unchanged parts copied as they were). */
  async toBuffer(): Promise<Uint8Array> {
    return this.pkg.toBytes();
  }

  /** Names of the package parts changed since opening (for tests and reports). */
  changedParts(): string[] {
    return this.pkg.changedParts();
  }
}

function isPlain(v: CellValue): v is string | number | boolean | null {
  return v === null || typeof v !== "object";
}
