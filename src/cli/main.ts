/**
 * `plansheet` command line: dispatches to one module per command.
 * Exit codes: 0 no errors, 1 errors found (or refused to overwrite), 2 unreadable input / bad arguments.
 */
import { t, type Locale } from "../messages";

export interface CommandContext {
  locale: Locale;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** Tune V8 for the run (./v8tune): only in the plansheet process itself, not when streams are given. */
  tuneV8?: boolean;
}

export type Command = (args: string[], ctx: CommandContext) => Promise<number>;

const commands: Record<string, () => Command> = {
  check: () => require("./commands/check").run,
  fill: () => require("./commands/fill").run,
  compare: () => require("./commands/compare").run,
  templates: () => require("./commands/templates").runList,
  insert: () => require("./commands/templates").runInsert,
  ack: () => require("./commands/ack").run,
  export: () => require("./commands/export").run,
};

export function detectLocale(args: string[]): { locale: Locale; rest: string[] } {
  const rest: string[] = [];
  let locale: Locale = (process.env.PLANSHEET_LANG === "en" ? "en" : "ja");
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--lang" && (args[i + 1] === "en" || args[i + 1] === "ja")) {
      locale = args[i + 1] as Locale;
      i++;
    } else if (args[i] === "--lang=en" || args[i] === "--lang=ja") {
      locale = args[i].slice(7) as Locale;
    } else rest.push(args[i]);
  }
  return { locale, rest };
}

/** Streams whose reader has gone away (`plansheet check … | head -1`): nothing more is written to them. */
const closedStreams = new WeakSet<NodeJS.WriteStream>();

/**
 * Handle write errors on process.stdout/stderr once: a closed pipe (EPIPE) silently stops the
 * output to that stream (the command goes on, e.g. fill still writes its file, and the exit code
 * is the one the command computes) instead of crashing with a stack trace.
 */
export function guardStream(stream: NodeJS.WriteStream): void {
  if ((stream as { plansheetGuarded?: boolean }).plansheetGuarded) return;
  (stream as { plansheetGuarded?: boolean }).plansheetGuarded = true;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err && err.code === "EPIPE") {
      closedStreams.add(stream);
      return;
    }
    throw err;
  });
}

function writeLine(stream: NodeJS.WriteStream, s: string): void {
  if (closedStreams.has(stream) || stream.destroyed) return;
  stream.write(s.endsWith("\n") ? s : s + "\n");
}

/**
 * End the process with `code` once every stream has passed on what was written to it (a pipe is
 * asynchronous on Windows and macOS). Left to Node's natural end, the process would first wait for
 * V8's background work — optimising compiles queued for functions that will not run again —
 * about 20–30 ms after a folder check (see the README's benchmark notes). A stream that is closed
 * or broken (EPIPE) is not waited for.
 */
export function exitWhenFlushed(
  code: number,
  streams: NodeJS.WritableStream[] = [process.stdout, process.stderr],
  exit: (code: number) => void = (c) => process.exit(c),
): void {
  process.exitCode = code;
  let pending = streams.length + 1;
  const one = () => {
    if (--pending === 0) exit(code);
  };
  for (const s of streams) {
    const w = s as NodeJS.WritableStream & { destroyed?: boolean; writable?: boolean };
    if (closedStreams.has(w as NodeJS.WriteStream) || w.destroyed || w.writable === false) one();
    else w.write("", () => one());
  }
  one();
}

export async function main(argv: string[], io?: Partial<CommandContext>): Promise<number> {
  const { locale, rest } = detectLocale(argv);
  guardStream(process.stdout);
  guardStream(process.stderr); // also the progress bar's stream
  const ctx: CommandContext = {
    locale,
    stdout: io?.stdout ?? ((s) => writeLine(process.stdout, s)),
    stderr: io?.stderr ?? ((s) => writeLine(process.stderr, s)),
    isTTY: io?.isTTY ?? Boolean(process.stderr.isTTY),
    // PLANSHEET_V8_DEFAULTS=1 keeps V8's defaults (the bench measures both)
    tuneV8: io ? Boolean(io.tuneV8) : process.env.PLANSHEET_V8_DEFAULTS !== "1",
  };
  const [name, ...args] = rest;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    ctx.stdout(t(locale, "cli.usage"));
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    ctx.stderr(t(locale, "cli.unknownCommand", { command: name }));
    ctx.stderr(t(locale, "cli.usage"));
    return 2;
  }
  return load()(args, ctx);
}
