// db/ may not import app/, so the database keeps its own copy of the value lists its CHECK
// constraints enforce. This keeps the two copies one definition in practice: a level or a
// recommendation added to the domain without a migration fails here.
import { describe, expect, it } from "vitest";

import { LEVELS as DB_LEVELS, RECOMMENDATIONS as DB_RECOMMENDATIONS } from "~db/schema/columns";
import { LEVELS, RECOMMENDATIONS } from "~/domain/rubric/types";

describe("the database's value lists", () => {
  it("are the domain's levels", () => {
    expect([...DB_LEVELS]).toEqual([...LEVELS]);
  });
  it("are the domain's recommendations", () => {
    expect([...DB_RECOMMENDATIONS]).toEqual([...RECOMMENDATIONS]);
  });
});
