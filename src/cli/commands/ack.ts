/**
 * `plansheet ack FILE --rule R --cell [SHEET!]C --reason "…" [--by NAME] (-o OUT | --in-place) [--remove]`:
 * mark one finding 確認済み (acknowledged), or remove the mark, in the workbook's document setting
 * `plansheet.acknowledgements` — the only thing written (docProps/custom.xml and what it needs).
 *
 * Also what `check` uses to show acknowledged findings apart (applyStoredAcknowledgements, ackJson,
 * acknowledgedLines, lapsedNote).
 */
import * as path from "path";
import { t, type Locale } from "../../messages";
import type { CommandContext } from "../main";
import { CliError, fileErrorMessage, mergeSettings, openWorkbook, parseSettingsFlags, type OpenedWorkbook } from "../open";
import { checkWorkbook } from "../../engine/check";
import type { WorkbookAnalysis } from "../../engine/api";
import type { EngineSettingsInput } from "../../engine/model/indicator";
import { fileResultOf, issueJson, type FileResult, type FileResultJson, type IssueJson } from "../../engine/report/types";
import {
  ACK_KEY,
  acknowledge,
  checkAckInput,
  findAcknowledgement,
  findingSubjects,
  MAX_REASON,
  parseAckStore,
  serializeAckStore,
  splitFindings,
  unacknowledge,
  type AckInfo,
} from "../../engine/ack";
import { writeFileAtomic } from "../../workbook/xlsx/files";
import { isWorkbookFileError } from "../../workbook/xlsx/errors";

/** A check result with its acknowledged findings apart (plain data: crosses worker threads). */
export interface AckFileResult extends FileResult {
  /** Findings acknowledged in the workbook (not in `issues`, not counted unless --strict). */
  acknowledged?: (IssueJson & { acknowledged: AckInfo })[];
  /** Same index as `issues`: the acknowledgement that lapsed because the values changed, or null. */
  lapsed?: (AckInfo | null)[];
  /** Why the stored acknowledgements could not be read (then none is applied), or null. */
  acknowledgementsError?: string | null;
  /** The workbook stores acknowledgements (possibly none that applies any more). */
  stored?: boolean;
}

/** Read the workbook's acknowledgements and sort the findings. Never throws for a bad store. */
export async function applyStoredAcknowledgements(
  file: string,
  opened: OpenedWorkbook,
  analysis: WorkbookAnalysis,
  settings: EngineSettingsInput,
  locale: Locale,
): Promise<AckFileResult> {
  let raw: string | undefined;
  try {
    raw = await opened.workbook.getSetting(ACK_KEY);
  } catch {
    raw = undefined;
  }
  const parsed = parseAckStore(raw);
  if (!parsed.ok) {
    return { ...fileResultOf(file, analysis), acknowledgementsError: t(locale, "ack.storeUnreadable", { file, key: ACK_KEY, path: parsed.path, reason: parsed.reason }) };
  }
  if (parsed.store.items.length === 0) return fileResultOf(file, analysis);
  const subjects = findingSubjects(opened.snapshot, analysis.issues, settings);
  const split = splitFindings(analysis.issues, subjects, parsed.store);
  const result: AckFileResult = { ...fileResultOf(file, analysis, split.open), stored: true };
  result.acknowledged = split.acknowledged.map((a) => ({ ...issueJson(a.finding), acknowledged: a.ack }));
  if (split.lapsed.size > 0) result.lapsed = split.open.map((f) => split.lapsed.get(f) ?? null);
  return result;
}

/**
 * The per-file JSON of `check --json` with what the workbook's acknowledgements add, after the
 * documented fields (a workbook without acknowledgements prints exactly those fields):
 * `acknowledged` (the acknowledged findings, each with `acknowledged: {reason, by, at}`) when the
 * workbook stores acknowledgements, `acknowledgementLapsed: {reason, by, at}` on a finding whose
 * acknowledgement lapsed, `acknowledgementsError` when the stored ones cannot be read.
 */
export function ackJson(r: AckFileResult, base: FileResultJson): FileResultJson & { acknowledged?: (IssueJson & { acknowledged: AckInfo })[]; acknowledgementsError?: string } {
  const issues = base.issues.map((i, k) => {
    const lapsed = r.lapsed?.[k];
    return lapsed ? { ...i, acknowledgementLapsed: lapsed } : i;
  });
  const out: FileResultJson & { acknowledged?: (IssueJson & { acknowledged: AckInfo })[]; acknowledgementsError?: string } = { ...base, issues };
  if (r.stored || (r.acknowledged && r.acknowledged.length > 0)) out.acknowledged = r.acknowledged ?? [];
  if (r.acknowledgementsError) out.acknowledgementsError = r.acknowledgementsError;
  return out;
}

/** Lines of the readable report: the acknowledged findings of a file, listed apart. */
export function acknowledgedLines(r: AckFileResult, locale: Locale, strict: boolean): string[] {
  const lines: string[] = [];
  if (r.acknowledgementsError) lines.push("  " + r.acknowledgementsError);
  const list = r.acknowledged ?? [];
  if (list.length === 0) return lines;
  lines.push(t(locale, strict ? "ack.cli.countStrict" : "ack.cli.count", { count: list.length }));
  for (const a of list) {
    lines.push(`    ${a.sheet}!${a.cell} (${a.rule}) ${a.message}`);
    lines.push(t(locale, "ack.cli.reason", { reason: a.acknowledged.reason, by: a.acknowledged.by || "－", at: a.acknowledged.at }));
  }
  return lines;
}

/** The note under a finding whose acknowledgement lapsed, or null. */
export function lapsedNote(r: AckFileResult, issue: IssueJson, locale: Locale): string | null {
  const k = r.issues.indexOf(issue);
  const lapsed = k >= 0 ? r.lapsed?.[k] : null;
  return lapsed ? t(locale, "ack.cli.lapsed", { reason: lapsed.reason, by: lapsed.by || "－", at: lapsed.at }) : null;
}

/** Findings that count for the exit code: the open ones, and with --strict the acknowledged ones too. */
export function countedIssues(r: AckFileResult, strict: boolean): IssueJson[] {
  return strict ? [...r.issues, ...(r.acknowledged ?? [])] : r.issues;
}

/** `SHEET!G18`, `'Sheet 1'!G18` or `G18` → sheet (or null) and cell. */
export function splitCellArg(s: string): { sheet: string | null; cell: string } {
  const i = s.lastIndexOf("!");
  if (i < 0) return { sheet: null, cell: s.trim().toUpperCase().replace(/\$/g, "") };
  let sheet = s.slice(0, i).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, cell: s.slice(i + 1).trim().toUpperCase().replace(/\$/g, "") };
}

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { locale } = ctx;
  try {
    const { settings, rest } = parseSettingsFlags(args, locale);
    let out: string | null = null;
    let inPlace = false;
    let remove = false;
    let rule: string | null = null;
    let cellArg: string | null = null;
    let sheetArg: string | null = null;
    let reason: string | null = null;
    let by = "";
    const inputs: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      const eq = a.startsWith("--") && a.includes("=") ? a.indexOf("=") : -1;
      const flag = eq >= 0 ? a.slice(0, eq) : a;
      const value = () => {
        const v = eq >= 0 ? a.slice(eq + 1) : rest[++i];
        if (v === undefined) throw new CliError(t(locale, "cli.missingArgument", { what: flag }));
        return v;
      };
      if (flag === "-o" || flag === "--output") out = value();
      else if (flag === "--in-place") inPlace = true;
      else if (flag === "--remove") remove = true;
      else if (flag === "--rule") rule = value();
      else if (flag === "--cell") cellArg = value();
      else if (flag === "--sheet") sheetArg = value();
      else if (flag === "--reason") reason = value();
      else if (flag === "--by") by = value();
      else if (a.startsWith("-")) throw new CliError(t(locale, "cli.unknownOption", { option: a }));
      else inputs.push(a);
    }
    if (inputs.length !== 1) throw new CliError(t(locale, "cli.missingArgument", { what: t(locale, "cli.oneInputFile") }));
    const input = inputs[0];
    if (!rule) throw new CliError(t(locale, "cli.missingArgument", { what: "--rule" }));
    if (!cellArg) throw new CliError(t(locale, "cli.missingArgument", { what: "--cell" }));
    if (!remove) {
      if (reason === null) throw new CliError(t(locale, "cli.missingArgument", { what: "--reason" }));
      const bad = checkAckInput(reason, by);
      if (bad) throw new CliError(t(locale, bad, { max: MAX_REASON, length: reason.length, file: input, cell: cellArg }));
    }
    if (!out && !inPlace) throw new CliError(t(locale, "cli.outputRequired"));
    if (out && !inPlace && path.resolve(out) === path.resolve(input)) throw new CliError(t(locale, "cli.sameInOut"));
    const target = out ?? input;
    const where = splitCellArg(cellArg);
    const sheet = where.sheet ?? sheetArg;

    let opened: OpenedWorkbook;
    try {
      opened = await openWorkbook(input);
    } catch (e) {
      ctx.stderr(fileErrorMessage(e, input, locale));
      return 2;
    }
    const parsed = parseAckStore(await opened.workbook.getSetting(ACK_KEY));
    if (!parsed.ok) {
      ctx.stderr(t(locale, "ack.storeUnreadableNothingWritten", { file: input, key: ACK_KEY, path: parsed.path, reason: parsed.reason }));
      return 2;
    }
    const merged = mergeSettings(opened.stored, { ...settings, locale });
    const analysis = checkWorkbook(opened.snapshot, merged);
    const matches = analysis.issues.filter((f) => f.rule === rule && f.cell === where.cell && (sheet === null || f.sheet === sheet));
    const place = sheet ? `${sheet}!${where.cell}` : where.cell;
    if (matches.length === 0) {
      const here = analysis.issues.filter((f) => f.cell === where.cell && (sheet === null || f.sheet === sheet));
      ctx.stderr(t(locale, "ack.findingNotFound", { file: input, cell: place, rule }));
      if (here.length) ctx.stderr(t(locale, "ack.findingsHere", { rules: here.map((f) => `${f.sheet}!${f.cell} ${f.rule}`).join(t(locale, "cli.listSeparator")) }));
      return 2;
    }
    if (matches.length > 1) {
      ctx.stderr(t(locale, "ack.ambiguousCell", { file: input, cell: where.cell, sheets: matches.map((f) => `${f.sheet}!${f.cell}`).join(t(locale, "cli.listSeparator")) }));
      return 2;
    }
    const finding = matches[0];
    const [subject] = findingSubjects(opened.snapshot, [finding], merged);
    let store = parsed.store;
    if (remove) {
      if (!findAcknowledgement(store, finding, subject)) {
        ctx.stderr(t(locale, "ack.notAcknowledged", { file: input, cell: `${finding.sheet}!${finding.cell}`, rule: finding.rule }));
        return 2;
      }
      store = unacknowledge(store, finding, subject);
    } else {
      store = acknowledge(store, finding, subject, { reason: reason!, by, at: new Date().toISOString() });
    }
    try {
      await opened.workbook.setSetting(ACK_KEY, serializeAckStore(store));
      await writeFileAtomic(target, await opened.workbook.toBuffer());
    } catch (e) {
      ctx.stderr(isWorkbookFileError(e) ? fileErrorMessage(e, target, locale) : t(locale, "file.writeFailed", { file: target, reason: e instanceof Error ? e.message : String(e) }));
      return 2;
    }
    ctx.stdout(
      t(locale, remove ? "ack.cli.removed" : "ack.cli.written", {
        file: target,
        cell: `${finding.sheet}!${finding.cell}`,
        rule: finding.rule,
        reason: (reason ?? "").trim(),
      }),
    );
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      ctx.stderr(e.message);
      return e.exitCode;
    }
    throw e;
  }
}
