/**
 * Errors about a workbook file. `code` is a message key of src/messages.ts (section "reading files
 * (errors)"); `params` fills its placeholders ({file} is always there). Render with
 * `t(locale, err.code, err.params)`.
 */
import type { MessageKey } from "../../messages";

export type WorkbookFileErrorCode = Extract<
  MessageKey,
  | `file.edit.${string}`
  | `file.zip.${string}`
  | `file.xml.${string}`
  | "file.partMissing"
  | "file.sheetMissing"
  | "file.internal"
  | "file.sheetNameInvalid"
  | "file.notFound"
  | "file.empty"
  | "file.notXlsx"
  | "file.xls"
  | "file.csv"
  | "file.truncated"
  | "file.encrypted"
  | "file.tooLarge"
  | "file.tooManyCells"
  | "file.unreadable"
  | "file.writeFailed"
  | "file.sheetExists"
  | "file.badEdit"
>;

export class WorkbookFileError extends Error {
  readonly code: WorkbookFileErrorCode;
  readonly file: string;
  readonly params: Record<string, string | number>;

  constructor(code: WorkbookFileErrorCode, file: string, params: Record<string, string | number> = {}) {
    const all = { file, ...params };
    super(`${code}: ${file}${params.reason ? ` (${params.reason})` : ""}`);
    this.name = "WorkbookFileError";
    this.code = code;
    this.file = file;
    this.params = all;
  }
}

export function isWorkbookFileError(e: unknown): e is WorkbookFileError {
  return e instanceof WorkbookFileError;
}

/** Human size for messages: 200 MB. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
