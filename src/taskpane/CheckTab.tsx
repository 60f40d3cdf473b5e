/** チェック: run the engine's rules, list the findings by sheet and rule, select, fix, report. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentProps } from "react";
import {
  Badge,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { Finding } from "../engine/model/findings";
import type { EngineSettings } from "../engine/model/indicator";
import type { CellEdit, UndoRecord } from "../workbook/port";
import { useLocale, useT } from "./i18n";
import { OperationStatus, revertNotice, StaleNotice, useOperation } from "./operation";
import { loadEngine } from "./lazyEngine";
import type { AckState } from "./ack/acks";
import type * as AckModule from "./ack/AckControls";
import { SaveOpenDataButton } from "./opendata/SaveOpenData";
import { buildReportBatch, sortFindings, uniqueSheetName } from "./report";
import type { PaneHost } from "./types";
import { countBySeverity, FindingGroups, groupFindings, SEVERITIES, SEVERITY_COLOR } from "./FindingGroups";
import { FindingDetail, fixesOf, fixText, STRUCTURE_RULES } from "./findingText";
import { useRevision } from "./revision";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px", minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "center" },
  structure: { margin: 0, paddingLeft: "1.2em", display: "flex", flexDirection: "column", gap: "4px" },
  cellRef: { fontWeight: tokens.fontWeightSemibold, marginRight: "4px" },
  fixes: { display: "flex", flexWrap: "wrap", gap: "4px", justifyContent: "flex-end" },
});

// The 確認済み controls (a form, an accordion) are a chunk of their own: the pane's first scripts stay
// small (test/browser/bundle.test.ts); they appear once a check has results.
const ackModule = () => import(/* webpackChunkName: "ack" */ "./ack/AckControls");
const LazyAckButton = lazy(() => ackModule().then((m) => ({ default: m.AckButton })));
const LazyAcknowledgedList = lazy(() => ackModule().then((m) => ({ default: m.AcknowledgedList })));
const LazyLapsedNote = lazy(() => ackModule().then((m) => ({ default: m.LapsedNote })));
function AckButton(props: ComponentProps<typeof AckModule.AckButton>) {
  return (
    <Suspense fallback={null}>
      <LazyAckButton {...props} />
    </Suspense>
  );
}
function AcknowledgedList(props: ComponentProps<typeof AckModule.AcknowledgedList>) {
  return (
    <Suspense fallback={null}>
      <LazyAcknowledgedList {...props} />
    </Suspense>
  );
}
function LapsedNote(props: ComponentProps<typeof AckModule.LapsedNote>) {
  return (
    <Suspense fallback={null}>
      <LazyLapsedNote {...props} />
    </Suspense>
  );
}

interface CheckResult {
  findings: Finding[];
  sheetOrder: string[];
  /** The sheets looked at. */
  sheets: string[];
  /** Tables found on those sheets. */
  tableCount: number;
  /** Sheets looked at on which no table was found. */
  sheetsWithoutTables: string[];
  scope: string;
  scopeAll: boolean;
  fallbackToAll: boolean;
  /** The workbook's revision the result was computed at. */
  revision: number;
  /** Findings acknowledged in the workbook (確認済み), kept apart from `findings`. */
  ack: AckState;
}

export function CheckTab({ host, settings }: { host: PaneHost; settings: EngineSettings; visible?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const op = useOperation();
  const rev = useRevision();
  const [scope, setScope] = useState<"sheet" | "all">("sheet");
  const [result, setResult] = useState<CheckResult | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [undoStack, setUndoStack] = useState<UndoRecord[]>([]);

  const check = useCallback(
    async (step: (k: Parameters<typeof t>[0]) => Promise<void>, scopeNow: "sheet" | "all") => {
      const revision = rev.now();
      const active = scopeNow === "sheet" ? await host.getActiveSheet() : null;
      const { engineInput, readAckStore, readAndAnalyze, sortWithAcks } = await loadEngine();
      const { snapshot, analysis } = await readAndAnalyze(host.port, settings, step, false);
      const names = snapshot.sheets.map((s) => s.name);
      const fallbackToAll = scopeNow === "sheet" && (active === null || !names.includes(active));
      const all = scopeNow === "all" || fallbackToAll;
      const sheets = all ? names : [active!];
      const scoped = all ? analysis.issues : analysis.issues.filter((f) => f.sheet === active);
      // acknowledged findings (plansheet.acknowledgements) are listed apart and not counted
      const acks = sortWithAcks(snapshot, scoped, engineInput(settings), await readAckStore(host.port));
      const findings = acks.open;
      const tablesOf = (s: string) => analysis.sheets.find((x) => x.name === s)?.tables.length ?? 0;
      const r: CheckResult = {
        findings: sortFindings(findings, names),
        sheetOrder: names,
        sheets,
        tableCount: sheets.reduce((n, s) => n + tablesOf(s), 0),
        sheetsWithoutTables: sheets.filter((s) => tablesOf(s) === 0),
        scope: all ? t("pane.check.scopeAll") : `${t("pane.check.scopeSheet")}: ${active}`,
        scopeAll: all,
        fallbackToAll,
        revision,
        ack: acks.state,
      };
      setResult(r);
      setSelected(null);
      return r;
    },
    [host, settings, t, rev],
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

  const applyFixes = (cells: CellEdit[]) =>
    op.run(async (step) => {
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

  const acknowledgeFinding = (f: Finding, reason: string, by: string) =>
    op.run(async (step) => {
      if (!result) return;
      await step("pane.progress.writing");
      await (await loadEngine()).saveAck(host.port, result.ack, f, reason, by);
      await check(step, result.scopeAll ? "all" : scope);
      op.setNotice({ intent: "success", key: "pane.ack.saved", params: { cell: `${f.sheet}!${f.cell}` } });
    }).then(() => undefined);

  const unacknowledgeFinding = (f: Finding) =>
    op.run(async (step) => {
      if (!result) return;
      await step("pane.progress.writing");
      await (await loadEngine()).removeAck(host.port, result.ack, f);
      await check(step, result.scopeAll ? "all" : scope);
      op.setNotice({ intent: "success", key: "pane.ack.removed", params: { cell: `${f.sheet}!${f.cell}` } });
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
        rateDecimals: settings.rateDecimals,
      });
      await step("pane.progress.writing");
      const before = rev.now();
      await host.port.applyEdits(batch);
      // The report is a new sheet: the findings shown are still those of the checked sheets.
      setResult((r) => (r && r.revision === before ? { ...r, revision: rev.now() } : r));
      op.setNotice({ intent: "success", key: "pane.check.reportWritten", params: { sheet: sheetName, count: result.findings.length } });
    });

  const structure = useMemo(() => (result?.findings ?? []).filter((f) => STRUCTURE_RULES.has(f.rule)), [result]);
  const grouped = useMemo(() => groupFindings((result?.findings ?? []).filter((f) => !STRUCTURE_RULES.has(f.rule))), [result]);

  const stale = result !== null && result.revision !== rev.current;
  const fixable = stale ? [] : (result?.findings.filter((f) => f.fix) ?? []);
  const counts = countBySeverity(result?.findings ?? []);
  const noTables = result !== null && result.tableCount === 0;
  const untold = (result?.sheetsWithoutTables ?? []).filter((sh) => !structure.some((f) => f.rule === "no-table" && f.sheet === sh));

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
        <Button appearance={result && !stale ? "secondary" : "primary"} onClick={runCheck} disabled={op.running} data-testid="run-check">
          {result ? t("pane.check.rerun") : t("pane.check.run")}
        </Button>
        <SaveOpenDataButton port={host.port} op={op} />
      </div>
      <OperationStatus op={op} />
      {result && (
        <>
          {stale && <StaleNotice message={t("pane.check.stale")} action={t("pane.check.rerun")} onAction={runCheck} disabled={op.running} />}
          <div className={styles.row} data-testid="check-summary" role="status">
            {SEVERITIES.map((s) => (
              <Badge key={s} appearance={counts[s] ? "filled" : "outline"} color={SEVERITY_COLOR[s]}>
                {t(`pane.severity.${s}`)} {counts[s]}
              </Badge>
            ))}
          </div>
          {noTables ? (
            <MessageBar intent="warning" layout="multiline" data-testid="no-tables">
              <MessageBarBody>
                <MessageBarTitle>{t("pane.check.noTablesTitle")}</MessageBarTitle>
                {t("pane.check.noTables", { sheets: result.sheets.join(t("pane.listSeparator")) })}
              </MessageBarBody>
            </MessageBar>
          ) : (
            // (Sheets the engine's no-table finding names are in the box below: not said twice.)
            untold.length > 0 && (
              <Text size={200} data-testid="sheets-without-tables">
                {t("pane.check.sheetsWithoutTables", { sheets: untold.join(t("pane.listSeparator")) })}
              </Text>
            )
          )}
          {structure.length > 0 && (
            <MessageBar intent="warning" layout="multiline" data-testid="structure">
              <MessageBarBody>
                <MessageBarTitle>{t("pane.check.structureTitle")}</MessageBarTitle>
                <ul className={styles.structure}>
                  {structure.map((f, i) => (
                    <li key={`${f.sheet}!${f.cell}-${f.rule}-${i}`} data-testid="structure-finding" data-rule={f.rule} data-sheet={f.sheet} data-cell={f.cell}>
                      <span className={styles.cellRef}>{t("pane.check.where", { sheet: f.sheet, cell: f.cell })}</span>
                      {f.message}
                    </li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          {result.findings.length === 0 && !noTables && (
            <Text data-testid="no-findings">{t("pane.check.noFindings", { sheets: result.sheets.length, tables: result.tableCount })}</Text>
          )}
          {(fixable.length > 0 || undoStack.length > 0 || result.findings.length > 0) && (
            <div className={styles.row}>
              {fixable.length > 0 && (
                <Button
                  appearance="primary"
                  onClick={() => applyFixes(fixable.map((f) => f.fix!))}
                  disabled={op.running}
                  data-testid="fix-all"
                >
                  {t("pane.check.fixAll", { count: fixable.length })}
                </Button>
              )}
              {undoStack.length > 0 && (
                <Button onClick={undoLast} disabled={op.running} data-testid="undo-fix">
                  {t("pane.check.undoFix")}
                </Button>
              )}
              {result.findings.length > 0 && (
                <Button onClick={writeReport} disabled={op.running} data-testid="write-report">
                  {t("pane.check.writeReport")}
                </Button>
              )}
            </div>
          )}
          <FindingGroups
            grouped={grouped}
            selected={selected}
            onSelect={select}
            testId="finding"
            detail={(f) => {
              const d = f.expected !== null || f.actual !== null ? <FindingDetail f={f} t={t} locale={locale} decimals={settings.rateDecimals} /> : null;
              const lapsed = result.ack.lapsed.get(f);
              return lapsed ? <>{d}<LapsedNote ack={lapsed} /></> : d;
            }}
            actions={(f) => {
              const fixes = fixesOf(f);
              const ackButton = result.ack.error ? null : <AckButton finding={f} disabled={op.running || stale} onSave={(reason, by) => acknowledgeFinding(f, reason, by)} />;
              if (fixes.length === 0) return ackButton;
              return (
                <>
                <span className={styles.fixes}>
                  {fixes.map((edit, i) => {
                    const value = fixText(f, edit, locale);
                    return (
                      <Button
                        key={i}
                        size="small"
                        onClick={() => applyFixes([edit])}
                        disabled={op.running || stale}
                        aria-label={t("pane.check.fixLabel", { cell: f.cell, value })}
                        data-testid="fix"
                      >
                        {t("pane.check.fixTo", { value })}
                      </Button>
                    );
                  })}
                </span>
                {ackButton}
                </>
              );
            }}
          />
          {result.ack.error && (
            <MessageBar intent="warning" layout="multiline" data-testid="ack-unreadable">
              <MessageBarBody>{t("pane.ack.storeUnreadable", result.ack.error)}</MessageBarBody>
            </MessageBar>
          )}
          <AcknowledgedList items={result.ack.acknowledged} disabled={op.running || stale} onRemove={unacknowledgeFinding} onSelect={select} />
        </>
      )}
    </div>
  );
}
