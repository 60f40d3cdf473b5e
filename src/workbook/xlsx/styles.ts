/**
 * xl/styles.xml: number format of a cell style (xf) and adding style variants for edits, as text
 * patches (existing styles are never changed, only appended to).
 */
import type { CellStyle } from "../port";
import { encodeAttr, findAll, findElement, parseAttrs, removeAttr, rootPrefix, setAttr } from "./xml";

/** Built-in number formats (ECMA-376 §18.8.30; 27–36, 50–58 as Excel shows them in Japanese). */
const BUILTIN: Record<number, string> = {
  1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?",
  13: "# ??/??", 14: "yyyy/m/d", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm", 37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss",
  46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
  27: '[$-411]ge.m.d', 28: '[$-411]ggge"年"m"月"d"日"', 29: '[$-411]ggge"年"m"月"d"日"', 30: "m/d/yy",
  31: 'yyyy"年"m"月"d"日"', 32: 'h"時"mm"分"', 33: 'h"時"mm"分"ss"秒"', 34: 'yyyy"年"m"月"', 35: 'm"月"d"日"',
  36: '[$-411]ge.m.d', 50: '[$-411]ge.m.d', 51: '[$-411]ggge"年"m"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
  54: '[$-411]ggge"年"m"月"d"日"', 55: 'yyyy"年"m"月"', 56: 'm"月"d"日"', 57: '[$-411]ge.m.d',
  58: '[$-411]ggge"年"m"月"d"日"',
};

export const MINIMAL_STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

export class Styles {
  private xml: string;
  private p: string;
  private numFmts = new Map<number, string>();
  private xfNumFmt: number[] = [];
  private xfTags: string[] = [];
  private dirty = false;

  constructor(xml: string | null) {
    this.xml = xml ?? MINIMAL_STYLES_XML;
    this.p = rootPrefix(this.xml);
    this.parse();
  }

  private parse(): void {
    const p = this.p;
    this.numFmts.clear();
    const nf = findElement(this.xml, p + "numFmts");
    if (nf) {
      for (const e of findAll(this.xml, p + "numFmt", nf.openEnd, nf.end)) {
        const a = parseAttrs(e.tag);
        this.numFmts.set(Number(a.numFmtId), a.formatCode ?? "");
      }
    }
    const cx = findElement(this.xml, p + "cellXfs");
    this.xfNumFmt = [];
    this.xfTags = [];
    if (cx && !cx.selfClosing) {
      for (const e of findAll(this.xml, p + "xf", cx.openEnd, cx.end)) {
        this.xfNumFmt.push(Number(parseAttrs(e.tag).numFmtId ?? 0));
        this.xfTags.push(this.xml.slice(e.start, e.end));
      }
    }
  }

  /** Number format code of cell style index `s`, or null for General. */
  numFmtOf(s: number): string | null {
    const id = this.xfNumFmt[s] ?? 0;
    if (id === 0) return null;
    const code = this.numFmts.get(id) ?? BUILTIN[id];
    if (code === undefined || code === "General") return null;
    return code;
  }

  /** Is a cell of style `s` locked (the default) when its sheet is protected? */
  isLocked(s: number): boolean {
    const xf = this.xfTags[s] ?? this.xfTags[0] ?? "";
    const m = new RegExp(`<${this.p}protection\\b[^>]*\\blocked\\s*=\\s*"(0|false)"`).exec(xf);
    return !m;
  }

  isDirty(): boolean {
    return this.dirty;
  }

  toXml(): string {
    return this.xml;
  }

  private appendChild(collection: string, child: string): number {
    const p = this.p;
    let span = findElement(this.xml, p + collection);
    if (!span) {
      // Insert the collection in schema order: numFmts, fonts, fills, borders, cellStyleXfs, cellXfs
      const order = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
      const after = order.slice(order.indexOf(collection) + 1);
      let at = -1;
      for (const n of after) {
        const e = findElement(this.xml, p + n);
        if (e) { at = e.start; break; }
      }
      if (at < 0) at = this.xml.lastIndexOf("</");
      this.xml = `${this.xml.slice(0, at)}<${p}${collection} count="0"></${p}${collection}>${this.xml.slice(at)}`;
      span = findElement(this.xml, p + collection)!;
    }
    if (span.selfClosing) {
      const open = span.tag.slice(0, -2) + ">";
      this.xml = `${this.xml.slice(0, span.start)}${open}</${p}${collection}>${this.xml.slice(span.end)}`;
      span = findElement(this.xml, p + collection)!;
    }
    const name = collection === "cellXfs" || collection === "cellStyleXfs" ? "xf" : collection.slice(0, -1);
    const index = findAll(this.xml, p + name, span.openEnd, span.end).length;
    const close = span.end - `</${p}${collection}>`.length;
    const newOpen = setAttr(span.tag, "count", String(index + 1));
    this.xml = this.xml.slice(0, span.start) + newOpen + this.xml.slice(span.openEnd, close) + child + this.xml.slice(close);
    this.dirty = true;
    return index;
  }

  private childXml(collection: string, name: string, index: number): string | null {
    const span = findElement(this.xml, this.p + collection);
    if (!span || span.selfClosing) return null;
    const e = findAll(this.xml, this.p + name, span.openEnd, span.end)[index];
    return e ? this.xml.slice(e.start, e.end) : null;
  }

  private numFmtId(code: string): number {
    for (const [id, c] of this.numFmts) if (c === code) return id;
    for (const [id, c] of Object.entries(BUILTIN)) if (c === code && Number(id) < 27) return Number(id);
    if (code === "General") return 0;
    const id = Math.max(163, ...this.numFmts.keys()) + 1;
    this.appendChild("numFmts", `<${this.p}numFmt numFmtId="${id}" formatCode="${encodeAttr(code)}"/>`);
    this.numFmts.set(id, code);
    return id;
  }

  /**
   * Index of a cell style equal to style `base` with the number format and/or style changes
   * applied (reuses an identical existing xf; otherwise appends one).
   */
  variant(base: number, numberFormat: string | undefined, style: CellStyle | undefined): number {
    const p = this.p;
    let xf = this.xfTags[base] ?? this.xfTags[0] ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const openEnd = xf.indexOf(">") + 1;
    let open = xf.slice(0, openEnd);
    let inner = xf.endsWith("/>") && openEnd === xf.length ? "" : xf.slice(openEnd, xf.lastIndexOf("</"));
    const a = parseAttrs(open);
    if (numberFormat !== undefined) {
      open = setAttr(open, "numFmtId", String(this.numFmtId(numberFormat)));
      open = setAttr(open, "applyNumberFormat", "1");
    }
    if (style) {
      if (style.bold !== undefined || style.fontSize !== undefined) {
        const fontId = Number(a.fontId ?? 0);
        let font = this.childXml("fonts", "font", fontId) ?? `<${p}font/>`;
        if (font.endsWith("/>") && !font.includes("></")) font = font.slice(0, -2) + `></${p}font>`;
        const fo = font.indexOf(">") + 1;
        let body = font.slice(fo, font.lastIndexOf("</"));
        if (style.bold !== undefined) {
          body = body.replace(new RegExp(`<${p}b(\\s[^>]*)?/>`), "");
          if (style.bold) body = `<${p}b/>` + body;
        }
        if (style.fontSize !== undefined) {
          const sz = `<${p}sz val="${style.fontSize}"/>`;
          const re = new RegExp(`<${p}sz\\b[^>]*/>`);
          body = re.test(body) ? body.replace(re, sz) : body + sz;
        }
        const newFont = font.slice(0, fo) + body + font.slice(font.lastIndexOf("</"));
        open = setAttr(open, "fontId", String(this.findOrAppend("fonts", "font", newFont)));
        open = setAttr(open, "applyFont", "1");
      }
      if (style.fill !== undefined) {
        const rgb = "FF" + style.fill.replace(/^#/, "").toUpperCase();
        const fill = `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${encodeAttr(rgb)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
        open = setAttr(open, "fillId", String(this.findOrAppend("fills", "fill", fill)));
        open = setAttr(open, "applyFill", "1");
      }
      if (style.border !== undefined) {
        const side = (n: string) => (style.border ? `<${p}${n} style="thin"><${p}color indexed="64"/></${p}${n}>` : `<${p}${n}/>`);
        const border = `<${p}border>${side("left")}${side("right")}${side("top")}${side("bottom")}<${p}diagonal/></${p}border>`;
        open = setAttr(open, "borderId", String(this.findOrAppend("borders", "border", border)));
        open = setAttr(open, "applyBorder", "1");
      }
      if (style.horizontal !== undefined || style.vertical !== undefined || style.wrap !== undefined) {
        const re = new RegExp(`<${p}alignment\\b[^>]*/>`);
        let al = re.exec(inner)?.[0] ?? `<${p}alignment/>`;
        if (style.horizontal !== undefined) al = setAttr(al, "horizontal", style.horizontal);
        if (style.vertical !== undefined) al = setAttr(al, "vertical", style.vertical === "middle" ? "center" : style.vertical);
        if (style.wrap !== undefined) al = style.wrap ? setAttr(al, "wrapText", "1") : removeAttr(al, "wrapText");
        inner = re.test(inner) ? inner.replace(re, al) : al + inner;
        open = setAttr(open, "applyAlignment", "1");
      }
    }
    if (open.endsWith("/>")) open = open.slice(0, -2) + ">";
    const newXf = inner ? `${open}${inner}</${p}xf>` : open.slice(0, -1) + "/>";
    const existing = this.xfTags.indexOf(newXf);
    if (existing >= 0) return existing;
    const index = this.appendChild("cellXfs", newXf);
    this.xfTags.push(newXf);
    this.xfNumFmt.push(Number(parseAttrs(newXf).numFmtId ?? 0));
    return index;
  }

  private findOrAppend(collection: string, name: string, child: string): number {
    const span = findElement(this.xml, this.p + collection);
    if (span && !span.selfClosing) {
      const all = findAll(this.xml, this.p + name, span.openEnd, span.end);
      const i = all.findIndex((e) => this.xml.slice(e.start, e.end) === child);
      if (i >= 0) return i;
    }
    return this.appendChild(collection, child);
  }
}
