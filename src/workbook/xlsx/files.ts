/**
 * File operations for the command line (Node only): read a workbook file, write one atomically.
 * Errors are WorkbookFileError naming the file as the user gave it (render with
 * `t(locale, err.code, err.params)`).
 */
import * as fs from "fs";
import { XlsxWorkbook, type XlsxLimits } from "./adapter";
import { WorkbookFileError, formatBytes } from "./errors";
import { writeFileAtomic as writeAtomic } from "./atomic";
import * as zlib from "zlib";
import { InflateTooLarge, setDeflateCodec } from "./zip";

/** In Node, inflate/deflate with zlib (native, faster than fflate; same output guard). */
export function useNodeZlib(): void {
  setDeflateCodec({
    inflateRaw(data, maxOut) {
      try {
        // the whole part in one output chunk (zlib's default is 16 KiB chunks, concatenated): the
        // declared size, one byte more (so the end of the stream is seen), at most 1 MiB up front
        const chunkSize = Math.min(1 << 20, Math.max(64, maxOut + 1));
        const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxOut), chunkSize });
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new InflateTooLarge();
        throw e;
      }
    },
    deflateRaw(data) {
      const out = zlib.deflateRawSync(data, { level: 6 });
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    },
    // zlib.crc32 exists from Node 20.15 / 22.2
    crc32: typeof (zlib as { crc32?: unknown }).crc32 === "function" ? (data) => (zlib as unknown as { crc32(d: Uint8Array): number }).crc32(data) >>> 0 : undefined,
  });
}
useNodeZlib();

/** Largest file read (compressed bytes on disk). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export async function readWorkbookFile(path: string, limits: Partial<XlsxLimits> = {}): Promise<XlsxWorkbook> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new WorkbookFileError("file.notFound", path);
    throw new WorkbookFileError("file.unreadable", path, { reason: code ?? String(e) });
  }
  if (st.isDirectory()) throw new WorkbookFileError("file.unreadable", path, { reason: "folder" });
  if (st.size === 0) throw new WorkbookFileError("file.empty", path);
  if (st.size > MAX_FILE_BYTES) throw new WorkbookFileError("file.tooLarge", path, { limit: formatBytes(MAX_FILE_BYTES), reason: `${st.size} bytes` });
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(path);
  } catch (e) {
    throw new WorkbookFileError("file.unreadable", path, { reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  return XlsxWorkbook.fromBuffer(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path, limits);
}

/**
 * Write bytes to `path` atomically (temporary file in the same folder, fsync, rename). Errors are
 * WorkbookFileError("file.writeFailed") naming the file.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeAtomic(path, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookFileError("file.writeFailed", path, { reason: code ?? (e instanceof Error ? e.message : String(e)) });
  }
}
