/**
 * The same workbook written as other producers write it (openpyxl, xlsxwriter, exceljs,
 * LibreOffice, Excel Strict…) and damaged in the ways of issue #12 — each built here from a plain
 * workbook's parts with the project's own tokenizer and ZIP writer (no Python).
 */
import { inflateEntry, readZip, writeZip } from "../../src/workbook/xlsx/zip";
import "../../src/workbook/xlsx/files";
import { parseXml, type XmlDoc } from "../../src/workbook/xlsx/xmldoc";

export type Parts = Map<string, Uint8Array>;
const enc = new TextEncoder();
const dec = new TextDecoder();

export function partsOf(bytes: Uint8Array): Parts {
  return new Map(readZip(bytes).map((e) => [e.name, inflateEntry(e)]));
}

export function zipOf(parts: Parts): Uint8Array {
  return writeZip([...parts].map(([name, content]) => ({ name, content })));
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const isSheet = (n: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n);
const isSheetOrSst = (n: string) => isSheet(n) || n === "xl/sharedStrings.xml";

/** Rewrite the text of the parts matching `which`. */
function mapText(parts: Parts, which: (n: string) => boolean, f: (xml: string, name: string) => string): Parts {
  const out = new Map(parts);
  for (const [n, b] of parts) if (which(n)) out.set(n, enc.encode(f(dec.decode(b), n)));
  return out;
}

interface Insert {
  at: number;
  text: string;
  del?: number;
}
function splice(xml: string, ins: Insert[]): string {
  ins.sort((a, b) => a.at - b.at);
  let out = "";
  let pos = 0;
  for (const i of ins) {
    out += xml.slice(pos, i.at) + i.text;
    pos = i.at + (i.del ?? 0);
  }
  return out + xml.slice(pos);
}

const local = (d: XmlDoc, i: number) => d.locals[d.qn[i]];

/** Attributes in single quotes. */
export function singleQuotes(xml: string): string {
  return xml.replace(/(\s[\w:.-]+)="([^"']*)"/g, "$1='$2'");
}

/** Shared strings as CDATA sections. */
export function cdataStrings(xml: string): string {
  const d = parseXml(xml);
  const ins: Insert[] = [];
  for (let i = 0; i < d.n; i++) {
    if (local(d, i) !== "t" || d.closeStart[i] === d.openEnd[i]) continue;
    const raw = xml.slice(d.openEnd[i], d.closeStart[i]);
    const text = raw.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
    if (text.includes("]]>")) continue;
    ins.push({ at: d.openEnd[i], text: `<![CDATA[${text}]]>`, del: raw.length });
  }
  return splice(xml, ins);
}

/** A comment holding an old cell inside every row (and a processing instruction). */
export function commentsInRows(xml: string): string {
  const d = parseXml(xml);
  const ins: Insert[] = [];
  for (let i = 0; i < d.n; i++) {
    if (local(d, i) !== "row" || d.closeStart[i] === d.openEnd[i]) continue;
    ins.push({ at: d.openEnd[i], text: `<!-- <c r="G7" t="s"><v>0</v></c> --><?plansheet test?>` });
  }
  return splice(xml, ins);
}

/** Rows and cells without `r` where their position says it (as xlsxwriter's constant-memory mode or hand-written XML). */
export function withoutR(xml: string): string {
  const d = parseXml(xml);
  const ins: Insert[] = [];
  let lastRow = 0;
  for (let i = 0; i < d.n; i++) {
    if (local(d, i) === "row") {
      const tag = xml.slice(d.start[i], d.openEnd[i]);
      const m = /\sr="(\d+)"/.exec(tag);
      const r = m ? Number(m[1]) : lastRow + 1;
      if (m && r === lastRow + 1) ins.push({ at: d.start[i] + m.index, text: "", del: m[0].length });
      lastRow = r;
      let lastCol = 0;
      for (let c = i + 1; c < d.after[i]; c = d.after[c]) {
        if (local(d, c) !== "c") continue;
        const ct = xml.slice(d.start[c], d.openEnd[c]);
        const cm = /\sr="([A-Z]+)\d+"/.exec(ct);
        if (!cm) continue;
        let col = 0;
        for (const ch of cm[1]) col = col * 26 + ch.charCodeAt(0) - 64;
        if (col === lastCol + 1) ins.push({ at: d.start[c] + cm.index, text: "", del: cm[0].length });
        lastCol = col;
      }
    }
  }
  return splice(xml, ins);
}

/** Every main-namespace element with the prefix `x:` (as some producers and Excel's own XML maps write). */
export function xPrefix(xml: string): string {
  const d = parseXml(xml);
  const ins: Insert[] = [];
  for (let i = 0; i < d.n; i++) {
    if (d.uris[d.ns[i]] !== MAIN) continue;
    ins.push({ at: d.start[i] + 1, text: "x:" });
    if (d.closeStart[i] !== d.openEnd[i]) ins.push({ at: d.closeStart[i] + 2, text: "x:" });
  }
  return splice(xml, ins).replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`);
}

/** Pretty-printed: rows and cells on lines of their own (`\n` or `\r\n`). */
export function pretty(xml: string, nl = "\n"): string {
  const d = parseXml(xml);
  const ins: Insert[] = [];
  for (let i = 0; i < d.n; i++) {
    const l = local(d, i);
    if (l === "row" || l === "c" || l === "sheetData" || l === "mergeCells" || l === "si") ins.push({ at: d.start[i], text: nl + "  " });
    if (l === "row" && d.closeStart[i] !== d.openEnd[i]) ins.push({ at: d.closeStart[i], text: nl + "  " });
  }
  return splice(xml, ins);
}

/** Furigana: each shared string as a rich-text run followed by a phonetic run and its properties. */
export function furigana(xml: string): string {
  return xml.replace(/<si><t( xml:space="preserve")?>([^<]*)<\/t><\/si>/g, (_m, sp: string | undefined, t: string) =>
    `<si><r><rPr><sz val="11"/></rPr><t${sp ?? ""}>${t}</t></r><rPh sb="0" eb="1"><t>ヨミ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>`,
  );
}

/** Inline strings instead of shared strings (no sharedStrings part), as some writers do. */
export function inlineStrings(parts: Parts): Parts {
  const sst = parts.get("xl/sharedStrings.xml");
  if (!sst) return parts;
  const sd = parseXml(dec.decode(sst));
  const items: string[] = [];
  for (let i = 0; i < sd.n; i++) if (local(sd, i) === "si") items.push(sd.text.slice(sd.openEnd[i], sd.closeStart[i]));
  const out = mapText(parts, isSheet, (xml) => {
    const d = parseXml(xml);
    const ins: Insert[] = [];
    for (let i = 0; i < d.n; i++) {
      if (local(d, i) !== "c") continue;
      const tag = xml.slice(d.start[i], d.openEnd[i]);
      if (!/\st="s"/.test(tag)) continue;
      const v = /<v>(\d+)<\/v>/.exec(xml.slice(d.openEnd[i], d.closeStart[i]));
      if (!v) continue;
      ins.push({ at: d.start[i], del: d.end[i] - d.start[i], text: `${tag.replace(/\st="s"/, ' t="inlineStr"')}<is>${items[Number(v[1])]}</is></c>` });
    }
    return splice(xml, ins);
  });
  out.delete("xl/sharedStrings.xml");
  const rels = dec.decode(out.get("xl/_rels/workbook.xml.rels")!).replace(/<Relationship [^>]*sharedStrings[^>]*\/>/, "");
  out.set("xl/_rels/workbook.xml.rels", enc.encode(rels));
  const ct = dec.decode(out.get("[Content_Types].xml")!).replace(/<Override [^>]*sharedStrings[^>]*\/>/, "");
  out.set("[Content_Types].xml", enc.encode(ct));
  return out;
}

/** UTF-16 LE with BOM, declared UTF-16. */
export function utf16(xml: string): Uint8Array {
  const text = xml.replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

/** The package in ISO/IEC 29500 Strict namespaces and relationship types. */
export function strict(parts: Parts): Parts {
  return mapText(parts, (n) => n.endsWith(".xml") || n.endsWith(".rels"), (xml) =>
    xml
      .split("http://schemas.openxmlformats.org/spreadsheetml/2006/main").join("http://purl.oclc.org/ooxml/spreadsheetml/main")
      .split("http://schemas.openxmlformats.org/officeDocument/2006/relationships").join("http://purl.oclc.org/ooxml/officeDocument/relationships"),
  );
}

/** The valid variants: name → parts. */
export function validVariants(base: Parts): [string, Parts][] {
  const bom = new Map(base);
  for (const [n, b] of base) if (isSheetOrSst(n)) bom.set(n, new Uint8Array([0xef, 0xbb, 0xbf, ...b]));
  const u16 = new Map(base);
  for (const [n, b] of base) if (isSheetOrSst(n)) u16.set(n, utf16(dec.decode(b)));
  return [
    ["single-quoted attributes", mapText(base, (n) => n.endsWith(".xml") || n.endsWith(".rels"), singleQuotes)],
    ["UTF-16 sheets and shared strings", u16],
    ["CDATA shared strings", mapText(base, (n) => n === "xl/sharedStrings.xml", cdataStrings)],
    ["comment with an old cell inside each row", mapText(base, isSheet, commentsInRows)],
    ["inline strings, no sharedStrings part", inlineStrings(base)],
    ["rows and cells without r", mapText(base, isSheet, withoutR)],
    ["no <dimension>", mapText(base, isSheet, (x) => x.replace(/<dimension [^>]*\/>/, ""))],
    ["1904 date system", mapText(base, (n) => n === "xl/workbook.xml", (x) => (/<workbookPr\b/.test(x) ? x.replace(/<workbookPr\b/, '<workbookPr date1904="1"') : x.replace(/<sheets>/, '<workbookPr date1904="1"/><sheets>')))],
    ["x: prefixes", mapText(base, isSheetOrSst, xPrefix)],
    ["pretty-printed", mapText(base, isSheetOrSst, (x) => pretty(x))],
    ["pretty-printed with CRLF", mapText(base, isSheetOrSst, (x) => pretty(x, "\r\n"))],
    ["BOM", bom],
    ["rich text with furigana (rPh)", mapText(base, (n) => n === "xl/sharedStrings.xml", furigana)],
    ["Strict OOXML", strict(base)],
  ];
}
