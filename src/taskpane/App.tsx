/** The task pane shell: header, language switch, busy notice, four tabs, error boundaries. */
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  Button,
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { EngineSettings } from "../engine/model/indicator";
import { t, type Locale } from "../messages";
import { LocaleContext, rememberLocale } from "./i18n";
import { ErrorBoundary } from "./ErrorBoundary";
import { CheckTab } from "./CheckTab";
import { FillTab } from "./FillTab";
import { CompareTab } from "./CompareTab";
import { TemplatesTab } from "./templates/TemplatesTab";
import { defaultSettings, loadSettings, saveSettings } from "./settings";
import { errorText } from "./format";
import type { PaneHost } from "./types";

const useGlobalStyles = makeStaticStyles({
  body: { margin: 0 },
  ".ps-visually-hidden": {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
  ".ps-status": { display: "flex", flexDirection: "column", gap: "6px" },
});

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "10px 12px 16px 12px",
    minHeight: "100%",
    boxSizing: "border-box",
    fontFamily: tokens.fontFamilyBase,
  },
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "8px" },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  panel: { paddingTop: "4px" },
});

type TabId = "check" | "fill" | "templates" | "compare";

export interface AppProps {
  host: PaneHost;
  initialLocale?: Locale;
  /** When given, the language is controlled by the page around the pane (the preview host). */
  locale?: Locale;
  onLocaleChange?: (l: Locale) => void;
}

export function App(props: AppProps) {
  const [ownLocale, setOwnLocale] = useState<Locale>(props.initialLocale ?? "ja");
  const locale = props.locale ?? ownLocale;
  const setLocale = (l: Locale) => {
    rememberLocale(l);
    if (props.onLocaleChange) props.onLocaleChange(l);
    else setOwnLocale(l);
  };
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <LocaleContext.Provider value={locale}>
      <FluentProvider theme={webLightTheme} lang={locale}>
        <ErrorBoundary locale={locale}>
          <Pane host={props.host} locale={locale} setLocale={setLocale} />
        </ErrorBoundary>
      </FluentProvider>
    </LocaleContext.Provider>
  );
}

function Pane({ host, locale, setLocale }: { host: PaneHost; locale: Locale; setLocale: (l: Locale) => void }) {
  useGlobalStyles();
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>("check");
  // The compare tab is mounted when first shown: only then is its chunk (the .xlsx reader) fetched.
  const [compareShown, setCompareShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [stored, setStored] = useState<EngineSettings>(() => defaultSettings(locale));
  const [rejected, setRejected] = useState<string | undefined>();
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => host.subscribeBusy(setBusy), [host]);

  useEffect(() => {
    let live = true;
    loadSettings(host.port, locale)
      .then((r) => {
        if (!live) return;
        setStored(r.settings);
        setRejected(r.rejected);
      })
      .catch((e) => live && setLoadError(errorText(e, locale)));
    return () => {
      live = false;
    };
    // Settings are read once per workbook (host); the language does not change them.
  }, [host]);

  const settings = useMemo(() => ({ ...stored, locale }), [stored, locale]);

  const onSettingsChange = useCallback(
    async (s: EngineSettings) => {
      await saveSettings(host.port, s);
      setStored(s);
      setRejected(undefined);
    },
    [host],
  );

  const tabs: { id: TabId; label: string }[] = [
    { id: "check", label: t(locale, "pane.tab.check") },
    { id: "fill", label: t(locale, "pane.tab.fill") },
    { id: "templates", label: t(locale, "pane.tab.templates") },
    { id: "compare", label: t(locale, "pane.tab.compare") },
  ];

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>{t(locale, "pane.title")}</h1>
        <Button
          size="small"
          appearance="subtle"
          onClick={() => setLocale(locale === "ja" ? "en" : "ja")}
          aria-label={`${t(locale, "pane.language")}: ${t(locale, "pane.languageOther")}`}
          lang={locale === "ja" ? "en" : "ja"}
          data-testid="language"
        >
          {t(locale, "pane.languageOther")}
        </Button>
      </header>
      {busy && (
        <MessageBar intent="warning" layout="multiline" data-testid="busy" role="status">
          <MessageBarBody>{t(locale, "pane.busy.editMode")}</MessageBarBody>
        </MessageBar>
      )}
      {loadError && (
        <MessageBar intent="error" layout="multiline" data-testid="load-error">
          <MessageBarBody>{loadError}</MessageBarBody>
        </MessageBar>
      )}
      <TabList
        selectedValue={tab}
        onTabSelect={(_, d) => {
          setTab(d.value as TabId);
          if (d.value === "compare") setCompareShown(true);
        }}
        aria-label={t(locale, "pane.tabs")}
        size="small"
      >
        {tabs.map((x) => (
          <Tab key={x.id} value={x.id} id={`ps-tab-${x.id}`} aria-controls={`ps-panel-${x.id}`} data-testid={`tab-${x.id}`}>
            {x.label}
          </Tab>
        ))}
      </TabList>
      {tabs.map((x) => (
        <div
          key={x.id}
          role="tabpanel"
          id={`ps-panel-${x.id}`}
          aria-labelledby={`ps-tab-${x.id}`}
          hidden={tab !== x.id}
          className={styles.panel}
        >
          <ErrorBoundary locale={locale}>
            {x.id === "check" && <CheckTab host={host} settings={settings} />}
            {x.id === "fill" && (
              <FillTab host={host} settings={settings} onSettingsChange={onSettingsChange} settingsRejected={rejected} />
            )}
            {x.id === "templates" && <TemplatesTab port={host.port} locale={locale} getSelection={host.getSelection} />}
            {x.id === "compare" && compareShown && <CompareTab host={host} settings={settings} />}
          </ErrorBoundary>
        </div>
      ))}
    </main>
  );
}

/** Shown when taskpane.html is opened outside Excel. */
export function NotInExcel({ locale }: { locale: Locale }) {
  useGlobalStyles();
  const styles = useStyles();
  const [before, after] = t(locale, "pane.notInExcel").split("{preview}");
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <FluentProvider theme={webLightTheme} lang={locale}>
      <main className={styles.root}>
        <h1 className={styles.title}>{t(locale, "pane.title")}</h1>
        <MessageBar intent="info" layout="multiline" data-testid="not-in-excel">
          <MessageBarBody>
            {before}
            <a href="preview.html">preview.html</a>
            {after}
          </MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
