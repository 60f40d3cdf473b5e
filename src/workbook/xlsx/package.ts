/**
 * An OOXML package held as its original ZIP entries plus the parts this project changed. Unchanged
 * parts are written back with their original compressed bytes.
 */
import { xmlErrorToFileError, zipErrorToFileError } from "./open";
import { WorkbookFileError, formatBytes } from "./errors";
import { inflateEntry, writeZip, type OutEntry, type ZipEntry } from "./zip";
import { encodeAttr, findAll, findElement, parseAttrs, rootPrefix } from "./xml";
import { XmlError, decodeXmlBytes, docOf, encodePart, parseXml, rememberDoc, type DecodedPart, type XmlDoc } from "./xmldoc";

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface Relationship {
  id: string;
  type: string;
  target: string;
  /** Resolved part name (no leading slash), for internal targets. */
  part: string | null;
}

export function resolvePart(sourcePart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const dir = sourcePart.includes("/") ? sourcePart.slice(0, sourcePart.lastIndexOf("/") + 1) : "";
  const out: string[] = [];
  for (const seg of (dir + target).split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export class OoxmlPackage {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly order: string[];
  private readonly texts = new Map<string, string>();
  /** How each part read was encoded (written back the same way). */
  private readonly encodings = new Map<string, DecodedPart>();
  /** Parsed documents of the parts read (dropped when a part's text changes). */
  private readonly docs = new Map<string, XmlDoc>();
  private readonly relsCache = new Map<string, { xml: string; rels: Relationship[] }>();
  /** Parts whose text changed (or new parts). */
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  private inflated = 0;

  constructor(
    entries: ZipEntry[],
    readonly file: string,
    private readonly maxInflated: number,
  ) {
    this.order = entries.map((e) => e.name);
    for (const e of entries) this.byName.set(e.name, e);
  }

  has(part: string): boolean {
    return !this.removed.has(part) && (this.texts.has(part) || this.byName.has(part));
  }

  /** Names of all parts now in the package. */
  names(): string[] {
    const out = this.order.filter((n) => this.has(n));
    for (const n of this.texts.keys()) if (!this.byName.has(n) && this.has(n)) out.push(n);
    return out;
  }

  /** Find a part name case-insensitively (ZIP names in OOXML are case-insensitive). */
  resolveName(part: string): string {
    if (this.has(part)) return part;
    const lower = part.toLowerCase();
    for (const n of [...this.byName.keys(), ...this.texts.keys()]) if (n.toLowerCase() === lower && this.has(n)) return n;
    return part;
  }

  text(partIn: string): string | null {
    const part = this.resolveName(partIn);
    if (!this.has(part)) return null;
    const cached = this.texts.get(part);
    if (cached !== undefined) return cached;
    const entry = this.byName.get(part)!;
    let bytes: Uint8Array;
    try {
      if (this.inflated + entry.uncompressedSize > this.maxInflated) {
        throw new WorkbookFileError("file.tooLarge", this.file, { limit: formatBytes(this.maxInflated), reason: part });
      }
      bytes = inflateEntry(entry, this.maxInflated - this.inflated);
      this.inflated += bytes.length;
    } catch (e) {
      throw zipErrorToFileError(e, this.file);
    }
    // decoded by its BOM and declaration (invalid bytes refused), and checked well-formed
    let decoded: DecodedPart;
    try {
      decoded = decodeXmlBytes(bytes);
      const d = parseXml(decoded.text);
      rememberDoc(d);
      this.docs.set(part, d);
    } catch (e) {
      if (e instanceof XmlError) throw xmlErrorToFileError(e, this.file, part);
      throw e;
    }
    this.encodings.set(part, { ...decoded, text: "" });
    this.texts.set(part, decoded.text);
    return decoded.text;
  }

  /** The parsed document of a part (null when absent); throws WorkbookFileError when it is not well-formed. */
  doc(partIn: string): XmlDoc | null {
    const text = this.text(partIn);
    if (text === null) return null;
    const part = this.resolveName(partIn);
    const known = this.docs.get(part);
    if (known && known.text === text) return known;
    try {
      const d = docOf(text);
      this.docs.set(part, d);
      return d;
    } catch (e) {
      if (e instanceof XmlError) throw xmlErrorToFileError(e, this.file, this.resolveName(partIn));
      throw e;
    }
  }

  setText(partIn: string, text: string): void {
    const part = this.resolveName(partIn);
    this.removed.delete(part);
    this.texts.set(part, text);
    this.changed.add(part);
  }

  remove(partIn: string): void {
    const part = this.resolveName(partIn);
    this.removed.add(part);
    this.changed.delete(part);
    this.texts.delete(part);
  }

  /** Snapshot of the mutable state (for all-or-nothing batches). */
  save(): { texts: Map<string, string>; changed: Set<string>; removed: Set<string> } {
    return { texts: new Map(this.texts), changed: new Set(this.changed), removed: new Set(this.removed) };
  }

  restore(s: { texts: Map<string, string>; changed: Set<string>; removed: Set<string> }): void {
    this.texts.clear();
    for (const [k, v] of s.texts) this.texts.set(k, v);
    this.changed.clear();
    for (const k of s.changed) this.changed.add(k);
    this.removed.clear();
    for (const k of s.removed) this.removed.add(k);
  }

  changedParts(): string[] {
    return [...this.changed];
  }

  /** A changed part's bytes: checked well-formed (a patch never writes broken XML), in its own encoding. */
  private encoded(name: string): Uint8Array {
    const text = this.texts.get(name)!;
    try {
      docOf(text);
    } catch (e) {
      throw new WorkbookFileError("file.internal", this.file, { detail: `${name}: ${e instanceof Error ? e.message : String(e)}` });
    }
    return encodePart(text, this.encodings.get(name) ?? null);
  }

  toBytes(): Uint8Array {
    const out: OutEntry[] = [];
    const seen = new Set<string>();
    for (const name of this.order) {
      seen.add(name);
      if (this.removed.has(name)) continue;
      if (this.changed.has(name)) out.push({ name, content: this.encoded(name) });
      else out.push({ name, original: this.byName.get(name)! });
    }
    for (const name of this.changed) if (!seen.has(name)) out.push({ name, content: this.encoded(name) });
    return writeZip(out);
  }

  // ---- relationships and content types -------------------------------------------------------

  rels(sourcePart: string): Relationship[] {
    const relsPart = sourcePart === "" ? "_rels/.rels" : relsPathOf(sourcePart);
    const xml = this.text(relsPart);
    if (!xml) return [];
    const known = this.relsCache.get(relsPart);
    if (known && known.xml === xml) return known.rels;
    this.doc(relsPart);
    const p = rootPrefix(xml);
    const rels = findAll(xml, p + "Relationship").map((e) => {
      const a = parseAttrs(e.tag);
      const external = a.TargetMode === "External";
      return { id: a.Id ?? "", type: a.Type ?? "", target: a.Target ?? "", part: external ? null : resolvePart(sourcePart, a.Target ?? "") };
    });
    this.relsCache.set(relsPart, { xml, rels });
    return rels;
  }

  /** Add a relationship; returns its id. */
  addRel(sourcePart: string, type: string, target: string): string {
    const relsPart = sourcePart === "" ? "_rels/.rels" : relsPathOf(sourcePart);
    let xml = this.text(relsPart) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;
    const p = rootPrefix(xml);
    const ids = new Set(findAll(xml, p + "Relationship").map((e) => parseAttrs(e.tag).Id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<${p}Relationship Id="${id}" Type="${encodeAttr(type)}" Target="${encodeAttr(target)}"/>`;
    const root = findElement(xml, p + "Relationships")!;
    if (root.selfClosing) xml = xml.slice(0, root.start) + root.tag.slice(0, -2) + ">" + rel + `</${p}Relationships>` + xml.slice(root.end);
    else {
      const close = xml.lastIndexOf(`</${p}Relationships>`);
      xml = xml.slice(0, close) + rel + xml.slice(close);
    }
    this.setText(relsPart, xml);
    return id;
  }

  removeRel(sourcePart: string, id: string): void {
    const relsPart = sourcePart === "" ? "_rels/.rels" : relsPathOf(sourcePart);
    const xml = this.text(relsPart);
    if (!xml) return;
    const p = rootPrefix(xml);
    const e = findAll(xml, p + "Relationship").find((x) => parseAttrs(x.tag).Id === id);
    if (e) this.setText(relsPart, xml.slice(0, e.start) + xml.slice(e.end));
  }

  setOverride(part: string, contentType: string | null): void {
    let xml = this.text("[Content_Types].xml");
    if (!xml) return;
    const p = rootPrefix(xml);
    const name = "/" + part;
    const e = findAll(xml, p + "Override").find((x) => (parseAttrs(x.tag).PartName ?? "").toLowerCase() === name.toLowerCase());
    if (e) xml = xml.slice(0, e.start) + xml.slice(e.end);
    if (contentType) {
      const close = xml.lastIndexOf(`</${p}Types>`);
      xml = xml.slice(0, close) + `<${p}Override PartName="${encodeAttr(name)}" ContentType="${encodeAttr(contentType)}"/>` + xml.slice(close);
    }
    this.setText("[Content_Types].xml", xml);
  }
}
