/**
 * "Did you mean ...?" for names a user mistyped (stage names, ARG names), in the spirit of
 * BuildKit's suggest package: the closest candidate by edit distance, if it is close enough.
 */

/** Levenshtein distance, case-sensitive. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word`, when the distance is at most a third of the word's length (at
 * least 1, at most 3): `buidler` finds `builder`, `app` does not find `api`.
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
