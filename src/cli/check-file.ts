/**
 * The unit of work of `plansheet check`: one file → its result (the per-file object of
 * `check --json`, plus extras for the report). Runs in worker threads too: plain data in and out.
 */
import type { Locale } from "../messages";
import type { EngineSettingsInput } from "../engine/model/indicator";
import { checkWorkbook } from "../engine/check";
import type { FileResult } from "../engine/report/types";
import { applyStoredAcknowledgements } from "./commands/ack";
import { fileErrorMessage, mergeSettings, openWorkbook } from "./open";

export interface CheckFileOptions {
  locale: Locale;
  settings: EngineSettingsInput;
}

export async function checkFile(file: string, options: CheckFileOptions): Promise<FileResult> {
  let opened;
  try {
    opened = await openWorkbook(file);
  } catch (e) {
    return { file, error: fileErrorMessage(e, file, options.locale), sheets: [], indicators: [], issues: [] };
  }
  const settings = mergeSettings(opened.stored, { ...options.settings, locale: options.locale });
  // findings acknowledged in the workbook (plansheet.acknowledgements) are kept apart
  return applyStoredAcknowledgements(file, opened, checkWorkbook(opened.snapshot, settings), settings, options.locale);
}
