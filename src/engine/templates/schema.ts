/**
 * Template definitions are data: JSON-compatible objects checked by this zod schema. The built-in
 * catalogue (catalogue.ts) and an organisation's own JSON files (custom templates) pass the same
 * schema.
 *
 * Layout model: a template is a stack of blocks, laid out top to bottom from the anchor cell.
 * Each block holds cells at (row, col) offsets from the block's first row and the anchor column.
 * A block with `repeat` is written once per item, `repeat` naming an integer parameter (the number
 * of rows/items). Texts may hold placeholders:
 *   {key}           a parameter (fiscal year → 令和7年度, integer → 7, text as typed)
 *   {key-1} {key+2} a fiscal year or integer parameter shifted by a constant
 *   {key|fmt}       with a format; fiscal year: era (令和7), western (2025), both (令和7(2025)年度),
 *                   number (7); integer: circled (①)
 *   {n}             in a repeated block: the 1-based item number ({n|circled} → ①)
 */
import { z } from "zod";

/** Kinds of templates: the table kinds `plansheet check --json` reports, or `sheet` (a whole sheet). */
export const TEMPLATE_KINDS = ["indicators", "progress", "programme", "projects", "meetings", "sheet"] as const;
export const TemplateKind = z.enum(TEMPLATE_KINDS);
export type TemplateKind = z.infer<typeof TemplateKind>;

export const Bilingual = z.strictObject({
  ja: z.string().min(1),
  en: z.string().min(1).optional(),
});
export type Bilingual = z.infer<typeof Bilingual>;

const paramKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { message: "key" });

export const FiscalYearParameter = z.strictObject({
  key: paramKey,
  label: Bilingual,
  type: z.literal("fiscalYear"),
  /** 和暦 as written (令和7, 令和７年度, R7) or the western year (2025). */
  default: z.union([z.string().min(1), z.number().int()]),
});

export const TextParameter = z.strictObject({
  key: paramKey,
  label: Bilingual,
  type: z.literal("text"),
  default: z.string(),
  maxLength: z.number().int().positive().optional(),
});

export const IntegerParameter = z.strictObject({
  key: paramKey,
  label: Bilingual,
  type: z.literal("integer"),
  default: z.number().int(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
});

export const Parameter = z.discriminatedUnion("type", [FiscalYearParameter, TextParameter, IntegerParameter]);
export type Parameter = z.infer<typeof Parameter>;

export const CellStyleSchema = z.strictObject({
  bold: z.boolean().optional(),
  wrap: z.boolean().optional(),
  horizontal: z.enum(["left", "center", "right"]).optional(),
  vertical: z.enum(["top", "middle", "bottom"]).optional(),
  border: z.boolean().optional(),
  fill: z.string().regex(/^[0-9A-Fa-f]{6}$/, { message: "RRGGBB" }).optional(),
  fontSize: z.number().positive().max(72).optional(),
});
export type TemplateCellStyle = z.infer<typeof CellStyleSchema>;

export const LayoutCell = z.strictObject({
  row: z.number().int().min(0),
  col: z.number().int().min(0).max(200),
  /** Text with placeholders; omitted or "" leaves the cell empty (an input cell). */
  text: z.string().optional(),
  /** A constant number. */
  number: z.number().optional(),
  rowSpan: z.number().int().min(1).max(200).optional(),
  colSpan: z.number().int().min(1).max(50).optional(),
  /** A style of the definition's `styles`, or an inline style. Styles of a merged cell cover it all. */
  style: z.union([z.string().min(1), CellStyleSchema]).optional(),
  numberFormat: z.string().min(1).optional(),
  /** A closed vocabulary: a data-validation list on this cell (merged: over its area). */
  list: z.array(z.string().min(1)).min(1).optional(),
});
export type LayoutCell = z.infer<typeof LayoutCell>;

export const LayoutBlock = z.strictObject({
  /** A name for the block (tests, previews). */
  id: z.string().optional(),
  /** Key of an integer parameter: the block is written that many times (0 = not at all). */
  repeat: paramKey.optional(),
  /** Rows per item / rows of the block; defaults to the last row a cell uses. */
  height: z.number().int().min(1).max(500).optional(),
  /** Empty rows after the block. */
  gapAfter: z.number().int().min(0).max(20).optional(),
  cells: z.array(LayoutCell),
});
export type LayoutBlock = z.infer<typeof LayoutBlock>;

export const TemplateDefinition = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: "id" }).max(60),
    title: Bilingual,
    description: Bilingual,
    kind: TemplateKind,
    /** For kind "sheet": the name of the new sheet (placeholders allowed). */
    sheetName: z.string().min(1).optional(),
    parameters: z.array(Parameter),
    styles: z.record(z.string(), CellStyleSchema).optional(),
    layout: z.strictObject({
      /** Column widths (Excel character units) by column offset from the anchor. */
      columns: z.array(z.strictObject({ col: z.number().int().min(0).max(200), width: z.number().positive().max(255) })),
      blocks: z.array(LayoutBlock).min(1),
    }),
  })
  .superRefine((def, ctx) => {
    const params = new Map<string, Parameter>();
    def.parameters.forEach((p, i) => {
      if (params.has(p.key)) {
        ctx.addIssue({ code: "custom", path: ["parameters", i, "key"], message: "duplicate", params: { reason: "duplicateKey", key: p.key } });
      }
      params.set(p.key, p);
      if (p.type === "integer") {
        if (p.min !== undefined && p.max !== undefined && p.min > p.max) {
          ctx.addIssue({ code: "custom", path: ["parameters", i, "max"], message: "max<min", params: { reason: "minMax" } });
        }
        if ((p.min !== undefined && p.default < p.min) || (p.max !== undefined && p.default > p.max)) {
          ctx.addIssue({ code: "custom", path: ["parameters", i, "default"], message: "out of range", params: { reason: "defaultRange" } });
        }
      }
    });
    def.layout.blocks.forEach((b, bi) => {
      if (b.repeat !== undefined) {
        const p = params.get(b.repeat);
        if (!p || p.type !== "integer") {
          ctx.addIssue({ code: "custom", path: ["layout", "blocks", bi, "repeat"], message: "not an integer parameter", params: { reason: "repeatParam", key: b.repeat } });
        }
      }
      const covered = new Set<string>();
      b.cells.forEach((c, ci) => {
        const h = c.rowSpan ?? 1;
        const w = c.colSpan ?? 1;
        if (b.height !== undefined && c.row + h > b.height) {
          ctx.addIssue({ code: "custom", path: ["layout", "blocks", bi, "cells", ci, "row"], message: "outside block", params: { reason: "outsideBlock" } });
        }
        for (let r = c.row; r < c.row + h; r++) {
          for (let k = c.col; k < c.col + w; k++) {
            const key = `${r},${k}`;
            if (covered.has(key)) {
              ctx.addIssue({ code: "custom", path: ["layout", "blocks", bi, "cells", ci], message: "overlap", params: { reason: "overlap", at: `${r},${k}` } });
              return;
            }
            covered.add(key);
          }
        }
        if (typeof c.style === "string" && !(def.styles && Object.prototype.hasOwnProperty.call(def.styles, c.style))) {
          ctx.addIssue({ code: "custom", path: ["layout", "blocks", bi, "cells", ci, "style"], message: "unknown style", params: { reason: "unknownStyle", key: c.style } });
        }
        if (c.text !== undefined && c.number !== undefined) {
          ctx.addIssue({ code: "custom", path: ["layout", "blocks", bi, "cells", ci, "number"], message: "text and number", params: { reason: "textAndNumber" } });
        }
        if (c.text) {
          for (const ph of placeholdersOf(c.text)) {
            const problem = checkPlaceholder(ph, params, b.repeat !== undefined);
            if (problem) {
              ctx.addIssue({ code: "custom", path: ["layout", "blocks", bi, "cells", ci, "text"], message: problem, params: { reason: "placeholder", key: `{${ph}}` } });
            }
          }
        }
      });
    });
    if (def.kind === "sheet" && !def.sheetName) {
      ctx.addIssue({ code: "custom", path: ["sheetName"], message: "required for kind sheet", params: { reason: "sheetNameRequired" } });
    }
    if (def.sheetName) {
      for (const ph of placeholdersOf(def.sheetName)) {
        const problem = checkPlaceholder(ph, params, false);
        if (problem) ctx.addIssue({ code: "custom", path: ["sheetName"], message: problem, params: { reason: "placeholder", key: `{${ph}}` } });
      }
    }
  });
export type TemplateDefinition = z.infer<typeof TemplateDefinition>;
export type TemplateDefinitionInput = z.input<typeof TemplateDefinition>;

/** The inner texts of `{…}` placeholders of a text. */
export function placeholdersOf(text: string): string[] {
  const out: string[] = [];
  const re = /\{([^{}]*)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m[1]);
  return out;
}

export const PLACEHOLDER_RE = /^([A-Za-z][A-Za-z0-9_]*)([+-]\d{1,3})?(?:\|([a-z]+))?$/;
const YEAR_FORMATS = ["era", "western", "both", "number"];
const INT_FORMATS = ["circled"];

/** Why a placeholder is wrong (English, for the schema issue), or null when it is fine. */
export function checkPlaceholder(inner: string, params: Map<string, Parameter>, inRepeat: boolean): string | null {
  const m = PLACEHOLDER_RE.exec(inner.trim());
  if (!m) return "malformed placeholder";
  const [, key, shift, fmt] = m;
  if (key === "n") {
    if (!inRepeat) return "{n} outside a repeated block";
    if (fmt && !INT_FORMATS.includes(fmt)) return `unknown format ${fmt}`;
    return null;
  }
  const p = params.get(key);
  if (!p) return `unknown parameter ${key}`;
  if (p.type === "text") {
    if (shift || fmt) return "a text parameter takes no shift or format";
    return null;
  }
  if (fmt && !(p.type === "fiscalYear" ? YEAR_FORMATS : INT_FORMATS).includes(fmt)) return `unknown format ${fmt}`;
  return null;
}
