/**
 * The テンプレート tab. The catalogue (src/taskpane/templates/TemplatesTab.tsx) is written in its
 * own room; until it is there this lists what exists: nothing.
 */
import { Text } from "@fluentui/react-components";
import type { Locale } from "../messages";
import { t } from "../messages";
import type { WorkbookPort } from "../workbook/port";
import type { CellRef } from "./types";

export interface TemplatesSlotProps {
  port: WorkbookPort;
  locale: Locale;
  getSelection: () => Promise<CellRef | null>;
}

export function TemplatesSlot({ locale }: TemplatesSlotProps) {
  return <Text data-testid="templates-placeholder">{t(locale, "pane.templates.placeholder")}</Text>;
}
