/**
 * "Did you mean ...?" for names a user mistyped (stage names, ARG names), in the spirit of
 * BuildKit's suggest package: the closest candidate by edit distance, if it is close enough.
 */

/** Edit distance counting insertions, deletions, substitutions and swaps of neighbours (`bulid` -> `build` is 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // three rows of the table (a swap looks two rows back), reused: this runs for every unknown word of a file
  let before = new Array<number>(m + 1).fill(0);
  let previous = new Array<number>(m + 1);
  let current = new Array<number>(m + 1).fill(0);
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, before[j - 2] + 1);
      current[j] = v;
    }
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[m];
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
