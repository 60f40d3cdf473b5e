/**
 * `plansheet export FILE_OR_DIR... -o indicators.csv [--format csv|json]`: the indicators of the
 * workbooks as open data — one record per indicator × year × kind, with the cell it came from
 * (src/engine/export/openData.ts). `-o -` writes to standard output.
 */
import { t } from "../../messages";
import type { CommandContext } from "../main";
import { CliError, fileErrorMessage, openWorkbook } from "../open";
import { collectFiles } from "../batch/walk";
import { openDataCsv, openDataRecords, type OpenDataRecord } from "../../engine/export/openData";
import { writeFileAtomic } from "../../workbook/xlsx/files";

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { locale } = ctx;
  try {
    let out: string | null = null;
    let format: "csv" | "json" = "csv";
    const inputs: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const eq = a.startsWith("--") && a.includes("=") ? a.indexOf("=") : -1;
      const flag = eq >= 0 ? a.slice(0, eq) : a;
      const value = () => {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined || v === "") throw new CliError(t(locale, "cli.missingArgument", { what: flag }));
        return v;
      };
      if (flag === "-o" || flag === "--output") out = value();
      else if (flag === "--format") {
        const v = value();
        if (v !== "csv" && v !== "json") throw new CliError(t(locale, "cli.badValue", { option: flag, value: v, choices: "csv, json" }));
        format = v;
      } else if (a.startsWith("-") && a !== "-") throw new CliError(t(locale, "cli.unknownOption", { option: a }));
      else inputs.push(a);
    }
    if (inputs.length === 0) throw new CliError(t(locale, "cli.noInput"));
    if (out === null && format === "csv") throw new CliError(t(locale, "export.outputRequired"));
    const { files, emptyDirs } = await collectFiles(inputs);
    for (const d of emptyDirs) ctx.stderr(t(locale, "cli.noXlsxFound", { path: d }));
    const records: OpenDataRecord[] = [];
    let read = 0;
    for (const file of files) {
      try {
        const opened = await openWorkbook(file);
        records.push(...openDataRecords(opened.snapshot, file, { locale }));
        read++;
      } catch (e) {
        ctx.stderr(fileErrorMessage(e, file, locale));
      }
    }
    if (read === 0) {
      if (files.length === 0 && emptyDirs.length === 0) ctx.stderr(t(locale, "cli.noInput"));
      return 2;
    }
    const text = format === "json" ? JSON.stringify({ records }, null, 2) + "\n" : openDataCsv(records, locale);
    if (out === null || out === "-") {
      ctx.stdout(text);
      return 0;
    }
    try {
      await writeFileAtomic(out, new TextEncoder().encode(text));
    } catch (e) {
      ctx.stderr(t(locale, "file.writeFailed", { file: out, reason: e instanceof Error ? e.message : String(e) }));
      return 2;
    }
    ctx.stderr(t(locale, "export.written", { file: out, records: records.length, files: read }));
    // like check: a folder with a bad file still gives the others' records; 2 only when nothing was read
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      ctx.stderr(e.message);
      return e.exitCode;
    }
    throw e;
  }
}
