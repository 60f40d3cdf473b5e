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
}

export type Command = (args: string[], ctx: CommandContext) => Promise<number>;

const commands: Record<string, () => Command> = {
  check: () => require("./commands/check").run,
  fill: () => require("./commands/fill").run,
  compare: () => require("./commands/compare").run,
  templates: () => require("./commands/templates").runList,
  insert: () => require("./commands/templates").runInsert,
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

export async function main(argv: string[], io?: Partial<CommandContext>): Promise<number> {
  const { locale, rest } = detectLocale(argv);
  const ctx: CommandContext = {
    locale,
    stdout: io?.stdout ?? ((s) => process.stdout.write(s.endsWith("\n") ? s : s + "\n")),
    stderr: io?.stderr ?? ((s) => process.stderr.write(s.endsWith("\n") ? s : s + "\n")),
    isTTY: io?.isTTY ?? Boolean(process.stderr.isTTY),
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
