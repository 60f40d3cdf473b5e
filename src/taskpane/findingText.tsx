/**
 * How a finding's values and fixes are shown in the pane: rates as percentages, 【再掲】 differences
 * highlighted, the allowed words of a vocabulary finding and the computed mark of a mark outside the
 * legend offered as fixes. Display only: what is written comes from the engine's fix (or the word
 * the user picks).
 */
import type { ReactNode } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../engine/model/findings";
import type { CellEdit } from "../workbook/port";
import { RESULT_WORDS } from "../engine/tables/headers";
import type { Locale, MessageKey } from "../messages";
import { formatNumber, formatPlain, formatRate } from "./format";
import type { Translate } from "./i18n";

/** Rules that say the engine could not read (part of) a sheet: shown first, never summed up as "no problems". */
export const STRUCTURE_RULES: ReadonlySet<string> = new Set(["no-table", "table-missing-column", "table-uncertain"]);

const useStyles = makeStyles({
  diff: { display: "block" },
  mark: { backgroundColor: tokens.colorPaletteYellowBackground3, color: "inherit", fontWeight: tokens.fontWeightSemibold, padding: "0 1px" },
});

/** A value of a finding as the user reads it: rates (fractions) as percentages. */
export function shownValue(f: Finding, v: string | number | null, decimals: number, locale: Locale): string {
  // (A formula error's computed value is a number only on a 達成率 cell.)
  if (typeof v === "number" && (f.rule.startsWith("rate-") || f.rule === "formula-error")) return formatRate(v, decimals);
  return formatPlain(v, locale);
}

/** The value a fix writes, as the user reads it (0.898 in a % format → 89.8%; points 89.8 → 89.8%). */
export function fixText(f: Finding, edit: CellEdit, locale: Locale): string {
  const v = edit.formula ?? edit.value;
  if (typeof v === "number") {
    const pct = edit.numberFormat && /%/.test(edit.numberFormat) ? edit.numberFormat : null;
    if (pct) return formatRate(v, (/0\.(0+)%/.exec(pct)?.[1].length ?? 0));
    if (f.rule.startsWith("rate-")) return `${formatNumber(v, locale)}%`;
    return formatNumber(v, locale);
  }
  if (v === null || v === undefined || typeof v === "boolean") return "";
  return v;
}

/**
 * The fixes a finding offers: the engine's safe fix; else, for a word not among the allowed words of
 * 取組実績, each allowed word; for a mark outside the legend (or a ✔ column) the computed mark.
 */
export function fixesOf(f: Finding): CellEdit[] {
  if (f.fix) return [f.fix];
  if (f.rule === "vocabulary") {
    if (typeof f.expected === "string" && f.expected) return [{ sheet: f.sheet, cell: f.cell, value: f.expected }];
    // 取組実績 holds one word: offer each (今後の方向 may hold several words: not replaced blindly).
    if (RESULT_WORDS.every((w) => f.message.includes(w))) return RESULT_WORDS.map((w) => ({ sheet: f.sheet, cell: f.cell, value: w }));
    return [];
  }
  if (f.rule === "mark-not-in-legend" && typeof f.expected === "string" && f.expected) {
    return [{ sheet: f.sheet, cell: f.cell, value: f.expected }];
  }
  return [];
}

/** Common prefix and suffix of two texts: the parts that differ are between them. */
export function diffParts(a: string, b: string): { pre: number; sufA: number; sufB: number } {
  const ca = [...a];
  const cb = [...b];
  let pre = 0;
  while (pre < ca.length && pre < cb.length && ca[pre] === cb[pre]) pre++;
  let suf = 0;
  while (suf < ca.length - pre && suf < cb.length - pre && ca[ca.length - 1 - suf] === cb[cb.length - 1 - suf]) suf++;
  return { pre, sufA: ca.length - suf, sufB: cb.length - suf };
}

function Highlighted({ text, from, to, className }: { text: string; from: number; to: number; className: string }) {
  const c = [...text];
  return (
    <>
      {c.slice(0, from).join("")}
      {to > from && <mark className={className}>{c.slice(from, to).join("")}</mark>}
      {c.slice(to).join("")}
    </>
  );
}

/** The line under a finding's message: what is written against what it should be. */
export function FindingDetail({
  f,
  t,
  locale,
  decimals,
  labels = ["pane.check.actual", "pane.check.expected"],
}: {
  f: Finding;
  t: Translate;
  locale: Locale;
  decimals: number;
  /** Message keys of the written and the expected value ("記入値: {value}", "計算値: {value}"). */
  labels?: [MessageKey, MessageKey];
}): ReactNode {
  const styles = useStyles();
  if (f.expected === null && f.actual === null) return null;
  if (f.rule === "repost-mismatch" && typeof f.actual === "string" && typeof f.expected === "string") {
    const d = diffParts(f.actual, f.expected);
    return (
      <>
        <span className={styles.diff} data-testid="repost-repost">
          {t("pane.check.repost")}: <Highlighted text={f.actual} from={d.pre} to={d.sufA} className={styles.mark} />
        </span>
        <span className={styles.diff} data-testid="repost-original">
          {t("pane.check.original")}: <Highlighted text={f.expected} from={d.pre} to={d.sufB} className={styles.mark} />
        </span>
      </>
    );
  }
  return (
    <>
      {f.actual !== null && t(labels[0], { value: shownValue(f, f.actual, decimals, locale) })}
      {f.actual !== null && f.expected !== null && " / "}
      {f.expected !== null && t(labels[1], { value: shownValue(f, f.expected, decimals, locale) })}
    </>
  );
}
