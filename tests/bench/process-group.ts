// The bench's child processes (the app server, the floor servers): started, waited for, stopped,
// checked for life, and their CPU time read.
//
// Children are started in a process group of their own (detached) and stopped by signalling the
// group: the tsx CLI runs the server in a node child of its own, which a SIGKILL to tsx alone
// would leave running. SIGTERM first (tsx relays it, the server exits), SIGKILL to the group after
// 5 s, and a SIGKILL to the group if the bench process exits with the child still up.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface GroupProcess {
  child: ChildProcess;
  output(): string;
  /** True while the child has not exited. */
  alive(): boolean;
  /** SIGTERM to the process group, SIGKILL to it after `graceMs`; resolves once the child has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** Spawns `command` in a process group of its own, output captured (never on the bench's stdout). */
export function spawnGroup(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): GroupProcess {
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // ESRCH: the group is gone already.
    }
  };
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const onExit = () => killGroup("SIGKILL");
  process.on("exit", onExit);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    alive,
    stop: async (signal = "SIGTERM", graceMs = 5_000) => {
      if (child.pid === undefined) return;
      killGroup(signal);
      const killer = setTimeout(() => killGroup("SIGKILL"), graceMs);
      await exited;
      // tsx has gone; its node child may take a moment longer.
      for (let k = 0; k < 50 && groupAlive(); k++) await new Promise((done) => setTimeout(done, 100));
      if (groupAlive()) killGroup("SIGKILL");
      clearTimeout(killer);
      process.off("exit", onExit);
    },
  };
}

/** Waits until the child's output includes `text`; fails if it exits first or `timeoutMs` passes. */
export function waitForOutput(
  processGroup: GroupProcess,
  text: string,
  what: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise<void>((ready, fail) => {
    const { child } = processGroup;
    const check = () => {
      if (!processGroup.output().includes(text)) return;
      finish();
      ready();
    };
    const exit = (code: number | null) => {
      finish();
      fail(new Error(`${what} exited with ${code}:\n${processGroup.output().slice(-4000)}`));
    };
    const timer = setTimeout(() => {
      finish();
      fail(new Error(`${what} did not start in ${timeoutMs / 1000} s:\n${processGroup.output().slice(-4000)}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      child.stdout!.off("data", check);
      child.stderr!.off("data", check);
      child.off("exit", exit);
    };
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    child.once("exit", exit);
    check();
  });
}

/** utime + stime (clock ticks) from a /proc stat line, or null if it cannot be read. */
function statTicks(path: string): { pgrp: number; ticks: number } | null {
  let stat: string;
  try {
    stat = readFileSync(path, "utf8");
  } catch {
    return null; // exited meanwhile
  }
  // After the command name in parentheses: state, ppid, pgrp, ..., utime (12th), stime (13th).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { pgrp: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * CPU seconds used so far by every process of a process group (the servers run in a group of their
 * own: tsx and the node server under it), from /proc (Linux; null elsewhere). On a shared, loaded
 * machine a server's throughput says how much CPU it was given; its CPU time per request says what
 * each request cost it, which the load changes far less. With `mainThreads`, only each process's
 * main thread (its JavaScript, where requests are handled), without its worker threads, libuv
 * pool and V8's helper threads: a steadier reading of one request's own work.
 */
export function groupCpuSeconds(pgid: number | undefined, opts: { mainThreads?: boolean } = {}): number | null {
  if (pgid === undefined) return null;
  let ticks = 0;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const group = statTicks(`/proc/${entry}/stat`);
      if (group?.pgrp !== pgid) continue;
      ticks += opts.mainThreads ? (statTicks(`/proc/${entry}/task/${entry}/stat`)?.ticks ?? 0) : group.ticks;
    }
  } catch {
    return null;
  }
  return ticks / 100; // USER_HZ: 100 on Linux
}

/** A server that died under load makes every figure meaningless: say so, with its output. */
export function assertAlive(child: ChildProcess, output: () => string): void {
  if (child.exitCode === null && child.signalCode === null) return;
  throw new Error(`the server under load exited (${child.exitCode ?? child.signalCode}):\n${output().slice(-4000)}`);
}
