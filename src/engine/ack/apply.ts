/** Sorting findings into open and acknowledged, making and removing acknowledgements. Pure. */
import type { Acknowledgement, AckStore } from "./schema";
import { MAX_BY, MAX_REASON } from "./schema";
import type { AckSubject, FindingRef } from "./subject";

/** What `--json` and the pane show of an acknowledgement. */
export interface AckInfo {
  reason: string;
  by: string;
  at: string;
}

export interface AckSplit<F> {
  /** Findings not acknowledged (including lapsed ones), in their order. */
  open: F[];
  /** Acknowledged findings and their acknowledgement, in their order. */
  acknowledged: { finding: F; ack: AckInfo }[];
  /** Open findings whose acknowledgement lapsed because the values it was about changed. */
  lapsed: Map<F, AckInfo>;
}

function sameKey(a: Acknowledgement, f: FindingRef, s: AckSubject): boolean {
  return a.rule === f.rule && a.sheet === f.sheet && a.item === s.item && a.part === s.part;
}

function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

export function infoOf(a: Acknowledgement): AckInfo {
  return { reason: a.reason, by: a.by, at: a.at };
}

/** The acknowledgement stored for a finding (whether it still holds or lapsed), or null. */
export function findAcknowledgement(store: AckStore, f: FindingRef, s: AckSubject): { ack: Acknowledgement; holds: boolean } | null {
  let lapsed: Acknowledgement | null = null;
  for (const a of store.items) {
    if (!sameKey(a, f, s)) continue;
    if (sameValues(a.values, s.values)) return { ack: a, holds: true };
    lapsed ??= a;
  }
  return lapsed ? { ack: lapsed, holds: false } : null;
}

/** `subjects[i]` is the subject of `findings[i]` (findingSubjects). */
export function splitFindings<F extends FindingRef>(findings: readonly F[], subjects: readonly AckSubject[], store: AckStore): AckSplit<F> {
  const out: AckSplit<F> = { open: [], acknowledged: [], lapsed: new Map() };
  findings.forEach((f, i) => {
    const hit = store.items.length ? findAcknowledgement(store, f, subjects[i]) : null;
    if (hit && hit.holds) out.acknowledged.push({ finding: f, ack: infoOf(hit.ack) });
    else {
      out.open.push(f);
      if (hit) out.lapsed.set(f, infoOf(hit.ack));
    }
  });
  return out;
}

export type AckInputError = "ack.reasonEmpty" | "ack.reasonTooLong" | "ack.byTooLong";

/** Why a reason or a name cannot be stored, or null. */
export function checkAckInput(reason: string, by: string): AckInputError | null {
  if (reason.trim() === "") return "ack.reasonEmpty";
  if (reason.length > MAX_REASON) return "ack.reasonTooLong";
  if (by.length > MAX_BY) return "ack.byTooLong";
  return null;
}

/** The store with this finding acknowledged (an earlier acknowledgement of the same key replaced). */
export function acknowledge(store: AckStore, f: FindingRef, s: AckSubject, input: { reason: string; by: string; at: string }): AckStore {
  const items = store.items.filter((a) => !sameKey(a, f, s));
  items.push({ rule: f.rule, sheet: f.sheet, item: s.item, part: s.part, cell: f.cell, values: s.values, reason: input.reason.trim(), by: input.by.trim(), at: input.at });
  return { version: 1, items };
}

/** The store without this finding's acknowledgement (lapsed or not). */
export function unacknowledge(store: AckStore, f: FindingRef, s: AckSubject): AckStore {
  return { version: 1, items: store.items.filter((a) => !sameKey(a, f, s)) };
}
