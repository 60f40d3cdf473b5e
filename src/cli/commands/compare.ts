/**
 * `plansheet compare LAST.xlsx THIS.xlsx [--json] [--report out.html|out.csv]`
 *
 * Last year's workbook against this year's: findings (previous-mismatch, target-changed,
 * baseline-changed, progress-figure-mismatch) on this year's cells, in the same JSON and report
 * formats as `check` (one entry in `files`: this year's workbook, with the comparison's findings).
 * Exit 0 no errors, 1 errors found, 2 a file cannot be read or bad arguments.
 */
import * as path from "path";
import { t } from "../../messages";
import type { CommandContext } from "../main";
import { CliError, fileErrorMessage, mergeSettings, openWorkbook, parseSettingsFlags, type OpenedWorkbook } from "../open";
import { reportFormat, writeReport } from "../batch/report";
import { compareWorkbooks, reportedYear, type WorkbookComparison } from "../../engine/compare";
import { fileResultOf, toFileResultJson, type FileResult } from "../../engine/report/types";
import { formatYear } from "../../engine/report/format";

/** The comparison as a check result of this year's file (JSON and report formats of `check`). */
export function comparisonResult(file: string, c: WorkbookComparison): FileResult {
  return fileResultOf(file, c.currentAnalysis, c.issues);
}

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { locale } = ctx;
  let json = false;
  let report: string | null = null;
  const inputs: string[] = [];
  try {
    const parsed = parseSettingsFlags(args, locale);
    const rest = parsed.rest;
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === "--json") json = true;
      else if (a === "--report" || a.startsWith("--report=")) {
        report = a.includes("=") ? a.slice(a.indexOf("=") + 1) : rest[++i];
        if (!report) throw new CliError(t(locale, "cli.missingArgument", { what: "--report" }));
        if (!reportFormat(report)) throw new CliError(t(locale, "report.unknownFormat", { file: report }));
      } else if (a.startsWith("-") && a !== "-") throw new CliError(t(locale, "cli.unknownOption", { option: a }));
      else inputs.push(a);
    }
    if (inputs.length !== 2) {
      ctx.stderr(t(locale, "cli.missingArgument", { what: t(locale, "report.compareTwoFiles") }));
      ctx.stderr(t(locale, "cli.usage"));
      return 2;
    }
    const [lastFile, currentFile] = inputs;

    // Read both; a file that cannot be read is reported (exit 2: nothing to compare).
    const opened: OpenedWorkbook[] = [];
    let failed = false;
    for (const f of [lastFile, currentFile]) {
      try {
        opened.push(await openWorkbook(f));
      } catch (e) {
        failed = true;
        const message = fileErrorMessage(e, f, locale);
        if (json) ctx.stdout(JSON.stringify({ files: [{ file: f, error: message, sheets: [], indicators: [], issues: [] }] }, null, 2));
        else ctx.stderr(message);
      }
    }
    if (failed) return 2;

    const [last, current] = opened;
    const settings = mergeSettings(current.stored, parsed.settings);
    const comparison = compareWorkbooks(last.snapshot, current.snapshot, settings);
    const result = comparisonResult(currentFile, comparison);

    // The files the wrong way round (this year's first) would give false findings: refuse. The
    // same year on both sides is only noted.
    const lastYear = reportedYear(comparison.lastAnalysis);
    const currentYear = reportedYear(comparison.currentAnalysis);
    if (lastYear !== null && currentYear !== null && lastYear >= currentYear) {
      ctx.stderr(
        t(locale, "report.compareOrder", {
          last: lastFile,
          current: currentFile,
          lastYear: formatYear(lastYear, locale),
          currentYear: formatYear(currentYear, locale),
        }),
      );
      if (lastYear > currentYear) return 2;
    }
    const hasTables = (o: WorkbookComparison["currentAnalysis"]) => o.indicators.length > 0 || o.progressItems.length > 0;
    if (!json) {
      for (const [file, a] of [
        [lastFile, comparison.lastAnalysis],
        [currentFile, comparison.currentAnalysis],
      ] as const) {
        if (!hasTables(a)) ctx.stderr(t(locale, "report.compareNoIndicators", { file }));
      }
    }

    if (json) ctx.stdout(JSON.stringify({ files: [toFileResultJson(result)] }, null, 2));
    else printReadable(lastFile, result, comparison, ctx);

    if (report) {
      await writeReport(report, [result], locale, {
        title: t(locale, "report.compareTitle", { last: path.basename(lastFile), current: path.basename(currentFile) }),
      });
      if (!json) ctx.stdout(t(locale, "cli.reportWritten", { file: report }));
    }
    return result.issues.some((i) => i.severity === "error") ? 1 : 0;
  } catch (e) {
    if (e instanceof CliError) {
      ctx.stderr(e.message);
      return e.exitCode;
    }
    const err = e as NodeJS.ErrnoException;
    if (report && err && typeof err.code === "string") {
      ctx.stderr(t(locale, "file.writeFailed", { file: report, reason: err.message }));
      return 2;
    }
    throw e;
  }
}

function printReadable(lastFile: string, r: FileResult, c: WorkbookComparison, ctx: CommandContext): void {
  const { locale } = ctx;
  ctx.stdout(t(locale, "cli.fileHeader", { file: `${lastFile} → ${r.file}` }));
  const matched = c.indicators.filter((p) => p.last && p.current).length;
  const progressMatched = c.progress.filter((p) => p.last && p.current).length;
  ctx.stdout(t(locale, "report.compareMatched", { indicators: matched, items: progressMatched }));
  if (r.issues.length === 0) ctx.stdout(t(locale, "cli.noFindings"));
  const label = { error: t(locale, "report.severity.error"), warning: t(locale, "report.severity.warning"), info: t(locale, "report.severity.info") };
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const i of r.issues) {
    if (i.severity === "error") errors++;
    else if (i.severity === "warning") warnings++;
    else infos++;
    ctx.stdout(`  [${label[i.severity]}] ${i.sheet}!${i.cell} (${i.rule}) ${i.message}`);
  }
  ctx.stdout(t(locale, "cli.summary", { files: 2, errors, warnings, infos }));
}
