// Hostile payloads against the people and settings admin actions.
import fc from "fast-check";
import { describe, it } from "vitest";
import { INDEPENDENCE_MODES } from "~/domain/independence";
import { getIndependenceMode } from "~/models/settings.server";
import { action as peopleAction } from "~/routes/admin.people";
import { action as settingsAction } from "~/routes/admin.settings";
import { PASSWORD, createUser } from "../support/factories";
import { actor, formEncoding, formPayload, fuzzAction, IMG_TAG, SCRIPT, type Pairs } from "../support/fuzz-kit";
import {
  admin,
  interviewers,
  userRow,
  send,
  adminOnly,
  mostly,
  newEmail,
  useAdminFuzzFixtures,
  checkboxes,
  ID_TOKENS,
} from "../support/fuzz-admin";

useAdminFuzzFixtures("fuzz-admin-people");

describe("admin actions under hostile payloads", () => {
  it("people: create, roles, deactivate", { timeout: 60_000 }, async () => {
    const roles = fc.oneof(
      { weight: 4, arbitrary: fc.subarray(["interviewer", "lead", "admin"], { minLength: 1 }) },
      {
        weight: 1,
        arbitrary: fc.subarray(["interviewer", "lead", "admin", "interviewer", "superuser"], { maxLength: 4 }),
      },
    );
    const create = fc
      .record({
        name: mostly(["Pat Person", `Ann ${SCRIPT}`, `Bo ${IMG_TAG}`, "n".repeat(80)], ["n".repeat(81), "  "]),
        email: mostly(
          ["$NEW_EMAIL"],
          ["$TAKEN_EMAIL", "$TAKEN_EMAIL_SHOUTED", "not-an-email", `${SCRIPT}@example.test`],
        ),
        roles,
        passwordMode: mostly(["generate", "set"], ["", "ask"]),
        password: mostly([PASSWORD, "p".repeat(200)], ["short", "p".repeat(201), ""]),
      })
      .map((p): Pairs => [
        ["intent", "create"],
        ["name", p.name],
        ["email", p.email],
        ...checkboxes("roles", p.roles),
        ["passwordMode", p.passwordMode],
        ["password", p.password],
      ]);
    const target = mostly(["$TARGET"], ["$SELF", "$GONE", "$MISSING", "$CANDIDATE", "0"]);
    const changeRoles = fc
      .record({ userId: target, roles })
      .map((p): Pairs => [["intent", "roles"], ["userId", p.userId], ...checkboxes("roles", p.roles)]);
    const deactivate = target.map((userId): Pairs => [
      ["intent", "deactivate"],
      ["userId", userId],
    ]);
    const valid = fc.oneof(create, changeRoles, deactivate);
    const names = ["intent", "name", "email", "roles", "passwordMode", "password", "userId"];
    await fuzzAction(
      "admin people (create, roles, deactivate)",
      fc.record({ pairs: formPayload(valid, names), who: actor, encoding: formEncoding }),
      async ({ pairs, who, encoding }) => {
        // A fresh person to change or deactivate, so the fixtures keep their roles.
        const victim = pairs.some(([, v]) => v === "$TARGET") ? await createUser({ name: "Victim" }) : null;
        const tokens = {
          ...ID_TOKENS,
          $NEW_EMAIL: () => newEmail(),
          $TAKEN_EMAIL: () => interviewers[3].email,
          $TAKEN_EMAIL_SHOUTED: () => ` ${interviewers[3].email.toUpperCase()} `,
          $TARGET: () => String(victim?.id ?? 987654),
          $SELF: () => String(admin.id),
        };
        return send(peopleAction, "/admin/people", {}, pairs, who, encoding, tokens);
      },
      {
        numRuns: 200,
        check: async (res, { pairs, who }, changed) => {
          adminOnly(res, who);
          const self = userRow(admin.id);
          if (!self?.active) throw new Error(`the admin deactivated their own account (answer ${res.status})`);
          const text = await res.clone().text();
          // What was typed comes back, never the password that was set (unless it was also typed elsewhere).
          const typedElsewhere = pairs.some(([k, v]) => k !== "password" && v.includes(PASSWORD));
          if (
            !typedElsewhere &&
            pairs.some(([k, v]) => k === "password" && v === PASSWORD) &&
            text.includes(PASSWORD)
          ) {
            throw new Error(`the password came back: ${text.slice(0, 300)}`);
          }
          if (res.status !== 200 || !res.headers.get("Content-Type")?.includes("json")) return;
          const body = JSON.parse(text) as { created?: { id: number; email: string } };
          if (body.created) {
            const row = userRow(body.created.id);
            if (!row || row.email !== body.created.email || row.email !== row.email.trim().toLowerCase())
              throw new Error(`created ${JSON.stringify(body.created)} but stored ${JSON.stringify(row)}`);
            if (!changed.some((c) => c.startsWith("audit_log")))
              throw new Error("a person was created without an audit entry");
          }
        },
      },
    );
  });

  it("settings: independence", { timeout: 60_000 }, async () => {
    const valid = mostly(INDEPENDENCE_MODES, ["sometimes", "", "NEVER", "never "]).map((mode): Pairs => [
      ["independence", mode],
    ]);
    let before = getIndependenceMode();
    await fuzzAction(
      "admin settings",
      fc.record({ pairs: formPayload(valid, ["independence"]), who: actor, encoding: formEncoding }),
      async ({ pairs, who, encoding }) => {
        before = getIndependenceMode();
        return send(settingsAction, "/admin/settings", {}, pairs, who, encoding);
      },
      {
        numRuns: 150,
        check: (res, { who }, changed) => {
          adminOnly(res, who);
          const now = getIndependenceMode();
          if (res.status === 302 && who === "right" && res.headers.get("Location") !== "/admin/settings?saved=1")
            throw new Error(`redirected to ${res.headers.get("Location")}`);
          if (now !== before && !(res.status === 302 && who === "right"))
            throw new Error(`the mode changed ${before} -> ${now}, answered ${res.status}`);
          if (now !== before && !changed.some((c) => c.startsWith("audit_log")))
            throw new Error("the mode changed without an audit entry");
          if (now === before && changed.length) throw new Error(`nothing changed, but ${changed.join(", ")} did`);
        },
      },
    );
  });
});
