/**
 * A small ZIP reader/writer for OOXML packages (browser and Node: Uint8Array in and out; deflate by
 * Node's zlib in the command line (files.ts installs it), by fflate elsewhere). Reading parses the
 * central directory (APPNOTE 6.3) and refuses, before anything is inflated: duplicate names
 * (also differing only in case: OPC part names are case-insensitive), `../` or absolute names,
 * local headers that disagree with the central directory, compression other than stored/deflate,
 * encryption, and the stated limits (entry count, declared sizes, compression ratio) — each with
 * its own reason. Inflating stops as soon as the output passes the declared size. Writing copies
 * the compressed bytes of every entry that was not changed, as they are (no re-compression), so
 * parts this project does not understand (macros, charts, images, printer settings…) come out
 * exactly as they went in.
 */
type Fflate = typeof import("fflate");
let fflateLib: Fflate | undefined;
/** fflate, loaded on first use: the command line inflates with zlib and need not load it (13 ms). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fflate = (): Fflate => (fflateLib ??= require("fflate") as Fflate);

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes of all entries. */
  maxTotalUncompressed: number;
  /** Largest declared uncompressed size of one entry. */
  maxEntryUncompressed: number;
  /** Largest ratio uncompressed/compressed of one entry (only checked past `ratioMinSize`). */
  maxRatio: number;
  ratioMinSize: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 200 * 1024 * 1024,
  maxEntryUncompressed: 200 * 1024 * 1024,
  maxRatio: 1000,
  ratioMinSize: 10 * 1024 * 1024,
  maxEntries: 10000,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  dosTime: number;
  dosDate: number;
  /** Compressed data (a view into the original bytes). */
  data: Uint8Array;
}

export type ZipProblem =
  | { kind: "notZip" }
  | { kind: "truncated"; reason: string }
  | { kind: "encrypted" }
  | { kind: "tooLarge"; limit: number; reason: string }
  | { kind: "tooManyEntries"; count: number; limit: number }
  | { kind: "ratio"; name: string; ratio: number; limit: number }
  | { kind: "inflatesPastSize"; name: string; size: number }
  | { kind: "duplicate"; name: string }
  | { kind: "unsafeName"; name: string }
  | { kind: "headerMismatch"; name: string; field: string }
  | { kind: "method"; name: string; method: number };

export class ZipError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`${problem.kind}${"reason" in problem ? `: ${problem.reason}` : "name" in problem ? `: ${problem.name}` : ""}`);
    this.name = "ZipError";
  }
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

function findEocd(b: Uint8Array): number {
  const min = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= min; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

const utf8 = new TextDecoder("utf-8");

/** An entry's name: ASCII (nearly every OOXML part name) read byte by byte, anything else as UTF-8. */
function entryName(b: Uint8Array, at: number, length: number): string {
  let s = "";
  for (let i = at; i < at + length; i++) {
    const c = b[i];
    if (c >= 0x80) return utf8.decode(b.subarray(at, at + length));
    s += String.fromCharCode(c);
  }
  return s;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Parse the central directory. Throws ZipError. Nothing is inflated here. */
export function readZip(b: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  if (b.length < 4 || !(b[0] === 0x50 && b[1] === 0x4b)) throw new ZipError({ kind: "notZip" });
  const eocd = findEocd(b);
  if (eocd < 0) throw new ZipError({ kind: "truncated", reason: "end of central directory not found" });
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) throw new ZipError({ kind: "truncated", reason: "zip64 locator missing" });
    const z = u64(b, loc + 8);
    if (z + 56 > b.length || u32(b, z) !== 0x06064b50) throw new ZipError({ kind: "truncated", reason: "zip64 record missing" });
    count = u64(b, z + 32);
    cdSize = u64(b, z + 40);
    cdOffset = u64(b, z + 48);
  }
  if (count > limits.maxEntries) throw new ZipError({ kind: "tooManyEntries", count, limit: limits.maxEntries });
  if (cdOffset + cdSize > b.length) throw new ZipError({ kind: "truncated", reason: "central directory past the end of the file" });
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ZipError({ kind: "truncated", reason: "bad central directory entry" });
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const dosTime = u16(b, p + 12);
    const dosDate = u16(b, p + 14);
    const crc = u32(b, p + 16);
    let csize = u32(b, p + 20);
    let usize = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let local = u32(b, p + 42);
    const name = entryName(b, p + 46, nameLen);
    // zip64 extra field
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (usize === 0xffffffff) { usize = u64(b, q); q += 8; }
        if (csize === 0xffffffff) { csize = u64(b, q); q += 8; }
        if (local === 0xffffffff) { local = u64(b, q); q += 8; }
      }
      e += 4 + len;
    }
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipError({ kind: "encrypted" });
    const segs = name.split(/[\\/]/);
    if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name) || segs.includes("..") || name.includes("\u0000")) throw new ZipError({ kind: "unsafeName", name });
    const key = name.toLowerCase();
    if (seen.has(key)) throw new ZipError({ kind: "duplicate", name });
    seen.add(key);
    if (method !== 0 && method !== 8) throw new ZipError({ kind: "method", name, method });
    if (usize > limits.maxEntryUncompressed) {
      throw new ZipError({ kind: "tooLarge", limit: limits.maxEntryUncompressed, reason: `${name}: ${usize} bytes` });
    }
    if (usize > limits.ratioMinSize && usize / Math.max(1, csize) > limits.maxRatio) {
      throw new ZipError({ kind: "ratio", name, ratio: Math.round(usize / Math.max(1, csize)), limit: limits.maxRatio });
    }
    total += usize;
    if (total > limits.maxTotalUncompressed) {
      throw new ZipError({ kind: "tooLarge", limit: limits.maxTotalUncompressed, reason: `total ${total} bytes` });
    }
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50) throw new ZipError({ kind: "truncated", reason: `local header of ${name}` });
    // the local header must describe the same entry as the central directory
    const lFlags = u16(b, local + 6);
    const lNameLen = u16(b, local + 26);
    if (local + 30 + lNameLen > b.length) throw new ZipError({ kind: "truncated", reason: `local header of ${name}` });
    const lName = b.subarray(local + 30, local + 30 + lNameLen);
    if (lNameLen !== nameLen || !sameBytes(lName, nameBytes)) throw new ZipError({ kind: "headerMismatch", name, field: "name" });
    if (u16(b, local + 8) !== method) throw new ZipError({ kind: "headerMismatch", name, field: "method" });
    if ((lFlags & 1) !== (flags & 1)) throw new ZipError({ kind: "headerMismatch", name, field: "flags" });
    if (!(lFlags & 8)) {
      const lcrc = u32(b, local + 14), lc = u32(b, local + 18), lu = u32(b, local + 22);
      if (lcrc !== crc) throw new ZipError({ kind: "headerMismatch", name, field: "crc" });
      if ((lc !== 0xffffffff && lc !== csize) || (lu !== 0xffffffff && lu !== usize)) throw new ZipError({ kind: "headerMismatch", name, field: "size" });
    }
    const start = local + 30 + lNameLen + u16(b, local + 28);
    if (start + csize > b.length) throw new ZipError({ kind: "truncated", reason: `data of ${name} past the end of the file` });
    entries.push({ name, method, flags, crc32: crc, compressedSize: csize, uncompressedSize: usize, dosTime, dosDate, data: b.subarray(start, start + csize) });
  }
  return entries;
}

/**
 * Raw deflate codec. The default is fflate (browser); the Node file layer (files.ts) installs
 * zlib. `inflateRaw` must throw InflateTooLarge as soon as the output would pass `maxOut` bytes.
 */
export interface DeflateCodec {
  inflateRaw(data: Uint8Array, maxOut: number): Uint8Array;
  deflateRaw(data: Uint8Array): Uint8Array;
  /** A faster CRC-32 when the platform has one (Node's zlib.crc32). */
  crc32?(data: Uint8Array): number;
}

export class InflateTooLarge extends Error {}

/** fflate: inflates into a buffer one byte larger than allowed, so passing the limit is seen and stops there. */
export const fflateCodec: DeflateCodec = {
  inflateRaw(data, maxOut) {
    const out = fflate().inflateSync(data, { out: new Uint8Array(maxOut + 1) });
    if (out.length > maxOut) throw new InflateTooLarge();
    return out;
  },
  deflateRaw(data) {
    return fflate().deflateSync(data, { level: 6 });
  },
};

let codec: DeflateCodec = fflateCodec;

export function setDeflateCodec(c: DeflateCodec): void {
  codec = c;
}

/** Inflate one entry; stops (ZipError tooLarge) as soon as the output passes `max` bytes. */
export function inflateEntry(entry: ZipEntry, max: number = entry.uncompressedSize): Uint8Array {
  if (entry.method === 0) {
    if (entry.data.length > max) throw new ZipError({ kind: "tooLarge", limit: max, reason: entry.name });
    return entry.data;
  }
  const cap = Math.min(max, entry.uncompressedSize);
  let out: Uint8Array;
  try {
    out = codec.inflateRaw(entry.data, cap);
  } catch (e) {
    if (e instanceof InflateTooLarge) {
      if (cap < entry.uncompressedSize) throw new ZipError({ kind: "tooLarge", limit: cap, reason: entry.name });
      throw new ZipError({ kind: "inflatesPastSize", name: entry.name, size: entry.uncompressedSize });
    }
    throw new ZipError({ kind: "truncated", reason: entry.name });
  }
  if (out.length !== entry.uncompressedSize) throw new ZipError({ kind: "truncated", reason: entry.name });
  if ((codec.crc32 ? codec.crc32(out) : crc32(out)) !== entry.crc32) throw new ZipError({ kind: "truncated", reason: entry.name });
  return out;
}

let crcTable: Uint32Array | null = null;
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry to write: either an original entry (copied as is) or new content. */
export type OutEntry = { name: string; original: ZipEntry } | { name: string; content: Uint8Array };

function dosNow(): { time: number; date: number } {
  const d = new Date();
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export function writeZip(entries: OutEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const now = dosNow();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    let method: number, crc: number, csize: number, usize: number, data: Uint8Array, time: number, date: number;
    if ("original" in e) {
      ({ method, crc32: crc, compressedSize: csize, uncompressedSize: usize, data, dosTime: time, dosDate: date } = e.original);
    } else {
      crc = crc32(e.content);
      usize = e.content.length;
      const deflated = codec.deflateRaw(e.content);
      if (deflated.length < usize) { method = 8; data = deflated; } else { method = 0; data = e.content; }
      csize = data.length;
      time = now.time;
      date = now.date;
    }
    const name = enc.encode(e.name);
    const lh = new Uint8Array(30 + name.length);
    const lv = new DataView(lh.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, csize, true);
    lv.setUint32(22, usize, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true);
    lh.set(name, 30);
    const ch = new Uint8Array(46 + name.length);
    const cv = new DataView(ch.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, csize, true);
    cv.setUint32(24, usize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    ch.set(name, 46);
    parts.push(lh, data);
    central.push(ch);
    offset += lh.length + data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, eocd];
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of all) { out.set(c, o); o += c.length; }
  return out;
}
