/**
 * The pages run under a Content-Security-Policy without 'unsafe-eval': zod must not try to compile
 * parsers with `new Function` (it would also log a CSP violation). Imported first by each page.
 */
import { z } from "zod";

z.config({ jitless: true });
