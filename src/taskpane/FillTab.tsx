/** 推移・達成率: the indicator tables, computed vs written marks and rates, Apply and Revert. */
import { useCallback, useMemo, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
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
import { formatYear } from "../engine/report/format";
import type { CellValue, UndoRecord, WorkbookSnapshot } from "../workbook/port";
import type { Locale, MessageKey } from "../messages";
import { messages } from "../messages";
import { useLocale, useT, type Translate } from "./i18n";
import { OperationStatus, revertNotice, StaleNotice, useOperation, type Step } from "./operation";
import { readAndAnalyze, type AnalysisResult } from "./engine";
import { formatCell, formatNumber, formatRate } from "./format";
import { TrendChart } from "./TrendChart";
import { STRUCTURE_RULES } from "./findingText";
import { useRevision } from "./revision";
import type { PaneHost } from "./types";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px", minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: "6px", alignItems: "center" },
  settings: { display: "flex", flexDirection: "column", gap: "6px", paddingBottom: "6px" },
  table: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
  tableTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: "6px 0 0 0", overflowWrap: "anywhere" },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "8px",
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    minWidth: 0,
  },
  cardChanged: { borderLeft: `4px solid ${tokens.colorPaletteMarigoldBorderActive}` },
  cardHead: { display: "flex", gap: "6px", alignItems: "flex-start", justifyContent: "space-between" },
  name: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0, overflowWrap: "anywhere", minWidth: 0 },
  compact: { fontSize: tokens.fontSizeBase200, display: "flex", flexWrap: "wrap", gap: "4px 8px", alignItems: "center" },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  values: { fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  cmp: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%", tableLayout: "auto" },
  th: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  td: { padding: "2px 4px", verticalAlign: "middle", overflowWrap: "anywhere" },
  changed: { backgroundColor: tokens.colorPaletteYellowBackground2, fontWeight: tokens.fontWeightSemibold },
  // A badge grows with its text instead of letting it spill out of the pill.
  badge: { height: "auto", minHeight: "20px", whiteSpace: "normal", textAlign: "center" },
  reading: { fontSize: tokens.fontSizeBase200 },
  readingList: { margin: "4px 0 0 0", paddingLeft: "1.2em" },
  structure: { margin: 0, paddingLeft: "1.2em", display: "flex", flexDirection: "column", gap: "4px" },
});

function yearValue(v: YearValue, t: Translate, locale: Locale): string {
  if (v.value === null) return t("pane.fill.unknown");
  const n = formatNumber(v.value, locale);
  return v.year !== null ? t("pane.fill.yearValue", { value: n, year: formatYear(v.year, locale) }) : n;
}

function numberFormatAt(snapshot: WorkbookSnapshot, sheet: string, cell: string | null): string | null {
  if (!cell) return null;
  const s = snapshot.sheets.find((x) => x.name === sheet);
  if (!s) return null;
  const { row, col } = parseA1(cell);
  return s.numberFormats?.[row]?.[col] ?? null;
}

/** A column of a table as the engine read it (present when the engine reports it). */
interface ReadColumn {
  role: string;
  year?: number | null;
  header?: string;
  col?: number | string;
  column?: string;
}

function columnLetter(c: ReadColumn): string {
  if (typeof c.column === "string") return c.column;
  if (typeof c.col === "string") return c.col;
  if (typeof c.col === "number") {
    let n = c.col + 1;
    let s = "";
    while (n > 0) {
      const m = (n - 1) % 26;
      s = String.fromCharCode(65 + m) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  return "";
}

type CellState = "noColumn" | "changed" | "formula" | "error" | "same" | "notRead";

export interface FillTabProps {
  host: PaneHost;
  settings: EngineSettings;
  /** Save changed settings in the workbook (and use them from now on). */
  onSettingsChange: (s: EngineSettings) => Promise<void>;
  /** Why the stored settings were rejected, if they were. */
  settingsRejected?: string;
  visible?: boolean;
}

interface Shown extends AnalysisResult {
  /** The sheet of the scope "this sheet" (null: every sheet). */
  sheet: string | null;
  revision: number;
}

export function FillTab({ host, settings, onSettingsChange, settingsRejected }: FillTabProps) {
  const t = useT();
  const locale = useLocale();
  const styles = useStyles();
  const op = useOperation();
  const rev = useRevision();
  const [scope, setScope] = useState<"sheet" | "all">("sheet");
  const [changesOnly, setChangesOnly] = useState(false);
  const [result, setResult] = useState<Shown | null>(null);
  const [undo, setUndo] = useState<UndoRecord | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const analyse = useCallback(
    async (step: Step, s: EngineSettings, scopeNow: "sheet" | "all") => {
      const revision = rev.now();
      const active = scopeNow === "sheet" ? await host.getActiveSheet() : null;
      const r = await readAndAnalyze(host.port, s, step, true);
      const names = r.snapshot.sheets.map((x) => x.name);
      const sheet = active !== null && names.includes(active) ? active : null;
      const shown: Shown = { ...r, sheet, revision };
      setResult(shown);
      return shown;
    },
    [host, rev],
  );

  const currentScope = (): "sheet" | "all" => (result && result.sheet === null ? "all" : scope);

  const runRead = () => op.run((step) => analyse(step, settings, scope));

  // Save the changed settings, then recompute what is shown with them.
  const changeSettings = (patch: Partial<EngineSettings>) =>
    op.run(async (step) => {
      const next: EngineSettings = { ...settings, ...patch, pace: { ...settings.pace, ...(patch.pace ?? {}) } };
      await step("pane.progress.settings");
      await onSettingsChange(next);
      if (result) await analyse(step, next, currentScope());
      op.setNotice({ intent: "success", key: "pane.settings.saved" });
    });

  const stale = result !== null && result.revision !== rev.current;

  const inScope = useCallback((sheet: string) => !result || result.sheet === null || result.sheet === sheet, [result]);

  // Apply writes the changes of the sheets in scope only.
  const scopedBatch = useMemo(() => {
    const plan = result?.plan;
    if (!plan) return null;
    return { ...plan.batch, cells: plan.batch.cells.filter((c) => inScope(c.sheet)) };
  }, [result, inScope]);

  const apply = () =>
    op.run(async (step) => {
      if (!scopedBatch || scopedBatch.cells.length === 0) {
        op.setNotice({ intent: "info", key: "pane.fill.nothingToApply" });
        return;
      }
      await step("pane.progress.writing");
      const record = await host.port.applyEdits({ ...scopedBatch, label: scopedBatch.label ?? t("pane.tab.fill") });
      setUndo(record);
      await analyse(step, settings, currentScope());
      op.setNotice({ intent: "success", key: "pane.fill.applied", params: { count: scopedBatch.cells.length } });
    });

  const revert = () =>
    op.run(async (step) => {
      if (!undo) return;
      await step("pane.progress.reverting");
      const report = await host.port.revert(undo);
      setUndo(null);
      await analyse(step, settings, currentScope());
      op.setNotice(revertNotice(report, "pane.fill.reverted"));
    });

  const changed = useMemo(() => {
    const m = new Map<string, { before: CellValue; after: string | number | null }>();
    for (const c of result?.plan?.changes ?? []) m.set(`${c.sheet}!${c.cell}`, c);
    return m;
  }, [result]);
  const formulas = useMemo(() => new Set((result?.plan?.skipped ?? []).map((c) => `${c.sheet}!${c.cell}`)), [result]);

  const sheetsInScope = useMemo(() => {
    if (!result) return [];
    return result.sheet === null ? result.snapshot.sheets.map((s) => s.name) : [result.sheet];
  }, [result]);

  const tables = useMemo(() => {
    if (!result) return [];
    const out: { sheet: string; range: string; columns: ReadColumn[] | null; indicators: IndicatorResult[] }[] = [];
    for (const s of result.analysis.sheets) {
      if (!inScope(s.name)) continue;
      for (const tb of s.tables) {
        if (tb.kind !== "indicators") continue;
        const cols = (tb as { columns?: unknown }).columns;
        out.push({
          sheet: tb.sheet,
          range: tb.range,
          columns: Array.isArray(cols) ? (cols as ReadColumn[]) : null,
          indicators: result.analysis.indicators.filter((i) => i.sheet === tb.sheet && i.table === tb.range),
        });
      }
    }
    return out;
  }, [result, inScope]);

  const structure = useMemo(
    () => (result?.analysis.issues ?? []).filter((f) => STRUCTURE_RULES.has(f.rule) && inScope(f.sheet)),
    [result, inScope],
  );

  const changeCount = scopedBatch?.cells.length ?? 0;

  const cellState = (ind: IndicatorResult, cell: string | null, written: CellValue): CellState => {
    // not read with certainty: nothing compared, nothing written (never 「一致」)
    if (ind.uncertain) return "notRead";
    if (cell === null) return "noColumn";
    const key = `${ind.sheet}!${cell}`;
    if (changed.has(key)) return "changed";
    if (formulas.has(key)) return "formula";
    // An error value (#VALUE! …) matches nothing.
    if (written !== null && typeof written === "object") return "error";
    return "same";
  };

  const status = (st: CellState) =>
    st === "noColumn" ? (
      <Text size={200}>{t("pane.fill.noColumn")}</Text>
    ) : st === "notRead" ? (
      <Badge color="warning" appearance="outline" className={styles.badge} data-testid="not-read">
        {t("pane.fill.notRead")}
      </Badge>
    ) : st === "changed" ? (
      <Badge color="warning" className={styles.badge} data-testid="will-change">
        {t("pane.fill.changed")}
      </Badge>
    ) : st === "formula" ? (
      <Badge color="informative" appearance="outline" className={styles.badge} data-testid="formula-kept">
        {t("pane.fill.formulaKept")}
      </Badge>
    ) : st === "error" ? (
      <Badge color="danger" appearance="outline" className={styles.badge} data-testid="cell-error">
        {t("pane.fill.cellError")}
      </Badge>
    ) : (
      <Badge color="success" appearance="outline" className={styles.badge} data-testid="same">
        {t("pane.fill.same")}
      </Badge>
    );

  const roleLabel = (role: string): string => {
    const key = `pane.role.${role}`;
    return Object.prototype.hasOwnProperty.call(messages[locale], key) ? t(key as MessageKey) : t("pane.role.other");
  };

  const renderIndicator = (ind: IndicatorResult) => {
    const id = `${ind.sheet}!${ind.row}`;
    const markState = cellState(ind, ind.markCell, ind.writtenMark);
    const rateState = cellState(ind, ind.rateCell, ind.writtenRate);
    const anyChange = markState === "changed" || rateState === "changed";
    const attention = anyChange || markState === "notRead" || markState === "error" || rateState === "error" || markState === "formula" || rateState === "formula";
    if (changesOnly && !attention) return null;
    const expanded = attention ? !open.has(id) : open.has(id);
    const toggle = () =>
      setOpen((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      });
    const rateFormat = numberFormatAt(result!.snapshot, ind.sheet, ind.rateCell);
    const computedRate = ind.achievementRate === null ? t("pane.fill.unknown") : formatRate(ind.achievementRate, settings.rateDecimals);
    const actuals = ind.actuals.map((a) => yearValue(a, t, locale)).join(" → ");
    const target =
      ind.target.value === null && ind.target.qualitative
        ? ind.target.qualitative + (ind.target.year !== null ? t("pane.fill.inYear", { year: formatYear(ind.target.year, locale) }) : "")
        : yearValue(ind.target, t, locale);
    return (
      <article
        key={id}
        className={anyChange ? `${styles.card} ${styles.cardChanged}` : styles.card}
        data-testid="indicator"
        data-row={ind.row}
        data-expanded={expanded ? "true" : "false"}
      >
        <div className={styles.cardHead}>
          <h4 className={styles.name}>{ind.name}</h4>
          <Button size="small" appearance="subtle" onClick={toggle} aria-expanded={expanded} data-testid="indicator-toggle">
            {expanded ? t("pane.fill.less") : t("pane.fill.more")}
          </Button>
        </div>
        {!expanded && (
          <span className={styles.compact} data-testid="indicator-compact">
            <span>
              {t("pane.fill.mark")}: <span data-testid="computed-mark">{ind.trendMark}</span>
            </span>
            <span>
              {t("pane.fill.rate")}: <span data-testid="computed-rate">{computedRate}</span>
            </span>
            {status(markState === "notRead" ? "notRead" : anyChange ? "changed" : markState === "error" || rateState === "error" ? "error" : markState === "noColumn" && rateState === "noColumn" ? "noColumn" : "same")}
          </span>
        )}
        {ind.uncertain && (
          <Text size={200} className={styles.meta} data-testid="not-read-reason">
            {ind.uncertain}
          </Text>
        )}
        {expanded && (
          <>
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
                    <span className="ps-visually-hidden">{t("pane.fill.item")}</span>
                  </th>
                  <th className={styles.th} scope="col">
                    {t("pane.fill.computed")}
                  </th>
                  <th className={styles.th} scope="col">
                    {t("pane.fill.written")}
                  </th>
                  <th className={styles.th} scope="col">
                    <span className="ps-visually-hidden">{t("pane.fill.state")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th className={styles.th} scope="row">
                    {t("pane.fill.mark")} {ind.markCell ? `(${ind.markCell})` : ""}
                  </th>
                  <td className={markState === "changed" ? `${styles.td} ${styles.changed}` : styles.td} data-testid="computed-mark">
                    {ind.trendMark}
                  </td>
                  <td className={styles.td} data-testid="written-mark">
                    {formatCell(ind.writtenMark, locale)}
                  </td>
                  <td className={styles.td}>{status(markState)}</td>
                </tr>
                <tr>
                  <th className={styles.th} scope="row">
                    {t("pane.fill.rate")} {ind.rateCell ? `(${ind.rateCell})` : ""}
                  </th>
                  <td className={rateState === "changed" ? `${styles.td} ${styles.changed}` : styles.td} data-testid="computed-rate">
                    {computedRate}
                  </td>
                  <td className={styles.td} data-testid="written-rate">
                    {formatCell(ind.writtenRate, locale, rateFormat)}
                  </td>
                  <td className={styles.td}>{status(rateState)}</td>
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
          </>
        )}
      </article>
    );
  };

  const loaded = result !== null && !stale;
  const sep = t("pane.listSeparator");

  return (
    <div className={styles.root} data-testid="fill-tab">
      <Text>{t("pane.fill.intro")}</Text>
      {settingsRejected && (
        <MessageBar intent="warning" layout="multiline" data-testid="settings-rejected">
          <MessageBarBody>{t("pane.settings.invalid", { reason: settingsRejected })}</MessageBarBody>
        </MessageBar>
      )}
      <Accordion collapsible data-testid="settings">
        <AccordionItem value="settings">
          <AccordionHeader size="small" data-testid="settings-header">
            {t("pane.settings.title")}
          </AccordionHeader>
          <AccordionPanel>
            <div className={styles.settings} role="group" aria-label={t("pane.settings.title")}>
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
                  incrementButton={{ "aria-label": t("pane.settings.increment") }}
                  decrementButton={{ "aria-label": t("pane.settings.decrement") }}
                  data-testid="decimals"
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
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <Field label={t("pane.fill.scope")}>
        <RadioGroup layout="horizontal" value={scope} onChange={(_, d) => setScope(d.value === "all" ? "all" : "sheet")} data-testid="fill-scope">
          <Radio value="sheet" label={t("pane.check.scopeSheet")} />
          <Radio value="all" label={t("pane.check.scopeAll")} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        {/* The primary button is the next step: read, then write. */}
        <Button
          appearance={loaded && changeCount > 0 ? "secondary" : "primary"}
          data-appearance={loaded && changeCount > 0 ? "secondary" : "primary"}
          onClick={runRead}
          disabled={op.running}
          data-testid="run-fill"
        >
          {result ? t("pane.fill.reread") : t("pane.fill.run")}
        </Button>
        {result && (
          <Button
            appearance={loaded && changeCount > 0 ? "primary" : "secondary"}
            data-appearance={loaded && changeCount > 0 ? "primary" : "secondary"}
            onClick={apply}
            disabled={op.running || changeCount === 0 || stale}
            data-testid="apply"
          >
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
      {stale && <StaleNotice message={t("pane.fill.stale")} action={t("pane.fill.reread")} onAction={runRead} disabled={op.running} />}
      {result && (
        <Switch checked={changesOnly} label={t("pane.fill.changesOnly")} onChange={(_, d) => setChangesOnly(d.checked)} data-testid="changes-only" />
      )}
      {structure.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="structure">
          <MessageBarBody>
            <MessageBarTitle>{t("pane.check.structureTitle")}</MessageBarTitle>
            <ul className={styles.structure}>
              {structure.map((f, i) => (
                <li key={`${f.sheet}!${f.cell}-${i}`} data-testid="structure-finding" data-rule={f.rule}>
                  {t("pane.check.where", { sheet: f.sheet, cell: f.cell })} {f.message}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {result && tables.length === 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="no-tables">
          <MessageBarBody>
            <MessageBarTitle>{t("pane.check.noTablesTitle")}</MessageBarTitle>
            {t("pane.fill.noTables", { sheets: sheetsInScope.join(sep) })}
          </MessageBarBody>
        </MessageBar>
      )}
      {result && tables.length > 0 && changeCount === 0 && <Text data-testid="nothing-to-apply">{t("pane.fill.nothingToApply")}</Text>}
      {tables.map((tb) => {
        const changes = tb.indicators.reduce(
          (n, i) => n + (i.markCell && changed.has(`${i.sheet}!${i.markCell}`) ? 1 : 0) + (i.rateCell && changed.has(`${i.sheet}!${i.rateCell}`) ? 1 : 0),
          0,
        );
        return (
          <section key={`${tb.sheet}!${tb.range}`} className={styles.table} aria-label={t("pane.fill.table", { sheet: tb.sheet, range: tb.range })}>
            <h3 className={styles.tableTitle}>{t("pane.fill.table", { sheet: tb.sheet, range: tb.range })}</h3>
            <Text size={200}>{t("pane.fill.indicatorCount", { count: tb.indicators.length, changes })}</Text>
            {tb.columns && tb.columns.length > 0 && (
              <details className={styles.reading} data-testid="table-reading">
                <summary>{t("pane.fill.howRead")}</summary>
                <ul className={styles.readingList}>
                  {tb.columns.map((c, i) => (
                    <li key={i}>
                      {[columnLetter(c), roleLabel(c.role)].filter(Boolean).join(" ")}
                      {typeof c.year === "number" ? t("pane.fill.inYear", { year: formatYear(c.year, locale) }) : ""}
                      {c.header ? ` ← 「${c.header}」` : ""}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {tb.indicators.length === 0 && <Text size={200}>{t("pane.fill.noIndicators")}</Text>}
            {tb.indicators.map(renderIndicator)}
          </section>
        );
      })}
    </div>
  );
}
