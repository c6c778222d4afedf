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
