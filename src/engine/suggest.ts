/**
 * "Did you mean ...?" for names a user mistyped (stage names, ARG names), in the spirit of
 * BuildKit's suggest package: the closest candidate by edit distance, if it is close enough.
 */

/** Edit distance counting insertions, deletions, substitutions and swaps of neighbours (`bulid` -> `build` is 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, when the distance is at most a third of the word's length (at
 * least 1, at most 3): `bulid` finds `build`, `frontend` does not find `backend`.
 */
export function closestMatch(word: string, candidates: Iterable<string>, caseInsensitive = false): string | undefined {
  const norm = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (norm(c) === norm(word)) continue;
    const d = editDistance(norm(word), norm(c));
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
