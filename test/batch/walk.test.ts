import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { collectFiles } from "../../src/cli/batch";

describe("collectFiles", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "plansheet-walk-"));
    const mk = (p: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), "x");
    };
    mk("b/02_福祉.xlsx");
    mk("b/~$02_福祉.xlsx"); // Excel's lock file
    mk("a/01_健康.XLSX");
    mk("a/.hidden.xlsx");
    mk(".git/x.xlsx");
    mk("a/notes.txt");
    mk("a/old.xls");
    mk("top.xlsx");
    fs.mkdirSync(path.join(dir, "empty"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("walks folders for .xlsx, sorted, skipping lock files and hidden files/folders", async () => {
    const { files, emptyDirs } = await collectFiles([dir]);
    expect(files.map((f) => path.relative(dir, f))).toEqual([
      path.join("a", "01_健康.XLSX"),
      path.join("b", "02_福祉.xlsx"),
      "top.xlsx",
    ]);
    expect(emptyDirs).toEqual([]);
  });

  test("files named explicitly are kept whatever their extension (the check says why), duplicates once", async () => {
    const old = path.join(dir, "a/old.xls");
    const missing = path.join(dir, "missing.xlsx");
    const { files, emptyDirs } = await collectFiles([old, missing, path.join(dir, "b"), path.join(dir, "b/02_福祉.xlsx"), path.join(dir, "empty"), path.join(dir, "b/~$02_福祉.xlsx")]);
    expect(files).toEqual([old, missing, path.join(dir, "b/02_福祉.xlsx")]);
    expect(emptyDirs).toEqual([path.join(dir, "empty")]);
  });
});
