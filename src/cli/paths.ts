/**
 * Where the command line's own modules are: the folder of this file (src/cli under Jest, dist/src/cli
 * when built). The bundle (dist/src/cli/plansheet.bundle.js, see src/cli/entry.ts) lies in the same
 * folder and keeps Node's own __dirname, so paths to modules loaded by file name — the worker script,
 * the check unit for workers — are made from here and not from each module's __dirname.
 */
import * as path from "path";

export const CLI_DIR = __dirname;
/** ".ts" under Jest, ".js" when built. */
export const MODULE_EXT = path.extname(__filename);
