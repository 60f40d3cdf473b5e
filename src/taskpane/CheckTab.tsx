/** チェック: run the engine's rules, list the findings by sheet and rule, select, fix, report. */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Badge,
  Button,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Text,
} from "@fluentui/react-components";
import type { Finding } from "../engine/model/findings";
import type { EngineSettings } from "../engine/model/indicator";
import type { UndoRecord } from "../workbook/port";
import { useLocale, useT } from "./i18n";
import { OperationStatus, revertNotice, useOperation } from "./operation";
import { readAndAnalyze } from "./engine";
import { buildReportBatch, sortFindings, uniqueSheetName } from "./report";
import { formatPlain, formatRate } from "./format";
import type { PaneHost } from "./types";
import { countBySeverity, FindingGroups, groupFindings, SEVERITIES, SEVERITY_COLOR } from "./FindingGroups";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "center" },
});

interface CheckResult {
  findings: Finding[];
  sheetOrder: string[];
  sheetCount: number;
  scope: string;
  scopeAll: boolean;
  fallbackToAll: boolean;
}



export function CheckTab({ host, settings }: { host: PaneHost; settings: EngineSettings }) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const op = useOperation();
  const [scope, setScope] = useState<"sheet" | "all">("sheet");
  const [result, setResult] = useState<CheckResult | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [undoStack, setUndoStack] = useState<UndoRecord[]>([]);

  const check = useCallback(
    async (step: (k: Parameters<typeof t>[0]) => Promise<void>, scopeNow: "sheet" | "all") => {
      const active = scopeNow === "sheet" ? await host.getActiveSheet() : null;
      const { snapshot, analysis } = await readAndAnalyze(host.port, settings, step, false);
      const names = snapshot.sheets.map((s) => s.name);
      const fallbackToAll = scopeNow === "sheet" && (active === null || !names.includes(active));
      const all = scopeNow === "all" || fallbackToAll;
      const findings = all ? analysis.issues : analysis.issues.filter((f) => f.sheet === active);
      const r: CheckResult = {
        findings: sortFindings(findings, names),
        sheetOrder: names,
        sheetCount: all ? names.length : 1,
        scope: all ? t("pane.check.scopeAll") : `${t("pane.check.scopeSheet")}: ${active}`,
        scopeAll: all,
        fallbackToAll,
      };
      setResult(r);
      setSelected(null);
      return r;
    },
    [host, settings, t],
  );

  // The engine writes its messages in the pane's language: check again when the language changes.
  const shownLocale = useRef(settings.locale);
  useEffect(() => {
    if (shownLocale.current === settings.locale) return;
    shownLocale.current = settings.locale;
    if (result) void op.run((step) => check(step, result.scopeAll ? "all" : scope));
  }, [settings.locale]);

  const runCheck = () =>
    op.run(async (step) => {
      const r = await check(step, scope);
      if (r.fallbackToAll) op.setNotice({ intent: "info", key: "pane.check.noActiveSheet" });
    });

  const select = (f: Finding) => {
    const key = `${f.sheet}!${f.cell}`;
    setSelected(key);
    void op.run(async () => {
      await host.selectCell(f.sheet, f.cell);
    });
  };

  const applyFixes = (fixes: Finding[]) =>
    op.run(async (step) => {
      const cells = fixes.map((f) => f.fix!).filter(Boolean);
      if (cells.length === 0) return;
      await step("pane.progress.writing");
      const undo = await host.port.applyEdits({ cells, label: t("pane.check.fix") });
      setUndoStack((s) => [...s, undo]);
      await check(step, result?.scopeAll ? "all" : scope);
      op.setNotice({ intent: "success", key: "pane.check.fixed", params: { count: cells.length } });
    });

  const undoLast = () =>
    op.run(async (step) => {
      const last = undoStack[undoStack.length - 1];
      if (!last) return;
      await step("pane.progress.reverting");
      const report = await host.port.revert(last);
      setUndoStack((s) => s.slice(0, -1));
      await check(step, result?.scopeAll ? "all" : scope);
      op.setNotice(revertNotice(report, "pane.check.undone"));
    });

  const writeReport = () =>
    op.run(async (step) => {
      if (!result) return;
      await step("pane.progress.reading");
      const existing = (await host.port.readSnapshot()).sheets.map((s) => s.name);
      const sheetName = uniqueSheetName(existing, t("pane.report.sheetName"));
      const batch = buildReportBatch(result.findings, {
        locale,
        sheetName,
        scope: result.scope,
        date: new Date(),
        sheetOrder: result.sheetOrder,
      });
      await step("pane.progress.writing");
      await host.port.applyEdits(batch);
      op.setNotice({ intent: "success", key: "pane.check.reportWritten", params: { sheet: sheetName, count: result.findings.length } });
    });

  const grouped = useMemo(() => groupFindings(result?.findings ?? []), [result]);

  // Rates are fractions in findings (0.898): show them as the pane shows rates (89.8%).
  const shown = (f: Finding, v: string | number | null) =>
    typeof v === "number" && f.rule.startsWith("rate-") ? formatRate(v, settings.rateDecimals) : formatPlain(v, locale);

  const fixable = result?.findings.filter((f) => f.fix) ?? [];
  const counts = countBySeverity(result?.findings ?? []);

  return (
    <div className={styles.root} data-testid="check-tab">
      <Text>{t("pane.check.intro")}</Text>
      <Field label={t("pane.check.scope")}>
        <RadioGroup layout="horizontal" value={scope} onChange={(_, d) => setScope(d.value === "all" ? "all" : "sheet")}>
          <Radio value="sheet" label={t("pane.check.scopeSheet")} />
          <Radio value="all" label={t("pane.check.scopeAll")} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={runCheck} disabled={op.running} data-testid="run-check">
          {t("pane.check.run")}
        </Button>
      </div>
      <OperationStatus op={op} />
      {result && (
        <>
          <div className={styles.row} data-testid="check-summary" role="status">
            {SEVERITIES.map((s) => (
              <Badge key={s} appearance={counts[s] ? "filled" : "outline"} color={SEVERITY_COLOR[s]}>
                {t(`pane.severity.${s}`)} {counts[s]}
              </Badge>
            ))}
          </div>
          {result.findings.length === 0 ? (
            <Text data-testid="no-findings">{t("pane.check.noFindings", { sheets: result.sheetCount })}</Text>
          ) : (
            <Text size={200}>{t("pane.check.summary", { errors: counts.error, warnings: counts.warning, infos: counts.info })}</Text>
          )}
          <div className={styles.row}>
            {fixable.length > 0 && (
              <Button onClick={() => applyFixes(fixable)} disabled={op.running} data-testid="fix-all">
                {t("pane.check.fixAll", { count: fixable.length })}
              </Button>
            )}
            {undoStack.length > 0 && (
              <Button onClick={undoLast} disabled={op.running} data-testid="undo-fix">
                {t("pane.check.undoFix")}
              </Button>
            )}
            <Button onClick={writeReport} disabled={op.running} data-testid="write-report">
              {t("pane.check.writeReport")}
            </Button>
          </div>
          <FindingGroups
            grouped={grouped}
            selected={selected}
            onSelect={select}
            testId="finding"
            detail={(f) =>
              f.expected !== null || f.actual !== null ? (
                <>
                  {f.actual !== null && t("pane.check.actual", { value: shown(f, f.actual) })}
                  {f.actual !== null && f.expected !== null && " / "}
                  {f.expected !== null && t("pane.check.expected", { value: shown(f, f.expected) })}
                </>
              ) : null
            }
            actions={(f) =>
              f.fix && (
                <Button
                  size="small"
                  onClick={() => applyFixes([f])}
                  disabled={op.running}
                  aria-label={t("pane.check.fixLabel", { cell: f.cell, value: formatPlain(f.fix.formula ?? (f.fix.value as string | number | null), locale) })}
                  data-testid="fix"
                >
                  {t("pane.check.fix")}
                </Button>
              )
            }
          />
        </>
      )}
    </div>
  );
}
