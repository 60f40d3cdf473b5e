/**
 * State and actions of the テンプレート tab, without React (the component subscribes to it): the
 * catalogue, the parameter form, the preview, and inserting at the selected cell or as a new
 * sheet — never over non-empty cells without asking first, and one Undo for the whole insert.
 */
import { t, type Locale } from "../../messages";
import type { UndoRecord, WorkbookPort } from "../../workbook/port";
import {
  builtinTemplates,
  defaultSheetName,
  displayParam,
  findConflicts,
  findMergeOverlaps,
  paramErrorText,
  renderTemplate,
  resolveParams,
  sheetNameProblem,
  summarizeCells,
  templateTitle,
  TemplateRenderError,
  type Anchor,
  type ParamValues,
  type RenderedTemplate,
  type TemplateDefinition,
} from "../../engine/templates";
import { buildPreview, type PreviewGrid } from "./preview";

export type InsertMode = "selection" | "newSheet";

export interface PendingInsert {
  rendered: RenderedTemplate;
  /** Non-empty cells the insert would overwrite (A1, row order). */
  conflicts: string[];
  /** The same, shortened for display. */
  conflictText: string;
}

export interface TemplatesState {
  templates: TemplateDefinition[];
  selectedId: string;
  /** What the user typed, per template id and parameter key. */
  raw: Record<string, Record<string, string>>;
  mode: InsertMode;
  /** Name of the new sheet (empty: the template's default name). */
  sheetName: string;
  busy: boolean;
  error: string | null;
  notice: string | null;
  pending: PendingInsert | null;
  /** The last insert, for Undo. */
  lastInsert: { undo: UndoRecord; title: string } | null;
}

export interface TemplatesModelOptions {
  port: WorkbookPort;
  locale: Locale;
  getSelection: () => Promise<{ sheet: string; cell: string } | null>;
  templates?: TemplateDefinition[];
}

export class TemplatesModel {
  private state: TemplatesState;
  private readonly listeners = new Set<() => void>();
  private opts: TemplatesModelOptions;

  constructor(opts: TemplatesModelOptions) {
    this.opts = opts;
    const templates = opts.templates ?? builtinTemplates();
    this.state = {
      templates,
      selectedId: templates[0]?.id ?? "",
      raw: {},
      mode: templates[0]?.kind === "sheet" ? "newSheet" : "selection",
      sheetName: "",
      busy: false,
      error: null,
      notice: null,
      pending: null,
      lastInsert: null,
    };
  }

  /** Update the port, locale or selection getter (new props). */
  setOptions(opts: TemplatesModelOptions): void {
    this.opts = opts;
  }

  get locale(): Locale {
    return this.opts.locale;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): TemplatesState => this.state;

  private set(patch: Partial<TemplatesState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  get selected(): TemplateDefinition | undefined {
    return this.state.templates.find((d) => d.id === this.state.selectedId);
  }

  select(id: string): void {
    const d = this.state.templates.find((x) => x.id === id);
    if (!d) return;
    this.set({
      selectedId: id,
      mode: d.kind === "sheet" ? "newSheet" : this.state.mode,
      sheetName: "",
      error: null,
      notice: null,
      pending: null,
    });
  }

  /** The form's value of a parameter: what was typed, else the default (a fiscal year as 令和7). */
  paramText(key: string): string {
    const d = this.selected;
    if (!d) return "";
    const typed = this.state.raw[d.id]?.[key];
    if (typed !== undefined) return typed;
    const p = d.parameters.find((q) => q.key === key);
    if (!p) return "";
    return p.type === "fiscalYear" ? String(p.default) : String(p.default);
  }

  setParam(key: string, value: string): void {
    const d = this.selected;
    if (!d) return;
    const raw = { ...this.state.raw, [d.id]: { ...(this.state.raw[d.id] ?? {}), [key]: value } };
    this.set({ raw, pending: null, error: null });
  }

  setMode(mode: InsertMode): void {
    this.set({ mode, pending: null, error: null });
  }

  setSheetName(name: string): void {
    this.set({ sheetName: name, pending: null, error: null });
  }

  /** Resolved parameter values and the errors, one text per wrong parameter (by key). */
  values(): { values: ParamValues; errors: Record<string, string> } {
    const d = this.selected;
    if (!d) return { values: {}, errors: {} };
    const { values, errors } = resolveParams(d, this.state.raw[d.id] ?? {});
    const byKey: Record<string, string> = {};
    for (const e of errors) byKey[e.key] = paramErrorText(d, e, this.locale);
    return { values, errors: byKey };
  }

  /** How a parameter's current value reads (令和7年度), when it is valid. */
  shown(key: string): string | null {
    const d = this.selected;
    const p = d?.parameters.find((q) => q.key === key);
    if (!d || !p) return null;
    const { values, errors } = this.values();
    if (errors[key]) return null;
    return displayParam(p, values[key]);
  }

  preview(maxRows = 40): PreviewGrid | null {
    const d = this.selected;
    if (!d) return null;
    return buildPreview(d, this.values().values, maxRows);
  }

  /** The new sheet's name: typed, else the template's default name. */
  newSheetName(): string {
    const d = this.selected;
    if (this.state.sheetName.trim()) return this.state.sheetName.trim();
    return d ? defaultSheetName(d, this.values().values) : "";
  }

  /**
   * Insert: work out the target, render, and check the cells. Writes at once when every target cell
   * is empty; otherwise keeps the insert pending (see `pending`) until `confirm` or `cancel`.
   */
  async insert(): Promise<void> {
    const d = this.selected;
    if (!d || this.state.busy) return;
    const L = this.locale;
    const { values, errors } = this.values();
    if (Object.keys(errors).length) {
      this.set({ error: t(L, "templates.pane.fixParams") + "\n" + Object.values(errors).join("\n"), notice: null, pending: null });
      return;
    }
    this.set({ busy: true, error: null, notice: null, pending: null });
    try {
      let anchor: Anchor;
      if (this.state.mode === "selection") {
        const sel = await this.opts.getSelection();
        if (!sel) {
          this.set({ busy: false, error: t(L, "templates.pane.noSelection") });
          return;
        }
        anchor = { sheet: sel.sheet, cell: sel.cell.split(":")[0].replace(/\$/g, "") };
      } else {
        const name = this.newSheetName();
        const problem = sheetNameProblem(name);
        if (problem) {
          this.set({ busy: false, error: t(L, "templates.badSheetName", { sheet: name, reason: problem }) });
          return;
        }
        anchor = { newSheet: name };
      }
      const snapshot = await this.opts.port.readSnapshot();
      if ("newSheet" in anchor) {
        const name = anchor.newSheet;
        if (snapshot.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
          this.set({ busy: false, error: t(L, "templates.sheetExists", { sheet: name }) });
          return;
        }
      }
      let rendered: RenderedTemplate;
      try {
        rendered = renderTemplate(d, values, anchor);
      } catch (e) {
        if (e instanceof TemplateRenderError) {
          const text =
            e.reason === "outsideSheet"
              ? t(L, "templates.outsideSheet", { range: e.detail })
              : e.reason === "badAnchor"
                ? t(L, "templates.badAnchor", { cell: e.detail })
                : t(L, "templates.badSheetName", { sheet: e.detail.split(": ")[0], reason: e.detail.split(": ").slice(1).join(": ") });
          this.set({ busy: false, error: text });
          return;
        }
        throw e;
      }
      const overlaps = findMergeOverlaps(snapshot, rendered.batch);
      if (overlaps.length) {
        this.set({ busy: false, error: t(L, "templates.pane.mergeOverlap", { sheet: rendered.sheet, ranges: overlaps.join(", ") }) });
        return;
      }
      const conflicts = findConflicts(snapshot, rendered.batch);
      if (conflicts.length) {
        this.set({ busy: false, pending: { rendered, conflicts, conflictText: summarizeCells(conflicts, 30) } });
        return;
      }
      await this.write(d, rendered);
    } catch (e) {
      this.set({ busy: false, error: t(L, "templates.pane.failed", { reason: reasonOf(e, L) }) });
    }
  }

  /** The user agreed to overwrite the listed cells. */
  async confirm(): Promise<void> {
    const p = this.state.pending;
    const d = this.selected;
    if (!p || !d || this.state.busy) return;
    this.set({ busy: true, pending: null, error: null });
    try {
      await this.write(d, p.rendered);
    } catch (e) {
      this.set({ busy: false, error: t(this.locale, "templates.pane.failed", { reason: reasonOf(e, this.locale) }) });
    }
  }

  cancel(): void {
    this.set({ pending: null });
  }

  private async write(d: TemplateDefinition, rendered: RenderedTemplate): Promise<void> {
    const undo = await this.opts.port.applyEdits(rendered.batch);
    const title = templateTitle(d, this.locale);
    this.set({
      busy: false,
      lastInsert: { undo, title },
      notice: t(this.locale, "templates.pane.inserted", { title, sheet: rendered.sheet, range: rendered.range }),
    });
  }

  /** Put back what the last insert changed (and remove the sheet it added). */
  async undo(): Promise<void> {
    const last = this.state.lastInsert;
    if (!last || this.state.busy) return;
    this.set({ busy: true, error: null });
    try {
      await this.opts.port.revert(last.undo);
      this.set({ busy: false, lastInsert: null, notice: t(this.locale, "templates.pane.undone") });
    } catch (e) {
      this.set({ busy: false, error: t(this.locale, "templates.pane.failed", { reason: reasonOf(e, this.locale) }) });
    }
  }
}

function reasonOf(e: unknown, locale: Locale): string {
  if (typeof e === "object" && e !== null) {
    const o = e as { code?: unknown; params?: unknown };
    if (typeof o.code === "string" && /^(file|office)\./.test(o.code)) {
      try {
        return t(locale, o.code as Parameters<typeof t>[1], (o.params ?? {}) as Record<string, string | number>);
      } catch {
        // fall through
      }
    }
  }
  return e instanceof Error ? e.message : String(e);
}
