/**
 * `plansheet templates [--json] [--templates DIR]` and
 * `plansheet insert TEMPLATE IN.xlsx -o OUT.xlsx [--sheet NAME] [--at A1] [--param key=value]...
 *   [--force] [--in-place] [--templates DIR]`.
 *
 * Exit codes: 0 done; 1 refused (target cells hold content, or a merged area is in the way):
 * nothing written; 2 bad arguments, unreadable input or template definitions.
 */
import * as fs from "fs";
import * as path from "path";
import { t, type Locale } from "../../messages";
import type { CommandContext } from "../main";
import type { EditBatch, UndoRecord, WorkbookSnapshot } from "../../engine/model/snapshot";
import {
  buildCatalogue,
  defaultSheetName,
  findConflicts,
  findMergeOverlaps,
  paramErrorText,
  parseTemplateText,
  renderTemplate,
  resolveParams,
  sheetNameProblem,
  summarizeCells,
  templateTitle,
  TemplateRenderError,
  type Anchor,
  type Catalogue,
  type ParsedTemplate,
  type TemplateDefinition,
} from "../../engine/templates";
import { parseA1 } from "../../engine/model/grid";
import { readWorkbookFile, writeFileAtomic } from "../../workbook/xlsx/files";

/** The default folder of an organisation's own templates (used when it exists). */
export const DEFAULT_TEMPLATE_DIR = "plansheet-templates";

/** What `insert` needs of a workbook file (the xlsx adapter provides it). */
export interface OpenedWorkbook {
  readSnapshot(): Promise<WorkbookSnapshot>;
  applyEdits(batch: EditBatch): Promise<UndoRecord>;
  toBuffer(): Promise<Uint8Array>;
}

export interface InsertDeps {
  readWorkbookFile(file: string): Promise<OpenedWorkbook>;
  writeFileAtomic(file: string, bytes: Uint8Array): Promise<void>;
}

interface FileError {
  code: string;
  params: Record<string, string | number>;
}

function isFileError(e: unknown): e is FileError {
  return typeof e === "object" && e !== null && typeof (e as FileError).code === "string" && (e as FileError).code.startsWith("file.") && typeof (e as FileError).params === "object";
}

/** The real file functions (the xlsx adapter's files.ts). */
function defaultDeps(): InsertDeps {
  return { readWorkbookFile, writeFileAtomic };
}

// ---- catalogue ----------------------------------------------------------------------------------

/** Read every *.json of a folder as a custom template (sorted by name). */
export function readTemplateDir(dir: string, locale: Locale): ParsedTemplate[] {
  const names = fs
    .readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith(".json"))
    .sort();
  return names.map((n) => {
    const file = path.join(dir, n);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      return { ok: false as const, source: file, issues: [{ path: "(file)", message: (e as Error).message }] };
    }
    return parseTemplateText(text, file, locale);
  });
}

/**
 * The catalogue for a command: built-in templates plus the custom folder (`--templates DIR`, or
 * ./plansheet-templates when it exists). Returns an error message instead when DIR is missing.
 */
export function loadCatalogue(dirOption: string | undefined, locale: Locale, cwd = process.cwd()): Catalogue | { error: string } {
  let dir: string | null = null;
  if (dirOption !== undefined) {
    const d = path.resolve(cwd, dirOption);
    if (!fs.existsSync(d) || !fs.statSync(d).isDirectory()) return { error: t(locale, "templates.dirNotFound", { dir: dirOption }) };
    dir = d;
  } else {
    const d = path.resolve(cwd, DEFAULT_TEMPLATE_DIR);
    if (fs.existsSync(d) && fs.statSync(d).isDirectory()) dir = d;
  }
  let custom: ParsedTemplate[] = [];
  if (dir) {
    try {
      custom = readTemplateDir(dir, locale);
    } catch (e) {
      return { error: t(locale, "templates.dirUnreadable", { dir, reason: (e as Error).message }) };
    }
  }
  return buildCatalogue(custom, locale);
}

function kindName(locale: Locale, kind: string): string {
  return t(locale, `templates.kind.${kind}` as Parameters<typeof t>[1]);
}

// ---- plansheet templates --------------------------------------------------------------------------

export async function runList(args: string[], ctx: CommandContext): Promise<number> {
  const { locale } = ctx;
  let json = false;
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") json = true;
    else if (a === "--templates" && i + 1 < args.length) dir = args[++i];
    else if (a.startsWith("--templates=")) dir = a.slice("--templates=".length);
    else {
      ctx.stderr(t(locale, "cli.unknownOption", { option: a }));
      return 2;
    }
  }
  const cat = loadCatalogue(dir, locale);
  if ("error" in cat) {
    ctx.stderr(cat.error);
    return 2;
  }
  if (json) {
    ctx.stdout(JSON.stringify(cat.templates.map((d) => ({ id: d.id, title: templateTitle(d, locale), kind: d.kind }))));
  } else {
    const lines = [t(locale, "templates.listHeader", { count: cat.templates.length })];
    for (const d of cat.templates) {
      lines.push(t(locale, "templates.listLine", { id: d.id, kind: kindName(locale, d.kind), title: templateTitle(d, locale) }));
      if (d.parameters.length) {
        const ps = d.parameters.map((p) =>
          t(locale, "templates.listParam", { key: p.key, label: locale === "en" && p.label.en ? p.label.en : p.label.ja, value: String(p.default) || "-" }),
        );
        lines.push(t(locale, "templates.listParams", { params: ps.join("; ") }));
      }
      if (cat.sources[d.id] !== "builtin") lines.push(t(locale, "templates.listSource", { file: cat.sources[d.id] }));
    }
    ctx.stdout(lines.join("\n"));
  }
  if (cat.errors.length) {
    ctx.stderr(t(locale, "templates.customWarning"));
    for (const e of cat.errors) ctx.stderr(e);
    return 2;
  }
  return 0;
}

// ---- plansheet insert -----------------------------------------------------------------------------

interface InsertOptions {
  template?: string;
  input?: string;
  output?: string;
  sheet?: string;
  at?: string;
  params: Record<string, string>;
  force: boolean;
  inPlace: boolean;
  templates?: string;
}

function parseInsertArgs(args: string[], locale: Locale): InsertOptions | { error: string } {
  const o: InsertOptions = { params: {}, force: false, inPlace: false };
  const positional: string[] = [];
  const value = (i: number, name: string): string | { error: string } =>
    i < args.length ? args[i] : { error: t(locale, "cli.missingArgument", { what: name }) };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let name = a;
    let inline: string | undefined;
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq > 0) {
      name = a.slice(0, eq);
      inline = a.slice(eq + 1);
    }
    const take = (): string | { error: string } => (inline !== undefined ? inline : value(++i, name));
    switch (name) {
      case "-o":
      case "--output": {
        const v = take();
        if (typeof v !== "string") return v;
        o.output = v;
        break;
      }
      case "--sheet": {
        const v = take();
        if (typeof v !== "string") return v;
        o.sheet = v;
        break;
      }
      case "--at": {
        const v = take();
        if (typeof v !== "string") return v;
        o.at = v;
        break;
      }
      case "--templates": {
        const v = take();
        if (typeof v !== "string") return v;
        o.templates = v;
        break;
      }
      case "--param":
      case "-p": {
        const v = take();
        if (typeof v !== "string") return v;
        const k = v.indexOf("=");
        if (k <= 0) return { error: t(locale, "templates.paramSyntax", { value: v }) };
        o.params[v.slice(0, k).trim()] = v.slice(k + 1);
        break;
      }
      case "--force":
        o.force = true;
        break;
      case "--in-place":
        o.inPlace = true;
        break;
      default:
        if (a.startsWith("-") && a !== "-") return { error: t(locale, "cli.unknownOption", { option: a }) };
        positional.push(a);
    }
  }
  if (positional.length > 2) return { error: t(locale, "cli.unknownOption", { option: positional[2] }) };
  [o.template, o.input] = positional;
  return o;
}

/** A render error in words. */
export function renderErrorText(e: TemplateRenderError, locale: Locale, at: string): string {
  if (e.reason === "badAnchor") return t(locale, "templates.badAnchor", { cell: at });
  if (e.reason === "outsideSheet") return t(locale, "templates.outsideSheet", { range: e.detail });
  const [sheet, ...rest] = e.detail.split(": ");
  return t(locale, "templates.badSheetName", { sheet, reason: rest.join(": ") });
}

/** Where a template goes in this workbook (see the command's help). */
export function chooseAnchor(
  def: TemplateDefinition,
  values: Record<string, string | number>,
  snapshot: WorkbookSnapshot,
  sheetOption: string | undefined,
  at: string,
): Anchor {
  // Excel compares sheet names without regard to case.
  const existing = (n: string) => snapshot.sheets.find((s) => s.name.toLowerCase() === n.toLowerCase())?.name;
  const exists = (n: string) => existing(n) !== undefined;
  if (sheetOption !== undefined) {
    const name = existing(sheetOption);
    return name !== undefined ? { sheet: name, cell: at } : { newSheet: sheetOption, cell: at };
  }
  if (def.kind === "sheet") {
    const base = defaultSheetName(def, values);
    let name = base;
    for (let k = 2; exists(name); k++) name = `${base.slice(0, 31 - String(k).length - 2)}(${k})`;
    return { newSheet: name, cell: at };
  }
  const first = snapshot.sheets.find((s) => !s.hidden) ?? snapshot.sheets[0];
  if (!first) return { newSheet: defaultSheetName(def, values), cell: at };
  return { sheet: first.name, cell: at };
}

export async function runInsert(args: string[], ctx: CommandContext, deps: InsertDeps = defaultDeps()): Promise<number> {
  const { locale } = ctx;
  const parsed = parseInsertArgs(args, locale);
  if ("error" in parsed) {
    ctx.stderr(parsed.error);
    return 2;
  }
  const o = parsed;
  if (!o.template) {
    ctx.stderr(t(locale, "cli.missingArgument", { what: t(locale, "templates.what.template") }));
    ctx.stderr(t(locale, "cli.usage"));
    return 2;
  }
  if (!o.input) {
    ctx.stderr(t(locale, "cli.missingArgument", { what: t(locale, "templates.what.input") }));
    return 2;
  }
  let output: string;
  if (o.inPlace) {
    if (o.output && path.resolve(o.output) !== path.resolve(o.input)) output = o.output;
    else output = o.input;
  } else {
    if (!o.output) {
      ctx.stderr(t(locale, "cli.outputRequired"));
      return 2;
    }
    if (path.resolve(o.output) === path.resolve(o.input) || sameFile(o.output, o.input)) {
      ctx.stderr(t(locale, "cli.sameInOut"));
      return 2;
    }
    output = o.output;
  }
  const at = (o.at ?? "A1").trim();
  try {
    parseA1(at);
  } catch {
    ctx.stderr(t(locale, "templates.badAnchor", { cell: at }));
    return 2;
  }
  if (o.sheet !== undefined) {
    const problem = sheetNameProblem(o.sheet);
    if (problem) {
      ctx.stderr(t(locale, "templates.badSheetName", { sheet: o.sheet, reason: problem }));
      return 2;
    }
  }

  const cat = loadCatalogue(o.templates, locale);
  if ("error" in cat) {
    ctx.stderr(cat.error);
    return 2;
  }
  const def = cat.templates.find((d) => d.id === o.template);
  if (!def) {
    ctx.stderr(t(locale, "templates.unknownTemplate", { id: o.template }));
    for (const e of cat.errors) ctx.stderr(e);
    return 2;
  }
  if (cat.errors.length) {
    ctx.stderr(t(locale, "templates.customWarning"));
    for (const e of cat.errors) ctx.stderr(e);
  }
  const { values, errors } = resolveParams(def, o.params);
  if (errors.length) {
    for (const e of errors) ctx.stderr(paramErrorText(def, e, locale));
    return 2;
  }

  let wb: OpenedWorkbook;
  let snapshot: WorkbookSnapshot;
  try {
    wb = await deps.readWorkbookFile(o.input);
    snapshot = await wb.readSnapshot();
  } catch (e) {
    ctx.stderr(fileErrorText(e, o.input, locale));
    return 2;
  }
  const anchor = chooseAnchor(def, values, snapshot, o.sheet, at);
  let rendered;
  try {
    rendered = renderTemplate(def, values, anchor);
  } catch (e) {
    if (e instanceof TemplateRenderError) {
      ctx.stderr(renderErrorText(e, locale, at));
      return 2;
    }
    throw e;
  }
  const file = o.input;
  const overlaps = findMergeOverlaps(snapshot, rendered.batch);
  const conflicts = findConflicts(snapshot, rendered.batch);
  if (conflicts.length && !o.force) {
    ctx.stderr(t(locale, "templates.conflicts", { file, sheet: rendered.sheet, count: conflicts.length, cells: summarizeCells(conflicts, 40) }));
    if (overlaps.length) ctx.stderr(t(locale, "templates.mergeOverlap", { file, sheet: rendered.sheet, ranges: overlaps.join(", ") }));
    return 1;
  }
  if (overlaps.length) {
    // Writing into part of an existing merged area would break it: refused even with --force.
    ctx.stderr(t(locale, "templates.mergeOverlap", { file, sheet: rendered.sheet, ranges: overlaps.join(", ") }));
    return 1;
  }
  try {
    await wb.applyEdits(rendered.batch);
    const bytes = await wb.toBuffer();
    await deps.writeFileAtomic(output, bytes);
  } catch (e) {
    ctx.stderr(fileErrorText(e, output, locale));
    return 2;
  }
  ctx.stdout(
    t(locale, "templates.inserted", {
      file: output,
      title: templateTitle(def, locale),
      sheet: rendered.sheet,
      range: rendered.range,
      count: rendered.targets.length,
    }),
  );
  return 0;
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

function fileErrorText(e: unknown, file: string, locale: Locale): string {
  if (isFileError(e)) return t(locale, e.code as Parameters<typeof t>[1], { file, ...e.params });
  return t(locale, "file.unreadable", { file, reason: e instanceof Error ? e.message : String(e) });
}
