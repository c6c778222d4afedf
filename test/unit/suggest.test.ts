import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/engine/suggest.ts';

describe('suggest', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('build', 'build')).toBe(0);
    expect(editDistance('bulid', 'build')).toBe(1);
    expect(editDistance('buid', 'build')).toBe(1);
    expect(editDistance('BUILDPLATFROM', 'BUILDPLATFORM')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('suggests only close candidates', () => {
    expect(closestMatch('bulid', ['base', 'build'])).toBe('build');
    expect(closestMatch('frontend', ['backend', 'build'])).toBeUndefined();
    expect(closestMatch('BUILD', ['build'], true)).toBeUndefined();
    expect(closestMatch('Buidl', ['build'], true)).toBe('build');
    expect(closestMatch('TARGETARH', ['TARGETARCH', 'TARGETOS'])).toBe('TARGETARCH');
  });
});
