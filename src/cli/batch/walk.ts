/** Finding the workbooks to check: files as given, folders walked for .xlsx. */
// synchronous calls: a folder is listed once, and node:fs/promises (with the modules it loads) costs
// more to load than the listing takes
import * as fs from "fs";
import * as path from "path";

export interface CollectedFiles {
  /** Files to check, in the order given (folders: sorted by path), without duplicates. */
  files: string[];
  /** Folders given that hold no .xlsx file. */
  emptyDirs: string[];
}

/** Excel's owner ("lock") files `~$Book.xlsx` and hidden files (`.name`) are never workbooks to check. */
export function isSkippedName(name: string): boolean {
  return name.startsWith("~$") || name.startsWith(".");
}

export function isXlsxName(name: string): boolean {
  return /\.xlsx$/i.test(name) && !isSkippedName(name);
}

async function walk(dir: string, out: string[], seen: Set<string>): Promise<void> {
  let real: string;
  try {
    real = fs.realpathSync.native(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return; // symbolic-link loops
  seen.add(real);
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder: nothing to check in it
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (isSkippedName(e.name)) continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = fs.statSync(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue;
      }
    }
    if (isDir) await walk(p, out, seen);
    else if (isFile && isXlsxName(e.name)) out.push(p);
  }
}

/**
 * Expand the paths given on the command line. A path that is not a folder is kept as it is
 * (whatever its extension, so that the check can say why a .xls or a missing file cannot be read),
 * except Excel's lock files.
 */
export async function collectFiles(paths: string[]): Promise<CollectedFiles> {
  const files: string[] = [];
  const emptyDirs: string[] = [];
  const seenFiles = new Set<string>();
  const add = (p: string) => {
    const key = path.resolve(p);
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    files.push(p);
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = fs.statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) {
      const found: string[] = [];
      await walk(p, found, new Set());
      if (!found.length) emptyDirs.push(p);
      found.forEach(add);
    } else if (!path.basename(p).startsWith("~$")) add(p);
  }
  return { files, emptyDirs };
}
