/** A template's rendered preview as plain rows of cells (the component turns them into a <table>). */
import type { CellStyle } from "../../engine/model/snapshot";
import { layoutTemplate, type ParamValues, type TemplateDefinition } from "../../engine/templates";

export interface PreviewCell {
  /** 0-based column of the cell in the template. */
  col: number;
  text: string;
  rowSpan: number;
  colSpan: number;
  style?: CellStyle;
  numberFormat?: string;
  /** The choices of a data-validation list on this cell. */
  list?: string[];
}

export interface PreviewGrid {
  /** Rows of cells; cells covered by a merge are left out, cells the layout leaves empty are blank. */
  rows: PreviewCell[][];
  cols: number;
  /** Rows of the full template (the preview may show fewer). */
  totalRows: number;
  truncated: boolean;
  /** Column widths in Excel character units, by column. */
  widths: (number | null)[];
}

/** Lay the template out at A1 and cut it into rows for display (at most `maxRows` rows). */
export function buildPreview(def: TemplateDefinition, values: ParamValues, maxRows = 40): PreviewGrid {
  const { cells, bottom, right } = layoutTemplate(def, values, 0, 0);
  const totalRows = cells.length ? bottom + 1 : 0;
  const shown = Math.min(totalRows, maxRows);
  const cols = cells.length ? right + 1 : 0;
  const at = new Map<string, (typeof cells)[number]>();
  const covered = new Set<string>();
  for (const c of cells) {
    at.set(`${c.row},${c.col}`, c);
    for (let r = c.row; r < c.row + c.rowSpan; r++) {
      for (let k = c.col; k < c.col + c.colSpan; k++) if (r !== c.row || k !== c.col) covered.add(`${r},${k}`);
    }
  }
  const rows: PreviewCell[][] = [];
  for (let r = 0; r < shown; r++) {
    const row: PreviewCell[] = [];
    for (let k = 0; k < cols; k++) {
      if (covered.has(`${r},${k}`)) continue;
      const c = at.get(`${r},${k}`);
      if (!c) {
        row.push({ col: k, text: "", rowSpan: 1, colSpan: 1 });
        continue;
      }
      const cell: PreviewCell = {
        col: k,
        text: c.value === null ? "" : String(c.value),
        rowSpan: Math.min(c.rowSpan, shown - r),
        colSpan: c.colSpan,
      };
      if (c.style) cell.style = c.style;
      if (c.numberFormat) cell.numberFormat = c.numberFormat;
      if (c.list) cell.list = c.list;
      row.push(cell);
    }
    rows.push(row);
  }
  const widths: (number | null)[] = Array.from({ length: cols }, () => null);
  for (const w of def.layout.columns) if (w.col < cols) widths[w.col] = w.width;
  return { rows, cols, totalRows, truncated: shown < totalRows, widths };
}
