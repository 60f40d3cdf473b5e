/**
 * The calculation settings saved in the workbook (document settings), so the next person gets the
 * same marks and rates. Read back through zod: anything that does not fit is rejected (the defaults
 * are used and the pane says why).
 */
import { EngineSettings, type EngineSettingsInput } from "../engine/model/indicator";
import type { WorkbookPort } from "../workbook/port";
import type { Locale } from "../messages";

export const SETTINGS_KEY = "plansheet.settings";

/** The most text we accept as stored settings (a document setting could hold anything). */
const MAX_STORED = 10_000;

export interface LoadedSettings {
  settings: EngineSettings;
  /** Why the stored settings were rejected, when they were. */
  rejected?: string;
}

export function defaultSettings(locale: Locale = "ja"): EngineSettings {
  return EngineSettings.parse({ locale });
}

/** Parse stored settings text; garbage (not JSON, wrong types or values) is rejected with a reason. */
export function parseStoredSettings(raw: string | undefined | null, locale: Locale = "ja"): LoadedSettings {
  if (raw === undefined || raw === null || raw === "") return { settings: defaultSettings(locale) };
  if (typeof raw !== "string" || raw.length > MAX_STORED) {
    return { settings: defaultSettings(locale), rejected: `not a settings text (${typeof raw === "string" ? raw.length : typeof raw})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    return { settings: defaultSettings(locale), rejected: `JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { settings: defaultSettings(locale), rejected: "not an object" };
  }
  // The display language is the user's choice in the pane, not a property of the document.
  const input = { ...(data as Record<string, unknown>), locale };
  const parsed = EngineSettings.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length ? first.path.join(".") + ": " : "";
    return { settings: defaultSettings(locale), rejected: where + (first ? first.message : "invalid") };
  }
  return { settings: parsed.data };
}

/** The stored form: what a document needs (no locale; pace bands only when they survive JSON). */
export function serializeSettings(s: EngineSettings): string {
  const out: EngineSettingsInput = {
    rateMethod: s.rateMethod,
    capRate: s.capRate,
    rateDecimals: s.rateDecimals,
    pace: { enabled: s.pace.enabled },
  };
  if (s.pace.bands.every((b) => Number.isFinite(b.min)) && out.pace) out.pace.bands = s.pace.bands;
  return JSON.stringify(out);
}

export async function loadSettings(port: WorkbookPort, locale: Locale): Promise<LoadedSettings> {
  return parseStoredSettings(await port.getSetting(SETTINGS_KEY), locale);
}

export async function saveSettings(port: WorkbookPort, s: EngineSettings): Promise<void> {
  await port.setSetting(SETTINGS_KEY, serializeSettings(s));
}
