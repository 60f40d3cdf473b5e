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
 * The schemas, built on first use: zod is loaded when a workbook holds acknowledgements, not when the
 * command line starts (loading zod costs about 60 ms; see src/engine/model/settings.ts).
 */
function buildSchemas(z: typeof Zod) {
  const Acknowledgement = z.object({
    rule: z.string().min(1).max(100),
    sheet: z.string().max(200),
    /** The indicator's or item's name; null for a finding on no indicator or item (a table's header). */
    item: z.string().max(2000).nullable(),
    /** Which part of the indicator or item: mark, rate, baseline, actual:2024 …; or "@G18" for a cell of no item. */
    part: z.string().min(1).max(200),
    /** The cell the finding was on when it was acknowledged (for people; matching does not use it). */
    cell: z.string().max(20),
    /** The values the finding was about, by role (text as written; long texts as a hash). */
    values: z.record(z.string().max(200), z.string().max(200)),
    reason: z.string().trim().min(1).max(MAX_REASON),
    /** The evaluator's name as typed (may be empty). */
    by: z.string().max(MAX_BY),
    /** When: ISO 8601. */
    at: z.string().min(1).max(40),
  });
  const AckStore = z.object({
    version: z.literal(1),
    items: z.array(Acknowledgement).max(10_000),
  });
  return { Acknowledgement, AckStore };
}
type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;
/** The zod schemas of the stored acknowledgements (zod loaded on the first call). */
export function ackSchemas(): Schemas {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (built ??= buildSchemas((require("zod") as { z: typeof Zod }).z));
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
