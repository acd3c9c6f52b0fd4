import { hash, verify } from "@node-rs/argon2";

// argon2id at the OWASP ASVS minimum: 19 MiB, 2 iterations, parallelism 1 (~13 ms a hash here).
// `algorithm: 2` is Algorithm.Argon2id: a const enum, which isolatedModules cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A hash of nothing anyone can type, to verify against when the account does not exist. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  return decoy;
}
