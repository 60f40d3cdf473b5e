/** Template parameters: reading what the user typed, and formatting values into texts. */
import type { Parameter, TemplateDefinition } from "./schema";
import { PLACEHOLDER_RE } from "./schema";

/** Resolved parameter values: fiscal years as western years (2025), integers, texts. */
export type ParamValues = Record<string, string | number>;

export interface ParamError {
  key: string;
  /** Message key of src/messages.ts ("templates.param…") and its parameters. */
  reason: "fiscalYear" | "integer" | "range" | "tooLong" | "unknown";
  value: string;
  min?: number;
  max?: number;
}

const ERAS: { name: string; short: string; start: number }[] = [
  { name: "令和", short: "R", start: 2019 },
  { name: "平成", short: "H", start: 1989 },
  { name: "昭和", short: "S", start: 1926 },
];

function halfWidth(s: string): string {
  return s.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\s+/g, "");
}

/**
 * A fiscal year as typed: 令和7, 令和７年度, 令和元年度, R7, H30, 2025, 2025年度; a bare small number
 * (1–99) is read as 令和. Returns the western year, or null.
 */
export function parseFiscalYear(input: string | number): number | null {
  if (typeof input === "number") {
    if (!Number.isInteger(input)) return null;
    if (input >= 1 && input < 100) return 2018 + input;
    return input >= 1900 && input <= 2200 ? input : null;
  }
  const s = halfWidth(input).replace(/年度?$/, "");
  for (const era of ERAS) {
    const m = new RegExp(`^(?:${era.name}|${era.short}|${era.short.toLowerCase()})(元|\\d{1,2})$`).exec(s);
    if (m) {
      const n = m[1] === "元" ? 1 : Number(m[1]);
      if (n < 1) return null;
      return era.start - 1 + n;
    }
  }
  if (/^\d{4}$/.test(s)) {
    const y = Number(s);
    return y >= 1900 && y <= 2200 ? y : null;
  }
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= 1 ? 2018 + n : null;
  }
  return null;
}

/** 2025 → { era: "令和", year: 7 }; 2019 → 令和 1; 2018 → 平成 30. */
export function toEra(western: number): { era: string; year: number } {
  for (const era of ERAS) {
    if (western >= era.start) return { era: era.name, year: western - era.start + 1 };
  }
  return { era: "", year: western };
}

/** 2025 → "令和7"; 2019 → "令和元". */
export function eraText(western: number): string {
  const { era, year } = toEra(western);
  if (!era) return String(western);
  return era + (year === 1 ? "元" : String(year));
}

/** 2025 → "令和7年度". */
export function fiscalYearText(western: number): string {
  return eraText(western) + "年度";
}

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

export function circled(n: number): string {
  return n >= 1 && n <= 20 ? CIRCLED[n - 1] : `(${n})`;
}

/** Default values of the parameters. */
export function defaultParams(def: TemplateDefinition): ParamValues {
  const out: ParamValues = {};
  for (const p of def.parameters) {
    if (p.type === "fiscalYear") out[p.key] = parseFiscalYear(p.default) ?? new Date().getFullYear();
    else out[p.key] = p.default;
  }
  return out;
}

/** Read one value as typed for a parameter. */
export function parseParam(p: Parameter, raw: string | number): { value: string | number } | { error: ParamError } {
  const text = String(raw);
  if (p.type === "fiscalYear") {
    const y = parseFiscalYear(raw);
    if (y === null) return { error: { key: p.key, reason: "fiscalYear", value: text } };
    return { value: y };
  }
  if (p.type === "integer") {
    const s = halfWidth(text);
    if (!/^-?\d+$/.test(s)) return { error: { key: p.key, reason: "integer", value: text } };
    const n = Number(s);
    if ((p.min !== undefined && n < p.min) || (p.max !== undefined && n > p.max)) {
      return { error: { key: p.key, reason: "range", value: text, min: p.min, max: p.max } };
    }
    return { value: n };
  }
  if (p.maxLength !== undefined && text.length > p.maxLength) {
    return { error: { key: p.key, reason: "tooLong", value: text, max: p.maxLength } };
  }
  return { value: text };
}

/**
 * Parameter values from what the user gave (CLI `--param key=value`, the task pane form); missing
 * ones take their defaults.
 */
export function resolveParams(
  def: TemplateDefinition,
  given: Record<string, string | number | undefined>,
): { values: ParamValues; errors: ParamError[] } {
  const values = defaultParams(def);
  const errors: ParamError[] = [];
  const known = new Set(def.parameters.map((p) => p.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) errors.push({ key, reason: "unknown", value: String(given[key]) });
  }
  for (const p of def.parameters) {
    const raw = given[p.key];
    if (raw === undefined || (p.type !== "text" && String(raw).trim() === "")) continue;
    const r = parseParam(p, raw);
    if ("error" in r) errors.push(r.error);
    else values[p.key] = r.value;
  }
  return { values, errors };
}

/** A parameter's value as the form shows it (令和7年度 for a fiscal year). */
export function displayParam(p: Parameter, value: string | number): string {
  if (p.type === "fiscalYear" && typeof value === "number") return fiscalYearText(value);
  return String(value);
}

/**
 * Replace placeholders of a text. `n` is the item number in a repeated block. Placeholders were
 * checked by the schema; one that cannot be resolved is left as written.
 */
export function substitute(text: string, def: TemplateDefinition, values: ParamValues, n?: number): string {
  return text.replace(/\{([^{}]*)\}/g, (whole, inner: string) => {
    const m = PLACEHOLDER_RE.exec(inner.trim());
    if (!m) return whole;
    const [, key, shiftText, fmt] = m;
    const shift = shiftText ? Number(shiftText) : 0;
    if (key === "n") {
      if (n === undefined) return whole;
      return fmt === "circled" ? circled(n + shift) : String(n + shift);
    }
    const p = def.parameters.find((q) => q.key === key);
    const v = values[key];
    if (!p || v === undefined) return whole;
    if (p.type === "text") return String(v);
    const num = Number(v) + shift;
    if (p.type === "integer") return fmt === "circled" ? circled(num) : String(num);
    switch (fmt) {
      case "era":
        return eraText(num);
      case "western":
        return String(num);
      case "both":
        return `${eraText(num)}(${num})年度`;
      case "number":
        return String(toEra(num).year);
      default:
        return fiscalYearText(num);
    }
  });
}
