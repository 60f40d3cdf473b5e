/** Pure renderer: a template definition + parameter values + an anchor → an EditBatch. */
import type { CellEdit, CellStyle, CellValue, EditBatch, RangeRef, WorkbookSnapshot } from "../model/snapshot";
import { getCell, getFormula, parseA1, parseRange, rangeToA1, toA1, columnLetters } from "../model/grid";
import type { LayoutBlock, LayoutCell, TemplateCellStyle, TemplateDefinition } from "./schema";
import { substitute, type ParamValues } from "./params";

/** Where to insert: at a cell of an existing sheet, or on a new sheet (at A1 unless `cell` says). */
export type Anchor = { sheet: string; cell: string } | { newSheet: string; cell?: string };

/** One cell of the rendered layout, at an absolute (0-based) position. */
export interface PlacedCell {
  row: number;
  col: number;
  value: string | number | null;
  rowSpan: number;
  colSpan: number;
  style?: CellStyle;
  numberFormat?: string;
  list?: string[];
  /** Id of the block this cell comes from, and the item number in a repeated block. */
  block?: string;
  item?: number;
}

export interface RenderedTemplate {
  sheet: string;
  /** True when the batch creates the sheet. */
  newSheet: boolean;
  batch: EditBatch;
  /** A1 addresses of every cell the batch writes (merged areas in full), row by row. */
  targets: string[];
  /** A1 range covering the inserted area. */
  range: string;
  /** The laid-out cells (top-left cells of merges), for previews and tests. */
  cells: PlacedCell[];
  /** Rows used by each block id (first item row … last), absolute 0-based; for tests and previews. */
  blocks: { id?: string; top: number; bottom: number; items: number }[];
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export class TemplateRenderError extends Error {
  constructor(
    public readonly reason: "badAnchor" | "outsideSheet" | "badSheetName",
    public readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** Why a sheet name is not allowed in Excel, or null. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0) return "empty";
  if (name.length > 31) return "longer than 31 characters";
  if (/[:\\/?*[\]]/.test(name)) return "contains one of : \\ / ? * [ ]";
  if (name.startsWith("'") || name.endsWith("'")) return "starts or ends with '";
  return null;
}

function styleOf(def: TemplateDefinition, s: LayoutCell["style"]): TemplateCellStyle | undefined {
  if (s === undefined) return undefined;
  if (typeof s === "string") return def.styles?.[s];
  return s;
}

function blockHeight(b: LayoutBlock): number {
  if (b.height !== undefined) return b.height;
  let h = 0;
  for (const c of b.cells) h = Math.max(h, c.row + (c.rowSpan ?? 1));
  return Math.max(h, 1);
}

/** Name of the new sheet for a `sheet` template with these values. */
export function defaultSheetName(def: TemplateDefinition, values: ParamValues): string {
  return substitute(def.sheetName ?? def.title.ja, def, values).slice(0, 31);
}

/** Lay the cells out from (top, left); no sheet, no batch. */
export function layoutTemplate(
  def: TemplateDefinition,
  values: ParamValues,
  top = 0,
  left = 0,
): { cells: PlacedCell[]; blocks: RenderedTemplate["blocks"]; bottom: number; right: number } {
  const cells: PlacedCell[] = [];
  const blocks: RenderedTemplate["blocks"] = [];
  let row = top;
  let right = left;
  for (const b of def.layout.blocks) {
    const items = b.repeat !== undefined ? Math.max(0, Math.trunc(Number(values[b.repeat] ?? 0))) : 1;
    const h = blockHeight(b);
    const start = row;
    for (let i = 0; i < items; i++) {
      const n = b.repeat !== undefined ? i + 1 : undefined;
      for (const c of b.cells) {
        let value: string | number | null = null;
        if (c.number !== undefined) value = c.number;
        else if (c.text !== undefined && c.text !== "") {
          const s = substitute(c.text, def, values, n);
          // A cell that is one placeholder giving a plain number ({n}, {rows}) is written as a number.
          if (s === "") value = null;
          else value = /^\{[^{}]+\}$/.test(c.text.trim()) && /^-?\d+$/.test(s) ? Number(s) : s;
        }
        const style = styleOf(def, c.style);
        const placed: PlacedCell = {
          row: row + c.row,
          col: left + c.col,
          value,
          rowSpan: c.rowSpan ?? 1,
          colSpan: c.colSpan ?? 1,
          block: b.id,
        };
        if (n !== undefined) placed.item = n;
        if (style) placed.style = { ...style };
        if (c.numberFormat) placed.numberFormat = c.numberFormat;
        if (c.list) placed.list = [...c.list];
        cells.push(placed);
        right = Math.max(right, placed.col + placed.colSpan - 1);
      }
      row += h;
    }
    blocks.push({ id: b.id, top: start, bottom: row - 1, items });
    row += b.gapAfter ?? 0;
  }
  // Trailing gap rows are not part of the inserted area.
  let bottom = top;
  for (const c of cells) bottom = Math.max(bottom, c.row + c.rowSpan - 1);
  return { cells, blocks, bottom, right };
}

/**
 * Render a template at an anchor. `values` are resolved parameter values (see resolveParams).
 * Every cell of the layout is written (empty input cells are cleared), so the doors check
 * `findConflicts` before applying the batch. Column widths are set only on a new sheet
 * (anchor `{ newSheet }`); inserting into an existing sheet leaves its widths alone.
 */
export function renderTemplate(def: TemplateDefinition, values: ParamValues, anchor: Anchor): RenderedTemplate {
  const isNew = "newSheet" in anchor;
  const sheet = isNew ? anchor.newSheet : anchor.sheet;
  const problem = sheetNameProblem(sheet);
  if (problem) throw new TemplateRenderError("badSheetName", `${sheet}: ${problem}`);
  let origin: { row: number; col: number };
  try {
    origin = parseA1(anchor.cell ?? "A1");
  } catch {
    throw new TemplateRenderError("badAnchor", String(anchor.cell));
  }
  const { cells, blocks, bottom, right } = layoutTemplate(def, values, origin.row, origin.col);
  if (bottom >= MAX_ROWS || right >= MAX_COLS) {
    throw new TemplateRenderError("outsideSheet", `${toA1(origin.row, origin.col)}:${columnLetters(Math.min(right, MAX_COLS - 1))}${bottom + 1}`);
  }

  const edits: CellEdit[] = [];
  const merges: { sheet: string; range: string }[] = [];
  const targets: { row: number; col: number }[] = [];
  const listCells: { list: string[]; range: RangeRef }[] = [];
  for (const c of cells) {
    const area: RangeRef = { top: c.row, left: c.col, bottom: c.row + c.rowSpan - 1, right: c.col + c.colSpan - 1 };
    for (let r = area.top; r <= area.bottom; r++) {
      for (let k = area.left; k <= area.right; k++) {
        const first = r === c.row && k === c.col;
        const e: CellEdit = { sheet, cell: toA1(r, k), value: first ? c.value : null };
        if (c.style) e.style = { ...c.style };
        if (c.numberFormat) e.numberFormat = c.numberFormat;
        edits.push(e);
        targets.push({ row: r, col: k });
      }
    }
    if (c.rowSpan > 1 || c.colSpan > 1) merges.push({ sheet, range: rangeToA1(area) });
    if (c.list) listCells.push({ list: c.list, range: area });
  }

  targets.sort((a, b) => a.row - b.row || a.col - b.col);
  const batch: EditBatch = {
    cells: edits,
    merges,
    validations: mergeValidations(listCells).map((v) => ({ sheet, range: rangeToA1(v.range), list: v.list })),
    label: def.title.ja,
  };
  if (isNew) {
    batch.addSheets = [sheet];
    // Column widths only on a sheet the template creates: an existing sheet keeps the user's widths.
    batch.columnWidths = def.layout.columns.map((w) => ({ sheet, column: columnLetters(origin.col + w.col), width: w.width }));
  }
  let top = origin.row;
  for (const c of cells) top = Math.min(top, c.row);
  return {
    sheet,
    newSheet: isNew,
    batch,
    targets: targets.map((t) => toA1(t.row, t.col)),
    range: rangeToA1({ top, left: origin.col, bottom, right }),
    cells,
    blocks,
  };
}

/** Join validations of the same list on vertically adjacent areas of the same columns (F5, F6 → F5:F6). */
function mergeValidations(items: { list: string[]; range: RangeRef }[]): { list: string[]; range: RangeRef }[] {
  const sorted = [...items].sort((a, b) => a.range.left - b.range.left || a.range.top - b.range.top);
  const out: { list: string[]; range: RangeRef }[] = [];
  for (const it of sorted) {
    const last = out[out.length - 1];
    if (
      last &&
      last.list.join("\u0000") === it.list.join("\u0000") &&
      last.range.left === it.range.left &&
      last.range.right === it.range.right &&
      last.range.bottom + 1 === it.range.top
    ) {
      last.range = { ...last.range, bottom: it.range.bottom };
    } else out.push({ list: it.list, range: { ...it.range } });
  }
  return out;
}

function nonEmpty(v: CellValue): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v.trim() !== "";
  return true;
}

/**
 * Target cells of a batch that hold something now (a value or a formula), as A1 addresses in row
 * order. Cells on sheets the batch creates, or on sheets not in the snapshot, are not conflicts.
 */
export function findConflicts(snapshot: WorkbookSnapshot, batch: EditBatch): string[] {
  const added = new Set(batch.addSheets ?? []);
  const out: { row: number; col: number; a1: string }[] = [];
  const seen = new Set<string>();
  for (const e of batch.cells) {
    if (added.has(e.sheet)) continue;
    const sh = snapshot.sheets.find((s) => s.name === e.sheet);
    if (!sh) continue;
    const key = `${e.sheet}!${e.cell}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { row, col } = parseA1(e.cell);
    if (nonEmpty(getCell(sh, row, col)) || getFormula(sh, row, col)) out.push({ row, col, a1: e.cell });
  }
  out.sort((a, b) => a.row - b.row || a.col - b.col);
  return out.map((c) => c.a1);
}

/**
 * Merged areas of the sheet that the batch's cells cut into and that the batch does not recreate
 * as they are (inserting would have to unmerge them). A1 ranges.
 */
export function findMergeOverlaps(snapshot: WorkbookSnapshot, batch: EditBatch): string[] {
  const added = new Set(batch.addSheets ?? []);
  const out = new Set<string>();
  const same = new Set((batch.merges ?? []).map((m) => `${m.sheet}!${m.range}`));
  for (const e of batch.cells) {
    if (added.has(e.sheet)) continue;
    const sh = snapshot.sheets.find((s) => s.name === e.sheet);
    if (!sh || sh.merges.length === 0) continue;
    const { row, col } = parseA1(e.cell);
    for (const m of sh.merges) {
      if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) {
        const a1 = rangeToA1(m);
        if (!same.has(`${e.sheet}!${a1}`)) out.add(a1);
      }
    }
  }
  return [...out];
}

/** Compress a sorted A1 list for messages: A1, A2, A3, B1 → "A1:A3, B1" style runs per column. */
export function summarizeCells(cells: string[], max = 20): string {
  if (cells.length <= max) return cells.join(", ");
  return cells.slice(0, max).join(", ") + ` … (+${cells.length - max})`;
}

/** The area a rendered template covers, as a RangeRef (tests, task pane selection). */
export function renderedArea(r: RenderedTemplate): RangeRef {
  return parseRange(r.range);
}
