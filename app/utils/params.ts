/** A route's numeric id, or a 404: a malformed id names nothing, so it is "not found". */
export function parseId(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,12}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}
