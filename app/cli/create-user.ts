// Creates a person — typically the first admin of a production database, which is never seeded:
//   npm run --silent user:create -- --email ada@example.com --role admin [--role lead] [--name "Ada L."]
//   printf '%s' "$PASSWORD" | npm run --silent user:create -- --email … --role admin --password-stdin
// Without --password-stdin a one-time password is generated and printed once on stdout. Exit codes:
// 0 created, 1 cannot create (the email is taken), 2 bad usage (one line on stderr).
import process from "node:process";
import { getDb } from "~db/client";
import { applyMigrations } from "~db/migrate";
import { createPerson, generatePassword } from "../models/people.server";
import { ensureDefaultRubric } from "../models/rubric.server";
import { NewPersonSchema } from "../schemas/admin-person-schema";
import { hashPassword } from "../models/password.server";
import { parseCliArguments } from "./cli-arguments";
import { CliError, reportCliError } from "./cli-error";

const USAGE =
  "usage: user:create --email EMAIL --role admin|lead|interviewer [--role …] [--name NAME] [--password-stdin]";

function parseArguments(args: string[]) {
  const options = {
    email: { type: "string" },
    role: { type: "string", multiple: true },
    name: { type: "string" },
    "password-stdin": { type: "boolean" },
  } as const;
  return parseCliArguments(args, options, USAGE).values;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing line break is the shell's (echo, a here-string), not the password's.
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function run(args: string[]): Promise<string> {
  const values = parseArguments(args);
  if (values.help) return `${USAGE}\n`;
  if (!values.email) throw new CliError(2, `missing --email; ${USAGE}`);
  if (!values.role?.length) throw new CliError(2, `missing --role; ${USAGE}`);
  const fromStdin = values["password-stdin"] === true;
  const password = fromStdin ? await readStdin() : generatePassword();
  const parsed = NewPersonSchema.safeParse({
    intent: "create",
    email: values.email,
    name: values.name ?? values.email.split("@")[0],
    roles: values.role,
    passwordMode: "set",
    password,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue.path[0] === "roles"
        ? "--role"
        : issue.path[0] === "password"
          ? "password (stdin)"
          : `--${String(issue.path[0])}`;
    throw new CliError(2, `${field}: ${issue.message}; ${USAGE}`);
  }
  const db = getDb();
  applyMigrations(db);
  ensureDefaultRubric(db);
  const { name, email, roles } = parsed.data;
  const result = createPerson({ name, email, roles, passwordHash: await hashPassword(password) }, null);
  if (result.kind === "email_taken") throw new CliError(1, `${email} already has an account`);
  const lines = [`created ${email} (${roles.join(", ")}), id ${result.id}`];
  if (!fromStdin) lines.push(`one-time password (shown only now): ${password}`);
  return lines.join("\n") + "\n";
}

try {
  process.stdout.write(await run(process.argv.slice(2)));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  reportCliError("user:create", error.message, error.exitCode);
}
