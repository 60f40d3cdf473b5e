/**
 * Browser harness of the テンプレート tab (test/templates/pane.browser.test.ts): the tab over an
 * .xlsx file held in memory (the xlsx adapter as the WorkbookPort), the selection set by the test.
 */
import "../../../src/taskpane/zodConfig";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/adapter";
import { TemplatesTab } from "../../../src/taskpane/templates/TemplatesTab";

const w = window as unknown as Record<string, unknown>;
w.start = (b64: string) => {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const wb = XlsxWorkbook.fromBuffer(bytes, "t.xlsx");
  w.wb = wb;
  createRoot(document.getElementById("root")!).render(
    <FluentProvider theme={webLightTheme}>
      <TemplatesTab port={wb} locale="ja" getSelection={async () => (w.sel as { sheet: string; cell: string } | null) ?? null} />
    </FluentProvider>,
  );
};
