/** Entry of the task pane page (taskpane.html), loaded by Excel after Office.js. */
import "./zodConfig";
import { createRoot } from "react-dom/client";
import { App, NotInExcel } from "./App";
import { createExcelHost } from "./host";
import { initialLocale } from "./i18n";
import { loadMessages, type Locale } from "../messages";

function mount(): void {
  const el = document.getElementById("root");
  if (!el) return;
  const root = createRoot(el);
  const wanted = initialLocale();
  // English is a chunk fetched on demand (src/messages.en.web.ts): the pane shows its first screen once
  // the language's messages are there (in Japanese if they cannot be fetched).
  const ready = loadMessages(wanted).then(
    () => wanted,
    (): Locale => "ja",
  );
  const render = (inExcel: boolean) =>
    void ready.then((locale) =>
      root.render(inExcel ? <App host={createExcelHost()} initialLocale={locale} /> : <NotInExcel locale={locale} />),
    );
  if (typeof Office === "undefined" || !Office.onReady) {
    render(false);
    return;
  }
  Office.onReady((info) => render(info.host === Office.HostType.Excel && typeof Excel !== "undefined")).catch(() => render(false));
}

mount();
