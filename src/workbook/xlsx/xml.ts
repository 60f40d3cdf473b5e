/**
 * String-level XML helpers for OOXML parts. The package is patched as text so that everything this
 * project does not touch stays byte-for-byte as it was (no parse → serialize round trip).
 */

export function decodeXml(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    switch (e) {
      case "lt": return "<";
      case "gt": return ">";
      case "amp": return "&";
      case "quot": return '"';
      case "apos": return "'";
    }
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : m;
  });
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

/** Attributes of an open tag text (`<c r="A1" s="2">`), values decoded. */
export function parseAttrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  // skip the element name
  const sp = tag.search(/[\s/>]/);
  re.lastIndex = sp < 0 ? tag.length : sp;
  while ((m = re.exec(tag))) out[m[1]] = decodeXml(m[3] ?? m[4] ?? "");
  return out;
}

/** Set (or add) one attribute in an open tag text; value is encoded. */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const enc = `"${encodeAttr(value)}"`;
  if (re.test(tag)) return tag.replace(re, (_m, pre: string) => pre + enc);
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}=${enc}${tag.slice(end)}`;
}

export function removeAttr(tag: string, name: string): string {
  const re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*("[^"]*"|'[^']*')`);
  return tag.replace(re, "");
}

export interface ElementSpan {
  /** Index of `<`. */
  start: number;
  /** Index just after the open tag's `>`. */
  openEnd: number;
  /** Index just after the element (after `</x>` or `/>`). */
  end: number;
  selfClosing: boolean;
  /** The open tag text. */
  tag: string;
}

/** End of an open tag starting at `lt` (index after `>`), honouring quoted attribute values. */
export function tagEnd(xml: string, lt: number): number {
  let q = "";
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml[i];
    if (q) { if (c === q) q = ""; }
    else if (c === '"' || c === "'") q = c;
    else if (c === ">") return i + 1;
  }
  return -1;
}

/**
 * Find the next element named `qname` (exact, with its prefix if any) starting at or after `from`
 * and before `to`. Does not handle an element of the same name nested inside itself (OOXML parts
 * used here never do that).
 */
export function findElement(xml: string, qname: string, from = 0, to = xml.length): ElementSpan | null {
  const open = "<" + qname;
  let i = xml.indexOf(open, from);
  while (i >= 0 && i < to) {
    const c = xml[i + open.length];
    if (c === " " || c === ">" || c === "/" || c === "\t" || c === "\n" || c === "\r") {
      const openEnd = tagEnd(xml, i);
      if (openEnd < 0) return null;
      const tag = xml.slice(i, openEnd);
      if (tag.endsWith("/>")) return { start: i, openEnd, end: openEnd, selfClosing: true, tag };
      const close = "</" + qname + ">";
      const j = xml.indexOf(close, openEnd);
      if (j < 0) return null;
      return { start: i, openEnd, end: j + close.length, selfClosing: false, tag };
    }
    i = xml.indexOf(open, i + 1);
  }
  return null;
}

export function findAll(xml: string, qname: string, from = 0, to = xml.length): ElementSpan[] {
  const out: ElementSpan[] = [];
  let p = from;
  for (;;) {
    const e = findElement(xml, qname, p, to);
    if (!e || e.start >= to) break;
    out.push(e);
    p = e.end;
  }
  return out;
}

/** Inner text of an element span (between open and close tag). */
export function innerOf(xml: string, e: ElementSpan): string {
  if (e.selfClosing) return "";
  const close = xml.lastIndexOf("</", e.end - 1);
  return xml.slice(e.openEnd, close);
}

/** Prefix of the root element ("" or "x:"), from the first element after the XML declaration. */
export function rootPrefix(xml: string): string {
  const m = /<(?![?!])([\w.-]+:)?[\w.-]+/.exec(xml);
  return m && m[1] ? m[1] : "";
}

const runRegexes = new Map<string, { rph: RegExp; t: RegExp }>();

/** The text of all `<t>` runs of a string item, skipping phonetic runs (`<rPh>`). */
export function stringItemText(inner: string, p: string): string {
  // fast path: a single plain <t> run
  const tOpen = `<${p}t>`;
  const tClose = `</${p}t>`;
  if (inner.startsWith(tOpen) && inner.endsWith(tClose) && inner.indexOf("<", 1) === inner.length - tClose.length) {
    return decodeOoxmlEscapes(decodeXml(inner.slice(tOpen.length, inner.length - tClose.length)));
  }
  let rx = runRegexes.get(p);
  if (!rx) {
    rx = {
      rph: new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, "g"),
      t: new RegExp(`<${p}t(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${p}t>)`, "g"),
    };
    runRegexes.set(p, rx);
  }
  if (inner.indexOf("<" + p + "rPh") >= 0) inner = inner.replace(rx.rph, "");
  let out = "";
  rx.t.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = rx.t.exec(inner))) if (m[1]) out += m[1];
  return decodeOoxmlEscapes(decodeXml(out));
}
