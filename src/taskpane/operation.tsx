/** Running a workbook operation from the pane: progress while it runs, a clear message when it fails. */
import { useCallback, useRef, useState } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import type { MessageKey } from "../messages";
import type { RevertReport } from "../workbook/port";
import { useLocale, useT } from "./i18n";
import { errorText, tick } from "./format";

export type Step = (key: MessageKey) => Promise<void>;

/** A notice as a message key, so it follows a change of language. */
export interface Notice {
  intent: "success" | "info" | "warning";
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * What to say after a revert: how many cells were put back, or, when the user changed some of the
 * written cells since, that those were left as they are (and which).
 */
export function revertNotice(report: RevertReport | void | undefined, doneKey: MessageKey): Notice {
  const kept = report?.changedSinceApply ?? [];
  if (kept.length > 0) {
    return {
      intent: "warning",
      key: "pane.revert.kept",
      params: { count: kept.length, cells: kept.map((c) => `${c.sheet}!${c.cell}`).join("、") },
    };
  }
  return { intent: "success", key: doneKey, params: { count: report?.restored ?? 0 } };
}

export interface Operation {
  /** The progress text shown while running, or null when idle. */
  progress: MessageKey | null;
  /** The last error (shown in the current language), or null. */
  error: unknown;
  notice: Notice | null;
  running: boolean;
  /** Run fn; its `step` shows progress (and lets the pane repaint before heavy work). */
  run<T>(fn: (step: Step) => Promise<T>): Promise<T | undefined>;
  setNotice(n: Notice | null): void;
  clearError(): void;
}

export function useOperation(): Operation {
  const [progress, setProgress] = useState<MessageKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const busy = useRef(false);

  const run = useCallback(async <T,>(fn: (step: Step) => Promise<T>): Promise<T | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setError(null);
    setNotice(null);
    try {
      return await fn(async (key) => {
        setProgress(key);
        await tick();
      });
    } catch (e) {
      setError(e ?? new Error("unknown"));
      return undefined;
    } finally {
      busy.current = false;
      setProgress(null);
    }
  }, []);

  return {
    progress,
    error,
    notice,
    running: progress !== null,
    run,
    setNotice,
    clearError: useCallback(() => setError(null), []),
  };
}

/** Progress, error and notice of an operation (an aria-live region). */
export function OperationStatus({ op }: { op: Operation }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div aria-live="polite" className="ps-status">
      {op.progress && <Spinner size="tiny" label={t(op.progress)} data-testid="progress" />}
      {op.error !== null && (
        <MessageBar intent="error" data-testid="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("pane.error.title")}</MessageBarTitle>
            {errorText(op.error, locale)}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={op.clearError}>
              {t("pane.dismiss")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {op.notice && (
        <MessageBar intent={op.notice.intent} data-testid="notice" layout="multiline">
          <MessageBarBody>{t(op.notice.key, op.notice.params)}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** Results shown here are out of date (the workbook was written since): say so, with the action that refreshes them. */
export function StaleNotice(props: { message: string; action: string; onAction: () => void; disabled: boolean }) {
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="stale">
      <MessageBarBody>{props.message}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" onClick={props.onAction} disabled={props.disabled} data-testid="stale-rerun">
          {props.action}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
