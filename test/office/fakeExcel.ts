/**
 * A fake of the part of the Excel JavaScript API that src/workbook/office/adapter.ts uses.
 *
 * Like Office.js it works by proxies and batches: calls on proxies queue operations; context.sync()
 * runs them in order against an in-memory workbook. It is strict where Office.js is strict:
 * - reading a property before it was loaded AND synced throws PropertyNotLoaded;
 * - a request over 5 MB (Excel on the web's limit) fails with RequestPayloadSizeLimitExceeded;
 * - getMergedAreasOrNullObject fails over 512 merged areas;
 * - the next N syncs can be made to fail with InvalidOperationInCellEditMode.
 * It counts context.sync() calls, records each request's payload bytes, and counts undo steps
 * (one per Excel.run with mergeUndoGroup, else one per sync that wrote something).
 */
import { OfficeWorkbook, type ExcelRun, type SettingsLike } from "../../src/workbook/office/adapter";
import { parseA1, parseRange, rangeToA1, toA1 } from "../../src/engine/model/grid";
import type { CellValue, RangeRef } from "../../src/engine/model/snapshot";

export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"]);

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "OfficeExtension.Error";
  }
}

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

export interface FakeCell {
  /** Text, number, boolean, or an error value's text when `error` is set; null = empty. */
  v: string | number | boolean | null;
  error?: boolean;
  f?: string;
  nf?: string;
  props?: unknown;
}

export class FakeSheet {
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  readonly cells = new Map<string, FakeCell>();
  merges: RangeRef[] = [];
  readonly validations: { range: string; rule: unknown }[] = [];
  readonly columnWidths = new Map<number, number>();
  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  setCell(row: number, col: number, c: FakeCell | undefined): void {
    const k = `${row},${col}`;
    if (!c || (c.v === null && c.f === undefined && c.nf === undefined && c.props === undefined)) this.cells.delete(k);
    else this.cells.set(k, c);
  }
  /** The used range: values only, or anything (formats, merges) too. */
  usedRange(valuesOnly: boolean): RangeRef | undefined {
    let r: RangeRef | undefined;
    const add = (row: number, col: number) => {
      if (!r) r = { top: row, left: col, bottom: row, right: col };
      else r = { top: Math.min(r.top, row), left: Math.min(r.left, col), bottom: Math.max(r.bottom, row), right: Math.max(r.right, col) };
    };
    for (const [k, c] of this.cells) {
      if (valuesOnly && c.v === null && c.f === undefined) continue;
      const [row, col] = k.split(",").map(Number);
      add(row, col);
    }
    if (!valuesOnly) for (const m of this.merges) (add(m.top, m.left), add(m.bottom, m.right));
    return r;
  }
}

/** What a seeded cell holds: a constant, or { formula, value, numberFormat }. */
export type SeedCell =
  | string
  | number
  | boolean
  | null
  | { error: string }
  | { formula?: string; value?: string | number | boolean | null | { error: string }; numberFormat?: string };

function seedToCell(s: SeedCell): FakeCell {
  if (s === null || typeof s !== "object") return { v: s };
  if ("error" in s) return { v: s.error, error: true };
  const c: FakeCell = { v: null };
  const v = s.value;
  if (v !== undefined && v !== null && typeof v === "object") (c.v = v.error), (c.error = true);
  else if (v !== undefined) c.v = v;
  if (s.formula) c.f = s.formula;
  if (s.numberFormat) c.nf = s.numberFormat;
  return c;
}

/** Excel's handling of typed input (range.values / range.formulas setters). */
function parseInput(cell: FakeCell | undefined, input: unknown): FakeCell | undefined {
  if (input === null || input === undefined) return cell; // null = leave the cell as it is
  const keep = { nf: cell?.nf, props: cell?.props };
  if (input === "") return { v: null, ...keep };
  if (typeof input === "number" || typeof input === "boolean") return { v: input, ...keep };
  const s = String(input);
  if (s.startsWith("'")) return { v: s.slice(1), ...keep };
  if (s.startsWith("=")) return { v: 0, f: s, ...keep }; // the fake does not calculate
  if (ERRORS.has(s)) return { v: s, error: true, ...keep };
  if (/^-?\d+(\.\d+)?$/.test(s)) return { v: Number(s), ...keep };
  if (/^(true|false)$/i.test(s)) return { v: s.toUpperCase() === "TRUE", ...keep };
  return { v: s, ...keep };
}

/** Excel quotes a sheet name in an address when it is not a plain word: 'My sheet'!A1, 'It''s'!A1. */
function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function bytesOf(x: unknown): number {
  return Buffer.byteLength(JSON.stringify(x ?? null), "utf8");
}

function intersects(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

// ------------------------------------------------------------------------------------------------
// The request context and proxies

interface Op {
  bytes: number;
  writes: boolean;
  apply(): void;
}

class Loadable {
  protected readonly ready = new Set<string>();
  protected readonly data: Record<string, unknown> = {};
  constructor(protected readonly ctx: FakeContext) {}
  protected get(prop: string): unknown {
    if (!this.ready.has(prop)) throw notLoaded(prop);
    return this.data[prop];
  }
  /** Load `props` (comma list, maybe "a/b" paths): read at sync time by `read`. */
  protected queueLoad(props: string | undefined, all: string[], read: (props: string[]) => Record<string, unknown>): void {
    const names = props ? [...new Set(props.split(",").map((p) => p.trim().split("/")[0]).filter(Boolean))] : all;
    this.ctx.queue({
      bytes: 60 + (props?.length ?? 0),
      writes: false,
      apply: () => {
        const got = read(names);
        for (const n of names) {
          this.data[n] = got[n];
          this.ready.add(n);
        }
      },
    });
  }
}

class FakeRangeAreas extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => RangeRef[] | undefined,
  ) {
    super(ctx);
  }
  load(props?: string): this {
    this.queueLoad(props, ["areas"], () => {
      const merges = this.resolve();
      this.data.isNullObject = merges === undefined;
      this.ready.add("isNullObject");
      return { areas: { items: (merges ?? []).map((m) => ({ rowIndex: m.top, columnIndex: m.left, rowCount: m.bottom - m.top + 1, columnCount: m.right - m.left + 1, address: rangeToA1(m) })) } };
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject") as boolean;
  }
  get areas(): { items: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number; address: string }[] } {
    return this.get("areas") as never;
  }
}

type RangeTarget = { sheet: () => FakeSheet; ref: () => RangeRef | undefined };

class FakeFormat {
  readonly font: Record<string, unknown>;
  readonly fill: Record<string, unknown>;
  readonly borders = { getItem: (edge: string) => this.prop(`border.${edge}`) };
  constructor(private readonly range: FakeRange) {
    this.font = this.prop("font");
    this.fill = this.prop("fill");
  }
  private prop(group: string): Record<string, unknown> {
    return new Proxy({}, {
      set: (_t, p, v) => {
        this.range.queueFormat(`${group}.${String(p)}`, v);
        return true;
      },
    }) as Record<string, unknown>;
  }
  set columnWidth(points: number) {
    this.range.queueColumnWidth(points);
  }
  set wrapText(v: boolean) {
    this.range.queueFormat("wrapText", v);
  }
  set horizontalAlignment(v: string) {
    this.range.queueFormat("horizontalAlignment", v);
  }
  set verticalAlignment(v: string) {
    this.range.queueFormat("verticalAlignment", v);
  }
}

class FakeRange extends Loadable {
  readonly format = new FakeFormat(this);
  readonly dataValidation: { rule: unknown };
  constructor(
    ctx: FakeContext,
    private readonly target: RangeTarget,
  ) {
    super(ctx);
    const self = this;
    this.dataValidation = {
      set rule(rule: unknown) {
        self.write({ rule }, () => {
          if (self.ctx.excel.validationUndoUnsupported && self.ctx.excel.inUndoGroup()) {
            throw new FakeOfficeError("UndoNotSupported", "This operation cannot be grouped for undo.");
          }
          const sheet = self.target.sheet();
          sheet.validations.push({ range: rangeToA1(self.must()), rule: JSON.parse(JSON.stringify(rule)) });
        });
      },
      get rule(): unknown {
        throw notLoaded("rule");
      },
    };
  }
  private must(): RangeRef {
    const r = this.target.ref();
    if (!r) throw new FakeOfficeError("ItemNotFound", "The range is a null object.");
    return r;
  }
  private write(payload: unknown, apply: () => void): void {
    this.ctx.queue({ bytes: 100 + bytesOf(payload), writes: true, apply });
  }
  load(props?: string): this {
    const all = ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "values", "formulas", "numberFormat", "valueTypes"];
    this.queueLoad(props, all, (names) => {
      const r = this.target.ref();
      this.data.isNullObject = r === undefined;
      this.ready.add("isNullObject");
      if (!r) return {};
      const sheet = this.target.sheet();
      const grid = (f: (c: FakeCell | undefined) => unknown) => {
        const rows: unknown[][] = [];
        for (let i = r.top; i <= r.bottom; i++) {
          const row: unknown[] = [];
          for (let j = r.left; j <= r.right; j++) row.push(f(sheet.cell(i, j)));
          rows.push(row);
        }
        return rows;
      };
      const out: Record<string, unknown> = {
        address: `${quoteSheet(sheet.name)}!${rangeToA1(r)}`,
        rowIndex: r.top,
        columnIndex: r.left,
        rowCount: r.bottom - r.top + 1,
        columnCount: r.right - r.left + 1,
      };
      if (names.includes("values")) out.values = grid((c) => (c ? (c.v ?? "") : ""));
      if (names.includes("formulas")) out.formulas = grid((c) => (c?.f ?? (c ? (c.v ?? "") : "")));
      if (names.includes("numberFormat")) out.numberFormat = grid((c) => c?.nf ?? "General");
      if (names.includes("valueTypes")) {
        out.valueTypes = grid((c) =>
          !c || c.v === null || c.v === "" ? "Empty" : c.error ? "Error" : typeof c.v === "number" ? "Double" : typeof c.v === "boolean" ? "Boolean" : "String",
        );
      }
      // the response counts too
      this.ctx.responseBytes += bytesOf(out);
      return out;
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject") as boolean;
  }
  get address(): string {
    return this.get("address") as string;
  }
  get rowIndex(): number {
    return this.get("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.get("columnIndex") as number;
  }
  get rowCount(): number {
    return this.get("rowCount") as number;
  }
  get columnCount(): number {
    return this.get("columnCount") as number;
  }
  get values(): unknown[][] {
    return this.get("values") as unknown[][];
  }
  set values(v: unknown[][]) {
    this.setGrid(v, "values");
  }
  get formulas(): unknown[][] {
    return this.get("formulas") as unknown[][];
  }
  set formulas(v: unknown[][]) {
    this.setGrid(v, "formulas");
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat") as unknown[][];
  }
  set numberFormat(v: unknown[][]) {
    this.write({ numberFormat: v }, () => {
      const r = this.must();
      const sheet = this.target.sheet();
      this.checkShape(v, r);
      v.forEach((row, i) =>
        row.forEach((nf, j) => {
          if (nf === null || nf === undefined) return;
          const cur = sheet.cell(r.top + i, r.left + j) ?? { v: null };
          const next = { ...cur };
          if (nf === "General") delete next.nf;
          else next.nf = String(nf);
          sheet.setCell(r.top + i, r.left + j, next);
        }),
      );
    });
  }
  get valueTypes(): string[][] {
    return this.get("valueTypes") as string[][];
  }
  private checkShape(v: unknown[][], r: RangeRef): void {
    if (v.length !== r.bottom - r.top + 1 || v.some((row) => row.length !== r.right - r.left + 1)) {
      throw new FakeOfficeError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
    }
  }
  private setGrid(v: unknown[][], what: string): void {
    this.write({ [what]: v }, () => {
      const r = this.must();
      this.checkShape(v, r);
      const sheet = this.target.sheet();
      v.forEach((row, i) => row.forEach((x, j) => sheet.setCell(r.top + i, r.left + j, parseInput(sheet.cell(r.top + i, r.left + j), x))));
    });
  }
  setCellProperties(props: unknown[][]): void {
    this.write({ props }, () => {
      const r = this.must();
      this.checkShape(props, r);
      const sheet = this.target.sheet();
      props.forEach((row, i) =>
        row.forEach((p, j) => {
          if (!p || Object.keys(p as object).length === 0) return;
          const cur = sheet.cell(r.top + i, r.left + j) ?? { v: null };
          sheet.setCell(r.top + i, r.left + j, { ...cur, props: p });
        }),
      );
    });
  }
  queueFormat(path: string, v: unknown): void {
    this.write({ [path]: v }, () => {
      const r = this.must();
      const sheet = this.target.sheet();
      for (let i = r.top; i <= r.bottom; i++)
        for (let j = r.left; j <= r.right; j++) {
          const cur = sheet.cell(i, j) ?? { v: null };
          sheet.setCell(i, j, { ...cur, props: { ...(cur.props as object), [path]: v } });
        }
    });
  }
  queueColumnWidth(points: number): void {
    this.write({ columnWidth: points }, () => {
      const r = this.must();
      for (let j = r.left; j <= r.right; j++) this.target.sheet().columnWidths.set(j, points);
    });
  }
  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.ctx, {
      sheet: this.target.sheet,
      ref: () => {
        const r = this.must();
        return { top: r.top + row, left: r.left + col, bottom: r.top + row, right: r.left + col };
      },
    });
  }
  merge(across = false): void {
    this.write({ merge: across }, () => {
      const r = this.must();
      const sheet = this.target.sheet();
      if (sheet.merges.some((m) => intersects(m, r))) throw new FakeOfficeError("MergedRangeConflict", "Cannot merge over a merged range.");
      for (let i = r.top; i <= r.bottom; i++)
        for (let j = r.left; j <= r.right; j++) if (i !== r.top || j !== r.left) sheet.setCell(i, j, undefined); // Excel keeps only the top-left value
      sheet.merges.push(r);
    });
  }
  unmerge(): void {
    this.write({ unmerge: true }, () => {
      const r = this.must();
      const sheet = this.target.sheet();
      sheet.merges = sheet.merges.filter((m) => !intersects(m, r));
    });
  }
  select(): void {
    this.write({ select: true }, () => {
      this.ctx.excel.selection = { sheet: this.target.sheet().name, ref: this.must() };
    });
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const r = this.must();
      const found = this.target.sheet().merges.filter((m) => intersects(m, r));
      if (found.length > this.ctx.excel.maxMergedAreas) throw new FakeOfficeError("GeneralException", "Too many merged areas.");
      return found.length ? found : undefined;
    });
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.target.sheet().name);
  }
}

class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly nameOf: () => string,
    private readonly orNull = false,
  ) {
    super(ctx);
  }
  private sheet(): FakeSheet {
    const s = this.ctx.excel.findSheet(this.nameOf());
    if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: sheet ${this.nameOf()}.`);
    return s;
  }
  load(props?: string): this {
    this.queueLoad(props, ["name", "visibility"], () => {
      const s = this.ctx.excel.findSheet(this.nameOf());
      this.data.isNullObject = !s;
      this.ready.add("isNullObject");
      if (!s && !this.orNull) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: sheet ${this.nameOf()}.`);
      return s ? { name: s.name, visibility: s.visibility } : {};
    });
    return this;
  }
  /** Set directly by a collection load (items/name…). */
  fill(data: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(data)) {
      this.data[k] = v;
      this.ready.add(k);
    }
  }
  get isNullObject(): boolean {
    return this.get("isNullObject") as boolean;
  }
  get name(): string {
    return this.get("name") as string;
  }
  get visibility(): string {
    return this.get("visibility") as string;
  }
  getRange(address?: string): FakeRange {
    const ref = address ? parseRange(address.includes(":") && /^[A-Za-z]+:[A-Za-z]+$/.test(address) ? `${address.split(":")[0]}1:${address.split(":")[1]}1048576` : address) : { top: 0, left: 0, bottom: 1048575, right: 16383 };
    return new FakeRange(this.ctx, { sheet: () => this.sheet(), ref: () => ref });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, { sheet: () => this.sheet(), ref: () => this.sheet().usedRange(valuesOnly) });
  }
  activate(): void {
    this.ctx.queue({ bytes: 80, writes: false, apply: () => void (this.ctx.excel.activeSheet = this.sheet().name) });
  }
  delete(): void {
    this.ctx.queue({
      bytes: 80,
      writes: true,
      apply: () => {
        const s = this.sheet();
        this.ctx.excel.sheets.splice(this.ctx.excel.sheets.indexOf(s), 1);
      },
    });
  }
}

class FakeWorksheetCollection extends Loadable {
  load(props?: string): this {
    this.queueLoad(props, ["items"], (names) => {
      const fields = (props ?? "items/name,items/visibility")
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p.startsWith("items/"))
        .map((p) => p.slice("items/".length));
      void names;
      const items = this.ctx.excel.sheets.map((s) => {
        const ws = new FakeWorksheet(this.ctx, () => s.name);
        const d: Record<string, unknown> = {};
        for (const f of fields.length ? fields : ["name", "visibility"]) d[f] = f === "name" ? s.name : f === "visibility" ? s.visibility : undefined;
        ws.fill(d);
        return ws;
      });
      return { items };
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    return this.get("items") as FakeWorksheet[];
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => name);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => name, true);
  }
  add(name: string): FakeWorksheet {
    this.ctx.queue({
      bytes: 80 + bytesOf(name),
      writes: true,
      apply: () => {
        if (this.ctx.excel.findSheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
        this.ctx.excel.sheets.push(new FakeSheet(name));
      },
    });
    return new FakeWorksheet(this.ctx, () => name);
  }
}

class FakeWorkbook extends Loadable {
  readonly worksheets: FakeWorksheetCollection;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
  }
  load(props?: string): this {
    this.queueLoad(props, ["name"], () => ({ name: this.ctx.excel.bookName }));
    return this;
  }
  get name(): string {
    return this.get("name") as string;
  }
  getSelectedRange(): FakeRange {
    const sel = () => this.ctx.excel.selection ?? { sheet: this.ctx.excel.sheets[0].name, ref: { top: 0, left: 0, bottom: 0, right: 0 } };
    return new FakeRange(this.ctx, {
      sheet: () => {
        const s = this.ctx.excel.findSheet(sel().sheet);
        if (!s) throw new FakeOfficeError("ItemNotFound", "no sheet");
        return s;
      },
      ref: () => sel().ref,
    });
  }
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  private ops: Op[] = [];
  responseBytes = 0;
  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }
  queue(op: Op): void {
    this.ops.push(op);
  }
  async sync(): Promise<void> {
    const excel = this.excel;
    excel.syncCount++;
    const ops = this.ops;
    this.ops = [];
    const bytes = ops.reduce((n, op) => n + op.bytes, 0);
    excel.requestBytes.push(bytes);
    if (excel.editModeFailures > 0) {
      excel.editModeFailures--;
      throw new FakeOfficeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.");
    }
    if (excel.failAtSync !== undefined && excel.syncCount === excel.failAtSync.n) {
      // the ops before the failing one went through, as in Excel
      const upTo = Math.floor(ops.length / 2);
      for (const op of ops.slice(0, upTo)) op.apply();
      throw new FakeOfficeError(excel.failAtSync.code, "Injected failure.");
    }
    if (bytes > REQUEST_LIMIT_BYTES) throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${bytes} bytes).`);
    this.responseBytes = 0;
    let wrote = false;
    for (const op of ops) {
      op.apply();
      wrote ||= op.writes;
    }
    if (this.responseBytes > REQUEST_LIMIT_BYTES) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    if (wrote) excel.noteWrite(this);
    excel.afterSync?.(excel.syncCount);
  }
}

// ------------------------------------------------------------------------------------------------

export class FakeSettings implements SettingsLike {
  readonly values = new Map<string, unknown>();
  readonly saved = new Map<string, unknown>();
  saveCount = 0;
  failSave = false;
  get(name: string): unknown {
    return this.values.has(name) ? this.values.get(name) : null;
  }
  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } | null }) => void): void {
    setTimeout(() => {
      if (this.failSave) return callback?.({ status: "failed", error: { message: "read-only" } });
      this.saveCount++;
      for (const [k, v] of this.values) this.saved.set(k, v);
      callback?.({ status: "succeeded", error: null });
    }, 0);
  }
}

export interface FakeExcelOptions {
  /** Highest ExcelApi version the fake host supports ("1.20" by default). */
  apiVersion?: string;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  bookName = "計画.xlsx";
  activeSheet?: string;
  selection?: { sheet: string; ref: RangeRef };
  syncCount = 0;
  /** Payload bytes of each sync's request, in order. */
  readonly requestBytes: number[] = [];
  /** Options of each Excel.run. */
  readonly runs: { options?: { mergeUndoGroup?: boolean; delayForCellEdit?: boolean } }[] = [];
  /** Undo steps the user would see in Excel's undo list. */
  undoSteps = 0;
  editModeFailures = 0;
  failAtSync?: { n: number; code: string };
  maxMergedAreas = 512;
  /** Called after each successful sync with the sync's number (tests change the workbook there). */
  afterSync?: (n: number) => void;
  readonly settings = new FakeSettings();
  apiVersion: string;
  private currentRunMerges = false;
  private runWrote = false;

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.20";
  }

  readonly isSetSupported = (name: string, version: string): boolean => {
    if (name !== "ExcelApi") return false;
    const [a, b] = version.split(".").map(Number);
    const [x, y] = this.apiVersion.split(".").map(Number);
    return a < x || (a === x && b <= y);
  };

  readonly run: ExcelRun = (async (a: unknown, b?: unknown) => {
    const [options, batch] = (typeof a === "function" ? [undefined, a] : [a, b]) as [
      { mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | undefined,
      (ctx: FakeContext) => Promise<unknown>,
    ];
    if (options?.mergeUndoGroup && !this.isSetSupported("ExcelApi", "1.20")) {
      throw new FakeOfficeError("ApiNotFound", "mergeUndoGroup is not supported on this host.");
    }
    this.runs.push({ options });
    this.currentRunMerges = !!options?.mergeUndoGroup;
    this.runWrote = false;
    const ctx = new FakeContext(this);
    try {
      return await batch(ctx);
    } finally {
      if (this.currentRunMerges && this.runWrote) this.undoSteps++;
      this.currentRunMerges = false;
    }
  }) as unknown as ExcelRun;

  /** Make data validation refuse to run inside an undo group (UndoNotSupported). */
  validationUndoUnsupported = false;

  inUndoGroup(): boolean {
    return this.currentRunMerges;
  }

  noteWrite(_ctx: FakeContext): void {
    if (this.currentRunMerges) this.runWrote = true;
    else this.undoSteps++;
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  /** Add a sheet with cells by A1 address and merges ("A1:B2"). */
  addSheet(name: string, cells: Record<string, SeedCell> = {}, merges: string[] = [], hidden = false): FakeSheet {
    const s = new FakeSheet(name);
    for (const [a1, seed] of Object.entries(cells)) {
      const p = parseA1(a1);
      s.setCell(p.row, p.col, seedToCell(seed));
    }
    s.merges = merges.map(parseRange);
    if (hidden) s.visibility = "Hidden";
    this.sheets.push(s);
    return s;
  }

  /** Change a cell directly, as the user would. */
  setCell(sheet: string, a1: string, seed: SeedCell): void {
    const p = parseA1(a1);
    this.sheet(sheet).setCell(p.row, p.col, seedToCell(seed));
  }

  /** What a cell holds: value (errors as { error }), formula, number format. */
  getCell(sheet: string, a1: string): { value: CellValue; formula: string | null; numberFormat: string | null; props?: unknown } {
    const p = parseA1(a1);
    const c = this.sheet(sheet).cell(p.row, p.col);
    if (!c) return { value: null, formula: null, numberFormat: null };
    const value: CellValue = c.v === null ? null : c.error ? { error: String(c.v) } : c.v;
    return { value, formula: c.f ?? null, numberFormat: c.nf ?? null, ...(c.props ? { props: c.props } : {}) };
  }

  /** A copy of every cell of every sheet (for before/after comparisons). */
  dump(): Record<string, Record<string, FakeCell>> {
    const out: Record<string, Record<string, FakeCell>> = {};
    for (const s of this.sheets) {
      const cells: Record<string, FakeCell> = {};
      for (const [k, c] of s.cells) {
        const [r, col] = k.split(",").map(Number);
        cells[toA1(r, col)] = JSON.parse(JSON.stringify(c));
      }
      out[s.name] = cells;
    }
    return out;
  }

  /** An adapter wired to this fake (no waiting between edit-mode retries). */
  adapter(extra: Partial<ConstructorParameters<typeof OfficeWorkbook>[0]> = {}): OfficeWorkbook {
    return new OfficeWorkbook({
      run: this.run,
      isSetSupported: this.isSetSupported,
      settings: this.settings,
      sleep: async () => undefined,
      ...extra,
    });
  }
}

/**
 * A workbook laid out like the seeds: per sheet an indicator table starting at B3 (header row with
 * merged title, 20 indicator rows with baseline/actual/target, a mark and a rate column).
 */
export function seedPlanWorkbook(excel: FakeExcel, sheets: number, rowsPerSheet = 20): void {
  for (let s = 0; s < sheets; s++) {
    const cells: Record<string, SeedCell> = {
      B2: `施策${s + 1} 成果指標`,
      B3: "指標名",
      C3: "基準値",
      D3: "実績値",
      E3: "目標値",
      F3: "指標の推移",
      G3: "達成率",
    };
    for (let i = 0; i < rowsPerSheet; i++) {
      const row = 4 + i;
      cells[`B${row}`] = `指標${s + 1}-${i + 1}`;
      cells[`C${row}`] = 100 + i;
      cells[`D${row}`] = 110 + i;
      cells[`E${row}`] = 130 + i;
      if (i % 7 === 3) cells[`G${row}`] = { formula: `=(D${row}-C${row})/0`, value: { error: "#DIV/0!" }, numberFormat: "0.0%" };
    }
    excel.addSheet(`施策${s + 1}`, cells, ["B2:G2"]);
  }
}

/** Syncs that readSnapshot needs for a workbook of `sheets` sheets (for the benchmark). */
export async function countReadSyncs(sheets: number): Promise<number> {
  const excel = new FakeExcel();
  seedPlanWorkbook(excel, sheets);
  await excel.adapter().readSnapshot();
  return excel.syncCount;
}
