/**
 * Resolving the engine's settings (defaults filled in) without loading zod for the inputs nearly
 * every run passes: nothing, `{ locale }`, the command line's flags, the pane's whole settings.
 *
 * zod's schema (`EngineSettings` in ./indicator) stays the authority: any input this module is not
 * sure of (an unknown key, a wrong type, a value out of range) goes through it — it is loaded then,
 * on first use. Why not always: loading zod costs about 60 ms at the command's start (95 modules),
 * 15% of checking a folder of 120 workbooks (`npm run bench`); test/engine/settings-fast.test.ts
 * checks with random inputs that both ways give the same settings.
 */
import type { EngineSettings, EngineSettingsInput } from "./indicator";
import { resolveSettingsFast } from "./settingsFast";

export { DEFAULT_PACE_BANDS, resolveSettingsFast } from "./settingsFast";

/** zod's schema of the settings (./indicator), loaded on first use. */
function schema(): (typeof import("./indicator"))["EngineSettings"] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("./indicator") as typeof import("./indicator")).EngineSettings;
}

/** zod's parse (throws zod's error for invalid settings, as before). */
function parseWithSchema(input: unknown): EngineSettings {
  return schema().parse(input);
}

/** The settings with their defaults: the fast path when it is sure, zod's schema otherwise. */
export function resolveEngineSettings(input: EngineSettingsInput | undefined): EngineSettings {
  return resolveSettingsFast(input) ?? parseWithSchema(input ?? {});
}

/**
 * Settings as stored in a workbook (invalid → null), through zod's schema made partial (which, as
 * zod does, still fills in the defaults), loaded only when a workbook stores settings.
 */
export function parseStoredSettings(data: unknown): Partial<EngineSettings> | null {
  storedSchema ??= schema().partial();
  const r = storedSchema.safeParse(data);
  return r.success ? (r.data as Partial<EngineSettings>) : null;
}
let storedSchema: ReturnType<(typeof import("./indicator"))["EngineSettings"]["partial"]> | undefined;
