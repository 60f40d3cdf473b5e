/** Entry of the task pane page (taskpane.html), loaded by Excel after Office.js. */
import "./zodConfig";
import { createRoot } from "react-dom/client";
import { App, NotInExcel } from "./App";
import { createExcelHost } from "./host";
import { initialLocale } from "./i18n";

function mount(): void {
  const el = document.getElementById("root");
  if (!el) return;
  const root = createRoot(el);
  const locale = initialLocale();
  const render = (inExcel: boolean) =>
    root.render(inExcel ? <App host={createExcelHost()} initialLocale={locale} /> : <NotInExcel locale={locale} />);
  if (typeof Office === "undefined" || !Office.onReady) {
    render(false);
    return;
  }
  Office.onReady((info) => render(info.host === Office.HostType.Excel && typeof Excel !== "undefined")).catch(() => render(false));
}

mount();
