/**
 * The CLI's small decisions, in-process: argument parsing, colour, which files are Dockerfiles,
 * text decoding, config validation.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SIZE, parseCommand } from '../../../src/cli/args.ts';
import { colorEnabled } from '../../../src/cli/color.ts';
import { closest, validateConfig } from '../../../src/cli/config.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { decodeText, isDockerfileName } from '../../../src/cli/input.ts';

describe('parseCommand', () => {
  it('reads lint options and positionals, - included', () => {
    expect(parseCommand(['lint', '-f', 'sarif', '--fix', '-c', 'ci.json', '--context', '..', '--max-size', '4096', 'a', 'b'])).toEqual({
      kind: 'lint',
      format: 'sarif',
      fix: true,
      config: 'ci.json',
      context: '..',
      maxSize: 4096,
      paths: ['a', 'b'],
    });
    expect(parseCommand(['lint', '-'])).toEqual({ kind: 'lint', format: 'text', fix: false, maxSize: DEFAULT_MAX_SIZE, paths: ['-'] });
    expect(parseCommand(['lint', '--', '--odd-name'])).toMatchObject({ paths: ['--odd-name'] });
  });

  it('knows help and version', () => {
    expect(parseCommand(['--help'])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseCommand(['lint', '--help'])).toEqual({ kind: 'help', topic: 'lint' });
    expect(parseCommand(['rules', '--help'])).toEqual({ kind: 'help', topic: 'rules' });
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommand(['rules', '--format', 'json'])).toEqual({ kind: 'rules', format: 'json' });
  });

  it('throws CliError (exit code 2) for usage mistakes', () => {
    const cases: [string[], RegExp][] = [
      [[], /a command is needed/],
      [['lint', '--format'], /argument missing/],
      [['lint', '--max-size', '0', 'x'], /whole number of bytes/],
      [['lint', '--max-size', '-5', 'x'], /'--max-size' argument is ambiguous.* use '--max-size=-XYZ'/],
      [['lint', '-', '-'], /only once/],
      [['rules', 'extra'], /unexpected argument: extra/],
      [['--format', 'json', 'lint', 'x'], /put the command first/],
    ];
    for (const [argv, message] of cases) {
      let error: unknown;
      try {
        parseCommand(argv);
      } catch (err) {
        error = err;
      }
      expect(error, argv.join(' ')).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(message);
      expect((error as CliError).exitCode).toBe(2);
    }
  });
});

describe('colorEnabled', () => {
  it('colours a terminal, not a pipe', () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(true, { TERM: 'dumb' })).toBe(false);
  });

  it('respects NO_COLOR when it is set and not empty', () => {
    expect(colorEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' })).toBe(true);
  });

  it('respects FORCE_COLOR, which wins over NO_COLOR and the terminal check', () => {
    expect(colorEnabled(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(false, { FORCE_COLOR: '' })).toBe(true);
    expect(colorEnabled(false, { FORCE_COLOR: 'true', NO_COLOR: '1' })).toBe(true);
    expect(colorEnabled(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(true, { FORCE_COLOR: 'false' })).toBe(false);
  });
});

describe('isDockerfileName', () => {
  it('takes Dockerfile, *.Dockerfile and Dockerfile.*, never ignore files', () => {
    for (const name of ['Dockerfile', 'dockerfile', 'api.Dockerfile', 'Dockerfile.dev', 'Dockerfile.prod.arm64']) expect(isDockerfileName(name), name).toBe(true);
    for (const name of ['Dockerfile.dockerignore', 'api.Dockerfile.dockerignore', '.dockerignore', '.Dockerfile', 'Dockerfile.', 'Dockerfiles', 'README.md', 'docker-compose.yml']) {
      expect(isDockerfileName(name), name).toBe(false);
    }
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 and sets a byte order mark aside', () => {
    expect(decodeText(new TextEncoder().encode('FROM node:22 # café\n'), 'x')).toEqual({ text: 'FROM node:22 # café\n', bom: false });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x46]), 'x')).toEqual({ text: 'F', bom: true });
  });

  it('refuses NUL bytes and invalid UTF-8, naming the input', () => {
    expect(() => decodeText(new Uint8Array([0x46, 0x00]), 'Dockerfile')).toThrow('Dockerfile is not a text file (NUL byte at offset 1)');
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x46, 0x00]), 'x')).toThrow(CliError);
    expect(() => decodeText(new Uint8Array([0xc3, 0x28]), 'Dockerfile')).toThrow('Dockerfile is not valid UTF-8 text');
  });
});

describe('validateConfig', () => {
  const ids = ['no-latest-tag', 'no-untagged-base', 'prefer-digest'];

  it('returns the settings the file gives', () => {
    expect(validateConfig({}, 'c.json', ids)).toEqual({});
    expect(
      validateConfig({ $schema: './schema.json', rules: { 'prefer-digest': 'off', 'no-latest-tag': 'warning' }, trustedRegistries: ['registry.example.com/mirror/'] }, 'c.json', ids),
    ).toEqual({ rules: { 'prefer-digest': 'off', 'no-latest-tag': 'warning' }, trustedRegistries: ['registry.example.com/mirror'] });
  });

  it('names the file and the setting in every error', () => {
    const cases: [unknown, string][] = [
      [[], 'invalid config c.json: the file must hold a JSON object'],
      [{ rules: [] }, 'invalid config c.json: "rules" must be an object'],
      [{ rules: { 'no-latest-tags': 'off' } }, 'unknown rule "no-latest-tags"; did you mean "no-latest-tag"?'],
      [{ rules: { 'prefer-digest': 'of' } }, 'rules["prefer-digest"] is "of"; use "off", "error", "warning" or "info"; did you mean "off"?'],
      [{ rules: { 'prefer-digest': 2 } }, 'rules["prefer-digest"] is 2; use "off", "error", "warning" or "info"'],
      [{ trustedRegistrys: [] }, 'unknown setting "trustedRegistrys"; did you mean "trustedRegistries"?'],
      [{ trustedRegistries: 'registry.example.com' }, '"trustedRegistries" must be an array'],
      [{ trustedRegistries: [''] }, 'trustedRegistries[0] must be a non-empty string'],
      [{ trustedRegistries: ['ok.example.com', 'bad name'] }, 'trustedRegistries[1] is "bad name": a registry name has no spaces'],
    ];
    for (const [value, message] of cases) expect(() => validateConfig(value, 'c.json', ids), JSON.stringify(value)).toThrow(message);
  });

  it('suggests the closest id by edit distance', () => {
    expect(closest('no-latst-tag', ids)).toBe('no-latest-tag');
    expect(closest('untagged', ids)).toBe('no-untagged-base');
    expect(closest('PREFER-DIGEST', ids)).toBe('prefer-digest');
    expect(closest('x', [])).toBeUndefined();
  });
});
