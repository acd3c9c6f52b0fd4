// An admin signed in for a test file: who they are and their session's Cookie header.
import { beforeAll } from "vitest";
import { createUser, sessionCookieFor } from "./factories";
import type { User } from "./route-calls";

export let admin: User;
export let cookie: string;

/** This file's admin and their session, before its tests. */
export function useAdmin(): void {
  beforeAll(async () => {
    admin = await createUser({ roles: ["admin"] });
    cookie = await sessionCookieFor(admin.id);
  });
}
