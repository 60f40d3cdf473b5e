import { createContext, useCallback, useContext } from "react";
import { t, type Locale, type MessageKey } from "../messages";

export const LocaleContext = createContext<Locale>("ja");

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The translate function of the pane's current locale. */
export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useCallback((key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

const LOCALE_KEY = "plansheet.locale";

/** Japanese unless the user chose English before (remembered in this browser) or ?lang=en. */
export function initialLocale(): Locale {
  try {
    const q = new URLSearchParams(window.location.search).get("lang");
    if (q === "en" || q === "ja") return q;
    const v = window.localStorage.getItem(LOCALE_KEY);
    if (v === "en" || v === "ja") return v;
  } catch {
    // storage may be unavailable (private mode, sandboxed frame): use Japanese.
  }
  return "ja";
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // not remembered; harmless.
  }
}
