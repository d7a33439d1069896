/**
 * Positions are 1..n without gaps among siblings (all categories; the articles of one category),
 * so "position 1" is always first and a move is a shift of the ones in between. Callers hold the
 * siblings' lock (category order lock, or the category row) while they shift.
 */

/** Where an item lands among `count` siblings (itself included): the place asked for, clamped; last by default. */
export function placeAt(requested: number | undefined, count: number): number {
  return Math.min(Math.max(requested ?? count, 1), count);
}

/**
 * The shift that moves an item from `from` to `to` among its siblings: the ones in between move
 * one place toward `from`. Undefined when it stays.
 */
export function shiftForMove(
  from: number,
  to: number,
): { first: number; last: number; delta: 1 | -1 } | undefined {
  if (to < from) return { first: to, last: from - 1, delta: 1 };
  if (to > from) return { first: from + 1, last: to, delta: -1 };
  return undefined;
}
