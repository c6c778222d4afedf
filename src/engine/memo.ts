/**
 * Answers about fixed tables (base images, end-of-life releases, image variants, registry entries),
 * remembered by a text key across lints: the same few images come back on every lint. It forgets
 * everything once it holds `limit` answers, so a stream of odd references cannot grow it without bound.
 */
export class BoundedMemo<V> {
  private readonly known = new Map<string, V>();
  private readonly limit: number;

  constructor(limit = 1000) {
    this.limit = limit;
  }

  /** The answer for `key`, computed by `compute` the first time it is asked. */
  get(key: string, compute: () => V): V {
    const value = this.known.get(key);
    if (value !== undefined || this.known.has(key)) return value as V;
    const computed = compute();
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(key, computed);
    return computed;
  }
}
