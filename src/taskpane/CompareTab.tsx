/**
 * 前年度比較: pick last year's workbook (.xlsx, read in the pane), compare it with this workbook
 * (read through the port), list the findings by sheet and rule as the Check tab does, select their
 * cells, and name the indicators whose target or baseline changed. The comparison code (with the
 * .xlsx reader) is a separate chunk, fetched when this tab is first shown.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from "react";
import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from "@fluentui/react-components";
import { formatYear } from "../engine/report/format";
import type { Finding } from "../engine/model/findings";
import type { EngineSettings } from "../engine/model/indicator";
import type { WorkbookSnapshot } from "../workbook/port";
import { useLocale, useT } from "./i18n";
import { OperationStatus, useOperation, type Step } from "./operation";
import { engineInput } from "./engine";
import { sortFindings } from "./report";
import { FindingDetail } from "./findingText";
import { countBySeverity, FindingGroups, groupFindings, SEVERITIES, SEVERITY_COLOR } from "./FindingGroups";
import type { CompareSummary } from "./compareRun";
import type { PaneHost } from "./types";

type CompareModule = typeof import("./compareRun");

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "center" },
  fileName: { overflowWrap: "anywhere", minWidth: 0, color: tokens.colorNeutralForeground2 },
  changes: { display: "flex", flexDirection: "column", gap: "2px" },
});


interface LastYear {
  file: string;
  snapshot: WorkbookSnapshot;
}

interface Result {
  summary: CompareSummary;
  findings: Finding[];
}

export function CompareTab({ host, settings }: { host: PaneHost; settings: EngineSettings }) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const op = useOperation();
  const [last, setLast] = useState<LastYear | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);

  // The comparison chunk: fetched once (again after a failed fetch).
  const chunk = useRef<Promise<CompareModule> | null>(null);
  const load = useCallback((): Promise<CompareModule> => {
    if (!chunk.current) {
      chunk.current = import(/* webpackChunkName: "compare" */ "./compareRun").catch((e: unknown) => {
        chunk.current = null;
        throw e;
      });
    }
    return chunk.current;
  }, []);
  // Start fetching as soon as the tab is shown (this component is only mounted then).
  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);

  const compareWith = useCallback(
    async (step: Step, lastYear: LastYear) => {
      await step("pane.compare.loadingCode");
      const m = await load();
      await step("pane.progress.reading");
      const current = await host.port.readSnapshot();
      await step("pane.compare.comparing");
      const summary = m.compare(lastYear.snapshot, current, engineInput(settings));
      const findings = sortFindings(summary.issues, current.sheets.map((s) => s.name));
      setResult({ summary, findings });
      setSelected(null);
    },
    [host, settings, load],
  );

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // The same file may be picked again (after changing it): let the input report it next time.
    e.target.value = "";
    if (!file) return;
    setPicked(file.name);
    void op.run(async (step) => {
      setLast(null);
      setResult(null);
      await step("pane.compare.loadingCode");
      const m = await load();
      await step("pane.compare.readingLast");
      const snapshot = await m.readLastYear(await file.arrayBuffer(), file.name);
      const lastYear = { file: file.name, snapshot };
      setLast(lastYear);
      await compareWith(step, lastYear);
    });
  };

  const rerun = () => {
    if (last) void op.run((step) => compareWith(step, last));
  };

  // The engine writes its messages in the pane's language: compare again when the language changes.
  const shownLocale = useRef(settings.locale);
  useEffect(() => {
    if (shownLocale.current === settings.locale) return;
    shownLocale.current = settings.locale;
    if (last && result) void op.run((step) => compareWith(step, last));
  }, [settings.locale]);

  const select = (f: Finding) => {
    setSelected(`${f.sheet}!${f.cell}`);
    void op.run(async () => {
      await host.selectCell(f.sheet, f.cell);
    });
  };

  const grouped = useMemo(() => groupFindings(result?.findings ?? []), [result]);

  const counts = countBySeverity(result?.findings ?? []);
  const s = result?.summary;
  // As the command line: the files the wrong way round are refused; the same year is warned about;
  // a workbook with nothing in common (no name matches) is said to be so, never "no differences".
  const swapped = !!s && s.lastYear !== null && s.currentYear !== null && s.lastYear > s.currentYear;
  const sameYear = !!s && s.lastYear !== null && s.currentYear !== null && s.lastYear === s.currentYear;
  const unrelated = !!s && s.matched + s.progressMatched === 0;
  const list = (names: string[]) => names.join(locale === "ja" ? "、" : ", ");

  return (
    <div className={styles.root} data-testid="compare-tab">
      <Text>{t("pane.compare.intro")}</Text>
      <div className={styles.row}>
        {/* A Fluent button opens the (hidden) file input; the chosen file's name is shown beside it. */}
        <Button
          appearance={result ? "secondary" : "primary"}
          onClick={() => fileInput.current?.click()}
          disabled={op.running}
          data-testid="compare-pick"
        >
          {t("pane.compare.pick")}
        </Button>
        <Text className={styles.fileName} data-testid="compare-file-name">
          {picked ?? t("pane.compare.noFile")}
        </Text>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,.xlsm"
          onChange={onFile}
          disabled={op.running}
          hidden
          aria-hidden="true"
          tabIndex={-1}
          data-testid="compare-file"
        />
      </div>
      {last && (
        <div className={styles.row}>
          <Text className={styles.fileName} data-testid="compare-last-file">{t("pane.compare.picked", { file: last.file })}</Text>
          <Button size="small" onClick={rerun} disabled={op.running} data-testid="compare-rerun">
            {t("pane.compare.rerun")}
          </Button>
        </div>
      )}
      <OperationStatus op={op} />
      {result && s && swapped && (
        <MessageBar intent="error" layout="multiline" data-testid="compare-refused">
          <MessageBarBody>
            <MessageBarTitle>{t("pane.compare.refusedTitle")}</MessageBarTitle>
            {t("pane.compare.swapped", { lastYear: formatYear(s.lastYear, locale), currentYear: formatYear(s.currentYear, locale) })}
          </MessageBarBody>
        </MessageBar>
      )}
      {result && s && !swapped && (
        <>
          {sameYear && (
            <MessageBar intent="warning" layout="multiline" data-testid="compare-same-year">
              <MessageBarBody>{t("pane.compare.sameYear", { year: formatYear(s.currentYear, locale) })}</MessageBarBody>
            </MessageBar>
          )}
          {unrelated && (
            <MessageBar intent="warning" layout="multiline" data-testid="compare-unrelated">
              <MessageBarBody>
                {!s.lastHasTables
                  ? t("pane.compare.lastNoTables")
                  : !s.currentHasTables
                    ? t("pane.compare.currentNoTables")
                    : t("pane.compare.nothingMatched")}
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.row} data-testid="compare-summary" role="status">
            {SEVERITIES.map((sev) => (
              <Badge key={sev} appearance={counts[sev] ? "filled" : "outline"} color={SEVERITY_COLOR[sev]}>
                {t(`pane.severity.${sev}`)} {counts[sev]}
              </Badge>
            ))}
          </div>
          {!unrelated && (
            <Text size={200} data-testid="compare-matched">
              {t("pane.compare.matched", { matched: s.matched, lastOnly: s.lastOnly, currentOnly: s.currentOnly, progress: s.progressMatched })}
            </Text>
          )}
          {!unrelated && (
            <div className={styles.changes} data-testid="compare-changes">
              {s.targetChanged.length === 0 && s.baselineChanged.length === 0 ? (
                <Text size={200}>{t("pane.compare.noChanges")}</Text>
              ) : (
                <>
                  {s.targetChanged.length > 0 && (
                    <Text size={200} data-testid="compare-targets">
                      {t("pane.compare.targetsChanged", { count: s.targetChanged.length, names: list(s.targetChanged) })}
                    </Text>
                  )}
                  {s.baselineChanged.length > 0 && (
                    <Text size={200} data-testid="compare-baselines">
                      {t("pane.compare.baselinesChanged", { count: s.baselineChanged.length, names: list(s.baselineChanged) })}
                    </Text>
                  )}
                </>
              )}
            </div>
          )}
          {result.findings.length === 0 && !unrelated && !sameYear && (
            <Text data-testid="compare-no-findings">{t("pane.compare.noFindings")}</Text>
          )}
          <FindingGroups
            grouped={grouped}
            selected={selected}
            onSelect={select}
            testId="compare-finding"
            detail={(f) =>
              f.expected !== null || f.actual !== null ? (
                <FindingDetail f={f} t={t} locale={locale} decimals={settings.rateDecimals} labels={["pane.compare.actual", "pane.compare.expected"]} />
              ) : null
            }
          />
        </>
      )}
    </div>
  );
}
