/**
 * The first `limit` items (a whole number) in `compare`'s order: what `[...items].sort(compare).slice(0, limit)` gives
 * (ties kept in their given order, as the stable sort keeps them), without sorting them all. The
 * dashboard's links (a few per interviewer, from hundreds of scorecards each) are taken this way:
 * a full sort compared most items with each other, by a tie-break (localeCompare) that is slow.
 */
export function firstInOrder<T>(items: Iterable<T>, limit: number, compare: (a: T, b: T) => number): T[] {
  const first: T[] = [];
  if (limit <= 0) return first;
  for (const item of items) {
    // Past a full list's last item (or tied with it: it came later) it is not among the first.
    if (first.length === limit && compare(item, first[limit - 1]) >= 0) continue;
    let at = first.length;
    while (at > 0 && compare(item, first[at - 1]) < 0) at--;
    first.splice(at, 0, item);
    if (first.length > limit) first.pop();
  }
  return first;
}
