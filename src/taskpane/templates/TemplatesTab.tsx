/**
 * テンプレート tab: the catalogue, a rendered preview of the chosen template (an HTML table built
 * from the rendered cells), its parameter form, and inserting at the selected cell or as a new
 * sheet. Before writing over non-empty cells it lists them and asks. Talks to Excel only through
 * the WorkbookPort.
 */
import { useEffect, useRef, useSyncExternalStore, type CSSProperties } from "react";
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { t, type Locale, type MessageKey } from "../../messages";
import type { WorkbookPort } from "../../workbook/port";
import { templateDescription, templateTitle, type TemplateDefinition } from "../../engine/templates";
import { TemplatesModel, type InsertMode, type TemplatesState } from "./model";
import type { PreviewGrid } from "./preview";

export interface TemplatesTabProps {
  port: WorkbookPort;
  locale: Locale;
  getSelection: () => Promise<{ sheet: string; cell: string } | null>;
  /** The catalogue to offer; the built-in templates when omitted. */
  templates?: TemplateDefinition[];
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px" },
  section: { display: "flex", flexDirection: "column", gap: "6px" },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  option: { display: "flex", flexDirection: "column", gap: "2px" },
  description: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  previewBox: {
    overflow: "auto",
    maxHeight: "320px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: { borderCollapse: "collapse", fontSize: "10px", tableLayout: "fixed" },
  td: { padding: "1px 3px", verticalAlign: "top", overflow: "visible" },
  wrap: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  nowrap: { whiteSpace: "pre" },
  list: { color: tokens.colorBrandForeground1, marginLeft: "2px" },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  pre: { whiteSpace: "pre-line" },
  badge: { height: "auto", minHeight: "16px", whiteSpace: "normal" },
});

/** The tab, with its own state (kept across renders). */
export function TemplatesTab(props: TemplatesTabProps) {
  const ref = useRef<TemplatesModel | null>(null);
  if (!ref.current) ref.current = new TemplatesModel(props);
  const model = ref.current;
  useEffect(() => {
    model.setOptions(props);
  }, [model, props]);
  const state = useSyncExternalStore(model.subscribe, model.getState, model.getState);
  return <TemplatesView model={model} state={state} locale={props.locale} />;
}

/** The tab's view of a model and its state (rendered on its own in tests). */
export function TemplatesView({ model, state, locale }: { model: TemplatesModel; state: TemplatesState; locale: Locale }) {
  const s = useStyles();
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const def = model.selected;
  const { errors } = model.values();
  const grid = model.preview();
  return (
    <div className={s.root} data-testid="templates-tab">
      <section className={s.section} aria-labelledby="ps-templates-catalogue">
        <h2 id="ps-templates-catalogue" className={s.heading}>
          {tr("templates.pane.catalogue")}
        </h2>
        <RadioGroup value={state.selectedId} onChange={(_, d) => model.select(d.value)} aria-labelledby="ps-templates-catalogue">
          {state.templates.map((d) => (
            <Radio
              key={d.id}
              value={d.id}
              data-testid={`template-${d.id}`}
              label={
                <span className={s.option}>
                  <span>
                    {templateTitle(d, locale)}{" "}
                    <Badge appearance="tint" size="small" className={s.badge}>
                      {tr(`templates.kind.${d.kind}` as MessageKey)}
                    </Badge>
                  </span>
                  {d.id === state.selectedId && <span className={s.description}>{templateDescription(d, locale)}</span>}
                </span>
              }
            />
          ))}
        </RadioGroup>
      </section>

      {def && grid && (
        <section className={s.section} aria-labelledby="ps-templates-preview">
          <h2 id="ps-templates-preview" className={s.heading}>
            {tr("templates.pane.preview")}
          </h2>
          {/* a scrolling region must be reachable from the keyboard */}
          <div className={s.previewBox} tabIndex={0} role="region" aria-labelledby="ps-templates-preview">
            <PreviewTable grid={grid} caption={tr("templates.pane.previewTable", { title: templateTitle(def, locale) })} />
          </div>
          {grid.truncated && <Text size={200}>{tr("preview.truncated", { rows: grid.rows.length, cols: grid.cols })}</Text>}
        </section>
      )}

      {def && def.parameters.length > 0 && (
        <section className={s.section} aria-labelledby="ps-templates-params">
          <h2 id="ps-templates-params" className={s.heading}>
            {tr("templates.pane.parameters")}
          </h2>
          {def.parameters.map((p) => {
            const label = locale === "en" && p.label.en ? p.label.en : p.label.ja;
            const shown = model.shown(p.key);
            // (No empty brackets: the hint names the year only once the input reads as one.)
            const hint = p.type === "fiscalYear" ? (shown ? tr("templates.pane.yearHint", { shown }) : tr("templates.pane.yearHintEmpty")) : undefined;
            return (
              <Field
                key={`${def.id}-${p.key}`}
                label={label}
                hint={hint}
                validationState={errors[p.key] ? "error" : "none"}
                validationMessage={errors[p.key]}
              >
                <Input
                  value={model.paramText(p.key)}
                  inputMode={p.type === "integer" ? "numeric" : undefined}
                  data-testid={`param-${p.key}`}
                  onChange={(_, d) => model.setParam(p.key, d.value)}
                />
              </Field>
            );
          })}
        </section>
      )}

      {def && (
        <section className={s.section}>
          <RadioGroup value={state.mode} onChange={(_, d) => model.setMode(d.value as InsertMode)} layout="horizontal">
            <Radio value="selection" label={tr("templates.pane.insertAtSelection")} data-testid="mode-selection" />
            <Radio value="newSheet" label={tr("templates.pane.insertAsSheet")} data-testid="mode-newSheet" />
          </RadioGroup>
          {state.mode === "newSheet" && (
            <Field label={tr("templates.pane.sheetName")}>
              <Input value={state.sheetName} placeholder={model.newSheetName()} data-testid="sheet-name" onChange={(_, d) => model.setSheetName(d.value)} />
            </Field>
          )}
          <div className={s.row}>
            <Button appearance="primary" disabled={state.busy || state.pending !== null} onClick={() => void model.insert()} data-testid="insert">
              {state.mode === "selection" ? tr("templates.pane.insertAtSelection") : tr("templates.pane.insertAsSheet")}
            </Button>
            {state.busy && <Spinner size="tiny" />}
          </div>
          {/* The question about overwriting stands right under the button that asked for it. */}
          <div aria-live="polite">
        {state.pending && (
          <MessageBar intent="warning" layout="multiline" data-testid="confirm" role="alertdialog" aria-labelledby="ps-templates-confirm-title">
            <MessageBarBody>
              <MessageBarTitle id="ps-templates-confirm-title">{tr("templates.pane.confirmTitle")}</MessageBarTitle>
              {tr("templates.pane.confirmBody", { sheet: state.pending.rendered.sheet, count: state.pending.conflicts.length, cells: state.pending.conflictText })}
            </MessageBarBody>
            <MessageBarActions>
              <Button appearance="primary" size="small" onClick={() => void model.confirm()} data-testid="confirm-overwrite" ref={focusOnMount}>
                {tr("templates.pane.overwrite")}
              </Button>
              <Button size="small" onClick={() => model.cancel()} data-testid="confirm-cancel">
                {tr("templates.pane.cancel")}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
          </div>
        </section>
      )}

      <div aria-live="polite">
        {state.error && (
          <MessageBar intent="error" layout="multiline" data-testid="templates-error">
            <MessageBarBody className={s.pre}>{state.error}</MessageBarBody>
          </MessageBar>
        )}
        {state.notice && (
          <MessageBar intent="success" layout="multiline" data-testid="templates-notice">
            <MessageBarBody>{state.notice}</MessageBarBody>
            {state.lastInsert && (
              <MessageBarActions>
                <Button size="small" onClick={() => void model.undo()} data-testid="templates-undo">
                  {tr("templates.pane.undo")}
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        )}
      </div>
    </div>
  );
}

/** Bring the confirmation into view and put the focus on its first answer. */
function focusOnMount(el: HTMLButtonElement | null): void {
  if (!el) return;
  el.focus({ preventScroll: true });
  // After layout: the whole question (title, cells, both answers) in view.
  requestAnimationFrame(() => {
    const bar = el.closest("[data-testid=confirm]") ?? el;
    bar.scrollIntoView({ block: "nearest" });
  });
}

/** The preview: the rendered cells as an HTML table (text only; styles from the template). */
/** Preview width of an Excel column width (character units) in em of the preview's font. */
function previewWidth(w: number | null): number {
  return Math.max(1.5, Math.round((w ?? 8.43) * 0.6 * 10) / 10);
}

export function PreviewTable({ grid, caption }: { grid: PreviewGrid; caption: string }) {
  const s = useStyles();
  const total = grid.widths.reduce((sum: number, w) => sum + previewWidth(w), 0);
  return (
    <table className={s.table} style={{ width: `${Math.round(total * 10) / 10}em` }} aria-label={caption} data-testid="template-preview">
      <colgroup>
        {grid.widths.map((w, i) => (
          <col key={i} style={{ width: `${previewWidth(w)}em` }} />
        ))}
      </colgroup>
      <tbody>
        {grid.rows.map((row, r) => (
          <tr key={r}>
            {row.map((c) => {
              const st = c.style;
              const css: CSSProperties = {};
              if (st?.bold) css.fontWeight = 600;
              if (st?.fill) css.backgroundColor = `#${st.fill}`;
              if (st?.border) css.border = "1px solid #8a8886";
              if (st?.horizontal) css.textAlign = st.horizontal;
              if (st?.vertical) css.verticalAlign = st.vertical;
              if (st?.fontSize) css.fontSize = `${Math.round(st.fontSize * 0.8)}px`;
              return (
                <td
                  key={c.col}
                  rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
                  colSpan={c.colSpan > 1 ? c.colSpan : undefined}
                  className={`${s.td} ${st?.wrap ? s.wrap : s.nowrap}`}
                  style={css}
                >
                  {c.text}
                  {c.list && (
                    <span className={s.list} title={c.list.join(" ")} aria-label={c.list.join(" ")}>
                      ▾
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
