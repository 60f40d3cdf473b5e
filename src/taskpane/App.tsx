/** The task pane shell: header, language switch, busy notice, four tabs, error boundaries. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  MenuButton,
  MessageBar,
  MessageBarBody,
  Overflow,
  OverflowItem,
  Spinner,
  Tab,
  TabList,
  tokens,
  useOverflowMenu,
  webLightTheme,
} from "@fluentui/react-components";
import type { EngineSettings } from "../engine/model/indicator";
import { hasMessages, loadMessages, t, type Locale } from "../messages";
import { LocaleContext, rememberLocale } from "./i18n";
import { ErrorBoundary } from "./ErrorBoundary";
import { CheckTab } from "./CheckTab";
import { countingPort, RevisionContext, type Revision } from "./revision";
import { initialSettings } from "./settingsDefaults";
import { loadEngine } from "./lazyEngine";
import { errorText } from "./format";
import type { PaneHost } from "./types";

// The テンプレート and 前年度比較 tabs are chunks of their own, fetched when first shown: the pane's
// first scripts stay small (test/browser/bundle.test.ts).
const TemplatesTab = lazy(() => import(/* webpackChunkName: "templates" */ "./templates/TemplatesTab").then((m) => ({ default: m.TemplatesTab })));
const FillTab = lazy(() => import(/* webpackChunkName: "fill-tab" */ "./FillTab").then((m) => ({ default: m.FillTab })));
// The overflow menu of the tabs (Fluent's Menu, with its positioning code) is fetched when opened.
const TabsMenuPopover = lazy(() => import(/* webpackChunkName: "tabs-menu" */ "./TabsMenu").then((m) => ({ default: m.TabsMenuPopover })));
const CompareTab = lazy(() => import(/* webpackChunkName: "compare-tab" */ "./CompareTab").then((m) => ({ default: m.CompareTab })));

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
  // Long sheet names, file names and words never push the pane sideways.
  "#root, main": { maxWidth: "100%", overflowWrap: "anywhere" },
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
  tabRow: { display: "flex", alignItems: "center", minWidth: 0, overflow: "hidden", flexWrap: "nowrap" },
  tabs: { minWidth: 0, flexShrink: 1, flexWrap: "nowrap" },
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
    const apply = () => {
      rememberLocale(l);
      if (props.onLocaleChange) props.onLocaleChange(l);
      else setOwnLocale(l);
    };
    // English is a chunk of its own (src/messages.en.web.ts), fetched once the pane is shown (below):
    // the pane switches at once when it is there, else when it arrives (and stays in its language if
    // it cannot be fetched).
    if (hasMessages(l)) apply();
    else loadMessages(l).then(apply, () => undefined);
  };
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    // The other language, fetched after the first screen so that switching is immediate.
    loadMessages(locale === "ja" ? "en" : "ja").catch(() => undefined);
    // once, as the pane starts
  }, []);
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
  // A tab is mounted when first shown (the テンプレート and 前年度比較 chunks are fetched only then),
  // and kept mounted (its state stays) when another tab is chosen.
  const [shown, setShown] = useState<ReadonlySet<TabId>>(() => new Set<TabId>(["check"]));
  const choose = useCallback((id: TabId) => {
    setTab(id);
    setShown((s) => (s.has(id) ? s : new Set([...s, id])));
  }, []);
  // Every write through the pane's port counts: results computed before it are out of date.
  const [revision, setRevision] = useState(0);
  const revisionRef = useRef(0);
  const paneHost = useMemo<PaneHost>(
    () => ({
      ...host,
      port: countingPort(host.port, () => {
        revisionRef.current += 1;
        setRevision(revisionRef.current);
      }),
    }),
    [host],
  );
  const rev = useMemo<Revision>(() => ({ current: revision, now: () => revisionRef.current }), [revision]);
  const [busy, setBusy] = useState(false);
  const [stored, setStored] = useState<EngineSettings>(() => initialSettings(locale));
  const [rejected, setRejected] = useState<string | undefined>();
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => host.subscribeBusy(setBusy), [host]);

  useEffect(() => {
    let live = true;
    // The settings are read through the engine chunk (zod's schema), fetched here as the pane starts.
    loadEngine()
      .then((engine) => engine.loadSettings(host.port, locale))
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
      await (await loadEngine()).saveSettings(host.port, s);
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
    <RevisionContext.Provider value={rev}>
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
      {/* The tab list holds only tabs; the overflow menu's button stands beside it, in the same overflow container. */}
      <Overflow minimumVisible={1} padding={8}>
        <div className={styles.tabRow} data-testid="tabs">
          <TabList selectedValue={tab} onTabSelect={(_, d) => choose(d.value as TabId)} aria-label={t(locale, "pane.tabs")} size="small" className={styles.tabs}>
            {tabs.map((x) => (
              <OverflowItem key={x.id} id={x.id} priority={x.id === tab ? 2 : 1}>
                <Tab value={x.id} id={`ps-tab-${x.id}`} aria-controls={`ps-panel-${x.id}`} data-testid={`tab-${x.id}`}>
                  {x.label}
                </Tab>
              </OverflowItem>
            ))}
          </TabList>
          <TabsMenu tabs={tabs} onSelect={choose} label={t(locale, "pane.tabs.more")} />
        </div>
      </Overflow>
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
            <Suspense fallback={<Spinner size="tiny" label={t(locale, "pane.loadingTab")} />}>
              {x.id === "check" && <CheckTab host={paneHost} settings={settings} visible={tab === "check"} />}
              {x.id === "fill" && shown.has("fill") && (
                <FillTab host={paneHost} settings={settings} onSettingsChange={onSettingsChange} settingsRejected={rejected} visible={tab === "fill"} />
              )}
              {x.id === "templates" && shown.has("templates") && (
                <TemplatesTab port={paneHost.port} locale={locale} getSelection={paneHost.getSelection} />
              )}
              {x.id === "compare" && shown.has("compare") && <CompareTab host={paneHost} settings={settings} />}
            </Suspense>
          </ErrorBoundary>
        </div>
      ))}
    </main>
    </RevisionContext.Provider>
  );
}

/**
 * The tabs that do not fit the pane's width, in a menu at the end of the tab list (Fluent's overflow
 * pattern). The button is here; the menu itself is a small chunk fetched when it is first opened.
 */
function TabsMenu({ tabs, onSelect, label }: { tabs: { id: TabId; label: string }[]; onSelect: (id: TabId) => void; label: string }) {
  const { ref, isOverflowing } = useOverflowMenu<HTMLButtonElement>();
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const button = useRef<HTMLButtonElement | null>(null);
  const setRefs = useCallback(
    (el: HTMLButtonElement | null) => {
      button.current = el;
      (ref as { current: HTMLButtonElement | null }).current = el;
    },
    [ref],
  );
  if (!isOverflowing) return null;
  return (
    <>
      <MenuButton
        ref={setRefs}
        appearance="transparent"
        size="small"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => {
          setWanted(true);
          setOpen((o) => !o);
        }}
        data-testid="tabs-more"
      >
        {label}
      </MenuButton>
      {wanted && (
        <Suspense fallback={null}>
          <TabsMenuPopover
            tabs={tabs}
            open={open}
            target={button}
            onOpenChange={setOpen}
            onSelect={(id) => {
              setOpen(false);
              onSelect(id as TabId);
            }}
          />
        </Suspense>
      )}
    </>
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
