/**
 * Findings grouped by sheet and rule, with counts by severity; clicking one selects its cell.
 * Used by the チェック and 前年度比較 tabs (each adds its own detail line and actions).
 */
import type { ReactNode } from "react";
import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding, Severity } from "../engine/model/findings";
import { useLocale, useT } from "./i18n";
import { ruleLabel } from "./report";

export const SEVERITIES: Severity[] = ["error", "warning", "info"];
export const SEVERITY_COLOR = { error: "danger", warning: "warning", info: "informative" } as const;

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** sheet → rule → findings, in the order the findings come. */
export function groupFindings(findings: readonly Finding[]): Map<string, Map<string, Finding[]>> {
  const bySheet = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    let rules = bySheet.get(f.sheet);
    if (!rules) bySheet.set(f.sheet, (rules = new Map()));
    const list = rules.get(f.rule) ?? [];
    list.push(f);
    rules.set(f.rule, list);
  }
  return bySheet;
}

const useStyles = makeStyles({
  sheet: { display: "flex", flexDirection: "column", gap: "6px", marginTop: "6px", minWidth: 0 },
  sheetTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0, overflowWrap: "anywhere" },
  badge: { height: "auto", minHeight: "16px", whiteSpace: "normal" },
  ruleTitle: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
    display: "flex",
    gap: "6px",
    alignItems: "center",
    flexWrap: "wrap",
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  item: {
    display: "flex",
    flexWrap: "wrap",
    gap: "4px",
    alignItems: "flex-start",
    justifyContent: "flex-end",
    borderLeft: `3px solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: "4px",
  },
  itemSelected: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  finding: {
    flexGrow: 1,
    flexShrink: 1,
    flexBasis: "14em",
    minWidth: 0,
    overflowWrap: "anywhere",
    textAlign: "left",
    background: "none",
    border: "none",
    padding: "4px",
    cursor: "pointer",
    color: tokens.colorNeutralForeground1,
    font: "inherit",
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  cell: { fontWeight: tokens.fontWeightSemibold, marginRight: "6px", fontFamily: tokens.fontFamilyMonospace },
  detail: { display: "block", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface FindingGroupsProps {
  /** sheet → rule → findings, in display order. */
  grouped: Map<string, Map<string, Finding[]>>;
  /** "Sheet!A1" of the selected finding. */
  selected: string | null;
  onSelect: (f: Finding) => void;
  /** data-testid of each item. */
  testId: string;
  /** The line under the message (written / computed values …), or null. */
  detail: (f: Finding) => ReactNode;
  /** Buttons beside the finding (a fix …). */
  actions?: (f: Finding) => ReactNode;
}

export function FindingGroups({ grouped, selected, onSelect, testId, detail, actions }: FindingGroupsProps) {
  const styles = useStyles();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {[...grouped.entries()].map(([sheet, rules]) => (
        <section key={sheet} className={styles.sheet} aria-label={t("pane.check.sheet", { sheet })}>
          <h3 className={styles.sheetTitle}>{t("pane.check.sheet", { sheet })}</h3>
          {[...rules.entries()].map(([rule, list]) => {
            const c = countBySeverity(list);
            return (
              <div key={rule} data-rule={rule}>
                <h4 className={styles.ruleTitle}>
                  {ruleLabel(locale, rule)}
                  {SEVERITIES.filter((s) => c[s] > 0).map((s) => (
                    <Badge key={s} size="small" color={SEVERITY_COLOR[s]} className={styles.badge}>
                      {t(`pane.severity.${s}`)} {t("pane.check.ruleCount", { count: c[s] })}
                    </Badge>
                  ))}
                </h4>
                <ul className={styles.list}>
                  {list.map((f, i) => {
                    const key = `${f.sheet}!${f.cell}`;
                    const line = detail(f);
                    return (
                      <li
                        key={`${key}-${f.rule}-${i}`}
                        className={selected === key ? `${styles.item} ${styles.itemSelected}` : styles.item}
                        data-testid={testId}
                        data-cell={f.cell}
                        data-sheet={f.sheet}
                        data-rule={f.rule}
                        data-severity={f.severity}
                      >
                        <button
                          type="button"
                          className={styles.finding}
                          onClick={() => onSelect(f)}
                          title={t("pane.check.select", { sheet: f.sheet, cell: f.cell })}
                          aria-current={selected === key ? "true" : undefined}
                        >
                          <span className={styles.cell}>{f.cell}</span>
                          <span>{f.message}</span>
                          {line && <span className={styles.detail}>{line}</span>}
                        </button>
                        {actions?.(f)}
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </section>
      ))}
    </>
  );
}
