/** exitWhenFlushed: the process ends with the command's code, only after every stream has passed on its output. */
import { Writable } from "stream";
import { exitWhenFlushed } from "../../src/cli/main";

/** A stream whose writes complete only when `release()` is called. */
function slowStream() {
  const held: (() => void)[] = [];
  const written: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      written.push(String(chunk));
      held.push(cb);
    },
  });
  return { stream, written, release: () => held.splice(0).forEach((cb) => cb()) };
}

afterEach(() => {
  process.exitCode = undefined;
});

test("waits for a stream that has not yet passed on its output, then exits with the code", async () => {
  const out = slowStream();
  const err = slowStream();
  out.stream.write("{\"files\":[]}\n");
  const exits: number[] = [];
  exitWhenFlushed(1, [out.stream, err.stream], (c) => exits.push(c));
  await new Promise((r) => setImmediate(r));
  expect(exits).toEqual([]);
  out.release(); // the JSON, then the flush marker
  await new Promise((r) => setImmediate(r));
  out.release();
  await new Promise((r) => setImmediate(r));
  expect(exits).toEqual([]); // stderr still holds its flush marker
  err.release();
  await new Promise((r) => setImmediate(r));
  expect(exits).toEqual([1]);
  expect(out.written[0]).toBe("{\"files\":[]}\n");
  expect(process.exitCode).toBe(1);
});

test("a destroyed stream is not waited for; exit code 2 passes through", async () => {
  const out = slowStream();
  out.stream.destroy();
  const exits: number[] = [];
  exitWhenFlushed(2, [out.stream], (c) => exits.push(c));
  expect(exits).toEqual([2]);
});
