/**
 * Atomic file write: the bytes go to a temporary file in the same folder, which is flushed to disk
 * (fsync) and then renamed over the target. An interrupted write (crash, kill, full disk) leaves the
 * original file as it was; at worst a `.NAME.plansheet-*.tmp` file stays behind.
 * Node only (kept apart from the adapter so the browser bundle never sees fs).
 */
import * as fs from "fs";
import * as path from "path";

const CHUNK = 1024 * 1024;

export function tempPathFor(target: string): string {
  const dir = path.dirname(path.resolve(target));
  const rnd = Math.random().toString(36).slice(2, 10);
  return path.join(dir, `.${path.basename(target)}.plansheet-${process.pid}-${rnd}.tmp`);
}

export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const abs = path.resolve(target);
  const tmp = tempPathFor(abs);
  let mode: number | undefined;
  try {
    mode = fs.statSync(abs).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, "wx", mode ?? 0o666);
    for (let off = 0; off < bytes.length; off += CHUNK) {
      const end = Math.min(bytes.length, off + CHUNK);
      let done = off;
      while (done < end) done += fs.writeSync(fd, bytes, done, end - done);
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, abs);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* ignore */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* ignore */
    }
    throw e;
  }
  // Make the rename itself durable (best effort: not every platform can fsync a folder).
  try {
    const dfd = fs.openSync(path.dirname(abs), "r");
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* ignore */
  }
}
