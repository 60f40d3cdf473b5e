/** `plansheet fill IN.xlsx -o OUT.xlsx [--in-place]` — write trend marks and rates, nothing else. */
import * as path from "path";
import { t } from "../../messages";
import type { CommandContext } from "../main";
import { CliError, fileErrorMessage, mergeSettings, openWorkbook, parseSettingsFlags } from "../open";
import { planFill } from "../../engine";
import { cellText } from "../../engine/cell/read";
import { writeFileAtomic } from "../../workbook/xlsx/files";
import { isWorkbookFileError } from "../../workbook/xlsx/errors";

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { locale } = ctx;
  try {
    const { settings, rest } = parseSettingsFlags(args, locale);
    let out: string | null = null;
    let inPlace = false;
    let dryRun = false;
    let json = false;
    const inputs: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === "-o" || a === "--output") {
        out = rest[++i] ?? null;
        if (!out) throw new CliError(t(locale, "cli.missingArgument", { what: "-o" }));
      } else if (a.startsWith("--output=")) out = a.slice(9);
      else if (a === "--in-place") inPlace = true;
      else if (a === "--dry-run") dryRun = true;
      else if (a === "--json") json = true;
      else if (a.startsWith("-")) throw new CliError(t(locale, "cli.unknownOption", { option: a }));
      else inputs.push(a);
    }
    if (inputs.length !== 1) throw new CliError(t(locale, "cli.missingArgument", { what: t(locale, "cli.oneInputFile") }));
    const input = inputs[0];
    if (!out && !inPlace && !dryRun) throw new CliError(t(locale, "cli.outputRequired"));
    if (out && !inPlace && path.resolve(out) === path.resolve(input)) throw new CliError(t(locale, "cli.sameInOut"));
    const target = out ?? input;
    let opened;
    try {
      opened = await openWorkbook(input);
    } catch (e) {
      ctx.stderr(fileErrorMessage(e, input, locale));
      return 2;
    }
    const plan = planFill(opened.snapshot, mergeSettings(opened.stored, settings));
    if (json) {
      ctx.stdout(JSON.stringify({ file: input, output: dryRun ? null : target, changes: plan.changes, skipped: plan.skipped, notFilled: plan.notFilled.map((f) => ({ rule: f.rule, sheet: f.sheet, cell: f.cell, message: f.message })) }, null, 2));
    } else {
      for (const c of plan.changes) {
        ctx.stdout(t(locale, "cli.fillChange", { sheet: c.sheet, cell: c.cell, before: cellText(c.before) || t(locale, "cli.emptyCell"), after: c.after === null ? t(locale, "cli.emptyCell") : typeof c.after === "number" ? (c.points ? `${c.after}%` : `${(c.after * 100).toFixed(settingsDecimals(settings))}%`) : c.after }));
      }
    }
    // where the engine was unsure it wrote nothing: say where and why
    if (!json) for (const f of plan.notFilled) ctx.stdout(t(locale, "cli.fillNotFilled", { sheet: f.sheet, cell: f.cell, message: f.message }));
    if (!json) for (const k of plan.skipped) ctx.stdout(t(locale, "cli.fillSkippedFormula", { sheet: k.sheet, cell: k.cell, after: typeof k.after === "number" ? `${(k.after * 100).toFixed(settingsDecimals(settings))}%` : String(k.after ?? "") }));
    if (dryRun) {
      if (!json) ctx.stdout(t(locale, "cli.dryRunNothingWritten", { count: plan.changes.length }));
      return 0;
    }
    try {
      if (plan.batch.cells.length > 0) await opened.workbook.applyEdits(plan.batch);
    } catch (e) {
      // e.g. a locked cell of a protected sheet: nothing was changed, nothing is written
      ctx.stderr(fileErrorMessage(e, input, locale));
      return 2;
    }
    // nothing to change in place: the file is left as it is (not rewritten)
    if (plan.batch.cells.length === 0 && target === input) {
      if (!json) ctx.stdout(t(locale, plan.fillableCells === 0 ? "cli.nothingToFill" : "cli.nothingChanged", { file: input }));
      return 0;
    }
    try {
      await writeFileAtomic(target, await opened.workbook.toBuffer());
    } catch (e) {
      ctx.stderr(isWorkbookFileError(e) ? fileErrorMessage(e, target, locale) : t(locale, "file.writeFailed", { file: target, reason: e instanceof Error ? e.message : String(e) }));
      return 2;
    }
    if (!json) {
      if (plan.fillableCells === 0) ctx.stdout(t(locale, "cli.nothingToFill", { file: input }));
      else if (plan.changes.length === 0) ctx.stdout(t(locale, "cli.nothingChanged", { file: input }));
      ctx.stdout(t(locale, inPlace && !out ? "cli.inPlaceWritten" : "cli.written", { file: target, count: plan.changes.length }));
    }
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      ctx.stderr(e.message);
      return e.exitCode;
    }
    throw e;
  }
}

function settingsDecimals(s: { rateDecimals?: number }): number {
  return s.rateDecimals ?? 1;
}
