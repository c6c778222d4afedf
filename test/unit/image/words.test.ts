import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanPath, formatDuration, parseDuration, parseKeyValues, processWord, resolvePath, splitWords } from '../../../src/engine/image/words.ts';

const vars = new Map<string, string | null>([
  ['HOME', '/home/app'],
  ['EMPTY', ''],
  ['BASEPATH', null],
]);

describe('processWord (BuildKit word processing)', () => {
  it.each([
    ['$HOME/bin', '/home/app/bin'],
    ['${HOME}/bin', '/home/app/bin'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${HOME:+set}', 'set'],
    ['${MISSING:+set}', ''],
    ['"quoted $HOME"', 'quoted /home/app'],
    ["'single $HOME'", 'single $HOME'],
    ['\\$HOME', '$HOME'],
    ['a\\ b', 'a b'],
    ['"a \\"b\\""', 'a "b"'],
    ['$MISSING', ''],
    ['cost: $5', 'cost: $5'],
  ])('%s -> %s', (input, expected) => {
    expect(processWord(input, vars).value).toBe(expected);
  });

  it('keeps a variable with an unknown value as written and reports it', () => {
    const r = processWord('/app/bin:$BASEPATH', vars);
    expect(r.value).toBe('/app/bin:${BASEPATH}');
    expect(r.unknown).toEqual(['BASEPATH']);
  });

  it('uses the escape character the Dockerfile declares', () => {
    expect(processWord('C:`$HOME', vars, '`').value).toBe('C:$HOME');
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(typeof processWord(s, vars).value).toBe('string');
      }),
    );
  });
});

describe('parseKeyValues (ENV and LABEL)', () => {
  it('reads key=value pairs with quotes', () => {
    expect(parseKeyValues('A="x y" B=2 C=\'$HOME\'', vars).map((k) => [k.key, k.value])).toEqual([
      ['A', 'x y'],
      ['B', '2'],
      ['C', '$HOME'],
    ]);
  });

  it('reads the legacy form: the rest of the line is the value', () => {
    expect(parseKeyValues('GREETING hello big world', vars).map((k) => [k.key, k.value])).toEqual([['GREETING', 'hello big world']]);
  });

  it('splits words on unquoted blanks only', () => {
    expect(splitWords('a "b c" d\\ e')).toEqual(['a', '"b c"', 'd\\ e']);
  });
});

describe('paths and durations', () => {
  it.each([
    ['/a/b/../c', '/a/c'],
    ['/a//b/./', '/a/b'],
    ['/../x', '/x'],
    ['a/../../b', '../b'],
  ])('cleanPath(%s) = %s', (input, expected) => expect(cleanPath(input)).toBe(expected));

  it('resolves relative paths against a directory', () => {
    expect(resolvePath('/app', 'src')).toBe('/app/src');
    expect(resolvePath('', 'src')).toBe('/src');
    expect(resolvePath('/app', '/etc')).toBe('/etc');
  });

  it.each([
    ['30s', 30],
    ['1m30s', 90],
    ['500ms', 0.5],
    ['1h', 3600],
    ['0', 0],
    ['abc', null],
    ['30', null],
  ])('parseDuration(%s) = %s', (input, expected) => expect(parseDuration(input)).toBe(expected));

  it.each([
    [30, '30s'],
    [90, '1m30s'],
    [0.5, '500ms'],
    [3600, '1h0m0s'],
    [0, '0s'],
  ])('formatDuration(%s) = %s, as Go prints it', (input, expected) => expect(formatDuration(input)).toBe(expected));
});
