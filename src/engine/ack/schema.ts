/**
 * Acknowledged findings (確認済み), as stored in the workbook: the document setting
 * `plansheet.acknowledgements` (Office document settings in the pane; in an .xlsx also the custom
 * document property `PlanSheet:plansheet.acknowledgements`, see src/workbook/xlsx/adapter.ts).
 *
 * An acknowledgement is keyed by rule, sheet, the indicator's / item's NAME and the part of it the
 * finding is on (not by row: rows move), and keeps the values it was about. When those values change
 * it lapses: the finding is back, with a note that it had been acknowledged.
 */
import type { z as Zod } from "zod";

/** The document setting that holds the acknowledgements. */
export const ACK_KEY = "plansheet.acknowledgements";

export const MAX_REASON = 500;
export const MAX_BY = 100;
/** A stored text longer than this is not an acknowledgements text (a setting could hold anything). */
export const MAX_STORED = 2_000_000;

/**
 * The zod schemas live in ./zodSchema and are loaded on first use: zod is loaded when a workbook holds
 * acknowledgements, not when the command line starts (loading zod costs about 60 ms; see
 * src/engine/model/settings.ts). (That module imports zod statically, so the pages' build keeps only
 * the parts of zod it uses.)
 */
type Schemas = typeof import("./zodSchema");
let built: Schemas | undefined;
/** The zod schemas of the stored acknowledgements (loaded on the first call). */
export function ackSchemas(): Schemas {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (built ??= require("./zodSchema") as Schemas);
}
export type Acknowledgement = Zod.infer<Schemas["Acknowledgement"]>;
export type AckStore = Zod.infer<Schemas["AckStore"]>;

export const EMPTY_STORE: AckStore = { version: 1, items: [] };

export type ParsedStore = { ok: true; store: AckStore } | { ok: false; path: string; reason: string };

/** `items[2].reason` from a zod path. */
function pathText(path: readonly PropertyKey[]): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : (s ? "." : "") + String(p);
  return s || "(root)";
}

/** Read the stored text (undefined or empty: no acknowledgements). Never throws. */
export function parseAckStore(raw: string | undefined | null): ParsedStore {
  if (raw === undefined || raw === null || raw === "") return { ok: true, store: { version: 1, items: [] } };
  if (typeof raw !== "string" || raw.length > MAX_STORED) return { ok: false, path: "(root)", reason: `too long (${String(raw).length})` };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    return { ok: false, path: "(JSON)", reason: e instanceof Error ? e.message : String(e) };
  }
  const r = ackSchemas().AckStore.safeParse(data);
  if (!r.success) {
    const first = r.error.issues[0];
    return { ok: false, path: first ? pathText(first.path) : "(root)", reason: first ? first.message : "invalid" };
  }
  return { ok: true, store: r.data };
}

export function serializeAckStore(store: AckStore): string {
  return JSON.stringify({ version: 1, items: store.items });
}
