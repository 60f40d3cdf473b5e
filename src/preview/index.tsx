/** Entry of the preview host page (preview.html): the task pane over an .xlsx file, no Excel. */
import "../taskpane/zodConfig";
import { createRoot } from "react-dom/client";
import { PreviewApp } from "./PreviewApp";
import { initialLocale } from "../taskpane/i18n";
import { loadMessages } from "../messages";

const el = document.getElementById("root");
// English is a chunk fetched on demand (src/messages.en.web.ts): the page shows once the chosen
// language's messages are there (Japanese texts if they cannot be fetched).
if (el) {
  const root = createRoot(el);
  void loadMessages(initialLocale())
    .catch(() => undefined)
    .then(() => root.render(<PreviewApp />));
}
