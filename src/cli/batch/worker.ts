/**
 * Worker thread of the batch check: loads the per-file check function named in workerData and
 * runs it on each file the main thread sends. Runs from the compiled JavaScript in dist/.
 */
import { parentPort, workerData } from "worker_threads";

export interface WorkerInit {
  /** Absolute path of the compiled module that exports the check function. */
  module: string;
  exportName: string;
  /** Passed as the second argument of the check function (structured-cloned). */
  options: unknown;
}

export type WorkerRequest = { id: number; file: string };
export type WorkerReply = { id: number; result: unknown } | { id: number; error: string };

if (parentPort && workerData && (workerData as WorkerInit).module) {
  const init = workerData as WorkerInit;
  const port = parentPort;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fn = require(init.module)[init.exportName] as (file: string, options: unknown) => Promise<unknown>;
  if (typeof fn !== "function") throw new Error(`${init.module} does not export ${init.exportName}`);
  port.on("message", (msg: WorkerRequest) => {
    Promise.resolve()
      .then(() => fn(msg.file, init.options))
      .then(
        (result) => port.postMessage({ id: msg.id, result } satisfies WorkerReply),
        (err: unknown) =>
          port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
      );
  });
}
