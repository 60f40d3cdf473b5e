/** Opening workbooks for the commands: read, sniff, snapshot, and the settings they carry. */
import * as fs from "fs";
import { t, type Locale } from "../messages";
import type { EngineSettingsInput } from "../engine/model/indicator";
import { parseStoredSettings } from "../engine/model/settings";
import type { WorkbookSnapshot } from "../engine/model/snapshot";
import { XlsxWorkbook } from "../workbook/xlsx/adapter";
import { isWorkbookFileError, WorkbookFileError } from "../workbook/xlsx/errors";

/** The key under which the task pane and the command line keep a workbook's settings. */
export const SETTINGS_KEY = "plansheet.settings";

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
  }
}

export interface OpenedWorkbook {
  file: string;
  workbook: XlsxWorkbook;
  snapshot: WorkbookSnapshot;
  /** Settings stored in the workbook (partial; already validated), or {} when none or invalid. */
  stored: EngineSettingsInput;
}

/** A clear, localized message for any failure to read a file (no stack trace). */
export function fileErrorMessage(e: unknown, file: string, locale: Locale): string {
  if (isWorkbookFileError(e)) return t(locale, e.code, e.params);
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === "ENOENT") return t(locale, "file.notFound", { file });
  if (err && err.code === "EISDIR") return t(locale, "file.unreadable", { file, reason: t(locale, "cli.reason.isFolder") });
  if (err && (err.code === "EACCES" || err.code === "EPERM"))
    return t(locale, "file.unreadable", { file, reason: t(locale, "cli.reason.permissionDenied") });
  return t(locale, "file.unreadable", { file, reason: err && err.message ? err.message : String(e) });
}

export async function openWorkbook(file: string): Promise<OpenedWorkbook> {
  // one small file at a time: a synchronous read is one system call where fs.promises.readFile
  // takes several round trips through the thread pool (measured: about 1 ms a workbook)
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new WorkbookFileError("file.notFound", file);
    throw e;
  }
  const workbook = XlsxWorkbook.fromBuffer(bytes, file);
  const snapshot = await workbook.readSnapshot();
  snapshot.name = file;
  let stored: EngineSettingsInput = {};
  try {
    const raw = await workbook.getSetting(SETTINGS_KEY);
    if (raw) {
      const parsed = parseStoredSettings(JSON.parse(raw));
      if (parsed) {
        const { locale: _ignored, ...rest } = parsed;
        stored = rest;
      }
    }
  } catch {
    stored = {};
  }
  return { file, workbook, snapshot, stored };
}

/** Parse the settings flags shared by check, fill and compare. Returns the rest of the arguments. */
export function parseSettingsFlags(args: string[], locale: Locale): { settings: EngineSettingsInput; rest: string[] } {
  const settings: EngineSettingsInput = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new CliError(t(locale, "cli.missingArgument", { what: flag }));
      return v;
    };
    switch (flag) {
      case "--rate-method": {
        const v = value();
        if (v !== "ratio" && v !== "progress") throw new CliError(t(locale, "cli.badValue", { option: flag, value: v, choices: "ratio, progress" }));
        settings.rateMethod = v;
        break;
      }
      case "--cap":
        settings.capRate = true;
        break;
      case "--no-cap":
        settings.capRate = false;
        break;
      case "--decimals": {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 6) throw new CliError(t(locale, "cli.badValue", { option: flag, value: v, choices: "0–6" }));
        settings.rateDecimals = n;
        break;
      }
      case "--pace":
        settings.pace = { enabled: true };
        break;
      case "--pace-bands": {
        // A=1,B=0.8,C=0.5,D
        const v = value();
        const bands = v.split(",").map((p) => {
          const [label, min] = p.split("=");
          return { label: label.trim(), min: min === undefined ? null : Number(min) };
        });
        if (bands.some((b) => !b.label || (b.min !== null && !Number.isFinite(b.min))))
          throw new CliError(t(locale, "cli.badValue", { option: flag, value: v, choices: "A=1,B=0.8,C=0.5,D" }));
        settings.pace = { enabled: true, bands };
        break;
      }
      default:
        rest.push(a);
    }
  }
  settings.locale = locale;
  return { settings, rest };
}

/** Settings for one workbook: the flags win over what the workbook stores. */
export function mergeSettings(stored: EngineSettingsInput, flags: EngineSettingsInput): EngineSettingsInput {
  const out: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) out[k] = v;
  return out as EngineSettingsInput;
}
