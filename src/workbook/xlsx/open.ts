/**
 * Sniff the bytes of a file that should be an .xlsx/.xlsm and open its ZIP package, or refuse with
 * a WorkbookFileError whose `code` is a message key (file.empty, file.xls, file.csv, file.encrypted,
 * file.truncated, file.tooLarge, file.notXlsx, file.unreadable). No fs here (browser and Node).
 *
 * Limits (stated): the declared uncompressed sizes of all parts together must stay under 200 MB
 * (DEFAULT_ZIP_LIMITS.maxTotalUncompressed), no part may be compressed more than 1000:1 when it is
 * over 10 MB, at most 10,000 parts. These are checked from the central directory before anything
 * is inflated; inflation also stops as soon as a part passes its declared size.
 */
import { WorkbookFileError, formatBytes } from "./errors";
import { DEFAULT_ZIP_LIMITS, ZipError, readZip, type ZipEntry, type ZipLimits } from "./zip";
import { XmlError } from "./xmldoc";

export { WorkbookFileError, isWorkbookFileError } from "./errors";
export type { WorkbookFileErrorCode } from "./errors";

export type FileKind = "empty" | "zip" | "cfb-encrypted" | "cfb" | "csv" | "text" | "binary";

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) out[i * 2] = s.charCodeAt(i);
  return out;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  outer: for (let i = hay.indexOf(first); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Does the head of the file look like text (no NUL, mostly printable)? */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const c of head) {
    if (c === 0) return false;
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return control / head.length < 0.02;
}

function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 20);
  if (lines.length === 0) return false;
  for (const sep of [",", "\t", ";"]) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    if (counts[0] > 0 && counts.filter((c) => c === counts[0]).length >= Math.ceil(lines.length * 0.8)) return true;
  }
  return false;
}

/** What kind of file these bytes are (by content; the name is only a hint for CSV). */
export function sniff(bytes: Uint8Array, name = ""): FileKind {
  if (bytes.length === 0) return "empty";
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) return "zip";
  if (bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    // An encrypted OOXML workbook is a CFB (OLE) container with EncryptionInfo and
    // EncryptedPackage streams; directory entry names are UTF-16LE.
    if (indexOfBytes(bytes, utf16le("EncryptedPackage")) >= 0 || indexOfBytes(bytes, utf16le("EncryptionInfo")) >= 0) {
      return "cfb-encrypted";
    }
    return "cfb";
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // UTF-16 text (Excel's "Unicode text" export is UTF-16LE, tab-separated)
    const text = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(2, 8192));
    if (/\.(csv|tsv|txt)$/i.test(name) || looksLikeCsv(text)) return "csv";
    return "text";
  }
  const head = bytes.subarray(0, 8192);
  if (looksLikeText(head)) {
    if (/\.(csv|tsv|txt)$/i.test(name)) return "csv";
    const text = new TextDecoder("utf-8").decode(head);
    if (/^\s*</.test(text)) return "text"; // HTML / XML pretending to be a workbook
    return looksLikeCsv(text) ? "csv" : "text";
  }
  return "binary";
}

export interface OpenedPackage {
  entries: ZipEntry[];
}

/**
 * Sniff and open: returns the ZIP entries of an OOXML spreadsheet package, or throws
 * WorkbookFileError naming `file`.
 */
export function openPackage(bytes: Uint8Array, file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): OpenedPackage {
  const kind = sniff(bytes, file);
  switch (kind) {
    case "empty":
      throw new WorkbookFileError("file.empty", file);
    case "cfb-encrypted":
      throw new WorkbookFileError("file.encrypted", file);
    case "cfb":
      throw new WorkbookFileError("file.xls", file);
    case "csv":
      throw new WorkbookFileError("file.csv", file);
    case "text":
    case "binary":
      if (/\.xls$/i.test(file)) throw new WorkbookFileError("file.xls", file);
      throw new WorkbookFileError("file.notXlsx", file);
    case "zip":
      break;
  }
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes, limits);
  } catch (e) {
    throw zipErrorToFileError(e, file);
  }
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml")) throw new WorkbookFileError("file.notXlsx", file);
  if (entries.some((e) => /^xl\/workbook\.bin$/i.test(e.name))) throw new WorkbookFileError("file.notXlsx", file); // .xlsb
  return { entries };
}

/** The reason a package is cut short, in Japanese (the English one is the ZIP reader's own). */
export function truncatedReasonJa(reason: string): string {
  let m: RegExpExecArray | null;
  if (reason === "end of central directory not found") return "ZIP の目次（中央ディレクトリ）の終わりが見つかりません";
  if (/^zip64/.test(reason)) return "ZIP64 の目次が見つかりません";
  if (reason === "central directory past the end of the file") return "目次がファイルの終わりを越えています";
  if (reason === "bad central directory entry") return "目次の項目が壊れています";
  if ((m = /^local header of (.+)$/.exec(reason))) return `「${m[1]}」の見出しが壊れています`;
  if ((m = /^data of (.+) past the end of the file$/.exec(reason))) return `「${m[1]}」のデータがファイルの終わりを越えています`;
  return `「${reason}」を展開できません`;
}

export function zipErrorToFileError(e: unknown, file: string): WorkbookFileError {
  if (e instanceof WorkbookFileError) return e;
  if (e instanceof ZipError) {
    const p = e.problem;
    switch (p.kind) {
      case "notZip":
        return new WorkbookFileError("file.notXlsx", file);
      case "truncated":
        return new WorkbookFileError("file.truncated", file, { reason: p.reason, reasonJa: truncatedReasonJa(p.reason) });
      case "encrypted":
        return new WorkbookFileError("file.encrypted", file);
      case "tooLarge":
        return new WorkbookFileError("file.tooLarge", file, { limit: formatBytes(p.limit), reason: p.reason });
      case "tooManyEntries":
        return new WorkbookFileError("file.zip.tooManyEntries", file, { count: p.count.toLocaleString("en-US"), limit: p.limit.toLocaleString("en-US") });
      case "ratio":
        return new WorkbookFileError("file.zip.ratio", file, { part: p.name, ratio: p.ratio, limit: p.limit });
      case "inflatesPastSize":
        return new WorkbookFileError("file.zip.inflatesPastSize", file, { part: p.name, size: p.size });
      case "duplicate":
        return new WorkbookFileError("file.zip.duplicate", file, { part: p.name });
      case "unsafeName":
        return new WorkbookFileError("file.zip.unsafeName", file, { part: p.name });
      case "headerMismatch":
        return new WorkbookFileError("file.zip.headerMismatch", file, { part: p.name, field: p.field });
      case "method":
        return new WorkbookFileError("file.zip.method", file, { part: p.name, method: p.method });
    }
  }
  if (e instanceof XmlError) return xmlErrorToFileError(e, file, "?");
  return new WorkbookFileError("file.internal", file, { detail: e instanceof Error ? e.message : String(e) });
}

/** A part that is not well-formed XML (or not in its declared encoding): the problem, the part, where. */
export function xmlErrorToFileError(e: XmlError, file: string, part: string): WorkbookFileError {
  return new WorkbookFileError(`file.xml.${e.problem}` as WorkbookFileError["code"], file, { part, line: e.line, col: e.col, offset: e.offset });
}
