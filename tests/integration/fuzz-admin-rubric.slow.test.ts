// Hostile payloads against the rubric editor (saving a new version).
import fc from "fast-check";
import { describe, it } from "vitest";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { action as rubricAction } from "~/routes/admin.rubric";
import { toRubricFormValues, type RubricFormValues } from "~/domain/rubric/rubric-form-values";
import {
  actor,
  formEncoding,
  formMutation,
  flattenForm,
  fuzzAction,
  hostileString,
  IMG_TAG,
  mutatePairs,
  SCRIPT,
  type FormMutation,
} from "../support/fuzz-kit";
import { send, adminOnly, mostly, useAdminFuzzFixtures } from "../support/fuzz-admin";

useAdminFuzzFixtures("fuzz-admin-rubric");

describe("admin actions under hostile payloads", () => {
  it("rubric: save a new version", { timeout: 90_000 }, async () => {
    // The form's own field names, the top-level ones (the version edited, the note) weighted up.
    const formNames = flattenForm(toRubricFormValues(DEFAULT_RUBRIC, 1) as unknown as Record<string, unknown>).map(
      ([k]) => k,
    );
    const names = [
      ...Array<string>(6).fill("baseVersionId"),
      ...Array<string>(4).fill("note"),
      ...DEFAULT_RUBRIC.dimensions.flatMap((_, i) => [
        `dimensions.${i}.weight`,
        `dimensions.${i}.name`,
        `dimensions.${i}.key`,
      ]),
      "dimensions",
      "redFlags",
      "variants",
      "variants.0.ownWeights",
      "variants.1.weights",
      ...formNames,
    ];
    const text = mostly(["Edited wording.", `Edited ${SCRIPT}`, IMG_TAG], ["w".repeat(61), "w".repeat(401), "", "   "]);
    const edit = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant("reweight" as const),
          from: fc.nat(3),
          to: fc.nat(3),
          by: mostly([1, 5, 20], [40]),
        }),
      },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant("text" as const),
          field: fc.constantFrom(
            "dimension.name",
            "dimension.covers",
            "anchor.text",
            "flag.name",
            "flag.description",
            "variant.question",
            "variant.focus",
            "variant.company",
            "variant.name",
            "dimension.probes",
          ),
          index: fc.nat(20),
          value: text,
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop-flag" as const), index: fc.nat(20) }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("add-flag" as const),
          key: mostly(["rehearsed", "over_rehearsed"], ["fake_mistake", "Bad Key", SCRIPT]),
          dimension: mostly(["ownership", "repair"], ["charisma"]),
          max: mostly(["2", "3"], ["7", "0", "two"]),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop-variant" as const), index: fc.nat(20) }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("add-variant" as const),
          key: mostly(["acme", "acme_two"], ["meta", "Big Co", ""]),
          question: text,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("own-weights" as const), index: fc.nat(20), shift: mostly([0], [5]) }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: "drop-dimension" as const }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("add-dimension" as const),
          key: mostly(["curiosity"], ["ownership", "Bad Key"]),
          weight: fc.constantFrom(5, 10),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("many-probes" as const), index: fc.nat(3), count: mostly([8], [9]) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("anchor-score" as const),
          index: fc.nat(3),
          score: fc.constantFrom("1", "0", "5", "2", "", "1.5"),
        }),
      },
    );
    type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;
    const at = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
    function apply(v: RubricFormValues, e: Edit) {
      switch (e.kind) {
        case "reweight": {
          const from = v.dimensions[e.from % v.dimensions.length];
          const to = v.dimensions[e.to % v.dimensions.length];
          from.weight = Number(from.weight) - e.by;
          to.weight = Number(to.weight) + e.by;
          break;
        }
        case "text": {
          const [what, field] = e.field.split(".");
          if (what === "anchor") {
            const d = at(v.dimensions, e.index);
            const a = d && at(d.anchors, e.index);
            if (a) a.text = e.value;
          } else {
            const list = (what === "dimension"
              ? v.dimensions
              : what === "flag"
                ? v.redFlags
                : v.variants) as unknown as Record<string, unknown>[];
            const item = at(list, e.index);
            if (item) item[field] = e.value;
          }
          break;
        }
        case "drop-flag":
          if (v.redFlags.length) v.redFlags.splice(e.index % v.redFlags.length, 1);
          break;
        case "add-flag":
          v.redFlags.push({
            key: e.key,
            name: "Rehearsed script",
            description: "Recites a polished story.",
            caps: [{ dimension: e.dimension, max: e.max }],
            source: "Panel feedback",
          });
          break;
        case "drop-variant":
          if (v.variants.length) v.variants.splice(e.index % v.variants.length, 1);
          break;
        case "add-variant":
          v.variants.push({
            key: e.key,
            company: "Acme",
            name: "Acme — speed",
            focus: "Speed",
            question: e.question,
            probes: "How fast did you own it?",
            ownWeights: false,
            weights: {},
            rationale: "Asked by Acme's panels",
          });
          break;
        case "own-weights": {
          const variant = at(v.variants, e.index);
          if (!variant) break;
          variant.ownWeights = true;
          variant.weights = Object.fromEntries(
            v.dimensions.map((d, i) => [d.key, Number(d.weight) + (i === 0 ? e.shift : 0)]),
          );
          break;
        }
        case "drop-dimension":
          v.dimensions.pop();
          break;
        case "add-dimension": {
          const anchors = [1, 2, 3, 4].map((score) => ({ score, text: `Level ${score}` }));
          v.dimensions.push({
            key: e.key,
            name: "Curiosity",
            weight: e.weight,
            covers: "Asks why it happened.",
            anchors,
            probes: "",
            source: "Panel feedback",
          });
          v.dimensions[0].weight = Number(v.dimensions[0].weight) - e.weight;
          break;
        }
        case "many-probes":
          v.dimensions[e.index % v.dimensions.length].probes = Array.from(
            { length: e.count },
            (_, i) => `Probe ${i}?`,
          ).join("\n");
          break;
        case "anchor-score":
          v.dimensions[e.index % v.dimensions.length].anchors[0].score = e.score;
          break;
      }
    }
    const payload = fc.record({
      edits: fc.oneof(
        { weight: 6, arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }) },
        { weight: 1, arbitrary: fc.constant([]) },
      ),
      note: mostly(["Fuzzed edit", `Note ${SCRIPT}`, "n".repeat(300)], ["", "  ", "n".repeat(301)]),
      base: fc.oneof(
        { weight: 6, arbitrary: fc.constant("$LATEST") },
        { weight: 2, arbitrary: fc.constant("$STALE") },
        { weight: 1, arbitrary: fc.constantFrom("$FUTURE", "0", "abc", "") },
      ),
      mutations: fc.oneof(
        { weight: 4, arbitrary: fc.constant<FormMutation[]>([]) },
        { weight: 5, arbitrary: fc.array(formMutation(names), { minLength: 1, maxLength: 3 }) },
      ),
      // Now and then fields that have nothing to do with the form, instead of it.
      hostile: fc.oneof(
        { weight: 11, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.array(fc.tuple(fc.constantFrom(...names.slice(0, 40)), hostileString), { maxLength: 6 }),
        },
      ),
      who: actor,
      encoding: formEncoding,
    });
    let latestBefore = 0;
    await fuzzAction(
      "admin rubric (new version)",
      payload,
      async ({ edits, note, base, mutations, hostile, who, encoding }) => {
        const latest = getLatestRubricVersion();
        latestBefore = latest.id;
        const values = structuredClone(toRubricFormValues(latest.rubric, latest.id));
        for (const e of edits) apply(values, e);
        values.note = note;
        values.baseVersionId = base;
        const pairs = hostile ?? mutatePairs(flattenForm(values as unknown as Record<string, unknown>), mutations);
        const tokens = {
          $LATEST: () => String(latest.id),
          $STALE: () => String(latest.id > 1 ? latest.id - 1 : 0),
          $FUTURE: () => String(latest.id + 1),
        };
        return send(rubricAction, "/admin/rubric", {}, pairs, who, encoding, tokens);
      },
      {
        numRuns: 150,
        check: (res, { who, base }) => {
          adminOnly(res, who);
          const latest = getLatestRubricVersion().id;
          if (res.status === 302 && who === "right") {
            if (res.headers.get("Location") !== `/admin/rubric?saved=${latest}` || latest !== latestBefore + 1) {
              throw new Error(`answered ${res.headers.get("Location")}, latest version ${latestBefore} -> ${latest}`);
            }
          } else if (latest !== latestBefore)
            throw new Error(`a new version ${latest} without a redirect (answer ${res.status})`);
          if (base === "$STALE" && latestBefore > 1 && res.status === 302 && who === "right")
            throw new Error("saved over a stale version");
        },
      },
    );
  });
});
