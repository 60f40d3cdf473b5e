#!/usr/bin/env node
/**
 * Draws the add-in's icons (assets/icon-16.png … icon-128.png) with node only: a green sheet with a
 * white grid and a check mark, anti-aliased by supersampling, written as PNG with zlib.
 *
 *   node scripts/make-icons.js [outDir]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const SS = 4; // supersampling per axis

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** RGBA pixels (Uint8Array, w*h*4) → PNG bytes. */
function encodePng(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * w * 4, w * 4).copy(raw, y * (w * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Distance from point p to segment ab. */
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Colour of the icon at (u, v) in [0,1]², or null for transparent. */
function shade(u, v) {
  const m = 0.06; // margin
  const r = 0.16; // corner radius
  const x = Math.min(Math.max(u, m + r), 1 - m - r);
  const y = Math.min(Math.max(v, m + r), 1 - m - r);
  if (Math.hypot(u - x, v - y) > r) return null;
  // check mark (white, with a dark green edge for contrast on the grid)
  const d = Math.min(segDist(u, v, 0.28, 0.55, 0.45, 0.72), segDist(u, v, 0.45, 0.72, 0.76, 0.3));
  if (d < 0.075) return [255, 255, 255];
  if (d < 0.11) return [16, 79, 46];
  // grid: header band and thin lines
  if (v > m && v < 0.3) return [19, 94, 55];
  const inner = u > 0.14 && u < 0.86 && v > 0.3 && v < 0.88;
  if (inner) {
    const lines = [0.38, 0.62];
    const rows = [0.49, 0.68];
    if (lines.some((l) => Math.abs(u - l) < 0.018) || rows.some((l) => Math.abs(v - l) < 0.018)) return [180, 220, 195];
  }
  return [33, 115, 70]; // Excel-like green
}

function draw(size) {
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let rs = 0;
      let gs = 0;
      let bs = 0;
      let as = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = shade((x + (sx + 0.5) / SS) / size, (y + (sy + 0.5) / SS) / size);
          if (!c) continue;
          rs += c[0];
          gs += c[1];
          bs += c[2];
          as += 1;
        }
      }
      const i = (y * size + x) * 4;
      if (as) {
        px[i] = Math.round(rs / as);
        px[i + 1] = Math.round(gs / as);
        px[i + 2] = Math.round(bs / as);
      }
      px[i + 3] = Math.round((as / (SS * SS)) * 255);
    }
  }
  return encodePng(size, size, px);
}

function main() {
  const out = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(out, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(out, `icon-${size}.png`);
    fs.writeFileSync(file, draw(size));
    process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  }
}

if (require.main === module) main();
module.exports = { encodePng, draw, SIZES };
