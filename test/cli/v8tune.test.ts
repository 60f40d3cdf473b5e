/** The command line turns V8's inlining off for runs below INLINING_FROM_FILES files, once; never when given streams. */
const setFlags = jest.fn();
jest.mock("v8", () => ({ ...jest.requireActual("v8"), setFlagsFromString: (f: string) => setFlags(f) }));

beforeEach(() => {
  setFlags.mockClear();
  jest.resetModules();
});

test("a folder below the threshold: inlining off, once", () => {
  const { tuneForRun, INLINING_FROM_FILES } = require("../../src/cli/v8tune");
  expect(tuneForRun(INLINING_FROM_FILES)).toBe(false);
  expect(setFlags).not.toHaveBeenCalled();
  expect(tuneForRun(120)).toBe(true);
  expect(tuneForRun(120)).toBe(false);
  expect(setFlags.mock.calls).toEqual([["--no-turbo-inlining"]]);
});

test("check called with its own streams (a program, the tests) leaves V8 as it is", async () => {
  const { main } = require("../../src/cli/main");
  const out: string[] = [];
  const examples = require("path").join(__dirname, "..", "..", "examples");
  const code = await main(["check", examples, "--json"], { stdout: (s: string) => out.push(s), stderr: () => {} });
  expect(code).toBe(1);
  expect(JSON.parse(out.join("\n")).files.length).toBeGreaterThan(3);
  expect(setFlags).not.toHaveBeenCalled();
});
