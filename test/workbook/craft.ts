/**
 * Hand-made packages for hostile-input tests: minimal .xlsx parts, raw ZIP entries with any declared
 * sizes, and CFB (OLE) containers like .xls files and password-protected workbooks.
 */
import { crc32, writeZip } from "../../src/workbook/xlsx/zip";

const enc = new TextEncoder();

/** A minimal valid .xlsx whose parts are given as text (sheet XML, shared strings…). */
export function minimalXlsx(sheets: { name: string; xml: string }[], extra: Record<string, string> = {}): Uint8Array {
  const ct =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
    ("xl/sharedStrings.xml" in extra ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : "") +
    "</Types>";
  const rootRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const wb =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
    sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    "</sheets></workbook>";
  const wbRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
    ("xl/sharedStrings.xml" in extra ? '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : "") +
    "</Relationships>";
  const entries = [
    { name: "[Content_Types].xml", content: enc.encode(ct) },
    { name: "_rels/.rels", content: enc.encode(rootRels) },
    { name: "xl/workbook.xml", content: enc.encode(wb) },
    { name: "xl/_rels/workbook.xml.rels", content: enc.encode(wbRels) },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, content: enc.encode(s.xml) })),
    ...Object.entries(extra).map(([name, text]) => ({ name, content: enc.encode(text) })),
  ];
  return writeZip(entries);
}

export function sheetXml(body: string, prefix = ""): string {
  const p = prefix ? prefix + ":" : "";
  const ns = prefix ? `xmlns:${prefix}` : "xmlns";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
}

/** A ZIP with entries whose headers say whatever we want (for zip bombs). */
export function rawZip(entries: { name: string; data: Uint8Array; method: number; usize: number; crc?: number }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const crc = e.crc ?? crc32(e.data);
    const lh = new Uint8Array(30 + name.length);
    const lv = new DataView(lh.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.usize, true);
    lv.setUint16(26, name.length, true);
    lh.set(name, 30);
    const ch = new Uint8Array(46 + name.length);
    const cv = new DataView(ch.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.usize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    ch.set(name, 46);
    parts.push(lh, e.data);
    central.push(ch);
    offset += lh.length + e.data.length;
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
  for (const c of all) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * A small compound file (CFB v3, 512-byte sectors) whose directory holds the given stream names —
 * "Workbook" for an .xls, "EncryptionInfo" + "EncryptedPackage" for a password-protected .xlsx.
 */
export function cfbContainer(streams: string[]): Uint8Array {
  const sector = 512;
  const out = new Uint8Array(sector * 3); // header, FAT sector, directory sector
  const v = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (out[i] = b));
  v.setUint16(24, 0x003e, true); // minor version
  v.setUint16(26, 0x0003, true); // major version 3
  v.setUint16(28, 0xfffe, true); // byte order
  v.setUint16(30, 9, true); // sector shift (512)
  v.setUint16(32, 6, true); // mini sector shift
  v.setUint32(44, 1, true); // number of FAT sectors
  v.setUint32(48, 1, true); // first directory sector (sector #1 = file offset 1024)
  v.setUint32(56, 4096, true); // mini stream cutoff
  v.setUint32(60, 0xfffffffe, true); // no mini FAT
  v.setUint32(68, 0xfffffffe, true); // no DIFAT sectors
  v.setUint32(76, 0, true); // DIFAT[0] = FAT at sector 0
  for (let i = 1; i < 109; i++) v.setUint32(76 + i * 4, 0xffffffff, true);
  // FAT (sector 0 at offset 512): sector 0 = FAT, sector 1 = end of directory chain
  const fat = 512;
  for (let i = 0; i < 128; i++) v.setUint32(fat + i * 4, 0xffffffff, true);
  v.setUint32(fat, 0xfffffffd, true);
  v.setUint32(fat + 4, 0xfffffffe, true);
  const dir = 1024;
  const names = ["Root Entry", ...streams];
  names.slice(0, 4).forEach((n, i) => {
    const o = dir + i * 128;
    for (let k = 0; k < n.length; k++) v.setUint16(o + k * 2, n.charCodeAt(k), true);
    v.setUint16(o + 64, (n.length + 1) * 2, true);
    out[o + 66] = i === 0 ? 5 : 2; // root storage / stream
    v.setUint32(o + 68, 0xffffffff, true);
    v.setUint32(o + 72, i + 1 < Math.min(names.length, 4) && i > 0 ? i + 1 : 0xffffffff, true);
    v.setUint32(o + 76, i === 0 && names.length > 1 ? 1 : 0xffffffff, true);
    v.setUint32(o + 116, 0xfffffffe, true);
  });
  return out;
}
