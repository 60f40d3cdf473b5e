/**
 * webpack loader for zod 4's two uses of the Function constructor (util.js: the "can we eval?" probe;
 * doc.js: the JIT compiler of object parsers). The pages run with `z.config({ jitless: true })`
 * (src/taskpane/zodConfig.ts), so neither runs; this removes the constructor from the bundles too, so
 * no code-from-string path is left in what the pages load (test/browser/bundle.test.ts greps for it).
 */
"use strict";
const PATTERN = /const F = Function;/g;
const REPLACEMENT =
  'const F = function () { throw new Error("PlanSheet: code generation from strings is disabled"); };';

module.exports = function noFunctionLoader(source) {
  if (!PATTERN.test(source)) {
    this.emitWarning(new Error(`no-function-loader: pattern not found in ${this.resourcePath} (zod changed?)`));
    return source;
  }
  PATTERN.lastIndex = 0;
  return source.replace(PATTERN, REPLACEMENT);
};
