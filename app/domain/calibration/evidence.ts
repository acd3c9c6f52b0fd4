// The one minimum of comparable evidence behind every calibration figure (dashboard and CLI), and the
// one way a withheld figure says what is missing. Comparable evidence is counted in independent units
// — candidates also rated by a co-panellist, candidates, pairs' common candidates — never in raw
// ratings: a scorecard's four ratings, or ten ratings of two candidates, are not ten observations.

/** No figure, and no flag, on fewer of these (shared candidates, candidates, common candidates). */
export const MIN_SHARED_CANDIDATES = 5;

/** What a withheld figure lacks: "needs 5 shared candidates, has 2". */
export function describeMissing(has: number, unit: string, needed: number = MIN_SHARED_CANDIDATES): string {
  return `needs ${needed} ${unit}, has ${has}`;
}

/** describeMissing, or null when the evidence suffices. */
export function missingEvidence(has: number, unit: string, needed: number = MIN_SHARED_CANDIDATES): string | null {
  return has >= needed ? null : describeMissing(has, unit, needed);
}

/** The value when `has` units of comparable evidence suffice, else null. */
export function withEnoughEvidence<T>(value: T | null, has: number): T | null {
  return has >= MIN_SHARED_CANDIDATES ? value : null;
}
