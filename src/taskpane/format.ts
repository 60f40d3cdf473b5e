/** Display helpers for values in the pane (never used to write to the workbook). */
import type { CellValue } from "../workbook/port";
import { messages, t, type Locale, type MessageKey } from "../messages";

export function formatNumber(n: number, locale: Locale): string {
  if (!Number.isFinite(n)) return String(n);
  return new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: 3 }).format(n);
}

/** A fraction (0.898) as a percentage with the given decimals ("89.8%"). */
export function formatRate(rate: number, decimals: number): string {
  return `${(rate * 100).toFixed(decimals)}%`;
}

/** A cell value as text; numbers in a percent format are shown as percentages. */
export function formatCell(v: CellValue | undefined, locale: Locale, numberFormat?: string | null): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (numberFormat && numberFormat.includes("%")) {
      const m = /0\.(0+)%/.exec(numberFormat);
      return formatRate(v, m ? m[1].length : 0);
    }
    return formatNumber(v, locale);
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "object") return v.error;
  return v;
}

/** A finding's expected/actual (string, number or null). */
export function formatPlain(v: string | number | null | undefined, locale: Locale): string {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? formatNumber(v, locale) : v;
}

/** The message of an adapter error that carries a message key, in the user's language; else null. */
export function knownErrorText(e: unknown, locale: Locale): string | null {
  if (typeof e === "object" && e !== null) {
    const o = e as { messageKey?: unknown; code?: unknown; params?: unknown };
    const params = (typeof o.params === "object" && o.params !== null ? o.params : {}) as Record<string, string | number>;
    for (const k of [o.messageKey, o.code]) {
      if (typeof k === "string" && Object.prototype.hasOwnProperty.call(messages[locale], k)) {
        return t(locale, k as MessageKey, params);
      }
    }
  }
  return null;
}

/**
 * What to tell the user about an error. Errors of the adapters carry a message key of
 * src/messages.ts (OfficeAdapterError: messageKey + params; WorkbookFileError: code + params): those
 * are shown in the user's language as they are; anything else is wrapped in a generic sentence.
 */
export function errorText(e: unknown, locale: Locale): string {
  const known = knownErrorText(e, locale);
  if (known !== null) return known;
  let reason: string;
  if (e instanceof Error) reason = e.message || e.name;
  else if (typeof e === "string") reason = e;
  else {
    try {
      reason = JSON.stringify(e);
    } catch {
      reason = String(e);
    }
  }
  return t(locale, "pane.error.generic", { reason: reason.replace(/[。.]\s*$/, "") });
}

export const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
