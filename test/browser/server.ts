/** A tiny static http server for the browser tests (127.0.0.1, ephemeral port). */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { ROOT } from "./build";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".json": "application/json",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const OFFICE_JS_DIR = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
export const AXE_JS = path.join(ROOT, "node_modules/axe-core/axe.min.js");

export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` at /, Office.js at /office-js/ (node_modules, as the tests and the preview host do),
 * axe-core at /axe.min.js, and the given in-memory files (e.g. /fixtures/x.xlsx).
 */
export async function serve(dir: string, extra: Record<string, Buffer | Uint8Array> = {}): Promise<TestServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const p = decodeURIComponent(url.pathname);
    const send = (status: number, body: Buffer | Uint8Array | string, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
      res.end(body);
    };
    if (extra[p]) return send(200, extra[p], TYPES[path.extname(p)] ?? "application/octet-stream");
    let file: string;
    if (p === "/axe.min.js") file = AXE_JS;
    else if (p.startsWith("/office-js/")) file = path.join(OFFICE_JS_DIR, p.slice("/office-js/".length));
    else file = path.join(dir, p === "/" ? "index.html" : p);
    const base = p.startsWith("/office-js/") ? OFFICE_JS_DIR : p === "/axe.min.js" ? path.dirname(AXE_JS) : dir;
    if (!path.resolve(file).startsWith(path.resolve(base))) return send(403, "forbidden");
    fs.readFile(file, (err, data) => {
      if (err) return send(404, "not found");
      send(200, data, TYPES[path.extname(file)] ?? "application/octet-stream");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
