/** The engine chunk (src/taskpane/engineChunk.ts), fetched on first use; webpack keeps it once loaded. */
export type EngineChunk = typeof import("./engineChunk");

export function loadEngine(): Promise<EngineChunk> {
  return import(/* webpackChunkName: "engine" */ "./engineChunk");
}
