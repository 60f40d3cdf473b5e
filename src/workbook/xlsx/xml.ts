/**
 * XML helpers for OOXML parts on top of the tokenizer (xmldoc.ts): elements are found by their
 * token offsets (comments, CDATA, quotes of either kind, PIs never confuse them) and edits splice
 * text at those offsets, so everything this project does not touch stays byte for byte as it was.
 */
import { attrValue, childrenOf, decodeRefs, docOf, elementsNamed, parseXml, qnameOf, tagAttrs, textOf, type XmlDoc } from "./xmldoc";

export { tagEnd } from "./xmldoc";

/** Replace character and predefined entity references. */
export function decodeXml(s: string): string {
  return decodeRefs(s);
}
/** OOXML ST_Xstring escapes: `_x000D_` → CR. */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Text content for an element: XML-escaped, with characters XML 1.0 cannot hold as `_xHHHH_`. */
export function encodeXmlText(s: string): string {
  return s
    .replace(/_(x[0-9a-fA-F]{4}_)/g, "_x005F_$1")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

export function encodeAttr(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}

/** Attributes of an open tag text (`<c r="A1" s='2'>`), values normalized and decoded. */
export function parseAttrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of tagAttrs(tag)) out[a.name] = attrValue(a.raw);
  return out;
}

/** Set (or add) one attribute in an open tag text; value is encoded. */
export function setAttr(tag: string, name: string, value: string): string {
  const enc = `"${encodeAttr(value)}"`;
  const a = tagAttrs(tag).find((x) => x.name === name);
  if (a) return tag.slice(0, a.start) + name + "=" + enc + tag.slice(a.end);
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}=${enc}${tag.slice(end)}`;
}

export function removeAttr(tag: string, name: string): string {
  const a = tagAttrs(tag).find((x) => x.name === name);
  if (!a) return tag;
  let s = a.start;
  while (s > 0 && /[ \t\r\n]/.test(tag[s - 1])) s--;
  return tag.slice(0, s) + tag.slice(a.end);
}

export interface ElementSpan {
  /** Index of `<`. */
  start: number;
  /** Index just after the open tag's `>`. */
  openEnd: number;
  /** Index of the end tag's `</` (= openEnd for an empty-element tag). */
  closeStart: number;
  /** Index just after the element (after `</x>` or `/>`). */
  end: number;
  selfClosing: boolean;
  /** The open tag text. */
  tag: string;
  /** Element index in the parsed document. */
  index: number;
}

export function spanOf(doc: XmlDoc, i: number): ElementSpan {
  const start = doc.start[i];
  const openEnd = doc.openEnd[i];
  return { start, openEnd, closeStart: doc.closeStart[i], end: doc.end[i], selfClosing: doc.end[i] === openEnd, tag: doc.text.slice(start, openEnd), index: i };
}

function firstAtOrAfter(list: number[], doc: XmlDoc, from: number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.start[list[mid]] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first element named `qname` (exact, with its prefix if any) starting at or after `from` and
 * before `to`. The text must be well-formed XML (it is parsed, once, and cached).
 */
export function findElement(xml: string, qname: string, from = 0, to = xml.length): ElementSpan | null {
  const doc = docOf(xml);
  const list = elementsNamed(doc, qname);
  const k = firstAtOrAfter(list, doc, from);
  if (k >= list.length || doc.start[list[k]] >= to) return null;
  return spanOf(doc, list[k]);
}

/** Elements named `qname` in [from, to), outermost only. */
export function findAll(xml: string, qname: string, from = 0, to = xml.length): ElementSpan[] {
  const doc = docOf(xml);
  const list = elementsNamed(doc, qname);
  const out: ElementSpan[] = [];
  let lastEnd = -1;
  for (let k = firstAtOrAfter(list, doc, from); k < list.length && doc.start[list[k]] < to; k++) {
    if (doc.start[list[k]] < lastEnd) continue;
    out.push(spanOf(doc, list[k]));
    lastEnd = doc.end[list[k]];
  }
  return out;
}

/** Inner text of an element span (between open and close tag). */
export function innerOf(xml: string, e: ElementSpan): string {
  return e.selfClosing ? "" : xml.slice(e.openEnd, e.closeStart);
}

/** Prefix of the root element ("" or "x:"). */
export function rootPrefix(xml: string): string {
  const q = qnameOf(docOf(xml), 0);
  const c = q.indexOf(":");
  return c < 0 ? "" : q.slice(0, c + 1);
}

/** The text of a string item (`<si>`, `<is>`): its `<t>` and rich-text runs' `<t>`, phonetic runs (`<rPh>`) skipped. */
export function stringItemOf(doc: XmlDoc, i: number): string {
  let out = "";
  for (const k of childrenOf(doc, i)) {
    const local = doc.locals[doc.qn[k]];
    if (local === "t") out += textOf(doc, k);
    else if (local === "r") for (const t of childrenOf(doc, k, "t")) out += textOf(doc, t);
  }
  return decodeOoxmlEscapes(out);
}

/** The text of a string item given as its inner XML (prefix `p` for its elements). */
export function stringItemText(inner: string, p: string): string {
  const decl = p ? `xmlns:${p.slice(0, -1)}` : "xmlns";
  const doc = parseXml(`<${p}si ${decl}="urn:plansheet">${inner}</${p}si>`);
  return stringItemOf(doc, 0);
}
