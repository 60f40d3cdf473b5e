/**
 * The workbook's revision as the pane knows it: every write through the pane's port (Apply, Revert,
 * a fix, a report, a template) counts one up. A tab remembers the revision its results were computed
 * at, so results shown after another tab changed the workbook are marked out of date (and their fix
 * buttons are no longer active) instead of being taken for the truth.
 */
import { createContext, useContext } from "react";
import type { WorkbookPort } from "../workbook/port";

export interface Revision {
  /** The current revision (re-rendered when it changes). */
  current: number;
  /** The revision now, also inside a running operation (not a stale render value). */
  now(): number;
}

export const RevisionContext = createContext<Revision>({ current: 0, now: () => 0 });

export function useRevision(): Revision {
  return useContext(RevisionContext);
}

const WRITES = new Set<PropertyKey>(["applyEdits", "revert"]);

/** The port, counting its writes (a write that fails may still have changed something: counted too). */
export function countingPort(port: WorkbookPort, onWrite: () => void): WorkbookPort {
  return new Proxy(port, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== "function") return v;
      const fn = v as (...a: unknown[]) => unknown;
      if (!WRITES.has(prop)) return fn.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await fn.apply(target, args);
        } finally {
          onWrite();
        }
      };
    },
  });
}
