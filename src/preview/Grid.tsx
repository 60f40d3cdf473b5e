/** The active sheet rendered as a grid (text only, through React: no HTML from the workbook). */
import { useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { columnLetters, mergeAt, parseA1, toA1 } from "../engine/model/grid";
import type { SheetSnapshot } from "../workbook/port";
import { formatCell } from "../taskpane/format";
import { useLocale, useT } from "../taskpane/i18n";

export const MAX_ROWS = 300;
export const MAX_COLS = 40;

const useStyles = makeStyles({
  scroller: {
    overflow: "auto",
    flexGrow: 1,
    minHeight: 0,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  table: { borderCollapse: "collapse", fontSize: "12px", tableLayout: "auto" },
  colHead: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "1px 4px",
    minWidth: "28px",
  },
  rowHead: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "1px 4px",
    textAlign: "right",
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: "2px 4px",
    maxWidth: "16em",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    verticalAlign: "top",
    cursor: "cell",
    color: tokens.colorNeutralForeground1,
  },
  written: { backgroundColor: tokens.colorPaletteYellowBackground2 },
  selected: {
    outline: `3px solid ${tokens.colorPaletteGreenBorderActive}`,
    outlineOffset: "-2px",
    backgroundColor: tokens.colorPaletteGreenBackground2,
  },
  corner: {
    position: "sticky",
    top: 0,
    left: 0,
    zIndex: 3,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export interface GridProps {
  sheet: SheetSnapshot;
  /** Highlighted cell (A1) of this sheet, or null. */
  selected: string | null;
  /** Cells of this sheet the pane wrote ("G8" …). */
  written: ReadonlySet<string>;
  onSelect: (cell: string) => void;
}

export function Grid({ sheet, selected, written, onSelect }: GridProps) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const rows = Math.min(Math.max(sheet.rowCount, 1), MAX_ROWS);
  const cols = Math.min(Math.max(sheet.colCount, 1), MAX_COLS);
  const selectedRef = useRef<HTMLTableCellElement | null>(null);

  // The top-left cell of the merge that covers the selection.
  const sel = useMemo(() => {
    if (!selected) return null;
    try {
      const p = parseA1(selected);
      const m = mergeAt(sheet, p.row, p.col);
      return m ? { row: m.top, col: m.left } : p;
    } catch {
      return null;
    }
  }, [selected, sheet]);

  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [sel, sheet]);

  const covered = useMemo(() => {
    const s = new Set<string>();
    for (const m of sheet.merges) {
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) s.add(`${r},${c}`);
    }
    return s;
  }, [sheet]);

  const onKeyDown = (e: KeyboardEvent) => {
    const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
    if (!d) return;
    e.preventDefault();
    const from = sel ?? { row: 0, col: 0 };
    const row = Math.min(Math.max(from.row + d[0], 0), rows - 1);
    const col = Math.min(Math.max(from.col + d[1], 0), cols - 1);
    onSelect(toA1(row, col));
  };

  const body = [];
  for (let r = 0; r < rows; r++) {
    const tds = [];
    for (let c = 0; c < cols; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const m = mergeAt(sheet, r, c);
      const a1 = toA1(r, c);
      const v = sheet.values[r]?.[c];
      const text = formatCell(v ?? null, locale, sheet.numberFormats?.[r]?.[c]);
      const isSel = sel !== null && sel.row === r && sel.col === c;
      const cls = [styles.cell, written.has(a1) ? styles.written : "", isSel ? styles.selected : ""].join(" ");
      tds.push(
        <td
          key={c}
          className={cls}
          data-cell={a1}
          data-selected={isSel ? "true" : undefined}
          data-written={written.has(a1) ? "true" : undefined}
          rowSpan={m ? m.bottom - m.top + 1 : undefined}
          colSpan={m ? m.right - m.left + 1 : undefined}
          title={text.length > 12 ? text : undefined}
          ref={isSel ? selectedRef : undefined}
          onClick={() => onSelect(a1)}
        >
          {text}
        </td>,
      );
    }
    body.push(
      <tr key={r}>
        <th scope="row" className={styles.rowHead}>
          {r + 1}
        </th>
        {tds}
      </tr>,
    );
  }

  return (
    <div
      className={styles.scroller}
      tabIndex={0}
      role="region"
      aria-label={t("preview.grid", { sheet: sheet.name })}
      onKeyDown={onKeyDown}
      data-testid="grid"
      data-sheet={sheet.name}
    >
      <table className={styles.table}>
        <thead>
          <tr>
            <td className={styles.corner} />
            {Array.from({ length: cols }, (_, c) => (
              <th key={c} scope="col" className={styles.colHead}>
                {columnLetters(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
    </div>
  );
}
