/**
 * The calculation settings the pane starts with, until the workbook's own are read (through the
 * engine chunk, src/taskpane/engineChunk.ts): the engine schema's defaults written out as plain data,
 * so the pane's first scripts hold no zod. test/taskpane/settings-defaults.test.ts checks they are
 * exactly what the schema gives (`defaultSettings` in ./settings).
 */
import type { EngineSettings } from "../engine/model/indicator";
import type { Locale } from "../messages";

export function initialSettings(locale: Locale = "ja"): EngineSettings {
  return {
    rateMethod: "ratio",
    capRate: false,
    rateDecimals: 1,
    pace: {
      enabled: false,
      bands: [
        { label: "A", min: 1.0 },
        { label: "B", min: 0.8 },
        { label: "C", min: 0.5 },
        { label: "D", min: null },
      ],
    },
    locale,
  };
}
