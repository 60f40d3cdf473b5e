/**
 * The web pages' stand-in for ./messages.en (webpack.config.js puts it in place of that module where
 * ./messages imports it): the English table is empty until `loadEnglish` has fetched the real one as
 * a chunk of its own, so the pages' first scripts carry the Japanese messages only. The pages call
 * `loadMessages` (./messages) before they show English.
 */
import type { MessageKey } from "./messages";

export const en = {} as Record<MessageKey, string>;

let loading: Promise<void> | undefined;

export function loadEnglish(): Promise<void> {
  loading ??= import(/* webpackChunkName: "messages-en" */ "./messages.en").then(
    (m) => {
      Object.assign(en, m.en);
    },
    (e: unknown) => {
      // not fetched (offline?): the next call tries again
      loading = undefined;
      throw e;
    },
  );
  return loading;
}
