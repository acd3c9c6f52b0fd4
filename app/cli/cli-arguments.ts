import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./cli-error";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util's parseArgs, strict, with `--help`/`-h` added and its errors turned into the CLIs'
 * one-line usage errors (exit code 2), naming the option that is wrong.
 */
export function parseCliArguments<const T extends OptionsConfig>(
  args: readonly string[],
  options: T,
  usage: string,
  { positionals = false }: { positionals?: boolean } = {},
) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: "boolean", short: "h" } } as T & { help: { type: "boolean"; short: "h" } },
      strict: true,
      allowPositionals: positionals,
    });
  } catch (error) {
    throw new CliError(2, `${describeParseError(error)}; ${usage}`);
  }
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  const named = /'([^' ]+)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option "${named}"`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument "${named}"`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return message.includes("argument missing") || message.includes("ambiguous")
      ? `${named} needs a value`
      : `${named} takes no value`;
  return message;
}
