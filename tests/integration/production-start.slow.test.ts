// A deployment's start (NODE_ENV=production) and its first admin: no demo people are seeded, the
// user:create CLI makes the first account, and with TRUST_PROXY a request forwarded as https by the
// proxy gets a Secure session cookie (without it, X-Forwarded-Proto is ignored).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { send } from "../support/http-send";
import { startServer, type RunningServer } from "../support/server-process";

const folder = mkdtempSync(join(tmpdir(), "production-start-"));
const databasePath = join(folder, "prod.db");
const running: RunningServer[] = [];
afterAll(async () => {
  for (const server of running) await server.stop();
  rmSync(folder, { recursive: true, force: true });
});

function userCreate(args: string[], stdin?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "app/cli/create-user.ts", ...args], {
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

const signIn = (server: RunningServer, email: string, password: string, headers: Record<string, string> = {}) =>
  send(server.url, "POST", "/login", {
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ email, password }).toString(),
  });

const people = () => {
  const sqlite = new Database(databasePath, { readonly: true });
  try {
    return sqlite.prepare("select email from users order by id").pluck().all() as string[];
  } finally {
    sqlite.close();
  }
};

describe("NODE_ENV=production", () => {
  let server: RunningServer;

  it("starts without demo people and says how to create the first admin", async () => {
    server = await startServer({
      databasePath,
      env: { NODE_ENV: "production", TRUST_PROXY: "loopback", SESSION_SECRET: "prod-test" },
    });
    running.push(server);
    expect(server.output()).not.toContain("panel-demo");
    expect(server.output()).toContain("npm run user:create");
    expect(people()).toEqual([]);
    const demo = await signIn(server, "lead@demo.test", "panel-demo");
    expect(demo.status).toBe(401);
  }, 180_000);

  it("user:create refuses bad usage with exit 2 and one line, and changes nothing", async () => {
    for (const args of [
      [],
      ["--email", "ada@example.com"],
      ["--email", "ada@example.com", "--role", "boss"],
      ["--email", "not-an-email", "--role", "admin"],
      ["--bogus"],
    ]) {
      const result = await userCreate(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^user:create: /);
    }
    const short = await userCreate(["--email", "ada@example.com", "--role", "admin", "--password-stdin"], "short\n");
    expect(short.code).toBe(2);
    expect(people()).toEqual([]);
  }, 120_000);

  it("user:create makes the first admin from a password on stdin, or prints a one-time password", async () => {
    const fromStdin = await userCreate(
      ["--email", "Ada@Example.com", "--role", "admin", "--role", "lead", "--name", "Ada L.", "--password-stdin"],
      "a long enough secret\n",
    );
    expect(fromStdin).toMatchObject({ code: 0, stderr: "" });
    expect(fromStdin.stdout).not.toContain("a long enough secret");
    const generated = await userCreate(["--email", "bo@example.com", "--role", "interviewer"]);
    expect(generated.code).toBe(0);
    const password = /one-time password[^:]*: (\S+)/.exec(generated.stdout)?.[1];
    expect(password).toMatch(/^\S{16}$/);
    const again = await userCreate(["--email", "ada@example.com", "--role", "admin"]);
    expect(again.code).toBe(1);
    expect(people()).toEqual(["ada@example.com", "bo@example.com"]);

    expect((await signIn(server, "bo@example.com", password!)).status).toBe(302);
  }, 120_000);

  it("with TRUST_PROXY, a sign-in forwarded as https gets a Secure cookie; a plain http one does not", async () => {
    const https = await signIn(server, "ada@example.com", "a long enough secret", { "X-Forwarded-Proto": "https" });
    expect(https.status).toBe(302);
    expect(https.headers["set-cookie"]![0]).toMatch(/; Secure/i);
    const http = await signIn(server, "ada@example.com", "a long enough secret");
    expect(http.headers["set-cookie"]![0]).not.toMatch(/; Secure/i);
  }, 60_000);

  it("without TRUST_PROXY, X-Forwarded-Proto is ignored", async () => {
    await server.stop();
    const plain = await startServer({ databasePath, env: { NODE_ENV: "production", SESSION_SECRET: "prod-test" } });
    running.push(plain);
    const forged = await signIn(plain, "ada@example.com", "a long enough secret", { "X-Forwarded-Proto": "https" });
    expect(forged.status).toBe(302);
    expect(forged.headers["set-cookie"]![0]).not.toMatch(/; Secure/i);
  }, 180_000);
});
