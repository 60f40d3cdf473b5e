/**
 * 「オープンデータ用CSVを保存」: the open workbook's indicators as the same CSV as
 * `plansheet export` (src/engine/export/openData.ts), downloaded through a Blob and an anchor.
 */
import { Button } from "@fluentui/react-components";
import type { Locale } from "../../messages";
import type { WorkbookPort } from "../../workbook/port";
import { useLocale, useT } from "../i18n";
import type { Operation } from "../operation";

/** Hand a text to the browser as a file download (no innerHTML; the anchor is never attached visibly). */
export function downloadText(text: string, fileName: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function openDataCsvOf(port: WorkbookPort, name: string, locale: Locale): Promise<{ csv: string; records: number }> {
  // The CSV code is a chunk fetched on first use (the pane's first scripts stay small).
  const { openDataCsv, openDataRecords } = await import(/* webpackChunkName: "opendata" */ "../../engine/export/openData");
  const snapshot = await port.readSnapshot();
  const records = openDataRecords(snapshot, name || snapshot.name || "");
  return { csv: openDataCsv(records, locale), records: records.length };
}

export function SaveOpenDataButton({ port, op, workbookName }: { port: WorkbookPort; op: Operation; workbookName?: string }) {
  const t = useT();
  const locale = useLocale();
  const save = () =>
    op.run(async (step) => {
      await step("pane.progress.reading");
      const fileName = t("pane.opendata.fileName");
      const { csv, records } = await openDataCsvOf(port, workbookName ?? "", locale);
      if (records === 0) {
        op.setNotice({ intent: "info", key: "pane.opendata.none" });
        return;
      }
      downloadText(csv, fileName);
      op.setNotice({ intent: "success", key: "pane.opendata.saved", params: { file: fileName, records } });
    });
  return (
    <Button onClick={save} disabled={op.running} data-testid="save-open-data">
      {t("pane.opendata.save")}
    </Button>
  );
}
