/** `plansheet check FILE_OR_DIR... [--json] [--report out.html|out.csv]` */
import * as path from "path";
import { t, type MessageKey } from "../../messages";

/** Table kinds with a name in the messages file. */
const KIND_KEYS = new Set(["indicators", "progress", "programme", "projects", "meetings"]);
import type { CommandContext } from "../main";
import { CliError, parseSettingsFlags } from "../open";
import { checkPaths, reportFormat, writeReport } from "../batch";
import { toFileResultJson, type TableJson } from "../../engine/report/types";
import { formatYear } from "../../engine/report/format";
import type { Locale } from "../../messages";
// loaded with the command, not once the files are known: by then tuneForRun has changed V8's flags,
// and V8 would refuse the module's cached code (src/cli/codecache.ts)
import { checkFile, type CheckFileOptions } from "../check-file";
import { CLI_DIR, MODULE_EXT } from "../paths";
import { tuneForRun } from "../v8tune";
import { ackJson, acknowledgedLines, countedIssues, lapsedNote, type AckFileResult } from "./ack";

/** The lines JSON.stringify({ files: [x] }, null, 2) puts around x. */
const WRAP_HEAD = '{\n  "files": [\n';
const WRAP_TAIL = "\n  ]\n}";

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { locale } = ctx;
  let json = false;
  let verbose = false;
  let strict = false;
  let report: string | null = null;
  const inputs: string[] = [];
  let settingsArgs: string[];
  try {
    const parsed = parseSettingsFlags(args, locale);
    settingsArgs = parsed.rest;
    for (let i = 0; i < settingsArgs.length; i++) {
      const a = settingsArgs[i];
      if (a === "--json") json = true;
      else if (a === "--verbose" || a === "-v") verbose = true;
      else if (a === "--strict") strict = true;
      else if (a === "--report" || a.startsWith("--report=")) {
        report = a.includes("=") ? a.slice(a.indexOf("=") + 1) : settingsArgs[++i];
        if (!report) throw new CliError(t(locale, "cli.missingArgument", { what: "--report" }));
        if (!reportFormat(report)) throw new CliError(t(locale, "cli.badValue", { option: "--report", value: report, choices: ".html, .csv" }));
      } else if (a.startsWith("-") && a !== "-") throw new CliError(t(locale, "cli.unknownOption", { option: a }));
      else inputs.push(a);
    }
    if (inputs.length === 0) throw new CliError(t(locale, "cli.noInput"));
    const options: CheckFileOptions = { locale, settings: parsed.settings };
    // Each file's result is written as soon as it and those before it are done, and then dropped:
    // a folder of any size is checked in flat memory (only --report keeps them all, to write it).
    let readable: ReadablePrinter | null = null;
    let pendingJson: string | null = null;
    let total = 0;
    let unreadable = 0;
    let countedError = false;
    const result = await checkPaths<CheckFileOptions>(inputs, {
      unit: { module: path.join(CLI_DIR, `check-file${MODULE_EXT}`), exportName: "checkFile", fn: checkFile },
      unitOptions: options,
      locale,
      progress: !json && ctx.isTTY ? process.stderr : null,
      keepResults: Boolean(report),
      onFiles: (found, emptyDirs) => {
        if (ctx.tuneV8) tuneForRun(found.length);
        for (const d of emptyDirs) ctx.stderr(t(locale, "cli.noXlsxFound", { path: d }));
        // the indicators of each file are listed for one file, or with --verbose (a folder lists findings)
        if (!json) readable = new ReadablePrinter(ctx, verbose || found.length === 1, strict);
      },
      onOrdered: (r) => {
        const f = r as AckFileResult;
        total++;
        if (f.error) unreadable++;
        // acknowledged findings (確認済み) count only with --strict
        else if (countedIssues(f, strict).some((i) => i.severity === "error")) countedError = true;
        if (readable) readable.file(f);
        else {
          // the same text as JSON.stringify({ files: [...] }, null, 2), written one file at a time
          if (pendingJson === null) ctx.stdout('{\n  "files": [');
          else ctx.stdout(pendingJson + ",");
          // the file's object as JSON.stringify indents it inside { "files": [ … ] }: stringified in
          // such a wrapper, whose own lines are then cut off
          const wrapped = JSON.stringify({ files: [ackJson(f, toFileResultJson(f))] }, null, 2);
          pendingJson = wrapped.slice(WRAP_HEAD.length, wrapped.length - WRAP_TAIL.length);
        }
      },
    });
    if (json) ctx.stdout(pendingJson === null ? '{\n  "files": []\n}' : `${pendingJson}\n  ]\n}`);
    else (readable as ReadablePrinter | null)?.summary();
    const files = result.files;
    if (report) {
      try {
        await writeReport(report, files, locale);
      } catch (e) {
        ctx.stderr(t(locale, "file.writeFailed", { file: report, reason: e instanceof Error ? e.message : String(e) }));
        return 2;
      }
      if (!json) ctx.stdout(t(locale, "cli.reportWritten", { file: report }));
    }
    if (total === 0 || unreadable === total) return 2;
    return countedError ? 1 : 0;
  } catch (e) {
    if (e instanceof CliError) {
      ctx.stderr(e.message);
      if (e.exitCode === 2 && inputs.length === 0) ctx.stderr(t(locale, "cli.usage"));
      return e.exitCode;
    }
    throw e;
  }
}

/** "A4:K16 の読み取り: A=指標名 E=基準値（令和3年度） …。当年度: 令和6年度" */
export function tableReadingLines(x: TableJson, locale: Locale): string[] {
  if (!x.columns) return [];
  const role = (r: string) => {
    const key = `role.${r}` as MessageKey;
    const text = t(locale, key);
    return text === key ? r : text;
  };
  const columns = x.columns
    .map((c) => `${c.column}=${role(c.role)}${c.year !== null ? (locale === "ja" ? `（${formatYear(c.year, locale)}）` : ` (${formatYear(c.year, locale)})`) : ""}`)
    .join(" ");
  const labels = x.rowLabels ? ` ${x.rowLabels.column}=${role("label")}` : "";
  const shape = x.shape === "row-group" && x.rowLabels ? t(locale, "cli.tableReadingShape.row-group", { labels: x.rowLabels.labels.map((l) => l.label).join("／") }) : "";
  const current = x.currentYear ? t(locale, "cli.tableReadingCurrent", { year: formatYear(x.currentYear, locale) }) : "";
  const out = [t(locale, "cli.tableReading", { range: x.range, shape, columns: columns + labels, current })];
  if (x.uncertain) out.push(t(locale, "cli.tableReadingUncertain", { reason: x.uncertain }));
  return out;
}

/** The readable report, one file at a time, then the totals. */
class ReadablePrinter {
  private errors = 0;
  private warnings = 0;
  private infos = 0;
  private files = 0;
  private unreadable = 0;

  constructor(
    private readonly ctx: CommandContext,
    private readonly listIndicators: boolean,
    private readonly strict = false,
  ) {}

  file(f: AckFileResult): void {
    const { ctx, listIndicators, strict } = this;
    const { locale } = ctx;
    this.files++;
    ctx.stdout(t(locale, "cli.fileHeader", { file: f.file }));
    if (f.error) {
      this.unreadable++;
      ctx.stdout("  " + f.error);
      return;
    }
    for (const s of f.sheets) {
      if (s.tables.length === 0) continue;
      const kind = (k: string) => (KIND_KEYS.has(k) ? t(locale, `templates.kind.${k}` as MessageKey) : k);
      ctx.stdout(t(locale, "cli.sheetTables", { sheet: s.name, tables: s.tables.map((x) => `${kind(x.kind)} ${x.range}`).join(t(locale, "cli.listSeparator")) }));
      // say what was read: each indicator table's columns (role and year), for one file or --verbose
      if (listIndicators) for (const x of s.tables) for (const line of tableReadingLines(x, locale)) ctx.stdout(line);
    }
    if (f.sheets.every((s) => s.tables.length === 0)) ctx.stdout(t(locale, "cli.noTables"));

    for (const i of listIndicators ? f.indicators : []) {
      const rate = i.achievementRate === null ? "－" : `${(i.achievementRate * 100).toFixed(1)}%`;
      const shown = i.uncertain ? t(locale, "cli.notFilledMark") : `${i.trendMark}  ${rate}`;
      ctx.stdout(`    ${i.sheet}!${i.row}  ${shown}  ${i.name.replace(/\s*\n\s*/g, " ")}`);
    }
    // "No problems" only where tables were found and checked.
    if (f.issues.length === 0 && f.sheets.some((s) => s.tables.length > 0)) ctx.stdout(t(locale, "cli.noFindings"));
    for (const i of f.issues) {
      if (i.severity === "error") this.errors++;
      else if (i.severity === "warning") this.warnings++;
      else this.infos++;
      ctx.stdout(`  [${t(locale, `cli.severity.${i.severity}`)}] ${i.sheet}!${i.cell} (${i.rule}) ${i.message}`);
      const lapsed = lapsedNote(f, i, locale);
      if (lapsed) ctx.stdout(lapsed);
    }
    for (const line of acknowledgedLines(f, locale, strict)) ctx.stdout(line);
  }

  summary(): void {
    const { locale } = this.ctx;
    const { files, unreadable, errors, warnings, infos } = this;
    // A file that could not be read was not checked: never summed up as "0 errors".
    if (unreadable === files) this.ctx.stdout(t(locale, "cli.summaryUnreadable", { files, count: unreadable }));
    else if (unreadable > 0) this.ctx.stdout(t(locale, "cli.summaryPartlyUnreadable", { files, count: unreadable, errors, warnings, infos }));
    else this.ctx.stdout(t(locale, "cli.summary", { files, errors, warnings, infos }));
  }
}
