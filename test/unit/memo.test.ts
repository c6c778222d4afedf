import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/engine/memo.ts';

describe('BoundedMemo', () => {
  it('computes an answer once, undefined answers included', () => {
    const memo = new BoundedMemo<string | undefined>();
    let calls = 0;
    const ask = (key: string) => memo.get(key, () => (calls++, key === 'none' ? undefined : key.toUpperCase()));
    expect([ask('a'), ask('a'), ask('none'), ask('none')]).toEqual(['A', 'A', undefined, undefined]);
    expect(calls).toBe(2);
  });

  it('forgets everything once it holds `limit` answers, and still answers right', () => {
    const memo = new BoundedMemo<number>(2);
    let calls = 0;
    const ask = (key: string) => memo.get(key, () => (calls++, key.length));
    ask('a');
    ask('bb');
    ask('ccc'); // full: forgets a and bb
    expect(calls).toBe(3);
    expect(ask('ccc')).toBe(3);
    expect(calls).toBe(3);
    expect(ask('a')).toBe(1);
    expect(calls).toBe(4);
  });
});

describe('memos on per-lint objects', () => {
  // A WeakMap keyed by a model, an instruction or a reference kept every lint's model alive through
  // V8's young-generation collections (see ModelReadings in src/engine/model.ts): such memos are
  // slots on the objects. Only WeakMaps whose keys outlive lints, or whose values hold nothing of a
  // model, may stay.
  const ALLOWED: Record<string, string> = {
    'runtime.ts baseEnvs': 'keyed by the fixed base-image table',
    'dockerignore.ts compiledByFile': 'one .dockerignore per lint, and its compiled patterns refer to no model',
  };

  it('keeps no WeakMap keyed by what a lint creates', () => {
    const dir = new URL('../../src/engine/', import.meta.url).pathname;
    const found: string[] = [];
    for (const file of readdirSync(dir, { recursive: true }).map(String)) {
      if (!file.endsWith('.ts')) continue;
      const text = readFileSync(`${dir}${file}`, 'utf8');
      for (const m of text.matchAll(/(?:const|let)\s+(\w+)\s*=\s*new WeakMap\b/g)) found.push(`${file.split('/').pop()} ${m[1]}`);
    }
    expect(found.sort()).toEqual(Object.keys(ALLOWED).sort());
  });
});
