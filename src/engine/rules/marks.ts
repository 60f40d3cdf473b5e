/** Marks of the two legends, and characters that look like them. */
import { memoByText } from "../cell/memo";

export const TREND_MARKS = ["◎", "○", "▼", "⇒", "－"] as const;
export const EVALUATION_MARKS = ["☆", "○", "△", "□", "×", "◎", "－"] as const;

/** Characters that look like a legend mark but are another character. */
const LOOKALIKES: Record<string, string> = {
  "\u3007": "○", // 〇 IDEOGRAPHIC NUMBER ZERO
  "\u25EF": "○", // ◯ LARGE CIRCLE
  "\u2B55": "○", // ⭕
  "\u26AA": "○", // ⚪
  "\u25CE": "◎", // ◎ itself (kept for completeness)
  "\u25C9": "◎", // ◉ FISHEYE
  "\u29BF": "◎", // ⦿
  "\u2192": "⇒", // →
  "\u21E8": "⇒", // ⇨
  "\u27A1": "⇒", // ➡
  "\u21D2": "⇒",
  "\u2794": "⇒", // ➔
  "\u25BD": "▼", // ▽ (trend legend only)
  "\u2605": "☆", // ★
  "\u2606": "☆",
  "\u2613": "×", // ☓
  "\u2715": "×", // ✕
  "\u2716": "×", // ✖
  "\u2717": "×", // ✗
  x: "×",
  X: "×",
  "\uFF58": "×", // ｘ
  "\uFF38": "×", // Ｘ
  "\u53E3": "□", // 口 (kanji "mouth")
  "\u2610": "□", // ☐
  "\u25A1": "□",
  "\u2206": "△", // ∆
  "\u25B3": "△",
  "-": "－",
  "\u2212": "－", // −
  "\u2015": "－", // ―
  "\u2010": "－", // ‐
  "\u2012": "－",
  "\u2013": "－", // –
  "\u2014": "－", // —
  "\u30FC": "－", // ー
  "\u2500": "－", // ─
  "\uFF70": "－", // ｰ
  "\uFE63": "－",
};

export interface MarkReading {
  /** The mark as written, trimmed. */
  written: string;
  /** The legend mark it stands for (itself when it is one). */
  mark: string;
  /** True when the written character is a lookalike, not the mark itself. */
  lookalike: boolean;
}

/** Read a mark cell: the written text and the legend mark it means. */
export function readMark(text: string, legend: readonly string[]): MarkReading {
  const written = text.replace(/[\s\u3000]/g, "");
  if (legend.includes(written)) return { written, mark: written, lookalike: false };
  const mapped = [...written].length === 1 ? LOOKALIKES[written] : undefined;
  if (mapped && legend.includes(mapped)) return { written, mark: mapped, lookalike: true };
  return { written, mark: written, lookalike: false };
}

export function codePoint(ch: string): string {
  return [...ch].map((c) => "U+" + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")).join(" ");
}

/** The legend mark a written character stands for: 〇 → ○, → → ⇒ (itself when it is a mark). */
// every mark cell asks, and the legend's marks again for each indicator: short texts' answers kept
export const canonicalMark: (ch: string) => string = memoByText(canonicalUncached, 8, 10000);

function canonicalUncached(ch: string): string {
  const c = ch.replace(/[\s\u3000]/g, "");
  return [...c].length === 1 && LOOKALIKES[c] && LOOKALIKES[c] !== c ? LOOKALIKES[c] : c;
}

/**
 * How a sheet writes a mark: the glyph of its printed legend that stands for it (a legend printed
 * as ◎ 〇 ▼ → － writes ○ as 〇 and ⇒ as →), else the mark itself.
 */
export function legendGlyph(legend: readonly string[], mark: string): string {
  if (legend.includes(mark)) return mark;
  return legend.find((g) => canonicalMark(g) === mark) ?? mark;
}
