/**
 * Parsing template definitions (built-in and custom JSON) with messages that name the field.
 * Pure: the doors read the files and pass their text here.
 */
import type { z } from "zod";
import { t, type Locale, type MessageKey } from "../../messages";
import { TEMPLATE_KINDS, TemplateDefinition } from "./schema";
import type { ParamError } from "./params";
import { BUILTIN_TEMPLATES } from "./catalogue";

/** One problem of a definition: where (a field path such as `layout.blocks[2].cells[0].row`) and what. */
export interface TemplateIssue {
  path: string;
  message: string;
}

export type ParsedTemplate =
  | { ok: true; def: TemplateDefinition; source: string }
  | { ok: false; source: string; issues: TemplateIssue[] };

/** `["layout","blocks",2,"cells",0,"row"]` → `layout.blocks[2].cells[0].row`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = "";
  for (const p of path) {
    if (typeof p === "number") s += `[${p}]`;
    else s += (s ? "." : "") + String(p);
  }
  return s || "(root)";
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

const TYPE_NAMES = ["string", "number", "int", "boolean", "object", "array", "null", "undefined"];

function tn(locale: Locale, name: string): string {
  return TYPE_NAMES.includes(name) ? t(locale, `templates.type.${name}` as MessageKey) : name;
}

/** Explain one zod issue in the locale. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, locale: Locale): string {
  const actual = valueAt(input, issue.path);
  switch (issue.code) {
    case "invalid_type":
      if (actual === undefined) return t(locale, "templates.issue.missing", { expected: tn(locale, issue.expected) });
      return t(locale, "templates.issue.type", { expected: tn(locale, issue.expected), actual: tn(locale, typeName(actual)) });
    case "too_small":
      if (issue.origin === "array") return t(locale, "templates.issue.tooFewItems", { min: String(issue.minimum) });
      if (issue.origin === "string") return t(locale, "templates.issue.tooShort", { min: String(issue.minimum) });
      return t(locale, "templates.issue.tooSmall", { min: String(issue.minimum) });
    case "too_big":
      if (issue.origin === "array") return t(locale, "templates.issue.tooManyItems", { max: String(issue.maximum) });
      if (issue.origin === "string") return t(locale, "templates.issue.tooLong", { max: String(issue.maximum) });
      return t(locale, "templates.issue.tooBig", { max: String(issue.maximum) });
    case "invalid_value":
      return t(locale, "templates.issue.choice", { actual: JSON.stringify(actual) ?? "", choices: issue.values.map((v) => JSON.stringify(v)).join(", ") });
    case "unrecognized_keys":
      return t(locale, "templates.issue.unknownKeys", { keys: issue.keys.join(", ") });
    case "invalid_format":
      return t(locale, "templates.issue.format", { actual: JSON.stringify(actual) ?? "", format: formatHint(issue.message, locale) });
    case "invalid_union":
      if (issue.path[issue.path.length - 1] === "type" && issue.path.includes("parameters")) {
        return t(locale, "templates.issue.paramType", { actual: JSON.stringify(actual) ?? "undefined" });
      }
      if (issue.path.length > 0 && typeof actual === "object" && actual !== null && "type" in actual) {
        return t(locale, "templates.issue.paramType", { actual: JSON.stringify((actual as { type: unknown }).type) });
      }
      return t(locale, "templates.issue.union");
    case "custom": {
      const p = (issue.params ?? {}) as { reason?: string; key?: string; at?: string };
      switch (p.reason) {
        case "duplicateKey":
          return t(locale, "templates.issue.duplicateKey", { key: p.key ?? "" });
        case "minMax":
          return t(locale, "templates.issue.minMax");
        case "defaultRange":
          return t(locale, "templates.issue.defaultRange");
        case "repeatParam":
          return t(locale, "templates.issue.repeatParam", { key: p.key ?? "" });
        case "outsideBlock":
          return t(locale, "templates.issue.outsideBlock");
        case "overlap":
          return t(locale, "templates.issue.overlap", { at: p.at ?? "" });
        case "unknownStyle":
          return t(locale, "templates.issue.unknownStyle", { key: p.key ?? "" });
        case "textAndNumber":
          return t(locale, "templates.issue.textAndNumber");
        case "placeholder":
          return t(locale, "templates.issue.placeholder", { key: p.key ?? "", detail: issue.message });
        case "sheetNameRequired":
          return t(locale, "templates.issue.sheetNameRequired");
        default:
          return issue.message;
      }
    }
    default:
      return issue.message;
  }
}

function formatHint(message: string, locale: Locale): string {
  if (message === "key") return t(locale, "templates.issue.formatKey");
  if (message === "id") return t(locale, "templates.issue.formatId");
  if (message === "RRGGBB") return t(locale, "templates.issue.formatColour");
  return message;
}

/** Check a definition (already parsed JSON) against the schema. */
export function parseTemplate(input: unknown, source: string, locale: Locale = "ja"): ParsedTemplate {
  const r = TemplateDefinition.safeParse(input);
  if (r.success) return { ok: true, def: r.data, source };
  const issues = r.error.issues.map((i) => ({ path: formatPath(i.path), message: describeIssue(i, input, locale) }));
  return { ok: false, source, issues };
}

/** Parse a custom template file's text (JSON) and check it. */
export function parseTemplateText(text: string, source: string, locale: Locale = "ja"): ParsedTemplate {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, source, issues: [{ path: "(JSON)", message: t(locale, "templates.issue.json", { reason: (e as Error).message }) }] };
  }
  return parseTemplate(json, source, locale);
}

/** The message for a refused definition: the file, then one line per issue (field: problem). */
export function formatTemplateErrors(p: Extract<ParsedTemplate, { ok: false }>, locale: Locale): string {
  const lines = [t(locale, "templates.invalidFile", { file: p.source })];
  for (const i of p.issues.slice(0, 20)) lines.push(t(locale, "templates.issueLine", { path: i.path, message: i.message }));
  if (p.issues.length > 20) lines.push(t(locale, "templates.moreIssues", { count: p.issues.length - 20 }));
  return lines.join("\n");
}

let builtin: TemplateDefinition[] | null = null;

/** The built-in catalogue, checked by the schema (a failure here is a bug: it throws). */
export function builtinTemplates(): TemplateDefinition[] {
  if (!builtin) {
    builtin = BUILTIN_TEMPLATES.map((d) => {
      const r = parseTemplate(d, `builtin:${String(d.id)}`, "en");
      if (!r.ok) throw new Error(`Built-in template ${String(d.id)} is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
      return r.def;
    });
  }
  return builtin;
}

export interface Catalogue {
  templates: TemplateDefinition[];
  /** Where each template came from ("builtin" or the file). */
  sources: Record<string, string>;
  /** Custom files refused, with their messages. */
  errors: string[];
}

/**
 * Built-in templates plus custom ones (already parsed). A custom template whose id is already
 * taken is refused with a message naming both sources.
 */
export function buildCatalogue(custom: ParsedTemplate[], locale: Locale): Catalogue {
  const templates = [...builtinTemplates()];
  const sources: Record<string, string> = {};
  for (const d of templates) sources[d.id] = "builtin";
  const errors: string[] = [];
  for (const p of custom) {
    if (!p.ok) {
      errors.push(formatTemplateErrors(p, locale));
      continue;
    }
    const other = sources[p.def.id];
    if (other) {
      errors.push(t(locale, "templates.duplicateId", { file: p.source, id: p.def.id, other: other === "builtin" ? t(locale, "templates.builtin") : other }));
      continue;
    }
    templates.push(p.def);
    sources[p.def.id] = p.source;
  }
  return { templates, sources, errors };
}

export function templateTitle(def: TemplateDefinition, locale: Locale): string {
  return locale === "en" && def.title.en ? def.title.en : def.title.ja;
}

export function templateDescription(def: TemplateDefinition, locale: Locale): string {
  return locale === "en" && def.description.en ? def.description.en : def.description.ja;
}

export const KINDS = TEMPLATE_KINDS;

/** A parameter error in words. */
export function paramErrorText(def: TemplateDefinition, e: ParamError, locale: Locale): string {
  const p = def.parameters.find((q) => q.key === e.key);
  const label = p ? (locale === "en" && p.label.en ? p.label.en : p.label.ja) : e.key;
  if (e.reason === "unknown") return t(locale, "templates.param.unknown", { key: e.key, keys: def.parameters.map((q) => q.key).join(", ") || "-" });
  if (e.reason === "range") return t(locale, "templates.param.range", { label, key: e.key, value: e.value, min: e.min ?? "-∞", max: e.max ?? "∞" });
  if (e.reason === "tooLong") return t(locale, "templates.param.tooLong", { label, key: e.key, max: e.max ?? "" });
  if (e.reason === "integer") return t(locale, "templates.param.integer", { label, key: e.key, value: e.value });
  return t(locale, "templates.param.fiscalYear", { label, key: e.key, value: e.value });
}

