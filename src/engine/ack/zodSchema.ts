/** The zod schemas of the stored acknowledgements, loaded on first use by ./schema (ackSchemas). */
import { z } from "zod";
import { MAX_BY, MAX_REASON } from "./schema";

export const Acknowledgement = z.object({
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

export const AckStore = z.object({
  version: z.literal(1),
  items: z.array(Acknowledgement).max(10_000),
});
