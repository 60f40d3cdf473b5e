/**
 * The pane's acknowledged findings (確認済み): read from and written to the document setting
 * `plansheet.acknowledgements` through the port (Office document settings in Excel), sorted with the
 * engine's model (src/engine/ack). A store that does not parse is never overwritten.
 */
import {
  ACK_KEY,
  acknowledge,
  findingSubjects,
  parseAckStore,
  serializeAckStore,
  splitFindings,
  unacknowledge,
  type AckInfo,
  type AckStore,
  type AckSubject,
} from "../../engine/ack";
import type { Finding } from "../../engine/model/findings";
import type { EngineSettingsInput } from "../../engine/model/indicator";
import type { WorkbookPort, WorkbookSnapshot } from "../../workbook/port";

export interface AckState {
  store: AckStore;
  /** Why the stored acknowledgements cannot be read (then nothing may be written), or null. */
  error: { path: string; reason: string } | null;
  /** The subject of every finding (open or acknowledged). */
  subjects: Map<Finding, AckSubject>;
  acknowledged: { finding: Finding; ack: AckInfo }[];
  lapsed: Map<Finding, AckInfo>;
}

export async function readAckStore(port: WorkbookPort): Promise<{ store: AckStore; error: AckState["error"] }> {
  let raw: string | undefined;
  try {
    raw = await port.getSetting(ACK_KEY);
  } catch {
    // settings unavailable (outside Excel): nothing acknowledged
    raw = undefined;
  }
  const p = parseAckStore(raw);
  return p.ok ? { store: p.store, error: null } : { store: { version: 1, items: [] }, error: { path: p.path, reason: p.reason } };
}

/** Sort the findings shown: the open ones, the acknowledged ones apart. */
export function sortWithAcks(
  snapshot: WorkbookSnapshot,
  findings: Finding[],
  input: EngineSettingsInput,
  read: { store: AckStore; error: AckState["error"] },
): { open: Finding[]; state: AckState } {
  const subjects = findingSubjects(snapshot, findings, input);
  const bySubject = new Map(findings.map((f, i) => [f, subjects[i]] as const));
  const split = splitFindings(findings, subjects, read.store);
  return { open: split.open, state: { store: read.store, error: read.error, subjects: bySubject, acknowledged: split.acknowledged, lapsed: split.lapsed } };
}

/** Store this finding as acknowledged (re-reading the store first, so another reviewer's marks are kept). */
export async function saveAck(port: WorkbookPort, state: AckState, f: Finding, reason: string, by: string): Promise<void> {
  const fresh = await readAckStore(port);
  if (fresh.error) throw new Error(`${ACK_KEY}: ${fresh.error.path}: ${fresh.error.reason}`);
  const subject = state.subjects.get(f);
  if (!subject) return;
  await port.setSetting(ACK_KEY, serializeAckStore(acknowledge(fresh.store, f, subject, { reason, by, at: new Date().toISOString() })));
}

export async function removeAck(port: WorkbookPort, state: AckState, f: Finding): Promise<void> {
  const fresh = await readAckStore(port);
  if (fresh.error) throw new Error(`${ACK_KEY}: ${fresh.error.path}: ${fresh.error.reason}`);
  const subject = state.subjects.get(f);
  if (!subject) return;
  await port.setSetting(ACK_KEY, serializeAckStore(unacknowledge(fresh.store, f, subject)));
}

const BY_KEY = "plansheet.ackBy";

/** The name typed last time in this browser (a convenience; the name is stored with each mark). */
export function rememberedName(): string {
  try {
    return window.localStorage.getItem(BY_KEY) ?? "";
  } catch {
    return "";
  }
}

export function rememberName(name: string): void {
  try {
    window.localStorage.setItem(BY_KEY, name);
  } catch {
    // not remembered; harmless
  }
}

/** "2026-12-02T18:21:03.214Z" → "2026-12-02" (the date is what a reviewer needs to see). */
export function ackDate(at: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : at;
}
