import type { Rubric } from "./types";

/** What an edit changed, as paths: "dimensions.repair.weight", "variants.acme added". */
export function describeRubricChanges(before: Rubric, after: Rubric): string[] {
  const changes: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const section of ["dimensions", "redFlags", "variants"] as const) {
    const old = new Map<string, Record<string, unknown>>(
      before[section].map((item) => [item.key, item as unknown as Record<string, unknown>]),
    );
    const now = new Map<string, Record<string, unknown>>(
      after[section].map((item) => [item.key, item as unknown as Record<string, unknown>]),
    );
    for (const [key, item] of now) {
      const was = old.get(key);
      if (!was) changes.push(`${section}.${key} added`);
      else
        for (const field of new Set([...Object.keys(was), ...Object.keys(item)]))
          if (!same(was[field], item[field])) changes.push(`${section}.${key}.${field}`);
    }
    for (const key of old.keys()) if (!now.has(key)) changes.push(`${section}.${key} removed`);
    const order = (items: { key: string }[]) => items.map((i) => i.key).filter((k) => old.has(k) && now.has(k));
    if (!same(order(before[section]), order(after[section]))) changes.push(`${section} reordered`);
  }
  for (const field of Object.keys(after) as (keyof Rubric)[]) {
    if (field !== "dimensions" && field !== "redFlags" && field !== "variants" && !same(before[field], after[field]))
      changes.push(field);
  }
  return changes;
}
