/**
 * The workbook port over Office.js (Excel). The task pane talks to Excel only through this class.
 *
 * Rules it keeps (see issue 3):
 * - readSnapshot uses a fixed number of context.sync() calls whatever the number of sheets or rows
 *   (2: the sheet list, then every sheet's used range + merged areas queued before one sync).
 * - applyEdits writes in chunks under Excel on the web's 5 MB request limit, one sync per chunk;
 *   the chunk loop is the only loop with a sync in it.
 * - Apply and revert are one undo step where Excel supports it (Excel.run({ mergeUndoGroup: true }),
 *   ExcelApi 1.20, feature-detected); no protection API (those clear the user's undo stack).
 * - When Excel is in cell-edit mode (InvalidOperationInCellEditMode) runs are retried with backoff and
 *   the caller is told through onBusy, so the pane can say so instead of failing.
 *
 * Excel.run is injected (`run`), so tests drive the class with a fake (test/office/fakeExcel.ts).
 */
import type {
  CellEdit,
  CellState,
  CellStyle,
  CellValue,
  EditBatch,
  RangeRef,
  SheetSnapshot,
  UndoRecord,
  WorkbookSnapshot,
} from "../../engine/model/snapshot";
import { parseA1, parseRange, rangeToA1, toA1 } from "../../engine/model/grid";
import type { ReadOptions, WorkbookPort } from "../port";
import {
  addressA1Part,
  addressSheetPart,
  charsToPoints,
  fromExcelFormula,
  fromExcelNumberFormat,
  fromExcelValue,
  invalidSheetName,
  rangeRefOf,
  sameValue,
  scalarBytes,
  toExcelInput,
  utf8Length,
} from "./convert";
import { OfficeAdapterError, isCellEditModeError, officeErrorCode } from "./errors";

/** The shape of Excel.run (both forms the adapter uses). `Excel.run` itself fits. */
export type ExcelRun = {
  <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
};

/** The part of Office.context.document.settings the adapter uses. */
export interface SettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } | null }) => void): void;
}

export interface BusyState {
  /** true while waiting for the user to leave cell-edit mode; false once the run went through. */
  busy: boolean;
  attempt: number;
  waitMs: number;
}

export interface OfficeWorkbookOptions {
  /** Excel.run, or a fake of it. */
  run: ExcelRun;
  /** Office.context.requirements.isSetSupported by default. */
  isSetSupported?: (name: string, version: string) => boolean;
  /** Office.context.document.settings by default. */
  settings?: SettingsLike;
  /** Told when Excel is in cell-edit mode and the run waits (and when it went through). */
  onBusy?: (state: BusyState) => void;
  /** Retries while in cell-edit mode: attempts (default 40), first delay (300 ms), cap (3000 ms). */
  retry?: { attempts?: number; firstDelayMs?: number; maxDelayMs?: number };
  sleep?: (ms: number) => Promise<void>;
  /** Byte budget of one write request (default 4,000,000: Excel on the web refuses over 5 MB). */
  maxRequestBytes?: number;
  /** Workbook name for messages (snapshot.name) when Excel does not give one. */
  name?: string;
}

import type { RevertReport } from "../port";
export type { RevertReport };

export interface SelectionInfo {
  sheet: string;
  /** A1 address of the selection ("B3" or "B3:C4"). */
  address: string;
}

/** Largest request payload of Excel on the web (5 MB); writes stay under `maxRequestBytes`. */
export const EXCEL_WEB_REQUEST_LIMIT = 5 * 1024 * 1024;
const DEFAULT_REQUEST_BUDGET = 4_000_000;
/** Cost of one queued range operation beyond its data (object path, method name, ids). */
const OP_OVERHEAD_BYTES = 200;
/** Errors of the one-go read after which the workbook is read again in bands. */
const READ_FALLBACK_CODES = new Set(["ResponsePayloadSizeLimitExceeded", "RequestPayloadSizeLimitExceeded", "RangeExceedsLimit", "OperationCellsExceedLimit", "GeneralException"]);
/** Cells per sync in the banded read (values, formulas, formats and types of each). */
const READ_CELLS_PER_SYNC = 50_000;
/** Rows per merged-areas query in the banded read, and band queries per sync. */
const MERGE_BAND_ROWS = 50;
const MERGE_QUERIES_PER_SYNC = 2000;
/** Cells of one contiguous write, at most (keeps single operations small). */
const MAX_RUN_CELLS = 2000;

// ------------------------------------------------------------------------------------------------

interface PlannedCell {
  sheet: string;
  cell: string;
  row: number;
  col: number;
  edit: CellEdit;
}

/** Consecutive cells of one column of one sheet, written as one range. */
interface CellRun {
  sheet: string;
  col: number;
  top: number;
  cells: PlannedCell[];
}

/** A queued write: its estimated bytes and what it queues. */
interface WriteOp {
  bytes: number;
  queue(context: Excel.RequestContext): void;
  /** Cells it writes (for a rollback after a failure). */
  cells?: PlannedCell[];
  addsSheet?: string;
  addsMerge?: { sheet: string; range: string };
}

interface LoadedCells {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  valueTypes: string[][];
}

function runAddress(run: { col: number; top: number; cells: unknown[] }): string {
  return rangeToA1({ top: run.top, left: run.col, bottom: run.top + run.cells.length - 1, right: run.col });
}

function key(sheet: string, cell: string): string {
  return `${sheet.toLowerCase()}!${cell}`;
}

function sheetKey(name: string): string {
  return name.toLowerCase();
}

function defaultIsSetSupported(name: string, version: string): boolean {
  try {
    return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported(name, version);
  } catch {
    return false;
  }
}

function defaultSettings(): SettingsLike | undefined {
  try {
    return typeof Office !== "undefined" ? (Office.context?.document?.settings as unknown as SettingsLike) : undefined;
  } catch {
    return undefined;
  }
}

/** setCellProperties entry for a CellStyle. */
function cellProperties(style: CellStyle | undefined): Excel.SettableCellProperties {
  if (!style) return {};
  const format: Excel.CellPropertiesFormat = {};
  const font: Excel.CellPropertiesFont = {};
  if (style.bold !== undefined) font.bold = style.bold;
  if (style.fontSize !== undefined) font.size = style.fontSize;
  if (Object.keys(font).length) format.font = font;
  if (style.wrap !== undefined) format.wrapText = style.wrap;
  if (style.horizontal) format.horizontalAlignment = style.horizontal === "left" ? "Left" : style.horizontal === "center" ? "Center" : "Right";
  if (style.vertical) format.verticalAlignment = style.vertical === "top" ? "Top" : style.vertical === "middle" ? "Center" : "Bottom";
  if (style.fill) format.fill = { color: `#${style.fill.replace(/^#/, "")}` };
  if (style.border) {
    const edge = { style: "Continuous", weight: "Thin" } as Excel.CellBorder;
    format.borders = { top: edge, bottom: edge, left: edge, right: edge };
  }
  return Object.keys(format).length ? { format } : {};
}

/** Apply a CellStyle to a one-cell range through range.format (hosts without setCellProperties). */
function applyStyleToRange(range: Excel.Range, style: CellStyle): void {
  if (style.bold !== undefined) range.format.font.bold = style.bold;
  if (style.fontSize !== undefined) range.format.font.size = style.fontSize;
  if (style.wrap !== undefined) range.format.wrapText = style.wrap;
  if (style.horizontal) range.format.horizontalAlignment = style.horizontal === "left" ? "Left" : style.horizontal === "center" ? "Center" : "Right";
  if (style.vertical) range.format.verticalAlignment = style.vertical === "top" ? "Top" : style.vertical === "middle" ? "Center" : "Bottom";
  if (style.fill) range.format.fill.color = `#${style.fill.replace(/^#/, "")}`;
  if (style.border) {
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const) {
      const b = range.format.borders.getItem(edge);
      b.style = "Continuous";
      b.weight = "Thin";
    }
  }
}

function styleBytes(style: CellStyle | undefined): number {
  return style ? utf8Length(JSON.stringify(cellProperties(style))) + 2 : 3;
}

/** Split edits into column runs of consecutive rows (one range each), last edit of a cell wins. */
function planRuns(cells: PlannedCell[], maxRunBytes: number): CellRun[] {
  const sorted = [...cells].sort((a, b) =>
    a.sheet === b.sheet ? (a.col === b.col ? a.row - b.row : a.col - b.col) : a.sheet < b.sheet ? -1 : 1,
  );
  const runs: CellRun[] = [];
  let cur: CellRun | undefined;
  let curBytes = 0;
  for (const c of sorted) {
    const b = cellWriteBytes(c.edit);
    const continues =
      cur !== undefined &&
      cur.sheet === c.sheet &&
      cur.col === c.col &&
      cur.top + cur.cells.length === c.row &&
      cur.cells.length < MAX_RUN_CELLS &&
      curBytes + b <= maxRunBytes;
    if (continues && cur) {
      cur.cells.push(c);
      curBytes += b;
    } else {
      cur = { sheet: c.sheet, col: c.col, top: c.row, cells: [c] };
      curBytes = b;
      runs.push(cur);
    }
  }
  return runs;
}

function editInput(edit: CellEdit): string | number | boolean | null {
  if (edit.formula !== undefined) return edit.formula;
  if (edit.value !== undefined) return toExcelInput(edit.value);
  return null; // null in a 2-D array = leave the cell's content as it is
}

function cellWriteBytes(edit: CellEdit): number {
  return scalarBytes(editInput(edit)) + scalarBytes(edit.numberFormat ?? null) + styleBytes(edit.style) + 8;
}

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ------------------------------------------------------------------------------------------------

export class OfficeWorkbook implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly isSetSupported: (name: string, version: string) => boolean;
  private readonly settingsOverride?: SettingsLike;
  private readonly onBusy?: (state: BusyState) => void;
  private readonly attempts: number;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly budget: number;
  private readonly name?: string;

  constructor(options: OfficeWorkbookOptions) {
    this.run = options.run;
    this.isSetSupported = options.isSetSupported ?? defaultIsSetSupported;
    this.settingsOverride = options.settings;
    this.onBusy = options.onBusy;
    this.attempts = options.retry?.attempts ?? 40;
    this.firstDelayMs = options.retry?.firstDelayMs ?? 300;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 3000;
    this.sleep = options.sleep ?? sleepMs;
    this.budget = Math.min(options.maxRequestBytes ?? DEFAULT_REQUEST_BUDGET, EXCEL_WEB_REQUEST_LIMIT - 64 * 1024);
    this.name = options.name;
  }

  /** Excel.run options for writes: one undo group (ExcelApi 1.20) and wait for cell edit (1.11). */
  private writeRunOptions(): Excel.RunOptions {
    const o: Excel.RunOptions = {};
    if (this.supports("1.20")) o.mergeUndoGroup = true;
    if (this.supports("1.11")) o.delayForCellEdit = true;
    return o;
  }

  private supports(version: string): boolean {
    try {
      return this.isSetSupported("ExcelApi", version);
    } catch {
      return false;
    }
  }

  /** Excel.run with retries while Excel is in cell-edit mode. */
  private async runWithRetry<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: Excel.RunOptions): Promise<T> {
    let delay = this.firstDelayMs;
    let wasBusy = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = options && Object.keys(options).length ? await this.run(options, batch) : await this.run(batch);
        if (wasBusy) this.onBusy?.({ busy: false, attempt, waitMs: 0 });
        return result;
      } catch (e) {
        if (!isCellEditModeError(e)) {
          if (wasBusy) this.onBusy?.({ busy: false, attempt, waitMs: 0 });
          throw e;
        }
        if (attempt >= this.attempts) {
          if (wasBusy) this.onBusy?.({ busy: false, attempt, waitMs: 0 });
          throw new OfficeAdapterError("office.cellEditTimeout", {}, e);
        }
        wasBusy = true;
        this.onBusy?.({ busy: true, attempt, waitMs: delay });
        await this.sleep(delay);
        delay = Math.min(delay * 2, this.maxDelayMs);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  async readSnapshot(options?: ReadOptions): Promise<WorkbookSnapshot> {
    try {
      return await this.readAtOnce(options);
    } catch (e) {
      // A workbook too large for one response (Excel on the web: 5 MB), or a sheet with more than
      // 512 merged areas: read it again in bands, more syncs but each one small enough.
      if (e instanceof OfficeAdapterError || !READ_FALLBACK_CODES.has(officeErrorCode(e) ?? "")) throw e;
      return this.readInBands(options);
    }
  }

  /** The usual read: 2 syncs whatever the number of sheets or rows. */
  private readAtOnce(options?: ReadOptions): Promise<WorkbookSnapshot> {
    const wanted = options?.sheets ? new Set(options.sheets.map(sheetKey)) : undefined;
    const withMerges = this.supports("1.13");
    const withBookName = this.supports("1.7");
    return this.runWithRetry(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/visibility");
      if (withBookName) context.workbook.load("name");
      await context.sync(); // sync 1: the sheet list

      const sheets = worksheets.items.filter((ws) => !wanted || wanted.has(sheetKey(ws.name)));
      const reads = sheets.map((ws) => {
        const used = ws.getUsedRangeOrNullObject(true);
        used.load("rowIndex,columnIndex,rowCount,columnCount,values,formulas,numberFormat,valueTypes");
        let merged: Excel.RangeAreas | undefined;
        if (withMerges) {
          merged = ws.getRange().getMergedAreasOrNullObject();
          merged.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount");
        }
        return { name: ws.name, hidden: ws.visibility !== "Visible", used, merged };
      });
      await context.sync(); // sync 2: every sheet's cells and merged areas, whatever their number

      const book: WorkbookSnapshot = { sheets: [] };
      const bookName = withBookName ? context.workbook.name : undefined;
      if (bookName || this.name) book.name = bookName || this.name;
      for (const r of reads) {
        const acc = new SheetAccumulator();
        if (!r.used.isNullObject) acc.add(r.used.rowIndex, r.used.columnIndex, r.used);
        const merges: RangeRef[] = [];
        if (r.merged && !r.merged.isNullObject) {
          for (const area of r.merged.areas.items) merges.push(rangeRefOf(area));
        }
        book.sheets.push(acc.finish(r.name, merges, r.hidden));
      }
      return book;
    });
  }

  /**
   * The read for very large workbooks: sheet list, used-range sizes, merged areas by row bands, then
   * cells in bands of at most READ_CELLS_PER_SYNC cells, halving a band whose response is too big.
   */
  private readInBands(options?: ReadOptions): Promise<WorkbookSnapshot> {
    const wanted = options?.sheets ? new Set(options.sheets.map(sheetKey)) : undefined;
    const withMerges = this.supports("1.13");
    const withBookName = this.supports("1.7");
    return this.runWithRetry(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/visibility");
      if (withBookName) context.workbook.load("name");
      await context.sync();
      const sheets = worksheets.items
        .filter((ws) => !wanted || wanted.has(sheetKey(ws.name)))
        .map((ws) => {
          const values = ws.getUsedRangeOrNullObject(true);
          values.load("rowIndex,columnIndex,rowCount,columnCount");
          const any = ws.getUsedRangeOrNullObject(false);
          any.load("rowIndex,columnIndex,rowCount,columnCount");
          return { name: ws.name, hidden: ws.visibility !== "Visible", values, any };
        });
      await context.sync();

      // Merged areas, by bands of rows (at most 512 merged areas per query).
      const mergeQueries: { sheet: number; areas: Excel.RangeAreas }[][] = [[]];
      if (withMerges) {
        sheets.forEach((s, i) => {
          if (s.any.isNullObject) return;
          const r = rangeRefOf(s.any);
          const bandRows = Math.max(MERGE_BAND_ROWS, Math.ceil((r.bottom - r.top + 1) / 2000));
          for (let top = r.top; top <= r.bottom; top += bandRows) {
            const band = { top, left: r.left, bottom: Math.min(r.bottom, top + bandRows - 1), right: r.right };
            let group = mergeQueries[mergeQueries.length - 1];
            if (group.length >= MERGE_QUERIES_PER_SYNC) mergeQueries.push((group = []));
            group.push({ sheet: i, areas: context.workbook.worksheets.getItem(s.name).getRange(rangeToA1(band)).getMergedAreasOrNullObject() });
          }
        });
      }
      const merges = sheets.map(() => new Map<string, RangeRef>());
      for (const group of mergeQueries) {
        if (!group.length) continue;
        for (const q of group) q.areas.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount");
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per group of band queries (only for very large workbooks)
        await context.sync();
        for (const q of group) {
          if (q.areas.isNullObject) continue;
          for (const a of q.areas.areas.items) {
            const m = rangeRefOf(a);
            merges[q.sheet].set(rangeToA1(m), m);
          }
        }
      }

      // Cells, by bands of rows.
      const accs = sheets.map(() => new SheetAccumulator());
      const work: { sheet: number; top: number; rows: number; left: number; cols: number }[] = [];
      sheets.forEach((s, i) => {
        if (s.values.isNullObject) return;
        const r = rangeRefOf(s.values);
        const cols = r.right - r.left + 1;
        const bandRows = Math.max(1, Math.floor(READ_CELLS_PER_SYNC / cols));
        for (let top = r.top; top <= r.bottom; top += bandRows) {
          work.push({ sheet: i, top, rows: Math.min(bandRows, r.bottom - top + 1), left: r.left, cols });
        }
      });
      let cellLimit = READ_CELLS_PER_SYNC;
      while (work.length) {
        const take: typeof work = [];
        let cells = 0;
        while (work.length && (take.length === 0 || cells + work[0].rows * work[0].cols <= cellLimit)) {
          const b = work.shift()!;
          take.push(b);
          cells += b.rows * b.cols;
        }
        const loads = take.map((b) => {
          const a1 = rangeToA1({ top: b.top, left: b.left, bottom: b.top + b.rows - 1, right: b.left + b.cols - 1 });
          const range = context.workbook.worksheets.getItem(sheets[b.sheet].name).getRange(a1);
          range.load("values,formulas,numberFormat,valueTypes");
          return { b, range };
        });
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per band of cells (only for very large workbooks)
          await context.sync();
        } catch (e) {
          if (officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded") throw e;
          if (take.length > 1) {
            cellLimit = Math.max(1, Math.floor(cellLimit / 2));
            work.unshift(...take);
          } else if (take[0].rows > 1) {
            const b = take[0];
            const half = Math.ceil(b.rows / 2);
            work.unshift({ ...b, rows: half }, { ...b, top: b.top + half, rows: b.rows - half });
          } else {
            throw new OfficeAdapterError("office.readTooLarge", { sheet: sheets[take[0].sheet].name, row: take[0].top + 1 }, e);
          }
          continue;
        }
        for (const { b, range } of loads) accs[b.sheet].add(b.top, b.left, range);
      }

      const book: WorkbookSnapshot = { sheets: [] };
      const bookName = withBookName ? context.workbook.name : undefined;
      if (bookName || this.name) book.name = bookName || this.name;
      sheets.forEach((s, i) => book.sheets.push(accs[i].finish(s.name, [...merges[i].values()], s.hidden)));
      return book;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  async applyEdits(batch: EditBatch): Promise<UndoRecord> {
    const added = new Map<string, string>();
    for (const name of batch.addSheets ?? []) {
      if (invalidSheetName(name)) throw new OfficeAdapterError("office.invalidSheetName", { sheet: name });
      if (added.has(sheetKey(name))) throw new OfficeAdapterError("office.sheetExists", { sheet: name });
      added.set(sheetKey(name), name);
    }
    if ((batch.validations ?? []).length && !this.supports("1.8")) {
      throw new OfficeAdapterError("office.apiMissing", { feature: "data validation", version: "ExcelApi 1.8" });
    }
    const withMergedAreas = this.supports("1.13");
    for (const r of [...(batch.merges ?? []), ...(batch.validations ?? [])]) {
      try {
        parseRange(r.range);
      } catch {
        throw new OfficeAdapterError("office.badAddress", { sheet: r.sheet, cell: r.range });
      }
    }
    for (const w of batch.columnWidths ?? []) {
      if (!/^\$?[A-Za-z]{1,3}$/.test(w.column.trim()) || !(w.width >= 0 && w.width <= 255)) {
        throw new OfficeAdapterError("office.badAddress", { sheet: w.sheet, cell: w.column });
      }
    }
    for (const v of batch.validations ?? []) {
      const bad = v.list.find((item) => item.includes(","));
      if (bad !== undefined) throw new OfficeAdapterError("office.listItemComma", { sheet: v.sheet, range: v.range, item: bad });
      if (v.list.join(",").length > 255) throw new OfficeAdapterError("office.listTooLong", { sheet: v.sheet, range: v.range });
    }

    // The cells, each once (a later edit of the same cell adds to / overrides an earlier one).
    const byCell = new Map<string, PlannedCell>();
    for (const edit of batch.cells) {
      let pos: { row: number; col: number };
      try {
        pos = parseA1(edit.cell);
      } catch {
        throw new OfficeAdapterError("office.badAddress", { sheet: edit.sheet, cell: edit.cell });
      }
      const cell = toA1(pos.row, pos.col);
      const k = key(edit.sheet, cell);
      const prev = byCell.get(k);
      const merged: CellEdit = prev ? { ...prev.edit, ...edit, cell } : { ...edit, cell };
      if (edit.formula === undefined && edit.value !== undefined && prev?.edit.formula !== undefined) delete merged.formula;
      byCell.set(k, { sheet: prev?.sheet ?? edit.sheet, cell, row: pos.row, col: pos.col, edit: merged });
    }
    const cells = [...byCell.values()];
    for (const c of cells) {
      const b = cellWriteBytes(c.edit);
      if (b + OP_OVERHEAD_BYTES > this.budget) {
        throw new OfficeAdapterError("office.cellTooLarge", { sheet: c.sheet, cell: c.cell, bytes: b });
      }
    }
    const runs = planRuns(cells, Math.max(4096, Math.floor(this.budget / 8)));

    // Run A (reads only): which sheets exist, what the touched cells hold now, merge targets empty.
    const before = await this.runWithRetry(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      await context.sync();
      const existing = new Map(worksheets.items.map((ws) => [sheetKey(ws.name), ws.name]));
      for (const [k, name] of added) {
        if (existing.has(k)) throw new OfficeAdapterError("office.sheetExists", { sheet: name });
      }
      const named = [
        ...cells.map((c) => c.sheet),
        ...(batch.merges ?? []).map((m) => m.sheet),
        ...(batch.columnWidths ?? []).map((w) => w.sheet),
        ...(batch.validations ?? []).map((v) => v.sheet),
      ];
      for (const s of named) {
        if (!existing.has(sheetKey(s)) && !added.has(sheetKey(s))) throw new OfficeAdapterError("office.sheetMissing", { sheet: s });
      }
      const runReads = runs
        .filter((run) => !added.has(sheetKey(run.sheet)))
        .map((run) => {
          const range = context.workbook.worksheets.getItem(run.sheet).getRange(runAddress(run));
          range.load("values,formulas,numberFormat,valueTypes");
          return { run, range };
        });
      const mergeReads = (batch.merges ?? [])
        .filter((m) => !added.has(sheetKey(m.sheet)))
        .map((m) => {
          const range = context.workbook.worksheets.getItem(m.sheet).getRange(m.range);
          range.load("values,formulas");
          let merged: Excel.RangeAreas | undefined;
          if (withMergedAreas) {
            merged = range.getMergedAreasOrNullObject();
            merged.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount");
          }
          return { m, range, merged };
        });
      await context.sync();

      const states = new Map<string, CellState>();
      for (const { run, range } of runReads) {
        const loaded: LoadedCells = { values: range.values, formulas: range.formulas, numberFormat: range.numberFormat, valueTypes: range.valueTypes };
        run.cells.forEach((c, i) => {
          states.set(key(c.sheet, c.cell), {
            sheet: c.sheet,
            cell: c.cell,
            value: fromExcelValue(loaded.values[i]?.[0], loaded.valueTypes[i]?.[0]),
            formula: fromExcelFormula(loaded.formulas[i]?.[0]),
            numberFormat: fromExcelNumberFormat(loaded.numberFormat[i]?.[0]),
          });
        });
      }
      const alreadyMerged = new Set<string>();
      for (const { m, range, merged } of mergeReads) {
        const r = parseRange(m.range);
        if (merged && !merged.isNullObject) {
          // The same merge already there: nothing to do (and nothing for a revert to undo).
          const areas = merged.areas.items.map((a) => rangeToA1(rangeRefOf(a)));
          if (areas.length === 1 && areas[0] === rangeToA1(r)) {
            alreadyMerged.add(key(m.sheet, rangeToA1(r)));
            continue;
          }
          throw new OfficeAdapterError("office.mergeConflict", { sheet: m.sheet, range: m.range, merged: areas.join(", ") });
        }
        range.values.forEach((row, i) =>
          row.forEach((v, j) => {
            if (i === 0 && j === 0) return;
            const f = range.formulas[i]?.[j];
            if ((v !== "" && v !== null) || fromExcelFormula(f)) {
              throw new OfficeAdapterError("office.mergeWouldLoseData", { sheet: m.sheet, range: m.range, cell: toA1(r.top + i, r.left + j) });
            }
          }),
        );
      }
      return { states, alreadyMerged };
    });
    const newMerges = (batch.merges ?? []).filter((m) => !before.alreadyMerged.has(key(m.sheet, rangeToA1(parseRange(m.range)))));

    // The record: what each touched cell held, and what the apply writes there.
    const undo: UndoRecord = { cells: [], written: [], addedSheets: [], addedMerges: [] };
    if (batch.label) undo.label = batch.label;
    for (const c of cells) {
      const prev = before.states.get(key(c.sheet, c.cell));
      if (prev) undo.cells.push(prev);
      const e = c.edit;
      if (e.formula !== undefined) undo.written.push({ sheet: c.sheet, cell: c.cell, value: prev?.value ?? null, formula: e.formula });
      else if (e.value !== undefined) undo.written.push({ sheet: c.sheet, cell: c.cell, value: e.value === "" ? null : e.value, formula: null });
      else undo.written.push({ sheet: c.sheet, cell: c.cell, value: prev?.value ?? null, formula: prev?.formula ?? null });
    }

    // The writes, in order: sheets, cells, merges, widths, validations.
    const useCellProperties = this.supports("1.9");
    const ops: WriteOp[] = [];
    for (const name of added.values()) {
      ops.push({ bytes: OP_OVERHEAD_BYTES + utf8Length(name), addsSheet: name, queue: (context) => void context.workbook.worksheets.add(name) });
    }
    for (const run of runs) ops.push(cellRunOp(run, useCellProperties));
    for (const m of newMerges) {
      ops.push({
        bytes: OP_OVERHEAD_BYTES + utf8Length(m.sheet + m.range),
        addsMerge: m,
        queue: (context) => context.workbook.worksheets.getItem(m.sheet).getRange(m.range).merge(false),
      });
    }
    for (const w of batch.columnWidths ?? []) {
      const col = w.column.replace(/[^A-Za-z]/g, "").toUpperCase();
      ops.push({
        bytes: OP_OVERHEAD_BYTES + utf8Length(w.sheet) + 16,
        queue: (context) => {
          context.workbook.worksheets.getItem(w.sheet).getRange(`${col}:${col}`).format.columnWidth = charsToPoints(w.width);
        },
      });
    }
    for (const v of batch.validations ?? []) {
      const source = v.list.join(",");
      ops.push({
        bytes: OP_OVERHEAD_BYTES + utf8Length(v.sheet + v.range + source),
        queue: (context) => {
          context.workbook.worksheets.getItem(v.sheet).getRange(v.range).dataValidation.rule = { list: { inCellDropDown: true, source } };
        },
      });
    }

    // Run B: the writes, one undo group where supported. A failure undoes what went through.
    const progress = newProgress();
    try {
      await this.writeOps(ops, progress);
    } catch (e) {
      if (e instanceof OfficeAdapterError && e.messageKey === "office.cellEditTimeout" && progress.done === 0) throw e;
      const partial = partialRecord(undo, ops.slice(0, progress.attempted(ops.length)));
      try {
        await this.revertWithReport(partial);
      } catch {
        // best effort: the error below tells the user what happened
      }
      throw new OfficeAdapterError("office.writeFailed", { reason: officeErrorCode(e) ?? (e instanceof Error ? e.message : String(e)) }, e);
    }
    undo.addedSheets = [...added.values()];
    undo.addedMerges = newMerges.map((m) => ({ sheet: m.sheet, range: m.range }));
    return undo;
  }

  /**
   * Queue `ops` in chunks of at most `budget` bytes, one sync per chunk, resuming after the last
   * chunk that went through when a run is retried (cell-edit mode).
   */
  private async writeOps(ops: WriteOp[], progress: WriteProgress): Promise<void> {
    const chunks: WriteOp[][] = [];
    let cur: WriteOp[] = [];
    let bytes = 0;
    for (const op of ops) {
      if (cur.length && bytes + op.bytes > this.budget) {
        chunks.push(cur);
        cur = [];
        bytes = 0;
      }
      cur.push(op);
      bytes += op.bytes;
    }
    if (cur.length) chunks.push(cur);
    progress.chunks = chunks;
    if (!chunks.length) return;
    const batch = async (context: Excel.RequestContext) => {
      // The one loop with a sync in it: one request per chunk, each under the byte budget.
      for (let i = progress.done; i < chunks.length; i++) {
        progress.current = i;
        for (const op of chunks[i]) op.queue(context);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk of at most `budget` bytes (5 MB request limit)
        await context.sync();
        progress.done = i + 1;
      }
    };
    const options = this.writeRunOptions();
    try {
      await this.runWithRetry(batch, options);
    } catch (e) {
      // An API inside the group that Excel cannot undo: go on (from the chunk that failed; writing
      // the same values again is harmless) without the single undo group rather than fail.
      if (!options.mergeUndoGroup || officeErrorCode(e) !== "UndoNotSupported") throw e;
      await this.runWithRetry(batch, { ...options, mergeUndoGroup: false });
    }
  }

  /** Put back what an applyEdits replaced; cells changed since are left and reported. */
  async revert(undo: UndoRecord): Promise<RevertReport> {
    return this.revertWithReport(undo);
  }

  /** Put back what an applyEdits replaced; cells the user changed since are left and reported. */
  async revertWithReport(undo: UndoRecord): Promise<RevertReport> {
    const report: RevertReport = { restored: 0, changedSinceApply: [], missingSheets: [], removedSheets: [], keptSheets: [] };
    const addedKeys = new Set(undo.addedSheets.map(sheetKey));
    const beforeByKey = new Map(undo.cells.map((c) => [key(c.sheet, c.cell), c]));
    const writtenCells: PlannedCell[] = undo.written.map((w) => {
      const p = parseA1(w.cell);
      return { sheet: w.sheet, cell: w.cell, row: p.row, col: p.col, edit: { sheet: w.sheet, cell: w.cell } };
    });
    const runs = planRuns(writtenCells, Number.MAX_SAFE_INTEGER);
    const writtenByKey = new Map(undo.written.map((w) => [key(w.sheet, w.cell), w]));

    // Run A: current state of the written cells, and of the sheets the apply added.
    const plan = await this.runWithRetry(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      await context.sync();
      const existing = new Map(worksheets.items.map((ws) => [sheetKey(ws.name), ws.name]));
      const missing = new Set<string>();
      const runReads = runs
        .filter((run) => {
          if (existing.has(sheetKey(run.sheet))) return true;
          missing.add(run.sheet);
          return false;
        })
        .map((run) => {
          const range = context.workbook.worksheets.getItem(run.sheet).getRange(runAddress(run));
          range.load("values,formulas,numberFormat,valueTypes");
          return { run, range };
        });
      const addedReads = undo.addedSheets
        .filter((s) => existing.has(sheetKey(s)))
        .map((s) => {
          const used = context.workbook.worksheets.getItem(s).getUsedRangeOrNullObject(true);
          used.load("rowIndex,columnIndex,rowCount,columnCount,values,formulas");
          return { sheet: s, used };
        });
      await context.sync();

      const restore: { state: CellState; current: { numberFormat: string | null } }[] = [];
      const changed: { sheet: string; cell: string }[] = [];
      for (const { run, range } of runReads) {
        run.cells.forEach((c, i) => {
          const w = writtenByKey.get(key(c.sheet, c.cell));
          if (!w) return;
          const value = fromExcelValue(range.values[i]?.[0], range.valueTypes[i]?.[0]);
          const formula = fromExcelFormula(range.formulas[i]?.[0]);
          const unchanged = w.formula !== null ? formula === w.formula : formula === null && sameValue(value, w.value);
          if (!unchanged) {
            changed.push({ sheet: c.sheet, cell: c.cell });
            return;
          }
          if (addedKeys.has(sheetKey(c.sheet))) return;
          const state = beforeByKey.get(key(c.sheet, c.cell));
          if (state) restore.push({ state, current: { numberFormat: fromExcelNumberFormat(range.numberFormat[i]?.[0]) } });
        });
      }
      // An added sheet is deleted only when it holds nothing but what the apply wrote, unchanged.
      const removable: string[] = [];
      const kept: string[] = [];
      for (const { sheet, used } of addedReads) {
        let clean = !changed.some((c) => sheetKey(c.sheet) === sheetKey(sheet));
        if (clean && !used.isNullObject) {
          const origin = rangeRefOf(used);
          used.values.forEach((row, i) =>
            row.forEach((v, j) => {
              const f = used.formulas[i]?.[j];
              if ((v === "" || v === null) && !fromExcelFormula(f)) return;
              if (!writtenByKey.has(key(sheet, toA1(origin.top + i, origin.left + j)))) clean = false;
            }),
          );
        }
        (clean ? removable : kept).push(sheet);
      }
      return { restore, changed, missing: [...missing], removable, kept };
    });

    report.changedSinceApply = plan.changed;
    report.missingSheets = plan.missing;
    report.keptSheets = plan.kept;

    // Run B: the writes (one undo group where supported).
    const ops: WriteOp[] = [];
    const removable = new Set(plan.removable.map(sheetKey));
    for (const m of undo.addedMerges) {
      if (removable.has(sheetKey(m.sheet)) || plan.missing.some((s) => sheetKey(s) === sheetKey(m.sheet))) continue;
      ops.push({ bytes: OP_OVERHEAD_BYTES, queue: (context) => context.workbook.worksheets.getItem(m.sheet).getRange(m.range).unmerge() });
    }
    const restoreCells: PlannedCell[] = plan.restore.map(({ state, current }) => {
      const p = parseA1(state.cell);
      const edit: CellEdit = { sheet: state.sheet, cell: state.cell };
      if (state.formula) edit.formula = state.formula;
      // An error constant is written as its text with no prefix (typing "#N/A" gives the error back).
      else if (state.value !== null && typeof state.value === "object") edit.formula = state.value.error;
      else edit.value = state.value === null ? "" : state.value;
      if (current.numberFormat !== state.numberFormat) edit.numberFormat = state.numberFormat ?? "General";
      return { sheet: state.sheet, cell: state.cell, row: p.row, col: p.col, edit };
    });
    for (const run of planRuns(restoreCells, Math.max(4096, Math.floor(this.budget / 8)))) ops.push(cellRunOp(run, false));
    for (const s of plan.removable) {
      ops.push({ bytes: OP_OVERHEAD_BYTES, queue: (context) => context.workbook.worksheets.getItem(s).delete() });
    }
    await this.writeOps(ops, newProgress());
    report.restored = restoreCells.length;
    report.removedSheets = plan.removable;
    return report;
  }

  // ---------------------------------------------------------------------------------------------
  // Settings, selection

  private settings(): SettingsLike {
    const s = this.settingsOverride ?? defaultSettings();
    if (!s) throw new OfficeAdapterError("office.settingsUnavailable");
    return s;
  }

  async getSetting(name: string): Promise<string | undefined> {
    const v = this.settings().get(name);
    return typeof v === "string" ? v : v === null || v === undefined ? undefined : JSON.stringify(v);
  }

  async setSetting(name: string, value: string): Promise<void> {
    const s = this.settings();
    s.set(name, value);
    await new Promise<void>((resolve, reject) => {
      s.saveAsync((result) => {
        if (String(result.status).toLowerCase() === "failed") {
          reject(new OfficeAdapterError("office.settingsSaveFailed", { reason: result.error?.message ?? "" }));
        } else resolve();
      });
    });
  }

  /** Activate `sheet` and select `address` ("B3" or "B3:C4"). */
  async selectCell(sheet: string, address: string): Promise<void> {
    await this.runWithRetry(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      ws.load("name");
      await context.sync();
      if (ws.isNullObject) throw new OfficeAdapterError("office.sheetMissing", { sheet });
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    });
  }

  /** The selected range: its sheet and A1 address. */
  async getSelection(): Promise<SelectionInfo> {
    return this.runWithRetry(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("address");
      await context.sync();
      return { sheet: addressSheetPart(range.address), address: addressA1Part(range.address) };
    });
  }
}

// ------------------------------------------------------------------------------------------------

interface WriteProgress {
  done: number;
  current: number;
  chunks: WriteOp[][];
  /** How many ops were queued (synced or in the chunk that failed). */
  attempted(total: number): number;
}

function newProgress(): WriteProgress {
  const p: WriteProgress = {
    done: 0,
    current: -1,
    chunks: [],
    attempted(total: number) {
      if (!p.chunks.length) return 0;
      const last = Math.min(Math.max(p.current, p.done - 1), p.chunks.length - 1);
      let n = 0;
      for (let i = 0; i <= last; i++) n += p.chunks[i].length;
      return Math.min(n, total);
    },
  };
  return p;
}

/** The undo record of the ops that were (maybe) applied before a failure. */
function partialRecord(full: UndoRecord, ops: WriteOp[]): UndoRecord {
  const touched = new Set<string>();
  for (const op of ops) for (const c of op.cells ?? []) touched.add(key(c.sheet, c.cell));
  return {
    cells: full.cells.filter((c) => touched.has(key(c.sheet, c.cell))),
    written: full.written.filter((w) => touched.has(key(w.sheet, w.cell))),
    addedSheets: ops.flatMap((op) => (op.addsSheet ? [op.addsSheet] : [])),
    addedMerges: ops.flatMap((op) => (op.addsMerge ? [op.addsMerge] : [])),
  };
}

/** One column run → one range write (formulas, number formats, cell formats as 2-D arrays). */
function cellRunOp(run: CellRun, useCellProperties: boolean): WriteOp {
  const input = run.cells.map((c) => [editInput(c.edit)]);
  const anyInput = input.some((r) => r[0] !== null);
  const formats = run.cells.map((c) => [c.edit.numberFormat ?? null]);
  const anyFormat = formats.some((r) => r[0] !== null);
  const styled = run.cells.some((c) => c.edit.style);
  let bytes = OP_OVERHEAD_BYTES + utf8Length(run.sheet) * 3;
  if (anyInput) bytes += input.reduce((n, r) => n + scalarBytes(r[0]) + 4, 0);
  if (anyFormat) bytes += formats.reduce((n, r) => n + scalarBytes(r[0]) + 4, 0);
  if (styled) bytes += run.cells.reduce((n, c) => n + styleBytes(c.edit.style) + (useCellProperties ? 4 : OP_OVERHEAD_BYTES), 0);
  const address = runAddress(run);
  return {
    bytes,
    cells: run.cells,
    queue(context) {
      const range = context.workbook.worksheets.getItem(run.sheet).getRange(address);
      // null in these arrays leaves that cell's content / format as it is
      if (anyInput) range.formulas = input as unknown as string[][];
      if (anyFormat) range.numberFormat = formats as unknown as string[][];
      if (styled) {
        if (useCellProperties) range.setCellProperties(run.cells.map((c) => [cellProperties(c.edit.style)]));
        else {
          run.cells.forEach((c, i) => {
            if (c.edit.style) applyStyleToRange(range.getCell(i, 0), c.edit.style);
          });
        }
      }
    },
  };
}

/** Builds a SheetSnapshot from loaded blocks of cells placed at their absolute positions. */
class SheetAccumulator {
  private readonly values: CellValue[][] = [];
  private readonly formulas: (string | null)[][] = [];
  private readonly numberFormats: (string | null)[][] = [];
  private anyFormula = false;
  private anyFormat = false;
  private rows = 0;
  private cols = 0;

  add(top: number, left: number, block: { values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][]; valueTypes: string[][] }): void {
    block.values.forEach((row, i) => {
      const r = top + i;
      const vRow = (this.values[r] ??= []);
      const fRow = (this.formulas[r] ??= []);
      const nRow = (this.numberFormats[r] ??= []);
      row.forEach((raw, j) => {
        const v = fromExcelValue(raw, block.valueTypes[i]?.[j]);
        const f = fromExcelFormula(block.formulas[i]?.[j]);
        const n = fromExcelNumberFormat(block.numberFormat[i]?.[j]);
        if (v === null && f === null && n === null) return; // rows stay short where cells are empty
        const c = left + j;
        while (vRow.length < c) vRow.push(null);
        vRow[c] = v;
        if (f !== null) {
          while (fRow.length < c) fRow.push(null);
          fRow[c] = f;
          this.anyFormula = true;
        }
        if (n !== null) {
          while (nRow.length < c) nRow.push(null);
          nRow[c] = n;
          this.anyFormat = true;
        }
      });
      if (row.length) {
        this.rows = Math.max(this.rows, r + 1);
        this.cols = Math.max(this.cols, left + row.length);
      }
    });
  }

  finish(name: string, merges: RangeRef[], hidden: boolean): SheetSnapshot {
    for (const m of merges) {
      this.rows = Math.max(this.rows, m.bottom + 1);
      this.cols = Math.max(this.cols, m.right + 1);
    }
    const fill = <T>(a: T[][]) => {
      for (let r = 0; r < a.length; r++) a[r] ??= [];
      return a;
    };
    const sheet: SheetSnapshot = { name, values: fill(this.values), merges, rowCount: this.rows, colCount: this.cols };
    if (this.values.length === 0) sheet.values = [];
    if (this.anyFormula) sheet.formulas = fill(this.formulas);
    if (this.anyFormat) sheet.numberFormats = fill(this.numberFormats);
    if (hidden) sheet.hidden = true;
    return sheet;
  }
}
