import { invariantFound } from "./invariant";

/** A route's numeric id, or a 404: a malformed id names nothing, so it is "not found". */
export function parseId(value: string | undefined): number {
  const id = Number(value);
  invariantFound(value && /^\d{1,12}$/.test(value) && Number.isSafeInteger(id) && id > 0);
  return id;
}
