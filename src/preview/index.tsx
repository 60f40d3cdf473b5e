/** Entry of the preview host page (preview.html): the task pane over an .xlsx file, no Excel. */
import "../taskpane/zodConfig";
import { createRoot } from "react-dom/client";
import { PreviewApp } from "./PreviewApp";

const el = document.getElementById("root");
if (el) createRoot(el).render(<PreviewApp />);
