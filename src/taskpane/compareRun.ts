/**
 * The comparison with last year's workbook, loaded by the 前年度比較 tab as a separate chunk
 * (import("./compareRun")): it carries the .xlsx reader (ZIP + inflate), which the task pane's first
 * scripts must not (test/browser/bundle.test.ts), and which only this tab needs.
 */
import { XlsxWorkbook } from "../workbook/xlsx/adapter";
import { compareWorkbooks, reportedYear } from "../engine/compare";
import { parseA1 } from "../engine/model/grid";
import type { Finding } from "../engine/model/findings";
import type { EngineSettingsInput } from "../engine/model/indicator";
import type { WorkbookSnapshot } from "../workbook/port";

/** Read last year's workbook from the bytes of the file the user picked (WorkbookFileError when it is not one). */
export async function readLastYear(bytes: ArrayBuffer | Uint8Array, fileName: string): Promise<WorkbookSnapshot> {
  return XlsxWorkbook.fromBuffer(bytes, fileName).readSnapshot();
}

export interface CompareSummary {
  /** Findings of the comparison, on this year's cells. */
  issues: Finding[];
  /** Indicators found in both years / only last year / only this year. */
  matched: number;
  lastOnly: number;
  currentOnly: number;
  /** Progress-table items found in both years. */
  progressMatched: number;
  /** Names of this year's indicators whose target / baseline differs from last year's. */
  targetChanged: string[];
  baselineChanged: string[];
  /** The fiscal year each workbook reports as this year's (null when none says). */
  lastYear: number | null;
  currentYear: number | null;
  /** Whether each workbook has an indicator or progress table to compare. */
  lastHasTables: boolean;
  currentHasTables: boolean;
}

/** Compare last year's snapshot with this year's (engine: compareWorkbooks) and sum it up for the tab. */
export function compare(last: WorkbookSnapshot, current: WorkbookSnapshot, settings: EngineSettingsInput): CompareSummary {
  const c = compareWorkbooks(last, current, settings);
  // A target/baseline finding sits on its indicator's row: name it by that row.
  const nameAt = (f: Finding): string => {
    let row = -1;
    try {
      row = parseA1(f.cell).row + 1;
    } catch {
      /* not an address: unnamed */
    }
    const ind = c.currentAnalysis.indicators.find((i) => i.sheet === f.sheet && i.row === row);
    return ind ? ind.name : `${f.sheet}!${f.cell}`;
  };
  const names = (rule: string) => [...new Set(c.issues.filter((f) => f.rule === rule).map(nameAt))];
  return {
    issues: c.issues,
    matched: c.indicators.filter((p) => p.last && p.current).length,
    lastOnly: c.indicators.filter((p) => p.last && !p.current).length,
    currentOnly: c.indicators.filter((p) => !p.last && p.current).length,
    progressMatched: c.progress.filter((p) => p.last && p.current).length,
    targetChanged: names("target-changed"),
    baselineChanged: names("baseline-changed"),
    lastYear: reportedYear(c.lastAnalysis),
    currentYear: reportedYear(c.currentAnalysis),
    lastHasTables: c.lastAnalysis.indicators.length > 0 || c.lastAnalysis.progressItems.length > 0,
    currentHasTables: c.currentAnalysis.indicators.length > 0 || c.currentAnalysis.progressItems.length > 0,
  };
}
