/**
 * The engine's settings with their defaults, resolved without zod for the inputs nearly every run
 * passes (see ./settings, which sends everything else to zod's schema). No zod here, nor anything
 * that loads it: the task pane's first scripts take the defaults from this module.
 */
import type { EngineSettings, EngineSettingsInput } from "./indicator";

/** A ≥ 100%, B 80–99%, C 50–79%, D below. */
export const DEFAULT_PACE_BANDS: { label: string; min: number | null }[] = [
  { label: "A", min: 1.0 },
  { label: "B", min: 0.8 },
  { label: "C", min: 0.5 },
  { label: "D", min: null },
];

const KEYS = new Set(["rateMethod", "capRate", "rateDecimals", "pace", "locale"]);
const PACE_KEYS = new Set(["enabled", "bands"]);
const BAND_KEYS = new Set(["label", "min"]);

const isPlain = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;

/** Every own key is known and none is undefined (zod treats undefined as absent; leave that to it). */
function onlyKnown(o: Record<string, unknown>, keys: Set<string>): boolean {
  for (const k in o) if (!keys.has(k) || o[k] === undefined) return false;
  return true;
}

function fastBands(bands: unknown): EngineSettings["pace"]["bands"] | null {
  if (!Array.isArray(bands) || bands.length < 1) return null;
  const out: EngineSettings["pace"]["bands"] = [];
  for (const b of bands) {
    if (!isPlain(b) || !onlyKnown(b, BAND_KEYS)) return null;
    const { label, min } = b;
    if (typeof label !== "string" || label.length < 1 || label.length > 20) return null;
    if (min !== null && (typeof min !== "number" || !Number.isFinite(min))) return null;
    out.push({ label, min: min as number | null });
  }
  return out;
}

/** The resolved settings, or null when the input needs zod's parse (which also reports what is wrong). */
export function resolveSettingsFast(input: EngineSettingsInput | undefined): EngineSettings | null {
  const o: unknown = input ?? {};
  if (!isPlain(o) || !onlyKnown(o, KEYS)) return null;
  const { rateMethod = "ratio", capRate = false, rateDecimals = 1, pace, locale = "ja" } = o;
  if (rateMethod !== "ratio" && rateMethod !== "progress") return null;
  if (typeof capRate !== "boolean") return null;
  if (typeof rateDecimals !== "number" || !Number.isSafeInteger(rateDecimals) || rateDecimals < 0 || rateDecimals > 6) return null;
  if (locale !== "ja" && locale !== "en") return null;
  let resolvedPace: EngineSettings["pace"];
  if (pace === undefined) resolvedPace = { enabled: false, bands: DEFAULT_PACE_BANDS };
  else {
    if (!isPlain(pace) || !onlyKnown(pace, PACE_KEYS)) return null;
    const enabled = pace.enabled ?? false;
    if (typeof enabled !== "boolean") return null;
    const bands = pace.bands === undefined ? DEFAULT_PACE_BANDS : fastBands(pace.bands);
    if (!bands) return null;
    resolvedPace = { enabled, bands };
  }
  return { rateMethod, capRate, rateDecimals, pace: resolvedPace, locale };
}

