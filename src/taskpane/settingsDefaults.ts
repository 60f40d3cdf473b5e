/**
 * The calculation settings the pane starts with, until the workbook's own are read (through the
 * engine chunk, src/taskpane/engineChunk.ts): the schema's defaults as the engine resolves them
 * without zod (src/engine/model/settingsFast.ts), so the pane's first scripts hold no zod.
 * test/taskpane/settings-defaults.test.ts checks they are exactly what the schema gives.
 */
import type { EngineSettings } from "../engine/model/indicator";
import { resolveSettingsFast } from "../engine/model/settingsFast";
import type { Locale } from "../messages";

export function initialSettings(locale: Locale = "ja"): EngineSettings {
  // { locale } alone is always resolved without zod
  return resolveSettingsFast({ locale })!;
}
