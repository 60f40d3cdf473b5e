/**
 * An XML 1.0 (5th edition) + Namespaces 1.0 tokenizer for OOXML parts: one pass over the text,
 * checks well-formedness (names, characters, quotes of either kind, comments, CDATA, processing
 * instructions, character and predefined entity references, end tags, attribute uniqueness,
 * namespace bindings) and records every element's offsets, so that a part can be read and
 * patched by position while every other byte stays as it was.
 *
 * Refused (XmlError, with the offset, line and column): anything not well-formed, a DOCTYPE (no
 * DTDs, no entity declarations: OOXML never uses them), bytes that are not valid in the declared
 * encoding. Encodings: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or detected from `<?`),
 * and any other encoding the platform's TextDecoder knows when the declaration names it.
 *
 * Time and memory are linear in the size of the text: no recursion, no backtracking regexes,
 * every forward search is done once (pointers to the next `&`, `<`, `]]>`).
 * The W3C conformance suite's well-formedness cases run in test/workbook/xml-conformance.test.ts.
 */

export type XmlProblem =
  | "doctype"
  | "encoding"
  | "badBytes"
  | "syntax"
  | "char"
  | "reference"
  | "mismatch"
  | "unclosed"
  | "attribute"
  | "namespace";

export class XmlError extends Error {
  line = 0;
  col = 0;
  constructor(
    readonly problem: XmlProblem,
    readonly offset: number,
    detail = "",
  ) {
    super(`${problem} at ${offset}${detail ? `: ${detail}` : ""}`);
    this.name = "XmlError";
  }
}

function fail(problem: XmlProblem, offset: number, text: string | null, detail = ""): never {
  const e = new XmlError(problem, offset, detail);
  if (text !== null) {
    let line = 1;
    let last = -1;
    for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
      line++;
      last = i;
    }
    e.line = line;
    e.col = offset - last;
  }
  throw e;
}

// ---- encodings -----------------------------------------------------------------------------------

export interface DecodedPart {
  text: string;
  /** "utf-8", "utf-16le", "utf-16be" or another TextDecoder label (written back as UTF-8). */
  encoding: string;
  bom: boolean;
}

const DECL_ENCODING = /^<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/;

function declaredEncoding(head: string): string | null {
  const m = DECL_ENCODING.exec(head);
  return m ? (m[1] ?? m[2] ?? "").toLowerCase() : null;
}

/** Offset of the first byte that is not valid UTF-8 (for the message), or -1. */
function firstBadUtf8(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let n = 0, min = 0;
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

type Decoder = { decode(b: Uint8Array): string };
const decoders = new Map<string, Decoder>();
function decoder(label: string): Decoder | null {
  let d = decoders.get(label);
  if (!d) {
    try {
      d = new TextDecoder(label, { fatal: true, ignoreBOM: true });
    } catch {
      return null;
    }
    decoders.set(label, d);
  }
  return d;
}

/** Decode the bytes of an XML part by its BOM and declaration. Throws XmlError. */
export function decodeXmlBytes(b: Uint8Array): DecodedPart {
  let encoding = "utf-8";
  let bom = false;
  let skip = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) { bom = true; skip = 3; }
  else if (b[0] === 0xff && b[1] === 0xfe) { encoding = "utf-16le"; bom = true; skip = 2; }
  else if (b[0] === 0xfe && b[1] === 0xff) { encoding = "utf-16be"; bom = true; skip = 2; }
  else if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) encoding = "utf-16le";
  else if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) encoding = "utf-16be";
  if (encoding === "utf-8") {
    // UTF-8 first (what OOXML parts are); the declaration is then read from the text
    let text: string | null = null;
    try {
      text = decoder("utf-8")!.decode(b.subarray(skip));
    } catch {
      text = null;
    }
    let declared: string | null;
    if (text !== null) declared = declaredEncoding(text);
    else {
      let head = "";
      for (let i = skip; i < Math.min(b.length, skip + 256); i++) head += String.fromCharCode(b[i]);
      declared = declaredEncoding(head);
    }
    if (declared === null || /^(utf-?8|us-ascii|ascii)$/.test(declared)) {
      if (text === null) fail("badBytes", Math.max(0, firstBadUtf8(b, skip)), null, "invalid UTF-8");
      return { text, encoding, bom };
    }
    if (bom || /^(utf-?16|iso-10646-ucs-2|ucs-2)/.test(declared)) fail("encoding", 0, null, `declares ${declared}, encoded as UTF-8`);
    const d = decoder(declared);
    if (!d) fail("encoding", 0, null, `unsupported encoding ${declared}`);
    try {
      return { text: d.decode(b.subarray(skip)), encoding: declared, bom: false };
    } catch {
      return fail("badBytes", 0, null, declared);
    }
  }
  let text: string;
  try {
    text = decoder(encoding)!.decode(b.subarray(skip));
  } catch {
    return fail("badBytes", 0, null, `invalid ${encoding}`);
  }
  const declared = declaredEncoding(text);
  if (declared !== null && !/^(utf-?16(le|be)?|iso-10646-ucs-2|ucs-2)$/.test(declared)) fail("encoding", 0, text, `declares ${declared}, encoded as UTF-16`);
  return { text, encoding, bom };
}

/** Encode a part's text back as it was read (UTF-16 stays UTF-16; other encodings become UTF-8, re-declared). */
export function encodePart(text: string, how: DecodedPart | null): Uint8Array {
  const enc = how?.encoding ?? "utf-8";
  if (enc === "utf-16le" || enc === "utf-16be") {
    const off = how!.bom ? 2 : 0;
    const out = new Uint8Array(off + text.length * 2);
    const le = enc === "utf-16le";
    if (how!.bom) { out[0] = le ? 0xff : 0xfe; out[1] = le ? 0xfe : 0xff; }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[off + 2 * i + (le ? 0 : 1)] = c & 0xff;
      out[off + 2 * i + (le ? 1 : 0)] = c >> 8;
    }
    return out;
  }
  if (enc !== "utf-8") {
    text = text.replace(/^(<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*)(?:"[^"]*"|'[^']*')/, '$1"UTF-8"');
  }
  const body = new TextEncoder().encode(text);
  if (!how?.bom || enc !== "utf-8") return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

// ---- the document ------------------------------------------------------------------------------

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

/** Elements in document order, by index; offsets into `text`. */
export interface XmlDoc {
  text: string;
  /** Number of elements. */
  n: number;
  /** Offset of `<` of the start tag. */
  start: Int32Array;
  /** Offset just after the start tag (`>` or `/>`). */
  openEnd: Int32Array;
  /** Offset of `</` of the end tag (= openEnd when the element is empty-tag). */
  closeStart: Int32Array;
  /** Offset just after the element. */
  end: Int32Array;
  /** Index of the first element after this one's subtree (next sibling or later). */
  after: Int32Array;
  parent: Int32Array;
  /** Qualified name, as an index into `names`. */
  qn: Int32Array;
  /** Namespace URI, as an index into `uris` (0 = no namespace). */
  ns: Int32Array;
  names: string[];
  locals: string[];
  uris: string[];
  /** Elements by qualified name, built on first use. */
  byName?: Map<string, number[]>;
}

export interface ParseOptions {
  /** Apply Namespaces in XML 1.0 (default true). */
  namespaces?: boolean;
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

function isNameStartCp(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a ||
    (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff) || (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) || (c >= 0x200c && c <= 0x200d) || (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) || (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) || (c >= 0x10000 && c <= 0xeffff)
  );
}
function isNameCp(c: number): boolean {
  return (
    isNameStartCp(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040)
  );
}

/** Characters XML 1.0 does not allow, and surrogates (checked for pairing where found). */
const BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** Offset of the first character XML 1.0 does not allow (a lone surrogate included), or -1. */
function badChar(s: string): number {
  BAD_CHAR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BAD_CHAR.exec(s))) {
    const i = m.index;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        BAD_CHAR.lastIndex = i + 2;
        continue;
      }
    }
    return i;
  }
  return -1;
}
const XML_DECL =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

const isXmlChar = (c: number) =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** End of a Name starting at i in s (i when there is none). */
function scanName(s: string, i: number): number {
  let c = s.charCodeAt(i);
  if (c >= 0x80) {
    const cp = s.codePointAt(i)!;
    if (!isNameStartCp(cp)) return i;
    i += cp > 0xffff ? 2 : 1;
  } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a) i++;
  else return i;
  for (;;) {
    c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x5f || c === 0x2d || c === 0x2e) i++;
    else if (c >= 0x80) {
      const cp = s.codePointAt(i)!;
      if (!isNameCp(cp)) return i;
      i += cp > 0xffff ? 2 : 1;
    } else return i;
  }
}

function skipWs(s: string, i: number): number {
  const L = s.length;
  while (i < L && isWs(s.charCodeAt(i))) i++;
  return i;
}

function colonIn(s: string, from: number, to: number): number {
  for (let k = from; k < to; k++) if (s.charCodeAt(k) === 0x3a) return k;
  return -1;
}

/** Parse (and check) a whole XML document. Throws XmlError. */
export function parseXml(s: string, opts: ParseOptions = {}): XmlDoc {
  const nsAware = opts.namespaces !== false;
  const bad = badChar(s);
  if (bad >= 0) fail("char", bad, s, `U+${(s.codePointAt(bad) ?? 0).toString(16).toUpperCase()}`);
  return new Tokenizer(s, nsAware).run();
}

/**
 * One pass over a document. The work is split into small methods (a start tag, an end tag, the text
 * between) rather than one function: V8 optimises each on its own and soon, where one function of
 * over 5 KB of bytecode took TurboFan about 90 ms to compile, twice (again for on-stack
 * replacement), while the parts of the first files were read slowly.
 */
class Tokenizer {
  private readonly L: number;
  // one buffer for the eight columns (an element takes at least 4 characters: `<a/>`)
  private cap: number;
  private start!: Int32Array;
  private openEnd!: Int32Array;
  private closeStart!: Int32Array;
  private end!: Int32Array;
  private after!: Int32Array;
  private parent!: Int32Array;
  private qn!: Int32Array;
  private nsA!: Int32Array;
  private n = 0;
  private readonly names: string[] = [];
  private readonly locals: string[] = [];
  private readonly prefixes: string[] = [];
  private readonly nameIdx = new Map<string, number>();
  private readonly uris: string[] = [""];
  private readonly uriIdx = new Map<string, number>([["", 0]]);
  // namespace bindings: parallel stacks; each element remembers how many there were before it
  private readonly bPrefix: string[] = ["xml"];
  private readonly bUri: number[];
  private defaultNs = 0;
  private readonly defaultStack: number[] = [];
  private readonly bindMark: number[] = [];
  // forward pointers (each search runs once over the text)
  private nextAmp = -2;
  private nextCdEnd = -2;
  private nextLt = -2;
  // the attributes of the start tag being read
  private readonly attrNames: string[] = [];
  private readonly attrAt: number[] = [];
  private readonly attrLen: number[] = [];
  private attrCount = 0;
  private selfClose = false;
  // the same few element names repeat (row, c, v…): the last four are tried before slicing and hashing
  private readonly recent = [-1, -1, -1, -1];
  private recentAt = 0;
  private readonly stack: number[] = [];

  constructor(
    private readonly s: string,
    private readonly nsAware: boolean,
  ) {
    const L = (this.L = s.length);
    this.cap = Math.max(16, Math.min(L >> 2, (L >> 4) + 64));
    this.columns(new Int32Array(this.cap * 8));
    this.bUri = [this.internUri(XML_NS)];
  }

  private columns(buf: Int32Array): void {
    const cap = this.cap;
    this.start = buf.subarray(0, cap);
    this.openEnd = buf.subarray(cap, 2 * cap);
    this.closeStart = buf.subarray(2 * cap, 3 * cap);
    this.end = buf.subarray(3 * cap, 4 * cap);
    this.after = buf.subarray(4 * cap, 5 * cap);
    this.parent = buf.subarray(5 * cap, 6 * cap);
    this.qn = buf.subarray(6 * cap, 7 * cap);
    this.nsA = buf.subarray(7 * cap, 8 * cap);
  }

  private grow(): void {
    const old = [this.start, this.openEnd, this.closeStart, this.end, this.after, this.parent, this.qn, this.nsA];
    this.cap *= 2;
    const buf = new Int32Array(this.cap * 8);
    for (let k = 0; k < 8; k++) buf.set(old[k], k * this.cap);
    this.columns(buf);
  }

  private internUri(u: string): number {
    let k = this.uriIdx.get(u);
    if (k === undefined) {
      k = this.uris.length;
      this.uris.push(u);
      this.uriIdx.set(u, k);
    }
    return k;
  }

  private ampFrom(i: number): number {
    if (this.nextAmp !== -1 && this.nextAmp < i) this.nextAmp = this.s.indexOf("&", i);
    return this.nextAmp < 0 ? this.L : this.nextAmp;
  }
  private cdEndFrom(i: number): number {
    if (this.nextCdEnd !== -1 && this.nextCdEnd < i) this.nextCdEnd = this.s.indexOf("]]>", i);
    return this.nextCdEnd < 0 ? this.L : this.nextCdEnd;
  }
  private ltFrom(i: number): number {
    if (this.nextLt !== -1 && this.nextLt < i) this.nextLt = this.s.indexOf("<", i);
    return this.nextLt < 0 ? this.L : this.nextLt;
  }

  /** Check the references in [from, to); returns nothing, throws on a bad one. */
  private checkRefs(from: number, to: number): void {
    const s = this.s;
    for (let a = this.ampFrom(from); a < to; a = this.ampFrom(a + 1)) {
      if (s.charCodeAt(a + 1) === 0x23) {
        let j = a + 2;
        let v = 0;
        const hex = s.charCodeAt(j) === 0x78;
        if (hex) j++;
        const d0 = j;
        for (;;) {
          const c = s.charCodeAt(j);
          let d: number;
          if (c >= 0x30 && c <= 0x39) d = c - 0x30;
          else if (hex && c >= 0x61 && c <= 0x66) d = c - 0x57;
          else if (hex && c >= 0x41 && c <= 0x46) d = c - 0x37;
          else break;
          v = v * (hex ? 16 : 10) + d;
          if (v > 0x10ffff) v = 0x110000;
          j++;
        }
        if (j === d0 || s.charCodeAt(j) !== 0x3b) fail("reference", a, s, "character reference");
        if (!isXmlChar(v)) fail("reference", a, s, `character reference to U+${v.toString(16).toUpperCase()}`);
      } else {
        const e = scanName(s, a + 1);
        if (e === a + 1 || s.charCodeAt(e) !== 0x3b) fail("reference", a, s, "&");
        if (PREDEFINED[s.slice(a + 1, e)] === undefined) fail("reference", a, s, `undefined entity ${s.slice(a + 1, e)}`);
      }
    }
  }

  private comment(i: number): number {
    const s = this.s;
    const e = s.indexOf("-->", i + 4);
    if (e < 0) fail("unclosed", i, s, "comment");
    const dd = s.indexOf("--", i + 4);
    if (dd < e) fail("syntax", dd, s, "-- in a comment");
    return e + 3;
  }

  private pi(i: number): number {
    const s = this.s;
    const ne = scanName(s, i + 2);
    if (ne === i + 2) fail("syntax", i, s, "processing instruction without target");
    const target = s.slice(i + 2, ne);
    if (target.toLowerCase() === "xml") fail("syntax", i, s, "XML declaration not at the start");
    if (this.nsAware && target.includes(":")) fail("namespace", i, s, "colon in a processing instruction target");
    if (s.startsWith("?>", ne)) return ne + 2;
    if (!isWs(s.charCodeAt(ne))) fail("syntax", ne, s, "processing instruction");
    const e = s.indexOf("?>", ne);
    if (e < 0) fail("unclosed", i, s, "processing instruction");
    return e + 2;
  }

  private checkNcQname(qname: string, at: number): void {
    const c = qname.indexOf(":");
    if (c < 0) return;
    if (c === 0 || c === qname.length - 1 || qname.indexOf(":", c + 1) >= 0) fail("namespace", at, this.s, `name ${qname}`);
    const lc = qname.codePointAt(c + 1)!;
    if (!isNameStartCp(lc)) fail("namespace", at, this.s, `name ${qname}`);
  }

  private lookup(prefix: string, at: number): number {
    const bPrefix = this.bPrefix;
    for (let k = bPrefix.length - 1; k >= 0; k--) if (bPrefix[k] === prefix) return this.bUri[k];
    return fail("namespace", at, this.s, `prefix ${prefix} is not bound`);
  }

  run(): XmlDoc {
    const s = this.s;
    const L = this.L;
    // ---- prolog
    let i = 0;
    if (s.startsWith("<?xml") && isWs(s.charCodeAt(5))) {
      XML_DECL.lastIndex = 0;
      if (!XML_DECL.test(s)) fail("syntax", 0, s, "XML declaration");
      i = XML_DECL.lastIndex;
    }
    let rootDone = false;
    for (;;) {
      i = skipWs(s, i);
      if (i >= L) break;
      if (s.charCodeAt(i) !== 0x3c) fail("syntax", i, s, "text outside the root element");
      const c1 = s.charCodeAt(i + 1);
      if (c1 === 0x3f) {
        i = this.pi(i);
        continue;
      }
      if (s.startsWith("<!--", i)) {
        i = this.comment(i);
        continue;
      }
      if (s.startsWith("<!DOCTYPE", i)) fail("doctype", i, s);
      if (rootDone || c1 === 0x21 || c1 === 0x2f) fail("syntax", i, s, rootDone ? "content after the root element" : "markup");
      i = this.root(i);
      rootDone = true;
    }
    if (!rootDone) fail("syntax", L, s, "no root element");
    const n = this.n;
    return {
      text: s,
      n,
      start: this.start.subarray(0, n),
      openEnd: this.openEnd.subarray(0, n),
      closeStart: this.closeStart.subarray(0, n),
      end: this.end.subarray(0, n),
      after: this.after.subarray(0, n),
      parent: this.parent.subarray(0, n),
      qn: this.qn.subarray(0, n),
      ns: this.nsA.subarray(0, n),
      names: this.names,
      locals: this.locals,
      uris: this.uris,
    };
  }

  /** The root element and its content, from its `<`; returns the offset after its end. */
  private root(i: number): number {
    const s = this.s;
    const L = this.L;
    const stack = this.stack;
    for (;;) {
      // here s[i] === "<"
      const c = s.charCodeAt(i + 1);
      if (c === 0x2f) {
        i = this.endTag(i);
        if (stack.length === 0) return i;
      } else if (c === 0x21) {
        if (s.startsWith("<!--", i)) i = this.comment(i);
        else if (s.startsWith("<![CDATA[", i)) {
          const e = this.cdEndFrom(i + 9);
          if (e >= L) fail("unclosed", i, s, "CDATA section");
          i = e + 3;
          this.nextCdEnd = -2;
        } else fail("syntax", i, s, "<!");
      } else if (c === 0x3f) i = this.pi(i);
      else {
        i = this.startTag(i);
        if (stack.length === 0) return i;
      }
      // character data up to the next "<"
      const lt = this.ltFrom(i);
      if (lt >= L) {
        const top = stack[stack.length - 1];
        fail("unclosed", this.start[top], s, `<${this.names[this.qn[top]]}> is not closed`);
      }
      if (lt > i) {
        if (this.cdEndFrom(i) < lt) fail("syntax", this.nextCdEnd, s, "]]> in text");
        this.checkRefs(i, lt);
      }
      i = lt;
    }
  }

  /** An end tag at i (`</`); returns the offset after it. */
  private endTag(i: number): number {
    const s = this.s;
    const stack = this.stack;
    const top = stack[stack.length - 1];
    const want = this.names[this.qn[top]];
    const ne = scanName(s, i + 2);
    if (ne - (i + 2) !== want.length || !s.startsWith(want, i + 2)) fail("mismatch", i, s, `</${s.slice(i + 2, ne)}> closes <${want}>`);
    const gt = skipWs(s, ne);
    if (s.charCodeAt(gt) !== 0x3e) fail("syntax", gt, s, "end tag");
    this.closeStart[top] = i;
    this.end[top] = gt + 1;
    this.after[top] = this.n;
    stack.pop();
    if (this.nsAware) this.popBindings();
    return gt + 1;
  }

  private popBindings(): void {
    const m = this.bindMark.pop()!;
    if (this.bPrefix.length !== m) {
      this.bPrefix.length = m;
      this.bUri.length = m;
    }
    this.defaultNs = this.defaultStack.pop()!;
  }

  /** The index of the element name [i + 1, ne) in `names` (added when new). */
  private nameAt(i: number, ne: number): number {
    const s = this.s;
    const names = this.names;
    const recent = this.recent;
    const nlen = ne - i - 1;
    for (let m = 0; m < 4; m++) {
      const cand = recent[m];
      if (cand >= 0 && names[cand].length === nlen && s.startsWith(names[cand], i + 1)) return cand;
    }
    const qname = s.slice(i + 1, ne);
    let k = this.nameIdx.get(qname) ?? -1;
    if (k < 0) {
      if (this.nsAware) this.checkNcQname(qname, i);
      k = names.length;
      names.push(qname);
      const colon = qname.indexOf(":");
      this.locals.push(colon < 0 ? qname : qname.slice(colon + 1));
      this.prefixes.push(colon < 0 ? "" : qname.slice(0, colon));
      this.nameIdx.set(qname, k);
    }
    recent[this.recentAt] = k;
    this.recentAt = (this.recentAt + 1) & 3;
    return k;
  }

  /** A start tag at i; returns the offset after it (the element is on the stack unless it was `<a/>`). */
  private startTag(i: number): number {
    const s = this.s;
    const ne = scanName(s, i + 1);
    if (ne === i + 1) fail("syntax", i, s, "<");
    if (this.n === this.cap) this.grow();
    const el = this.n++;
    const stack = this.stack;
    this.start[el] = i;
    this.parent[el] = stack.length ? stack[stack.length - 1] : -1;
    const k = this.nameAt(i, ne);
    this.qn[el] = k;
    if (this.nsAware) {
      this.bindMark.push(this.bPrefix.length);
      this.defaultStack.push(this.defaultNs);
    }
    const j = this.attributes(i, ne, k);
    this.openEnd[el] = j;
    if (this.nsAware) {
      const prefix = this.prefixes[k];
      this.nsA[el] = prefix === "" ? this.defaultNs : this.lookup(prefix, i);
      if (this.attrCount) this.checkPrefixedAttributes(i);
    } else this.nsA[el] = 0;
    if (this.selfClose) {
      this.closeStart[el] = j;
      this.end[el] = j;
      this.after[el] = this.n;
      if (this.nsAware) this.popBindings();
    } else stack.push(el);
    return j;
  }

  /** The attributes of the start tag at i (its name ends at ne); returns the offset after the tag. */
  private attributes(i: number, ne: number, k: number): number {
    const s = this.s;
    const L = this.L;
    const attrAt = this.attrAt;
    const attrLen = this.attrLen;
    let attrCount = 0;
    let j = ne;
    this.selfClose = false;
    for (;;) {
      const j0 = j;
      j = skipWs(s, j);
      const ch = s.charCodeAt(j);
      if (ch === 0x3e) {
        j++;
        break;
      }
      if (ch === 0x2f) {
        if (s.charCodeAt(j + 1) !== 0x3e) fail("syntax", j, s, "/ in a tag");
        j += 2;
        this.selfClose = true;
        break;
      }
      if (j >= L) fail("unclosed", i, s, `<${this.names[k]}`);
      if (j === j0) fail("syntax", j, s, "attribute without a space before it");
      const an = scanName(s, j);
      if (an === j) fail("syntax", j, s, "attribute name");
      const alen = an - j;
      for (let q = 0; q < attrCount; q++) {
        if (attrLen[q] !== alen) continue;
        let same = true;
        for (let m = 0; m < alen && same; m++) same = s.charCodeAt(attrAt[q] + m) === s.charCodeAt(j + m);
        if (same) fail("attribute", j, s, `${s.slice(j, an)} twice`);
      }
      attrAt[attrCount] = j;
      attrLen[attrCount] = alen;
      attrCount++;
      let e = skipWs(s, an);
      if (s.charCodeAt(e) !== 0x3d) fail("syntax", e, s, "= expected");
      e = skipWs(s, e + 1);
      const q = s.charCodeAt(e);
      if (q !== 0x22 && q !== 0x27) fail("syntax", e, s, "quote expected");
      const ve = s.indexOf(q === 0x22 ? '"' : "'", e + 1);
      if (ve < 0) fail("unclosed", e, s, "attribute value");
      if (this.ltFrom(e + 1) < ve) fail("syntax", this.nextLt, s, "< in an attribute value");
      this.checkRefs(e + 1, ve);
      if (this.nsAware) {
        if (s.charCodeAt(j) === 0x78 && s.startsWith("xmlns", j) && (alen === 5 || s.charCodeAt(j + 5) === 0x3a)) this.declare(j, an, e, ve);
        else if (colonIn(s, j, an) >= 0) this.checkNcQname(s.slice(j, an), j);
      }
      j = ve + 1;
    }
    this.attrCount = attrCount;
    return j;
  }

  /** A namespace declaration: attribute [j, an), value (e, ve). */
  private declare(j: number, an: number, e: number, ve: number): void {
    const s = this.s;
    const aname = s.slice(j, an);
    const uri = attrValue(s.slice(e + 1, ve));
    if (aname.length === 5) {
      if (uri === XML_NS || uri === XMLNS_NS) fail("namespace", j, s, "reserved namespace");
      this.defaultNs = this.internUri(uri);
    } else {
      const prefix = aname.slice(6);
      if (prefix === "" || prefix.includes(":")) fail("namespace", j, s, `name ${aname}`);
      if (prefix === "xmlns") fail("namespace", j, s, "xmlns prefix declared");
      if (uri === "") fail("namespace", j, s, `prefix ${prefix} bound to ""`);
      if ((prefix === "xml") !== (uri === XML_NS) || uri === XMLNS_NS) fail("namespace", j, s, "reserved namespace");
      this.bPrefix.push(prefix);
      this.bUri.push(this.internUri(uri));
    }
  }

  /** Prefixed attributes of the start tag at i: bound, and no two the same in namespace and local name. */
  private checkPrefixedAttributes(i: number): void {
    const s = this.s;
    const attrAt = this.attrAt;
    const attrLen = this.attrLen;
    const attrNames = this.attrNames;
    let prefixed = 0;
    for (let q = 0; q < this.attrCount; q++) {
      const colon = colonIn(s, attrAt[q], attrAt[q] + attrLen[q]);
      if (colon < 0) continue;
      const a = s.slice(attrAt[q], attrAt[q] + attrLen[q]);
      if (a.startsWith("xmlns:")) continue;
      this.lookup(a.slice(0, colon - attrAt[q]), attrAt[q]);
      attrNames[prefixed++] = a;
    }
    if (prefixed > 1) {
      const seen = new Set<string>();
      for (let q = 0; q < prefixed; q++) {
        const a = attrNames[q];
        const col = a.indexOf(":");
        const key = `${this.lookup(a.slice(0, col), 0)} ${a.slice(col + 1)}`;
        if (seen.has(key)) fail("attribute", i, s, `${a} twice (same namespace)`);
        seen.add(key);
      }
    }
  }
}

// ---- reading values ------------------------------------------------------------------------------

/** Replace character and predefined references (the text was checked by parseXml). */
export function decodeRefs(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    const p = PREDEFINED[e];
    if (p !== undefined) return p;
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return isXmlChar(code) ? String.fromCodePoint(code) : m;
  });
}

/**
 * Kept as one object: a regular expression literal inside a function is a new RegExp object each
 * time the function runs (and this one runs for every attribute read).
 */
const TAB_OR_LINE_END = /[\t\n\r]/;

/** An attribute value as the XML processor sees it (literal whitespace normalized, references replaced). */
export function attrValue(raw: string): string {
  if (raw.indexOf("&") < 0 && !TAB_OR_LINE_END.test(raw)) return raw;
  return decodeRefs(raw.replace(/\r\n|[\t\n\r]/g, " "));
}

/** Character data of [from, to): CDATA kept, comments and PIs skipped, line ends normalized. */
export function charData(s: string, from: number, to: number): string {
  const lt = s.indexOf("<", from);
  if (lt < 0 || lt >= to) {
    const raw = s.slice(from, to);
    return decodeRefs(raw.indexOf("\r") >= 0 ? raw.replace(/\r\n?/g, "\n") : raw);
  }
  let out = "";
  let i = from;
  while (i < to) {
    const l = s.indexOf("<", i);
    const stop = l < 0 || l > to ? to : l;
    if (stop > i) {
      const raw = s.slice(i, stop);
      out += decodeRefs(raw.indexOf("\r") >= 0 ? raw.replace(/\r\n?/g, "\n") : raw);
    }
    if (stop >= to) break;
    if (s.startsWith("<![CDATA[", stop)) {
      const e = s.indexOf("]]>", stop + 9);
      const raw = s.slice(stop + 9, e);
      out += raw.indexOf("\r") >= 0 ? raw.replace(/\r\n?/g, "\n") : raw;
      i = e + 3;
    } else if (s.startsWith("<!--", stop)) i = s.indexOf("-->", stop + 4) + 3;
    else if (s.startsWith("<?", stop)) i = s.indexOf("?>", stop + 2) + 2;
    else {
      // a child element: skip to its end (its text is not ours)
      i = skipElement(s, stop);
    }
  }
  return out;
}

/** End of the element starting at `lt` in checked text (nested elements of any name). */
function skipElement(s: string, lt: number): number {
  let depth = 0;
  let i = lt;
  for (;;) {
    const e = tagEnd(s, i);
    if (s.charCodeAt(i + 1) === 0x2f) depth--;
    else if (s.charCodeAt(e - 2) !== 0x2f) depth++;
    if (depth === 0) return e;
    // next markup that is a tag
    let l = s.indexOf("<", e);
    for (;;) {
      if (s.startsWith("<![CDATA[", l)) l = s.indexOf("<", s.indexOf("]]>", l) + 3);
      else if (s.startsWith("<!--", l)) l = s.indexOf("<", s.indexOf("-->", l) + 3);
      else if (s.startsWith("<?", l)) l = s.indexOf("<", s.indexOf("?>", l) + 2);
      else break;
    }
    i = l;
  }
}

/** Index after the `>` of the tag starting at `lt`, honouring quoted attribute values. */
export function tagEnd(s: string, lt: number): number {
  let q = 0;
  for (let i = lt + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (q) { if (c === q) q = 0; }
    else if (c === 0x22 || c === 0x27) q = c;
    else if (c === 0x3e) return i + 1;
  }
  return -1;
}

export interface AttrSpan {
  name: string;
  /** Offset of the name (in the tag text). */
  start: number;
  /** Offset just after the closing quote. */
  end: number;
  raw: string;
}

/** The attributes of a start tag's text (`<c r='A1' s="2">`), with their spans. */
export function tagAttrs(tag: string): AttrSpan[] {
  const out: AttrSpan[] = [];
  let i = 1;
  while (i < tag.length && !isWs(tag.charCodeAt(i)) && tag[i] !== ">" && tag[i] !== "/") i++;
  for (;;) {
    while (i < tag.length && isWs(tag.charCodeAt(i))) i++;
    if (i >= tag.length || tag[i] === ">" || tag[i] === "/") return out;
    const ns = i;
    while (i < tag.length && !isWs(tag.charCodeAt(i)) && tag[i] !== "=") i++;
    const name = tag.slice(ns, i);
    while (i < tag.length && tag[i] !== '"' && tag[i] !== "'") i++;
    const q = tag[i];
    const ve = tag.indexOf(q, i + 1);
    if (ve < 0) return out;
    out.push({ name, start: ns, end: ve + 1, raw: tag.slice(i + 1, ve) });
    i = ve + 1;
  }
}

/** Attributes of element `i` (values normalized and decoded). */
export function attrsOf(doc: XmlDoc, i: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of tagAttrs(doc.text.slice(doc.start[i], doc.openEnd[i]))) out[a.name] = attrValue(a.raw);
  return out;
}

/** One attribute of element `i`, or undefined. */
export function attrOf(doc: XmlDoc, i: number, name: string): string | undefined {
  const s = doc.text;
  let k = doc.start[i] + doc.names[doc.qn[i]].length + 1;
  const to = doc.openEnd[i];
  for (;;) {
    while (k < to && isWs(s.charCodeAt(k))) k++;
    const c = s.charCodeAt(k);
    if (k >= to || c === 0x3e || c === 0x2f) return undefined;
    const ns = k;
    while (!isWs(s.charCodeAt(k)) && s.charCodeAt(k) !== 0x3d) k++;
    const ne = k;
    while (s.charCodeAt(k) !== 0x22 && s.charCodeAt(k) !== 0x27) k++;
    const ve = s.indexOf(s.charCodeAt(k) === 0x22 ? '"' : "'", k + 1);
    if (ne - ns === name.length && s.startsWith(name, ns)) return attrValue(s.slice(k + 1, ve));
    k = ve + 1;
  }
}

export function localName(doc: XmlDoc, i: number): string {
  return doc.locals[doc.qn[i]];
}

export function nsOf(doc: XmlDoc, i: number): string {
  return doc.uris[doc.ns[i]];
}

export function qnameOf(doc: XmlDoc, i: number): string {
  return doc.names[doc.qn[i]];
}

/** Prefix (with its colon, or "") of element i. */
export function prefixOf(doc: XmlDoc, i: number): string {
  const q = doc.names[doc.qn[i]];
  const c = q.indexOf(":");
  return c < 0 ? "" : q.slice(0, c + 1);
}

/** Child elements of `i` (all when `local` is omitted; else those with that local name, in i's namespace). */
export function childrenOf(doc: XmlDoc, i: number, local?: string): number[] {
  const out: number[] = [];
  const stop = doc.after[i];
  const ns = doc.ns[i];
  for (let j = i + 1; j < stop; j = doc.after[j]) {
    if (local === undefined || (doc.locals[doc.qn[j]] === local && doc.ns[j] === ns)) out.push(j);
  }
  return out;
}

/** First child of `i` with that local name in i's namespace, or -1. */
export function childOf(doc: XmlDoc, i: number, local: string): number {
  const stop = doc.after[i];
  const ns = doc.ns[i];
  for (let j = i + 1; j < stop; j = doc.after[j]) if (doc.locals[doc.qn[j]] === local && doc.ns[j] === ns) return j;
  return -1;
}

/** Character data directly inside element i. */
export function textOf(doc: XmlDoc, i: number): string {
  return charData(doc.text, doc.openEnd[i], doc.closeStart[i]);
}

/** Elements with this qualified name, in document order. */
export function elementsNamed(doc: XmlDoc, qname: string): number[] {
  if (!doc.byName) {
    const m = new Map<string, number[]>();
    for (let i = 0; i < doc.n; i++) {
      const q = doc.names[doc.qn[i]];
      let l = m.get(q);
      if (!l) m.set(q, (l = []));
      l.push(i);
    }
    doc.byName = m;
  }
  return doc.byName.get(qname) ?? [];
}

// ---- a small cache: the same text is parsed once ---------------------------------------------------

/**
 * The last documents parsed (at most CACHE_DOCS), oldest first. Found by comparing texts, not by a
 * map: a map would hash every part's whole text as it is read, and texts of another length differ
 * at once.
 */
const cache: XmlDoc[] = [];
const CACHE_DOCS = 8;

function cached(text: string): XmlDoc | undefined {
  for (let i = cache.length - 1; i >= 0; i--) if (cache[i].text === text) return cache[i];
  return undefined;
}

/** The parsed document of a text (cached: patch helpers call this repeatedly on the same part). */
export function docOf(text: string): XmlDoc {
  let d = cached(text);
  if (d) return d;
  d = parseXml(text);
  rememberDoc(d);
  return d;
}

/** Remember a document parsed elsewhere (so docOf(text) does not parse it again). */
export function rememberDoc(d: XmlDoc): void {
  if (cache.length >= CACHE_DOCS) cache.shift();
  cache.push(d);
}
