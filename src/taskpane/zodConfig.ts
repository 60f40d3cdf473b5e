/**
 * The pages run under a Content-Security-Policy without 'unsafe-eval': zod must not try to compile
 * parsers with `new Function` (it would also log a CSP violation). Imported first by each page.
 *
 * zod keeps its configuration on `globalThis.__zod_globalConfig` (one object shared by every copy of
 * zod in a page) and reads `jitless` when a schema is made. Setting it there, without importing zod,
 * keeps zod out of the task pane's first scripts (it comes with the chunks fetched on demand,
 * test/browser/bundle.test.ts) and holds for every schema those chunks make;
 * test/taskpane/zod-config.test.ts checks that zod sees it.
 */
const host = globalThis as { __zod_globalConfig?: Record<string, unknown> };
host.__zod_globalConfig = Object.assign(host.__zod_globalConfig ?? {}, { jitless: true });

export {};
