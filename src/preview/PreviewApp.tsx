/**
 * The preview host page: open an .xlsx in the browser (XlsxWorkbook), render the active sheet as a
 * grid, and run the same task pane beside it. Nothing leaves the browser.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from "react";
import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { XlsxWorkbook } from "../workbook/xlsx/adapter";
import type { SheetSnapshot } from "../workbook/port";
import { t, type Locale } from "../messages";
import { App } from "../taskpane/App";
import { initialLocale, LocaleContext, rememberLocale } from "../taskpane/i18n";
import { errorText, knownErrorText } from "../taskpane/format";
import type { CellRef } from "../taskpane/types";
import { createPreviewHost } from "./previewHost";
import { Grid, MAX_COLS, MAX_ROWS } from "./Grid";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", height: "100vh", fontFamily: tokens.fontFamilyBase },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: "10px",
    padding: "8px 12px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0, marginRight: "auto" },
  fileLabel: { display: "flex", alignItems: "center", gap: "6px", fontSize: tokens.fontSizeBase300 },
  body: { display: "flex", flexGrow: 1, minHeight: 0 },
  sheetArea: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0, padding: "8px", gap: "6px" },
  pane: {
    width: "380px",
    flexShrink: 0,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  info: { display: "flex", gap: "12px", flexWrap: "wrap", color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

interface Doc {
  workbook: XlsxWorkbook;
  fileName: string;
  loadId: number;
}

export function PreviewApp() {
  const styles = useStyles();
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = (l: Locale) => {
    rememberLocale(l);
    setLocaleState(l);
  };
  const [doc, setDoc] = useState<Doc | null>(null);
  const [sheets, setSheets] = useState<SheetSnapshot[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [selection, setSelection] = useState<CellRef | null>(null);
  const [written, setWritten] = useState<Set<string>>(new Set());
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadCount = useRef(0);

  // The host reads the latest state through refs (it lives as long as the document).
  const activeRef = useRef(active);
  activeRef.current = active;
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const sheetsRef = useRef(sheets);
  sheetsRef.current = sheets;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const refresh = useCallback(async (wb: XlsxWorkbook) => {
    const snap = await wb.readSnapshot();
    setSheets(snap.sheets);
    return snap.sheets;
  }, []);

  const open = useCallback(
    async (bytes: Uint8Array, fileName: string) => {
      setLoading(fileName);
      setError(null);
      try {
        const workbook = await XlsxWorkbook.fromBuffer(bytes, fileName);
        const list = await refresh(workbook);
        const first = list.find((s) => !s.hidden) ?? list[0];
        setActive(first ? first.name : null);
        setSelection(null);
        setWritten(new Set());
        setDoc({ workbook, fileName, loadId: ++loadCount.current });
      } catch (e) {
        // File errors already name the file and say what to do; anything else is wrapped.
        setError(knownErrorText(e, locale) ?? t(locale, "preview.loadFailed", { file: fileName, reason: errorText(e, locale) }));
      } finally {
        setLoading(null);
      }
    },
    [locale, refresh],
  );

  // ?file=URL (same origin): open that workbook at start (used by the browser tests).
  useEffect(() => {
    const url = new URLSearchParams(window.location.search).get("file");
    if (!url) return;
    const name = decodeURIComponent(url.split("/").pop() || "workbook.xlsx");
    fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.arrayBuffer();
      })
      .then((buf) => open(new Uint8Array(buf), name))
      .catch((e) => setError(t(locale, "preview.loadFailed", { file: name, reason: errorText(e, locale) })));
    // Only at start.
  }, []);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    await open(new Uint8Array(await file.arrayBuffer()), file.name);
    e.target.value = "";
  };

  const host = useMemo(() => {
    if (!doc) return null;
    const key = (c: CellRef) => `${c.sheet}!${c.cell}`;
    return createPreviewHost(doc.workbook, {
      activeSheet: () => activeRef.current,
      selection: () => selectionRef.current,
      select: (sheet, cell) => {
        if (!sheetsRef.current.some((s) => s.name === sheet)) throw new Error(`${sheet}!${cell}`);
        setActive(sheet);
        setSelection({ sheet, cell });
      },
      onWritten: (cells) => {
        setWritten((w) => new Set([...w, ...cells.map(key)]));
        void refresh(doc.workbook);
      },
      onReverted: (cells) => {
        setWritten((w) => {
          const n = new Set(w);
          cells.forEach((c) => n.delete(key(c)));
          return n;
        });
        void refresh(doc.workbook).then((list) => {
          if (!list.some((s) => s.name === activeRef.current)) setActive(list[0]?.name ?? null);
        });
      },
    });
  }, [doc, refresh]);

  const download = async () => {
    if (!doc) return;
    try {
      const bytes = await doc.workbook.toBuffer();
      const blob = new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = doc.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(errorText(e, locale));
    }
  };

  const sheet = sheets.find((s) => s.name === active) ?? null;
  const writtenHere = useMemo(() => {
    const s = new Set<string>();
    for (const k of written) if (active && k.startsWith(`${active}!`)) s.add(k.slice(active.length + 1));
    return s;
  }, [written, active]);

  return (
    <LocaleContext.Provider value={locale}>
      <FluentProvider theme={webLightTheme} lang={locale}>
        <div className={styles.page}>
          <header className={styles.header}>
            <h1 className={styles.title}>{t(locale, "preview.title")}</h1>
            <label className={styles.fileLabel}>
              {t(locale, "preview.open")}
              <input type="file" accept=".xlsx,.xlsm" onChange={onFile} data-testid="file-input" />
            </label>
            <Button onClick={download} disabled={!doc} data-testid="download">
              {t(locale, "preview.download")}
            </Button>
          </header>
          <div className={styles.body}>
            <section className={styles.sheetArea} aria-label={doc ? doc.fileName : t(locale, "preview.title")}>
              {loading && <Spinner size="tiny" label={t(locale, "preview.loading", { file: loading })} />}
              {error && (
                <MessageBar intent="error" layout="multiline" data-testid="preview-error">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              )}
              {!doc && !loading && <Text>{t(locale, "preview.noFile")}</Text>}
              {doc && sheets.length > 0 && (
                <>
                  <TabList
                    selectedValue={active ?? undefined}
                    onTabSelect={(_, d) => setActive(String(d.value))}
                    aria-label={t(locale, "preview.sheets")}
                    size="small"
                    data-testid="sheet-tabs"
                  >
                    {sheets.map((s) => (
                      <Tab key={s.name} value={s.name}>
                        {s.name}
                      </Tab>
                    ))}
                  </TabList>
                  <div className={styles.info} aria-live="polite">
                    <span data-testid="selection">
                      {selection ? t(locale, "preview.selected", { sheet: selection.sheet, cell: selection.cell }) : ""}
                    </span>
                    {written.size > 0 && <span>{t(locale, "preview.changed", { count: written.size })}</span>}
                    {sheet && (sheet.rowCount > MAX_ROWS || sheet.colCount > MAX_COLS) && (
                      <span>{t(locale, "preview.truncated", { rows: MAX_ROWS, cols: MAX_COLS })}</span>
                    )}
                  </div>
                  {sheet && (
                    <Grid
                      sheet={sheet}
                      selected={selection && selection.sheet === sheet.name ? selection.cell : null}
                      written={writtenHere}
                      onSelect={(cell) => setSelection({ sheet: sheet.name, cell })}
                    />
                  )}
                </>
              )}
            </section>
            <aside className={styles.pane} aria-label={t(locale, "pane.title")} data-testid="pane">
              {host && doc && <App key={doc.loadId} host={host} locale={locale} onLocaleChange={setLocale} />}
            </aside>
          </div>
        </div>
      </FluentProvider>
    </LocaleContext.Provider>
  );
}
