/**
 * .dockerignore semantics. The first tables are moby/patternmatcher's own tests (patternmatcher_test.go
 * and ignorefile_test.go) and Go's filepath.Match tests they carry; the rest are edge cases of
 * Docker's behaviour, worked out from the Go sources, including the quirks that differ from
 * .gitignore.
 */
import { describe, expect, it } from 'vitest';
import { compilePattern, DockerignoreMatcher, normalizeContextPath, parseDockerignore, parsePatternList } from '../../src/engine/dockerignore.ts';
import { cleanPath, compileGoRegexp, dirPath, goPathMatch, trimSpace } from '../../src/engine/go-match.ts';

/** patternmatcher's own harness for MatchesUsingParentResults: walk the parents, then the path. */
function usingParentResults(m: DockerignoreMatcher, text: string): boolean {
  const parentPath = dirPath(text);
  let info: boolean[] | null = null;
  if (parentPath !== '.') {
    const dirs = parentPath.split('/');
    for (let i = 0; i < dirs.length; i++) info = m.matchesUsingParentResults(dirs.slice(0, i + 1).join('/'), info).info;
  }
  return m.matchesUsingParentResults(text, info).matched;
}

const matcherOf = (patterns: string | readonly string[]) => new DockerignoreMatcher(typeof patterns === 'string' ? patterns : patterns.join('\n'));

describe('moby/patternmatcher TestMatches', () => {
  // [pattern, text, 'exact' | 'inexact' | 'fail']: exact = the path itself matches,
  // inexact = only a parent directory does, fail = neither
  const table: [string, string, 'exact' | 'inexact' | 'fail'][] = [
    ['**', 'file', 'exact'],
    ['**', 'file/', 'exact'],
    ['**/', 'file', 'exact'],
    ['**/', 'file/', 'exact'],
    ['**', '/', 'exact'],
    ['**/', '/', 'exact'],
    ['**', 'dir/file', 'exact'],
    ['**/', 'dir/file', 'exact'],
    ['**', 'dir/file/', 'exact'],
    ['**/', 'dir/file/', 'exact'],
    ['**/**', 'dir/file', 'exact'],
    ['**/**', 'dir/file/', 'exact'],
    ['dir/**', 'dir/file', 'exact'],
    ['dir/**', 'dir/file/', 'exact'],
    ['dir/**', 'dir/dir2/file', 'exact'],
    ['dir/**', 'dir/dir2/file/', 'exact'],
    ['**/dir', 'dir', 'exact'],
    ['**/dir', 'dir/file', 'inexact'],
    ['**/dir2/*', 'dir/dir2/file', 'exact'],
    ['**/dir2/*', 'dir/dir2/file/', 'inexact'],
    ['**/dir2/**', 'dir/dir2/dir3/file', 'exact'],
    ['**/dir2/**', 'dir/dir2/dir3/file/', 'exact'],
    ['**file', 'file', 'exact'],
    ['**file', 'dir/file', 'exact'],
    ['**/file', 'dir/file', 'exact'],
    ['**file', 'dir/dir/file', 'exact'],
    ['**/file', 'dir/dir/file', 'exact'],
    ['**/file*', 'dir/dir/file', 'exact'],
    ['**/file*', 'dir/dir/file.txt', 'exact'],
    ['**/file*txt', 'dir/dir/file.txt', 'exact'],
    ['**/file*.txt', 'dir/dir/file.txt', 'exact'],
    ['**/file*.txt*', 'dir/dir/file.txt', 'exact'],
    ['**/**/*.txt', 'dir/dir/file.txt', 'exact'],
    ['**/**/*.txt2', 'dir/dir/file.txt', 'fail'],
    ['**/*.txt', 'file.txt', 'exact'],
    ['**/**/*.txt', 'file.txt', 'exact'],
    ['a**/*.txt', 'a/file.txt', 'exact'],
    ['a**/*.txt', 'a/dir/file.txt', 'exact'],
    ['a**/*.txt', 'a/dir/dir/file.txt', 'exact'],
    ['a/*.txt', 'a/dir/file.txt', 'fail'],
    ['a/*.txt', 'a/file.txt', 'exact'],
    ['a/*.txt**', 'a/file.txt', 'exact'],
    ['a[b-d]e', 'ae', 'fail'],
    ['a[b-d]e', 'ace', 'exact'],
    ['a[b-d]e', 'aae', 'fail'],
    ['a[^b-d]e', 'aze', 'exact'],
    ['.*', '.foo', 'exact'],
    ['.*', 'foo', 'fail'],
    ['abc.def', 'abcdef', 'fail'],
    ['abc.def', 'abc.def', 'exact'],
    ['abc.def', 'abcZdef', 'fail'],
    ['abc?def', 'abcZdef', 'exact'],
    ['abc?def', 'abcdef', 'fail'],
    ['**/foo/bar', 'foo/bar', 'exact'],
    ['**/foo/bar', 'dir/foo/bar', 'exact'],
    ['**/foo/bar', 'dir/dir2/foo/bar', 'exact'],
    ['abc/**', 'abc', 'fail'],
    ['abc/**', 'abc/def', 'exact'],
    ['abc/**', 'abc/def/ghi', 'exact'],
    ['**/.foo', '.foo', 'exact'],
    ['**/.foo', 'bar.foo', 'fail'],
    ['a(b)c/def', 'a(b)c/def', 'exact'],
    ['a(b)c/def', 'a(b)c/xyz', 'fail'],
    ['a.|)$(}+{bc', 'a.|)$(}+{bc', 'exact'],
    ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'exact'],
    ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'exact'],
    ['a\\\\', 'a\\', 'exact'],
    ['a\\*b', 'a*b', 'exact'],
  ];
  for (const [pattern, text, kind] of table) {
    it(`${pattern} ~ ${text}: ${kind}`, () => {
      const m = matcherOf([pattern]);
      expect(m.file.problems).toEqual([]);
      expect(m.matchesExact(text).excluded).toBe(kind === 'exact');
      expect(m.matchesOrParentMatches(text).excluded).toBe(kind !== 'fail');
      expect(usingParentResults(m, text)).toBe(kind !== 'fail');
      expect(m.matchesUsingParentResults(text, null).matched).toBe(kind !== 'fail');
    });
  }

  const multi: [string[], string, boolean][] = [
    [['**', '!util/docker/web'], 'util/docker/web/foo', false],
    [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
    [['**', '!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
    [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
  ];
  for (const [patterns, text, excluded] of multi) {
    it(`${patterns.join(' ')} ~ ${text}: ${excluded}`, () => {
      const m = matcherOf(patterns);
      expect(m.matchesOrParentMatches(text).excluded).toBe(excluded);
      expect(usingParentResults(m, text)).toBe(excluded);
      expect(m.match(text).excluded).toBe(excluded);
    });
  }
});

describe("Go's filepath.Match tests, as moby/patternmatcher runs them", () => {
  // [pattern, name, matches, pattern is malformed]
  const table: [string, string, boolean, boolean][] = [
    ['abc', 'abc', true, false],
    ['*', 'abc', true, false],
    ['*c', 'abc', true, false],
    ['a*', 'a', true, false],
    ['a*', 'abc', true, false],
    ['a*', 'ab/c', true, false],
    ['a*/b', 'abc/b', true, false],
    ['a*/b', 'a/c/b', false, false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true, false],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true, false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false, false],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false, false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true, false],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false, false],
    ['ab[c]', 'abc', true, false],
    ['ab[b-d]', 'abc', true, false],
    ['ab[e-g]', 'abc', false, false],
    ['ab[^c]', 'abc', false, false],
    ['ab[^b-d]', 'abc', false, false],
    ['ab[^e-g]', 'abc', true, false],
    ['a\\*b', 'a*b', true, false],
    ['a\\*b', 'ab', false, false],
    ['a?b', 'a☺b', true, false],
    ['a[^a]b', 'a☺b', true, false],
    ['a???b', 'a☺b', false, false],
    ['a[^a][^a][^a]b', 'a☺b', false, false],
    ['[a-ζ]*', 'α', true, false],
    ['*[a-ζ]', 'A', false, false],
    ['a?b', 'a/b', false, false],
    ['a*b', 'a/b', false, false],
    ['[\\]a]', ']', true, false],
    ['[\\-]', '-', true, false],
    ['[x\\-]', 'x', true, false],
    ['[x\\-]', '-', true, false],
    ['[x\\-]', 'z', false, false],
    ['[\\-x]', 'x', true, false],
    ['[\\-x]', '-', true, false],
    ['[\\-x]', 'a', false, false],
    ['[]a]', ']', false, true],
    ['[-]', '-', false, true],
    ['[x-]', 'x', false, true],
    ['[x-]', '-', false, true],
    ['[x-]', 'z', false, true],
    ['[-x]', 'x', false, true],
    ['[-x]', '-', false, true],
    ['[-x]', 'a', false, true],
    ['\\', 'a', false, true],
    ['[a-b-c]', 'a', false, true],
    ['[', 'a', false, true],
    ['[^', 'a', false, true],
    ['[^bc', 'a', false, true],
    ['a[', 'a', false, true],
    ['a[', 'ab', false, true],
    ['*x', 'xxx', true, false],
  ];
  for (const [pattern, name, matches, malformed] of table) {
    it(`${pattern} ~ ${name}`, () => {
      const m = matcherOf([pattern]);
      expect(m.file.problems.map((p) => p.kind)).toEqual(malformed ? ['rejected'] : []);
      expect(m.matchesOrParentMatches(cleanPath(name)).excluded).toBe(matches);
      // filepath.Match itself, which BuildKit also uses for COPY sources
      const direct = goPathMatch(pattern, name);
      expect(direct.error !== undefined).toBe(malformed);
      if (!malformed && !name.includes('/')) expect(direct.matched).toBe(matches);
    });
  }

  it('filepath.Match itself keeps * and ? inside one path element', () => {
    expect(goPathMatch('a*/b', 'abc/b').matched).toBe(true);
    expect(goPathMatch('a*', 'ab/c').matched).toBe(false);
    expect(goPathMatch('*/*.js', 'src/app.js').matched).toBe(true);
    expect(goPathMatch('*.js', 'src/app.js').matched).toBe(false);
    expect(goPathMatch('[a-c]?.txt', 'b1.txt').matched).toBe(true);
    expect(goPathMatch('**', 'a/b').matched).toBe(false);
  });
});

describe('moby/patternmatcher TestCompile: match types and regexps', () => {
  const table: [string, string, string | null][] = [
    ['*', 'regexp', '^[^/]*$'],
    ['file*', 'regexp', '^file[^/]*$'],
    ['*file', 'regexp', '^[^/]*file$'],
    ['a*/b', 'regexp', '^a[^/]*/b$'],
    ['**', 'suffix', null],
    ['**/**', 'regexp', '^(.*/)?.*$'],
    ['dir/**', 'prefix', null],
    ['**/dir', 'suffix', null],
    ['**/dir2/*', 'regexp', '^(.*/)?dir2/[^/]*$'],
    ['**/dir2/**', 'regexp', '^(.*/)?dir2/.*$'],
    ['**file', 'suffix', null],
    ['**/file*txt', 'regexp', '^(.*/)?file[^/]*txt$'],
    ['**/**/*.txt', 'regexp', '^(.*/)?(.*/)?[^/]*\\.txt$'],
    ['a[b-d]e', 'regexp', '^a[b-d]e$'],
    ['.*', 'regexp', '^\\.[^/]*$'],
    ['abc.def', 'exact', null],
    ['abc?def', 'regexp', '^abc[^/]def$'],
    ['**/foo/bar', 'suffix', null],
    ['a(b)c/def', 'exact', null],
    ['a.|)$(}+{bc', 'exact', null],
    ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'exact', null],
  ];
  for (const [pattern, type, regexp] of table) {
    it(`${pattern} -> ${type}${regexp ? ` ${regexp}` : ''}`, () => {
      const c = compilePattern(cleanPath(pattern));
      expect(c.matchType).toBe(type);
      expect(c.regexpSource ?? null).toBe(regexp);
    });
  }
});

describe('reading a .dockerignore (ReadAll)', () => {
  it('matches moby ignorefile TestReadAll', () => {
    const content = 'test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! ';
    const file = parseDockerignore(content);
    expect(file.patterns.map((p) => (p.exception ? '!' : '') + p.pattern)).toEqual(['test1', 'test2', 'a/file/here', 'lastfile', '!inverted/abs/path', '!', '!']);
    expect(file.problems.map((p) => [p.line, p.kind])).toEqual([
      [7, 'rejected'],
      [8, 'rejected'],
    ]);
    expect(file.problems[0].message).toContain('Write the path to re-include after the `!`');
  });

  it('records each pattern where it is written, trimmed', () => {
    const file = parseDockerignore('# build output\n\n  dist/  \n\t!dist/keep.txt\n');
    expect(file.patterns.map((p) => [p.line, p.range.start.character, p.range.end.character, p.text, p.pattern, p.exception])).toEqual([
      [2, 2, 7, 'dist/', 'dist', false],
      [3, 1, 15, '!dist/keep.txt', 'dist/keep.txt', true],
    ]);
  });

  it('keeps lines of a CRLF file apart and drops a BOM', () => {
    const file = parseDockerignore('\uFEFFnode_modules\r\n.git\r\n');
    expect(file.patterns.map((p) => [p.line, p.pattern, p.range.start.character])).toEqual([
      [0, 'node_modules', 1],
      [1, '.git', 0],
    ]);
  });

  it('turns Go whitespace into nothing but keeps inner spaces', () => {
    expect(trimSpace('\u0085 a b \u00a0\u3000')).toBe('a b');
    expect(trimSpace('\uFEFFa')).toBe('\uFEFFa');
    expect(parseDockerignore('my file.txt   \n').patterns[0].pattern).toBe('my file.txt');
  });

  it('reports invalid lines and never throws', () => {
    const file = parseDockerignore('[\n[z-a]\nok\n!/\n[[:nope:]]\nfoo\\é\n');
    expect(file.problems.map((p) => [p.line, p.kind])).toEqual([
      [0, 'rejected'],
      [1, 'fails-when-reached'],
      [3, 'rejected'],
      [4, 'fails-when-reached'],
      [5, 'fails-when-reached'],
    ]);
    expect(file.problems[0].message).toMatch(/unterminated character class/);
    expect(file.problems[1].message).toContain('`^[z-a]$`');
    expect(file.problems[1].message).toContain('invalid character class range');
    expect(file.problems[4].message).toContain('invalid escape sequence');
    // the valid line still works
    expect(new DockerignoreMatcher(file).match('ok').excluded).toBe(true);
  });
});

// [patterns (lines of the .dockerignore), path, excluded]
type Row = [string[], string, boolean];

const rows: Record<string, Row[]> = {
  'comments, blank lines and whitespace': [
    [['# comment', 'foo'], '# comment', false],
    [['# comment', 'foo'], 'foo', true],
    [[' # not a comment'], '# not a comment', true],
    [['\\#hash'], '#hash', true],
    [[''], 'foo', false],
    [['   '], 'foo', false],
    [['foo   '], 'foo', true],
    [['\tfoo'], 'foo', true],
    [['my file.txt'], 'my file.txt', true],
  ],
  'path cleaning': [
    [['/foo'], 'foo', true],
    [['/foo'], 'bar/foo', false],
    [['//foo'], 'foo', true],
    [['./foo'], 'foo', true],
    [['foo/'], 'foo/x', true],
    [['foo//bar'], 'foo/bar', true],
    [['foo/./bar'], 'foo/bar', true],
    [['foo/../bar'], 'bar', true],
    [['foo/../bar'], 'foo/bar', false],
    [['../foo'], 'foo', false],
    [['/'], 'foo', false],
    [['.'], 'foo', false],
    [['*/'], 'foo', true],
    [['!./keep', '*'], 'keep', true],
    [['*', '! ./keep'], 'keep', false],
  ],
  'stars, question marks and globstars': [
    [['*.log'], 'app.log', true],
    [['*.log'], 'logs/app.log', false],
    [['**/*.log'], 'logs/app.log', true],
    [['**/*.log'], 'a/b/c.log', true],
    [['**/*.log'], 'app.log', true],
    [['*/*.log'], 'logs/app.log', true],
    [['*/*.log'], 'app.log', false],
    [['*'], 'a/b/c', true],
    [['**'], 'a/b/c', true],
    [['a/**/b'], 'a/b', true],
    [['a/**/b'], 'a/x/y/b', true],
    [['a/**/b'], 'a/xb', false],
    [['a**/b'], 'ab', true],
    [['a**/b'], 'ax/y/b', true],
    [['dist/**'], 'dist/a.js', true],
    [['dist/**'], 'dist', false],
    [['**file'], 'myfile', true],
    [['**/file'], 'myfile', false],
    [['a?c'], 'abc', true],
    [['a?c'], 'ac', false],
    [['a?c'], 'a/c', false],
    [['a?c'], 'aéc', true],
    [['a?c'], 'a😀c', true],
    [['.env*'], '.env', true],
    [['.env*'], '.env.local', true],
    [['.env*'], 'app/.env', false],
    [['**/.git'], 'sub/.git/config', true],
  ],
  'directories exclude what they contain': [
    [['node_modules'], 'node_modules/react/index.js', true],
    [['node_modules'], 'web/node_modules/x.js', false],
    [['**/node_modules'], 'web/node_modules/x.js', true],
    [['**/node_modules'], 'node_modules/a', true],
    [['.git'], '.git/HEAD', true],
    [['.git'], '.github/workflows/ci.yml', false],
    [['build/'], 'build/out/app.js', true],
    [['src/*'], 'src/a/b.ts', true],
    [['src/*'], 'src', false],
  ],
  'character classes and escapes (Go regexp semantics)': [
    [['[abc]x'], 'bx', true],
    [['[abc]x'], 'dx', false],
    [['[a-c]*.txt'], 'b1.txt', true],
    [['[a-c]*.txt'], 'd.txt', false],
    [['[^abc]x'], 'dx', true],
    [['[^abc]x'], 'ax', false],
    // `!` does not negate a class: it is one more member
    [['[!a]x'], '!x', true],
    [['[!a]x'], 'ax', true],
    [['[!a]x'], 'bx', false],
    [['[[:digit:]]*'], '1abc', true],
    [['[[:digit:]]*'], 'abc', false],
    [['\\*.txt'], '*.txt', true],
    [['\\*.txt'], 'a.txt', false],
    [['\\?'], '?', true],
    [['\\?'], 'a', false],
    [['a\\[b\\]'], 'a[b]', true],
    [['\\!important'], '!important', true],
    // a backslash keeps Go's regexp meaning: \d is a digit
    [['foo\\d'], 'foo1', true],
    [['foo\\d'], 'food', false],
    // `[*]` becomes `[[^/]*]`: a class of `[`, `^`, `/`, then a literal `]`
    [['[*]'], ']', true],
    [['[*]'], '*', false],
    [['[?]'], '[]', true],
    [['[?]'], '?', false],
  ],
  'regexp characters are literal or anchors, never magic': [
    [['a.b'], 'a.b', true],
    [['a.b'], 'axb', false],
    [['a+b'], 'a+b', true],
    [['a+b'], 'aab', false],
    [['{a,b}'], 'a', false],
    [['{a,b}'], '{a,b}', true],
    [['foo$'], 'foo$', true],
    [['(x)'], '(x)', true],
    [['^foo'], '^foo', true],
    [['^foo'], 'foo', false],
    // in a regexp pattern `^` is an anchor again
    [['^foo*'], 'foobar', true],
    [['^foo*'], '^foo', false],
  ],
  'exceptions: the last matching line wins': [
    [['*.md', '!README.md'], 'README.md', false],
    [['*.md', '!README.md'], 'CHANGES.md', true],
    [['!README.md', '*.md'], 'README.md', true],
    [['docs', '!docs/README.md'], 'docs/README.md', false],
    [['docs', '!docs/README.md'], 'docs/other.md', true],
    [['docs/', '!docs/README.md'], 'docs/README.md', false],
    [['docs/*', '!docs/README.md'], 'docs/README.md', false],
    [['*', '!src'], 'src/app.ts', false],
    [['*', '!src'], 'package.json', true],
    [['*', '!src', 'src/secret.txt'], 'src/secret.txt', true],
    [['*', '!src', 'src/secret.txt'], 'src/app.ts', false],
    [['node_modules', '!node_modules/keep/x.js'], 'node_modules/keep/x.js', false],
    [['node_modules', '!node_modules/keep/x.js'], 'node_modules/y.js', true],
    [['logs', '!logs/*.keep'], 'logs/a.keep', false],
    [['logs', '!logs/*.keep'], 'logs/a.log', true],
    [['logs', '!**/*.keep'], 'logs/deep/a.keep', false],
    [['a/b', '!a/b/c/d'], 'a/b/c/d', false],
    [['a/b', '!a/b/c/d'], 'a/b/c/e', true],
    [['a/b', '!a/b/c/d'], 'a/b/c/d/e', false],
    [['**', '!Dockerfile', '!src/**'], 'src/lib/a.go', false],
    [['**', '!Dockerfile', '!src/**'], 'README.md', true],
    [['*.md', '!README*.md', 'README-secret.md'], 'README-secret.md', true],
    [['*.md', '!README*.md', 'README-secret.md'], 'README.md', false],
  ],
};

describe('Docker semantics, case by case', () => {
  for (const [section, table] of Object.entries(rows)) {
    describe(section, () => {
      for (const [patterns, path, excluded] of table) {
        it(`${JSON.stringify(patterns)} ~ ${path}: ${excluded ? 'excluded' : 'sent'}`, () => {
          const m = matcherOf(patterns);
          expect(m.file.problems).toEqual([]);
          expect(m.match(path).excluded).toBe(excluded);
        });
      }
    });
  }

  it('has a large table', () => {
    expect(Object.values(rows).flat().length).toBeGreaterThanOrEqual(100);
  });
});

describe('the context walk (BuildKit) against the CopyIgnoredFile check', () => {
  it('judges a path with its parent directory results, not by re-checking parents', () => {
    // BuildKit walks `a` (excluded by line 1), then `a/x`: line 2 re-includes it and line 3 is
    // compared with `a/x` alone. MatchesOrParentMatches also tries `a` against line 3.
    const m = matcherOf(['a', '!a/x', 'a']);
    expect(m.match('a/x')).toMatchObject({ excluded: false, pattern: { line: 1, text: '!a/x' } });
    expect(m.matchesOrParentMatches('a/x')).toMatchObject({ excluded: true, pattern: { line: 2 } });
  });

  it('does not enter an excluded directory that no exception reaches', () => {
    const m = matcherOf(['vendor', '!docs/keep.md']);
    expect(m.match('vendor/lib/x.go')).toMatchObject({ excluded: true, pattern: { text: 'vendor' } });
    expect(m.match('docs/keep.md').excluded).toBe(false);
  });

  it('enters an excluded directory when an exception with a glob could match inside', () => {
    const m = matcherOf(['cache', '!**/important']);
    expect(m.match('cache/important').excluded).toBe(false);
    expect(m.match('cache/other').excluded).toBe(true);
  });

  it('normalises the paths it is given', () => {
    const m = matcherOf(['foo']);
    expect(m.match('./foo/x').excluded).toBe(true);
    expect(m.match('/foo').excluded).toBe(true);
    expect(m.match('.').excluded).toBe(false);
    expect(normalizeContextPath('./a//b/')).toBe('a/b');
    expect(normalizeContextPath('.')).toBe('');
  });
});

describe('which line excluded a path', () => {
  const file = '# deps\n.git\nnode_modules\n*.log\n!keep.log\n';
  const m = new DockerignoreMatcher(file);
  const by = (path: string) => {
    const r = m.match(path);
    return { excluded: r.excluded, line: r.pattern ? r.pattern.line + 1 : null, text: r.pattern?.text ?? null };
  };

  it('names the pattern and its line', () => {
    expect(by('node_modules/react/index.js')).toEqual({ excluded: true, line: 3, text: 'node_modules' });
    expect(by('.git/HEAD')).toEqual({ excluded: true, line: 2, text: '.git' });
    expect(by('error.log')).toEqual({ excluded: true, line: 4, text: '*.log' });
  });

  it('names the exception that re-included a path', () => {
    expect(by('keep.log')).toEqual({ excluded: false, line: 5, text: '!keep.log' });
  });

  it('names nothing when no line matched', () => {
    expect(by('src/app.ts')).toEqual({ excluded: false, line: null, text: null });
  });

  it('names the directory line for files below it', () => {
    const d = new DockerignoreMatcher('build/\n');
    expect(d.match('build/out/app.js').pattern?.text).toBe('build/');
  });
});

describe('COPY --exclude pattern lists', () => {
  it('use patternmatcher.New without the .dockerignore reader', () => {
    const list = parsePatternList(['*.md', '!README.md']);
    const m = new DockerignoreMatcher(list);
    expect(m.match('CHANGES.md').excluded).toBe(true);
    expect(m.match('README.md').excluded).toBe(false);
    // `#` starts a comment only in a .dockerignore
    expect(new DockerignoreMatcher(parsePatternList(['#x'])).match('#x').excluded).toBe(true);
  });
});

describe("Go's regexp syntax, as patternmatcher hands patterns to it", () => {
  // [regexp, input, matches] (or an error substring instead of a boolean)
  const table: [string, string, boolean | string][] = [
    ['^a[^/]*$', 'abc', true],
    ['^a[^/]*$', 'a/c', false],
    ['^(.*/)?b$', 'x/y/b', true],
    ['^(.*/)?b$', 'xb', false],
    ['^a.*$', 'a\nb', false],
    ['^a[^x]b$', 'a\nb', true],
    ['^\\pL$', 'é', true],
    ['^\\pL$', '1', false],
    ['^\\p{Greek}+$', 'αβγ', true],
    ['^\\PL$', '1', true],
    ['^\\p{^L}$', 'a', false],
    ['^\\x41\\x{42}$', 'AB', true],
    ['^\\101$', 'A', true],
    ['^\\Q*.\\E$', '*.', true],
    ['^\\Q*.\\E$', 'a.', false],
    ['\\bfoo\\b', 'a foo b', true],
    ['\\bfoo\\b', 'afoob', false],
    ['\\Bfoo', 'afoo', true],
    ['^\\d\\s\\w$', '1 _', true],
    ['^[\\d-z]$', '-', true],
    ['^[[:^alpha:]]$', '1', true],
    ['^(a|bc)+$', 'abca', true],
    ['^]$', ']', true],
    ['^[]a]$', ']', true],
    ['^a*?$', 'aaa', true],
    ['foo', 'xfoox', true],
    ['^[z-a]$', 'a', 'invalid character class range'],
    ['^[a$', 'a', 'missing closing ]'],
    ['^\\1$', '1', 'invalid escape sequence'],
    ['^\\8$', '8', 'invalid escape sequence'],
    ['^\\C$', 'a', 'invalid escape sequence'],
    ['^\\p{Nope}$', 'a', 'invalid character class range'],
    ['^a**$', 'a', 'invalid nested repetition operator'],
    ['*a', 'a', 'missing argument to repetition operator'],
    ['(*a)', 'a', 'missing argument to repetition operator'],
    // an anchor may repeat in Go
    ['^*$', '', true],
    ['^(a$', 'a', 'missing closing )'],
    ['^a)$', 'a', 'unexpected )'],
    ['^a\\', 'a', 'trailing backslash'],
  ];
  for (const [source, input, expected] of table) {
    it(`${source} ~ ${JSON.stringify(input)}`, () => {
      const re = compileGoRegexp(source);
      if (typeof expected === 'string') {
        expect(re.ok).toBe(false);
        if (!re.ok) expect(re.error).toContain(expected);
      } else {
        expect(re.ok).toBe(true);
        if (re.ok) expect(re.regexp.test(input)).toBe(expected);
      }
    });
  }

  it('reaches .dockerignore patterns through backslash escapes', () => {
    expect(matcherOf(['\\pL*']).match('éa').excluded).toBe(true);
    expect(matcherOf(['\\pL*']).match('1a').excluded).toBe(false);
    expect(matcherOf(['\\x41bc']).match('Abc').excluded).toBe(true);
  });
});

describe('Go path helpers', () => {
  const clean: [string, string][] = [
    ['', '.'],
    ['a/b/', 'a/b'],
    ['a//b', 'a/b'],
    ['./a', 'a'],
    ['a/./b', 'a/b'],
    ['a/../b', 'b'],
    ['../a', '../a'],
    ['/../a', '/a'],
    ['a/..', '.'],
    ['/', '/'],
    ['//', '/'],
    // already clean, returned as they are (names that only start or end with dots are names)
    ['a', 'a'],
    ['/app/src', '/app/src'],
    ['.a/b..', '.a/b..'],
    ['/...', '/...'],
    ['../a', '../a'],
    ['a/.', 'a'],
    ['/a/..', '/'],
  ];
  for (const [input, output] of clean) it(`Clean(${JSON.stringify(input)}) = ${output}`, () => expect(cleanPath(input)).toBe(output));

  it('Dir', () => {
    expect(dirPath('a/b/c')).toBe('a/b');
    expect(dirPath('a')).toBe('.');
    expect(dirPath('dir/file/')).toBe('dir/file');
    expect(dirPath('/')).toBe('/');
  });
});

describe('no pattern can make matching slow', () => {
  // a backtracking regexp needs about n^4 steps for the first pattern on an 8,000-character path
  const longPath = Array.from({ length: 4000 }, () => 'x').join('/') + '/b';
  const deepPath = Array.from({ length: 200 }, () => 'x').join('/') + '/b';
  const cases = ['**/**/**/**/a', '**/*/**/*/**/*/z', 'x/**/x/**/x/**/x/**/y', '*a*a*a*a*a*a*a*b'];
  for (const pattern of cases) {
    it(pattern, () => {
      const m = matcherOf([pattern]);
      const start = performance.now();
      expect(m.matchesExact(longPath).excluded).toBe(false);
      expect(m.matchesExact('a'.repeat(20000)).excluded).toBe(false);
      // the context walk judges every parent directory too, like BuildKit
      expect(m.match(deepPath).excluded).toBe(false);
      expect(performance.now() - start).toBeLessThan(1000);
    });
  }

  it('filepath.Match on long names', () => {
    const start = performance.now();
    expect(goPathMatch('*a*a*a*a*a*a*a*a*b', 'a'.repeat(20000)).matched).toBe(false);
    expect(performance.now() - start).toBeLessThan(1500);
  });

  it('a large context', () => {
    const m = matcherOf(['node_modules', '**/*.log', '!keep/**', 'dist/**', '**/__pycache__']);
    const paths: string[] = [];
    for (let i = 0; i < 5000; i++) paths.push(`pkg${i % 50}/sub${i % 7}/file${i}.${i % 3 === 0 ? 'log' : 'ts'}`);
    const start = performance.now();
    const excluded = paths.filter((p) => m.match(p).excluded).length;
    expect(excluded).toBe(Math.ceil(5000 / 3));
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
