/** 推移・達成率: the indicator tables, computed vs written marks and rates, Apply and Revert. */
import { useCallback, useMemo, useState } from "react";
import {
  Badge,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  SpinButton,
  Switch,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { IndicatorResult } from "../engine/api";
import type { EngineSettings, YearValue } from "../engine/model/indicator";
import { parseA1 } from "../engine/model/grid";
import type { CellValue, UndoRecord, WorkbookSnapshot } from "../workbook/port";
import type { Locale } from "../messages";
import { useLocale, useT, type Translate } from "./i18n";
import { OperationStatus, revertNotice, useOperation, type Step } from "./operation";
import { readAndAnalyze, type AnalysisResult } from "./engine";
import { formatCell, formatNumber, formatRate } from "./format";
import { TrendChart } from "./TrendChart";
import type { PaneHost } from "./types";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px" },
  row: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "center" },
  settings: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "6px 10px",
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: "6px",
  },
  details: { display: "flex", flexDirection: "column", gap: "6px" },
  summary: { cursor: "pointer", fontWeight: tokens.fontWeightSemibold, padding: "2px 0", marginBottom: "4px" },
  table: { display: "flex", flexDirection: "column", gap: "8px" },
  tableTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: "6px 0 0 0" },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px",
    display: "flex",
    flexDirection: "column",
    gap: "4px",
  },
  cardChanged: { borderLeft: `4px solid ${tokens.colorPaletteMarigoldBorderActive}` },
  name: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  values: { fontSize: tokens.fontSizeBase200 },
  cmp: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, alignSelf: "flex-start" },
  th: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, padding: "2px 6px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  td: { padding: "2px 6px", verticalAlign: "middle" },
  changed: { backgroundColor: tokens.colorPaletteYellowBackground2, fontWeight: tokens.fontWeightSemibold },
});

function yearValue(v: YearValue, t: Translate, locale: Locale): string {
  if (v.value === null) return t("pane.fill.unknown");
  const n = formatNumber(v.value, locale);
  return v.year !== null ? t("pane.fill.yearValue", { value: n, year: v.year }) : n;
}

function numberFormatAt(snapshot: WorkbookSnapshot, sheet: string, cell: string | null): string | null {
  if (!cell) return null;
  const s = snapshot.sheets.find((x) => x.name === sheet);
  if (!s) return null;
  const { row, col } = parseA1(cell);
  return s.numberFormats?.[row]?.[col] ?? null;
}

export interface FillTabProps {
  host: PaneHost;
  settings: EngineSettings;
  /** Save changed settings in the workbook (and use them from now on). */
  onSettingsChange: (s: EngineSettings) => Promise<void>;
  /** Why the stored settings were rejected, if they were. */
  settingsRejected?: string;
}

export function FillTab({ host, settings, onSettingsChange, settingsRejected }: FillTabProps) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const op = useOperation();
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [undo, setUndo] = useState<UndoRecord | null>(null);

  const analyse = useCallback(
    async (step: Step, s: EngineSettings) => {
      const r = await readAndAnalyze(host.port, s, step, true);
      setResult(r);
      return r;
    },
    [host],
  );

  const runRead = () => op.run((step) => analyse(step, settings));

  // Save the changed settings, then recompute what is shown with them.
  const changeSettings = (patch: Partial<EngineSettings>) =>
    op.run(async (step) => {
      const next: EngineSettings = { ...settings, ...patch, pace: { ...settings.pace, ...(patch.pace ?? {}) } };
      await step("pane.progress.settings");
      await onSettingsChange(next);
      if (result) await analyse(step, next);
      op.setNotice({ intent: "success", key: "pane.settings.saved" });
    });

  const apply = () =>
    op.run(async (step) => {
      const plan = result?.plan;
      if (!plan || plan.batch.cells.length === 0) {
        op.setNotice({ intent: "info", key: "pane.fill.nothingToApply" });
        return;
      }
      await step("pane.progress.writing");
      const record = await host.port.applyEdits({ ...plan.batch, label: plan.batch.label ?? t("pane.tab.fill") });
      setUndo(record);
      await analyse(step, settings);
      op.setNotice({ intent: "success", key: "pane.fill.applied", params: { count: plan.batch.cells.length } });
    });

  const revert = () =>
    op.run(async (step) => {
      if (!undo) return;
      await step("pane.progress.reverting");
      const report = await host.port.revert(undo);
      setUndo(null);
      await analyse(step, settings);
      op.setNotice(revertNotice(report, "pane.fill.reverted"));
    });

  const changed = useMemo(() => {
    const m = new Map<string, { before: CellValue; after: string | number | null }>();
    for (const c of result?.plan?.changes ?? []) m.set(`${c.sheet}!${c.cell}`, c);
    return m;
  }, [result]);

  const tables = useMemo(() => {
    if (!result) return [];
    const out: { sheet: string; range: string; indicators: IndicatorResult[] }[] = [];
    for (const s of result.analysis.sheets) {
      for (const tb of s.tables) {
        if (tb.kind !== "indicators") continue;
        out.push({
          sheet: tb.sheet,
          range: tb.range,
          indicators: result.analysis.indicators.filter((i) => i.sheet === tb.sheet && i.table === tb.range),
        });
      }
    }
    return out;
  }, [result]);

  const changeCount = result?.plan?.batch.cells.length ?? 0;

  const renderIndicator = (ind: IndicatorResult) => {
    const markKey = ind.markCell ? `${ind.sheet}!${ind.markCell}` : null;
    const rateKey = ind.rateCell ? `${ind.sheet}!${ind.rateCell}` : null;
    const markChanged = markKey !== null && changed.has(markKey);
    const rateChanged = rateKey !== null && changed.has(rateKey);
    const rateFormat = numberFormatAt(result!.snapshot, ind.sheet, ind.rateCell);
    const actuals = ind.actuals.map((a) => yearValue(a, t, locale)).join(" → ");
    const target =
      ind.target.value === null && ind.target.qualitative
        ? ind.target.qualitative + (ind.target.year !== null ? `（${ind.target.year}）` : "")
        : yearValue(ind.target, t, locale);
    const status = (isChanged: boolean, cell: string | null) =>
      cell === null ? (
        <Text size={200}>{t("pane.fill.noColumn")}</Text>
      ) : isChanged ? (
        <Badge color="warning" data-testid="will-change">
          {t("pane.fill.changed")}
        </Badge>
      ) : (
        <Badge color="success" appearance="outline">
          {t("pane.fill.same")}
        </Badge>
      );
    return (
      <article
        key={`${ind.sheet}-${ind.row}`}
        className={markChanged || rateChanged ? `${styles.card} ${styles.cardChanged}` : styles.card}
        data-testid="indicator"
        data-row={ind.row}
      >
        <h4 className={styles.name}>{ind.name}</h4>
        <span className={styles.meta}>
          {t("pane.fill.row", { row: ind.row })}
          {ind.unit ? ` ・ ${ind.unit}` : ""} ・ {t(`pane.fill.direction.${ind.direction}`)}
        </span>
        <span className={styles.values}>
          {t("pane.fill.baseline")}: {yearValue(ind.baseline, t, locale)} ／ {t("pane.fill.actual")}: {actuals || t("pane.fill.unknown")} ／{" "}
          {t("pane.fill.target")}: {target}
        </span>
        <TrendChart indicator={ind} />
        <table className={styles.cmp}>
          <thead>
            <tr>
              <th className={styles.th} scope="col">
                <span className="ps-visually-hidden">{t("pane.fill.mark")}</span>
              </th>
              <th className={styles.th} scope="col">
                {t("pane.fill.computed")}
              </th>
              <th className={styles.th} scope="col">
                {t("pane.fill.written")}
              </th>
              <th className={styles.th} scope="col">
                <span className="ps-visually-hidden">{t("pane.fill.changed")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th className={styles.th} scope="row">
                {t("pane.fill.mark")} {ind.markCell ? `(${ind.markCell})` : ""}
              </th>
              <td className={markChanged ? `${styles.td} ${styles.changed}` : styles.td} data-testid="computed-mark">
                {ind.trendMark}
              </td>
              <td className={styles.td} data-testid="written-mark">
                {formatCell(ind.writtenMark, locale)}
              </td>
              <td className={styles.td}>{status(markChanged, ind.markCell)}</td>
            </tr>
            <tr>
              <th className={styles.th} scope="row">
                {t("pane.fill.rate")} {ind.rateCell ? `(${ind.rateCell})` : ""}
              </th>
              <td className={rateChanged ? `${styles.td} ${styles.changed}` : styles.td} data-testid="computed-rate">
                {ind.achievementRate === null ? t("pane.fill.unknown") : formatRate(ind.achievementRate, settings.rateDecimals)}
              </td>
              <td className={styles.td} data-testid="written-rate">
                {formatCell(ind.writtenRate, locale, rateFormat)}
              </td>
              <td className={styles.td}>{status(rateChanged, ind.rateCell)}</td>
            </tr>
          </tbody>
        </table>
        {ind.pace && (
          <Text size={200}>
            {t("pane.fill.pace", {
              expected: formatNumber(ind.pace.expected, locale),
              ratio: formatRate(ind.pace.ratio, settings.rateDecimals),
              grade: ind.pace.grade,
            })}
          </Text>
        )}
      </article>
    );
  };

  return (
    <div className={styles.root} data-testid="fill-tab">
      <Text>{t("pane.fill.intro")}</Text>
      {settingsRejected && (
        <MessageBar intent="warning" layout="multiline" data-testid="settings-rejected">
          <MessageBarBody>{t("pane.settings.invalid", { reason: settingsRejected })}</MessageBarBody>
        </MessageBar>
      )}
      <details className={styles.details} data-testid="settings">
        <summary className={styles.summary}>{t("pane.settings.title")}</summary>
      <fieldset className={styles.settings}>
        <legend className="ps-visually-hidden">{t("pane.settings.title")}</legend>
        <Field label={t("pane.settings.rateMethod")}>
          <RadioGroup
            value={settings.rateMethod}
            onChange={(_, d) => changeSettings({ rateMethod: d.value === "progress" ? "progress" : "ratio" })}
            disabled={op.running}
          >
            <Radio value="ratio" label={t("pane.settings.rateMethod.ratio")} />
            <Radio value="progress" label={t("pane.settings.rateMethod.progress")} />
          </RadioGroup>
        </Field>
        <Switch
          checked={settings.capRate}
          label={t("pane.settings.cap")}
          onChange={(_, d) => changeSettings({ capRate: d.checked })}
          disabled={op.running}
        />
        <Field label={t("pane.settings.decimals")}>
          <SpinButton
            value={settings.rateDecimals}
            min={0}
            max={6}
            disabled={op.running}
            onChange={(_, d) => {
              const raw = d.value ?? (d.displayValue !== undefined ? Number(d.displayValue) : NaN);
              if (Number.isInteger(raw) && raw >= 0 && raw <= 6) void changeSettings({ rateDecimals: raw });
            }}
          />
        </Field>
        <Switch
          checked={settings.pace.enabled}
          label={t("pane.settings.pace")}
          onChange={(_, d) => changeSettings({ pace: { ...settings.pace, enabled: d.checked } })}
          disabled={op.running}
        />
      </fieldset>
      </details>
      <div className={styles.row}>
        <Button appearance="primary" onClick={runRead} disabled={op.running} data-testid="run-fill">
          {t("pane.fill.run")}
        </Button>
        {result && (
          <Button onClick={apply} disabled={op.running || changeCount === 0} data-testid="apply">
            {t("pane.fill.apply", { count: changeCount })}
          </Button>
        )}
        {undo && (
          <Button onClick={revert} disabled={op.running} data-testid="revert">
            {t("pane.fill.revert")}
          </Button>
        )}
      </div>
      <OperationStatus op={op} />
      {result && tables.length === 0 && (
        <MessageBar intent="info" layout="multiline" data-testid="no-tables">
          <MessageBarBody>{t("pane.fill.noTables")}</MessageBarBody>
        </MessageBar>
      )}
      {result && tables.length > 0 && changeCount === 0 && <Text data-testid="nothing-to-apply">{t("pane.fill.nothingToApply")}</Text>}
      {tables.map((tb) => (
        <section key={`${tb.sheet}!${tb.range}`} className={styles.table} aria-label={t("pane.fill.table", { sheet: tb.sheet, range: tb.range })}>
          <h3 className={styles.tableTitle}>{t("pane.fill.table", { sheet: tb.sheet, range: tb.range })}</h3>
          <Text size={200}>
            {t("pane.fill.indicatorCount", {
              count: tb.indicators.length,
              changes: tb.indicators.reduce(
                (n, i) =>
                  n +
                  (i.markCell && changed.has(`${i.sheet}!${i.markCell}`) ? 1 : 0) +
                  (i.rateCell && changed.has(`${i.sheet}!${i.rateCell}`) ? 1 : 0),
                0,
              ),
            })}
          </Text>
          {tb.indicators.map(renderIndicator)}
        </section>
      ))}
    </div>
  );
}
