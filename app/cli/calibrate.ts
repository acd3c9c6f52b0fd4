// Calibration report on a CSV of historical ratings, without any database:
//   tsx app/cli/calibrate.ts --input FILE.csv [--scale MIN-MAX] [--json]
// Exit codes: 0 done, 1 bad data (unreadable file, invalid CSV), 2 bad usage. Errors are one line
// on stderr and nothing on stdout, so `--json` output can always be piped to a JSON parser.
import process from "node:process";

import {
  CalibrationInputError,
  computeCalibrationReport,
  formatCalibrationText,
  parseRatingsCsv,
  toCalibrationJson,
  type Scale,
} from "../domain/calibration";
import { parseCliArguments } from "./cli-arguments";
import { CliError, readInputFile, reportCliError } from "./cli-error";

const USAGE = "usage: calibrate --input FILE.csv [--scale MIN-MAX] [--json]";

interface CliOptions {
  input: string;
  scale?: Scale;
  json: boolean;
}

function parseScale(text: string): Scale {
  const match = /^(-?\d+)-(-?\d+)$/.exec(text);
  const scale = match === null ? null : { min: Number(match[1]), max: Number(match[2]) };
  if (scale === null || scale.min >= scale.max) {
    throw new CliError(2, `--scale must be MIN-MAX with integers MIN < MAX (e.g. 1-4), got "${text}"`);
  }
  return scale;
}

function parseArguments(args: readonly string[]): CliOptions | "help" {
  const { values } = parseCliArguments(
    args,
    { input: { type: "string" }, scale: { type: "string" }, json: { type: "boolean" } },
    USAGE,
  );
  if (values.help) return "help";
  if (values.input === undefined) throw new CliError(2, `missing --input; ${USAGE}`);
  return {
    input: values.input,
    scale: values.scale === undefined ? undefined : parseScale(values.scale),
    json: values.json ?? false,
  };
}

function run(args: readonly string[]): string {
  const options = parseArguments(args);
  if (options === "help") return `${USAGE}\n`;
  const parsed = parseRatingsCsv(readInputFile(options.input), { scale: options.scale });
  if (!parsed.ok) {
    const where = parsed.error.line === null ? "" : `line ${parsed.error.line}: `;
    throw new CliError(1, `${options.input}: ${where}${parsed.error.message}`);
  }
  const report = computeCalibrationReport(parsed.ratings, { scale: parsed.scale });
  return options.json ? `${JSON.stringify(toCalibrationJson(report))}\n` : formatCalibrationText(report);
}

try {
  process.stdout.write(run(process.argv.slice(2)));
} catch (error) {
  if (!(error instanceof CliError || error instanceof CalibrationInputError)) throw error;
  reportCliError("calibrate", error.message, error instanceof CliError ? error.exitCode : 1);
}
