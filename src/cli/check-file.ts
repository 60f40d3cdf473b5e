/**
 * The unit of work of `plansheet check`: one file → its result (the per-file object of
 * `check --json`, plus extras for the report). Runs in worker threads too: plain data in and out.
 */
import type { Locale } from "../messages";
import type { EngineSettingsInput } from "../engine/model/indicator";
import { analyzeWorkbook } from "../engine";
import type { FileResult } from "../engine/report/types";
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
  const a = analyzeWorkbook(opened.snapshot, settings);
  return {
    file,
    error: null,
    sheets: a.sheets.map((s) => ({ name: s.name, tables: s.tables.map((x) => ({ kind: x.kind, range: x.range })) })),
    indicators: a.indicators.map((i) => ({
      sheet: i.sheet,
      row: i.row,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      baseline: { value: i.baseline.value, year: i.baseline.year },
      previous: { value: i.previous.value, year: i.previous.year },
      current: { value: i.current.value, year: i.current.year },
      target: { value: i.target.value, year: i.target.year, qualitative: i.target.qualitative },
      trendMark: i.trendMark,
      achievementRate: i.achievementRate,
      pace: i.pace,
    })),
    issues: a.issues.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
      message: f.message,
      expected: f.expected,
      actual: f.actual,
    })),
    progress: a.progressItems.map((p) => ({ sheet: p.sheet, row: p.row, name: p.name, evaluation: p.evaluation })),
  };
}
