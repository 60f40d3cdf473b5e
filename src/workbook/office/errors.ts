/**
 * Errors of the Office.js adapter. Each names a message key of src/messages.ts and its parameters,
 * so the task pane can show it in the user's language (t(locale, error.messageKey, error.params)).
 */
import type { MessageKey } from "../../messages";

export type OfficeErrorKey = Extract<MessageKey, `office.${string}`>;

export class OfficeAdapterError extends Error {
  readonly messageKey: OfficeErrorKey;
  readonly params: Record<string, string | number>;
  /** The Office.js error this one wraps, if any. */
  override readonly cause?: unknown;

  constructor(messageKey: OfficeErrorKey, params: Record<string, string | number> = {}, cause?: unknown) {
    super(`${messageKey} ${JSON.stringify(params)}`);
    this.name = "OfficeAdapterError";
    this.messageKey = messageKey;
    this.params = params;
    this.cause = cause;
  }
}

/** The error code of an Office.js error (OfficeExtension.Error has `code`), or undefined. */
export function officeErrorCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const o = e as { code?: unknown; debugInfo?: { code?: unknown } };
  if (typeof o.code === "string") return o.code;
  if (o.debugInfo && typeof o.debugInfo.code === "string") return o.debugInfo.code;
  return undefined;
}

/** Excel.ErrorCodes.invalidOperationInCellEditMode */
export const CELL_EDIT_MODE_CODE = "InvalidOperationInCellEditMode";

export function isCellEditModeError(e: unknown): boolean {
  return officeErrorCode(e) === CELL_EDIT_MODE_CODE;
}
