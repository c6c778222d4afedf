/**
 * What Docker's builder (BuildKit's Dockerfile frontend) refuses before it builds anything. dockerfile-ast
 * reads almost any text, so a typo such as `FORM python:3.13` or `COPY --chown app:app . .` would otherwise
 * pass in silence and fail only at `docker build`. The checks follow BuildKit's parser and instruction
 * parsing (frontend/dockerfile/parser, instructions/parse.go, bflag.go); what BuildKit accepts (an empty
 * RUN or CMD, `EXPOSE 80:8080`, invalid JSON run as shell form) is left to other rules.
 */
import { buildModel, type DockerfileModel, type Flag, type Instruction } from '../model.ts';
import { defineRule } from '../rule.ts';
import type { Word } from '../shell.ts';
import { editDistance } from '../suggest.ts';
import { comparePositions } from '../text.ts';
import type { Finding, Fix, Range } from '../types.ts';

/** Every kind of problem the rule reports. */
export const SYNTAX_PROBLEMS = [
  'unknown-instruction',
  'missing-arguments',
  'missing-value',
  'empty-name',
  'malformed-from',
  'invalid-stage-name',
  'shell-not-json',
  'unknown-flag',
  'flag-without-value',
  'duplicate-flag',
  'invalid-flag-value',
  'invalid-healthcheck',
  'invalid-port',
  'heredoc-destination',
  'instruction-before-from',
  'no-from',
  'invalid-onbuild',
  'invalid-escape-directive',
  'duplicate-directive',
] as const;

export type SyntaxProblem = (typeof SYNTAX_PROBLEMS)[number];

export interface SyntaxFinding {
  kind: SyntaxProblem;
  range: Range;
  message: string;
  fix?: Fix;
}

const KEYWORDS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY',
  'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
] as const;
const KNOWN_KEYWORDS: ReadonlySet<string> = new Set(KEYWORDS);

type FlagType = 'bool' | 'string' | 'strings';
/** The flags BuildKit declares per instruction (`strings` flags may repeat). */
const FLAGS: ReadonlyMap<string, ReadonlyMap<string, FlagType>> = new Map([
  ['FROM', new Map<string, FlagType>([['platform', 'string']])],
  ['COPY', new Map<string, FlagType>([['from', 'string'], ['chown', 'string'], ['chmod', 'string'], ['link', 'bool'], ['parents', 'bool'], ['exclude', 'strings']])],
  ['ADD', new Map<string, FlagType>([['chown', 'string'], ['chmod', 'string'], ['link', 'bool'], ['exclude', 'strings'], ['checksum', 'string'], ['keep-git-dir', 'bool'], ['unpack', 'bool']])],
  ['RUN', new Map<string, FlagType>([['mount', 'strings'], ['network', 'string'], ['security', 'string'], ['device', 'strings']])],
  ['HEALTHCHECK', new Map<string, FlagType>([['interval', 'string'], ['timeout', 'string'], ['start-period', 'string'], ['start-interval', 'string'], ['retries', 'string']])],
]);
/** Instructions without flags whose parser still checks them (ARG and STOPSIGNAL drop flags unread). */
const FLAGLESS_CHECKED: ReadonlySet<string> = new Set(['ENV', 'MAINTAINER', 'LABEL', 'ONBUILD', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'VOLUME', 'SHELL']);
const FLAG_EXAMPLE: Readonly<Record<string, string>> = {
  platform: 'linux/amd64', from: 'build', chown: 'app:app', chmod: '755', exclude: 'docs', checksum: 'sha256:<digest>',
  mount: 'type=cache,target=/root/.cache', network: 'none', security: 'sandbox', device: '<name>',
  interval: '30s', timeout: '3s', 'start-period': '5s', 'start-interval': '5s', retries: '3',
};
const DURATION_FLAGS: ReadonlySet<string> = new Set(['interval', 'timeout', 'start-period', 'start-interval']);
const NETWORK_MODES: ReadonlySet<string> = new Set(['default', 'none', 'host']);
const SECURITY_MODES: ReadonlySet<string> = new Set(['sandbox', 'insecure']);
const MOUNT_TYPES: ReadonlySet<string> = new Set(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
const PROTOCOLS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);
/** Instructions that need at least one argument (USER, WORKDIR, STOPSIGNAL and MAINTAINER take the rest of the line as one). */
const NEEDS_ARGUMENT: Readonly<Record<string, string>> = {
  ENV: '`ENV NAME=value`',
  LABEL: '`LABEL org.opencontainers.image.source="https://..."`',
  ARG: '`ARG VERSION=1.0`',
  USER: '`USER app`',
  WORKDIR: '`WORKDIR /app`',
  EXPOSE: '`EXPOSE 8080`',
  STOPSIGNAL: '`STOPSIGNAL SIGTERM`',
  VOLUME: '`VOLUME /data`',
  MAINTAINER: 'a name, or better `LABEL org.opencontainers.image.authors="..."`',
  ONBUILD: 'an instruction to run in images built on this one: `ONBUILD COPY . /app`',
  SHELL: 'a JSON array: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`',
  HEALTHCHECK: '`HEALTHCHECK CMD <command>` or `HEALTHCHECK NONE`',
};

const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=/;
const DIRECTIVE_KEYS: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);
const OFFICIAL_FRONTENDS: ReadonlySet<string> = new Set(['docker/dockerfile', 'docker/dockerfile-upstream']);
const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;
const HEREDOC_WORD = /^\d*<<-?\S/;
const UNIT_NS: Readonly<Record<string, number>> = Object.assign(Object.create(null) as Record<string, number>, { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 });
const DIGITS = /^\d+$/;
const INT32 = /^[-+]?\d+$/;

/** The two messages about a missing FROM start alike, so the exercise grader can tell them from the rest. */
const NO_FROM_START = 'There is no FROM line';

/** True for this rule's "there is no FROM" finding (exercises already say so in every check). */
export function isMissingFromFinding(f: Pick<Finding, 'rule' | 'message'>): boolean {
  return f.rule === 'dockerfile-syntax' && f.message.startsWith(NO_FROM_START);
}

/** Text the learner wrote, safe inside a Markdown code span and short. */
function code(text: string, max = 40): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  return short.includes('`') ? `"${short}"` : `\`${short}\``;
}

function span(start: Range, end: Range): Range {
  return { start: start.start, end: end.end };
}

/** The keywords closest to an unknown one (BuildKit's suggest: case-insensitive edit distance). */
function closestKeywords(word: string): string[] {
  if (word.length > 14) return [];
  const upper = word.toUpperCase();
  const limit = Math.min(3, Math.max(1, Math.floor(upper.length / 3)));
  let best: string[] = [];
  let bestDistance = limit + 1;
  for (const k of KEYWORDS) {
    // the distance is at least the difference in length: most keywords need no computing
    if (Math.abs(k.length - upper.length) > limit) continue;
    const d = editDistance(upper, k);
    if (d < bestDistance) {
      best = [k];
      bestDistance = d;
    } else if (d === bestDistance) best.push(k);
  }
  return best;
}

function closestFlag(name: string, known: Iterable<string>): string | undefined {
  if (name.length > 20) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    if (Math.abs(k.length - name.length) > limit) continue;
    const d = editDistance(name.toLowerCase(), k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

const isDigit = (c: string) => c >= '0' && c <= '9';

/** Go's time.ParseDuration (`[-+]?` then `0`, or numbers with units: `1m30s`, `.5h`), in ns; NaN when it refuses. */
function parseGoDuration(value: string): number {
  let i = value[0] === '-' || value[0] === '+' ? 1 : 0;
  const sign = value[0] === '-' ? -1 : 1;
  if (value.slice(i) === '0') return 0;
  if (i === value.length) return NaN;
  let ns = 0;
  while (i < value.length) {
    const numberStart = i;
    while (i < value.length && isDigit(value[i])) i++;
    let digits = i > numberStart;
    if (value[i] === '.') {
      i++;
      const fraction = i;
      while (i < value.length && isDigit(value[i])) i++;
      digits ||= i > fraction;
    }
    if (!digits) return NaN;
    const number = Number(value.slice(numberStart, i));
    const unitStart = i;
    while (i < value.length && value[i] !== '.' && !isDigit(value[i])) i++;
    const unit = UNIT_NS[value.slice(unitStart, i)];
    if (unit === undefined) return NaN;
    ns += number * unit;
  }
  return sign * ns;
}

/** Go's time.ParseDuration accepts it, and BuildKit's minimum (1ms unless 0) holds. */
function durationProblem(value: string): string | undefined {
  const ns = parseGoDuration(value);
  if (Number.isNaN(ns)) return 'is not a duration (write a number with a unit: `30s`, `1m30s`, `500ms`)';
  if (ns < 0) return 'is negative';
  if (ns !== 0 && ns < 1e6) return 'is shorter than the minimum of 1ms';
  return undefined;
}

const USER_GROUP = /^[\w.$-]+(?::[\w.$-]+)?$/;
const OCTAL_MODE = /^[0-7]{3,4}$/;
const STAGE_OR_IMAGE = /^[\w$][\w.$/:@-]*$/;
const PLATFORM = /^(?:\$\{?\w+\}?|[a-z0-9]+\/[\w/.${}-]+)$/;
const DIGEST_OR_COMMIT = /^(?:sha(?:256|384|512):[\w$-]+|[0-9a-f]{7,40})$/;

/**
 * Whether the word after a flag written without `=` is clearly its value, so joining them is what the
 * author meant: `--chown app:app`, `--from build`, `--mount type=cache,...`; `RUN --mount python3` is not.
 */
function plausibleValue(flag: string, value: string): boolean {
  switch (flag) {
    case 'chown':
      return USER_GROUP.test(value);
    case 'chmod':
      return OCTAL_MODE.test(value);
    case 'from':
      return STAGE_OR_IMAGE.test(value);
    case 'platform':
      return PLATFORM.test(value);
    case 'checksum':
      return DIGEST_OR_COMMIT.test(value);
    case 'mount':
      return value.includes('=');
    case 'network':
      return NETWORK_MODES.has(value);
    case 'security':
      return SECURITY_MODES.has(value);
    case 'retries':
      return DIGITS.test(value);
    default:
      return DURATION_FLAGS.has(flag) && durationProblem(value) === undefined;
  }
}

function validPort(s: string): boolean {
  return DIGITS.test(s) && Number(s) <= 65535;
}

/** nat.ParsePortRange: `8080` or `8000-8010`. */
function validPortRange(s: string): boolean {
  const dash = s.indexOf('-');
  if (dash < 0) return validPort(s);
  const end = s.indexOf('-', dash + 1);
  const a = s.slice(0, dash);
  const b = s.slice(dash + 1, end < 0 ? s.length : end);
  return validPort(a) && validPort(b) && Number(b) >= Number(a);
}

/** What is wrong with one EXPOSE value, as nat.ParsePortSpec reads it (`[ip:][hostPort:]port[/proto]`). */
function exposeProblem(word: string): string | undefined {
  const colon = word.lastIndexOf(':');
  const container = word.slice(colon + 1);
  const slash = container.indexOf('/');
  const port = slash < 0 ? container : container.slice(0, slash);
  const protoEnd = slash < 0 ? -1 : container.indexOf('/', slash + 1);
  const proto = slash < 0 ? '' : container.slice(slash + 1, protoEnd < 0 ? container.length : protoEnd);
  if (!validPortRange(port)) return port === '' ? 'has no port number' : `${code(port)} is not a port number (0 to 65535) or range`;
  if (colon > 0) {
    const hostStart = word.lastIndexOf(':', colon - 1) + 1;
    const host = word.slice(hostStart, colon);
    if (host !== '' && !validPortRange(host)) return `${code(host)} is not a host port`;
  }
  if (proto !== '' && !PROTOCOLS.has(proto.toLowerCase())) return `${code(proto)} is not a protocol (tcp, udp or sctp)`;
  return undefined;
}

/** An instruction's words as BuildKit's parseWords groups them: quotes join whitespace-separated pieces. */
function quotedWords(model: DockerfileModel, args: readonly Word[]): { text: string; range: Range }[] {
  const words: { text: string; range: Range }[] = [];
  const esc = model.escapeChar;
  let quote = '';
  let text = '';
  let start: Range | undefined;
  for (const a of args) {
    const raw = model.doc.rangeText(a.range);
    // an escape as the last character escapes the whitespace after it: `a\ b` is one word
    let escapedEnd = false;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (quote === '') {
        if (c === esc) {
          i++;
          escapedEnd = i >= raw.length;
        } else if (c === '"' || c === "'") quote = c;
      } else if (c === quote) quote = '';
      else if (c === esc && quote === '"') i++;
    }
    if (quote === '' && !escapedEnd) {
      // dockerfile-ast ends a word before an escaped space (`a\ b`), which BuildKit keeps in the word
      const after = model.doc.offsetAt(a.range.end);
      const full = model.doc.text;
      if (full[after] === esc && (full[after + 1] === ' ' || full[after + 1] === '\t')) {
        let j = after + 1;
        while (full[j] === ' ' || full[j] === '\t') j++;
        escapedEnd = j < full.length && full[j] !== '\n' && full[j] !== '\r';
      }
    }
    text = start ? `${text} ${raw}` : raw;
    start ??= a.range;
    if (quote === '' && !escapedEnd) {
      words.push({ text, range: span(start, a.range) });
      start = undefined;
    }
  }
  if (start) words.push({ text, range: span(start, args[args.length - 1].range) });
  return words;
}

/** A JSON array of strings, as BuildKit's parseJSON accepts it, or null. */
function jsonStrings(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null;
  } catch {
    return null;
  }
}

/**
 * The checker behind the rule: `instruction` for every instruction in document order, then `end`.
 * `emit` receives each problem with its kind (the rule drops the kind; the tests read it).
 */
export function createSyntaxChecker(model: DockerfileModel, emit: (p: SyntaxFinding) => void): { instruction(ins: Instruction): void; end(): void } {
  const { doc } = model;
  const hasStages = model.stages.length > 0;
  let suggestedFrom = false;
  let customFrontend = false;

  // --- parser directives: `# key=value` lines at the very top, until the first other line
  const directives: SyntaxFinding[] = [];
  const seen = new Set<string>();
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineText(line);
    const lead = text.length - text.trimStart().length;
    // a directive line starts with `#` (the regex would say no to any other line, after a slice)
    if (text.charCodeAt(lead) !== 35) break;
    const m = DIRECTIVE.exec(text.slice(lead));
    const rest = m ? text.slice(lead + m[0].length) : '';
    const value = rest.trim();
    if (!m || value === '') break;
    const key = m[1].toLowerCase();
    if (!DIRECTIVE_KEYS.has(key)) break;
    const valueAt = lead + m[0].length + (rest.length - rest.trimStart().length);
    const range = { start: { line, character: valueAt }, end: { line, character: valueAt + value.length } };
    if (seen.has(key)) {
      directives.push({
        kind: 'duplicate-directive',
        range: { start: { line, character: lead }, end: range.end },
        message: `The \`${key}\` parser directive is already set above, and Docker accepts it once ("only one ${key} parser directive can be used"). Keep one of the lines.`,
      });
      continue;
    }
    seen.add(key);
    if (key === 'escape' && value !== '\\' && value !== '`') {
      directives.push({
        kind: 'invalid-escape-directive',
        range,
        message: `${code(value)} cannot be the escape character: Docker accepts only a backslash (the default) or a backtick, as in \`# escape=\` followed by a backtick for Windows paths. Fix the value or delete the line.`,
      });
    }
    if (key === 'syntax') {
      const space = value.search(/\s/);
      let name = space < 0 ? value : value.slice(0, space);
      if (name.startsWith('docker.io/')) name = name.slice('docker.io/'.length);
      const tagAt = name.search(/[:@]/);
      if (tagAt >= 0) name = name.slice(0, tagAt);
      // another frontend has its own syntax: judge nothing
      if (!OFFICIAL_FRONTENDS.has(name)) customFrontend = true;
    }
  }
  if (customFrontend) return { instruction() {}, end() {} };

  const report = (kind: SyntaxProblem, range: Range, message: string, fix?: Fix) => emit({ kind, range, message, ...(fix ? { fix } : {}) });

  /** The arguments on the instruction's own line(s), before any heredoc body. */
  const headArgs = (ins: Instruction): Word[] => {
    if (ins.heredocs.length === 0) return ins.args;
    const marker = ins.args.findIndex((a) => HEREDOC_WORD.test(a.value));
    if (marker < 0) return ins.args;
    let last = ins.args[marker].range.start.line;
    while (last + 1 < doc.lineCount && doc.lineText(last).trimEnd().endsWith(model.escapeChar)) last++;
    let n = marker + 1;
    while (n < ins.args.length && ins.args[n].range.start.line <= last) n++;
    return ins.args.slice(0, n);
  };

  /** The word that follows a position on the same line, if any (a continuation or the line end: none). */
  const wordAfter = (pos: Range['end']): { text: string; range: Range } | undefined => {
    const text = doc.text;
    let i = doc.offsetAt(pos);
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    const start = i;
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') i++;
    let end = i;
    // a continuation right after the word is not part of it
    if (end > start && text[end - 1] === model.escapeChar) {
      let j = end;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      if (j === text.length || text[j] === '\n' || text[j] === '\r') end--;
    }
    if (end === start) return undefined;
    return { text: text.slice(start, end), range: doc.range(start, end) };
  };

  /** Checks the flags; returns true when a flag without `=` swallowed the next word (`--chown app:app`). */
  const checkFlags = (ins: Instruction, flags: readonly Flag[], args: readonly Word[], minArgs: (rest: readonly Word[]) => boolean): boolean => {
    // most instructions have no flags: nothing to check, no set to make
    if (flags.length === 0) return false;
    const known = FLAGS.get(ins.keyword);
    if (!known) return false;
    const used = new Set<string>();
    let swallowed = false;
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i];
      // `--` ends the flags; so does the first argument (dockerfile-ast reads `RUN a--b --c` oddly)
      if (f.name === '' || (args.length > 0 && comparePositions(f.range.start, args[0].range.start) >= 0)) break;
      const written = `--${f.name}`;
      const type = known.get(f.name);
      if (!type) {
        const suggestion = closestFlag(f.name, known.keys());
        const elsewhere = [...FLAGS].filter(([k, m]) => k !== ins.keyword && m.has(f.name)).map(([k]) => k);
        const hint = suggestion
          ? ` Did you mean \`--${suggestion}\`?`
          : elsewhere.length > 0
            ? ` ${code(written)} is a flag of ${elsewhere.join(' and ')}.`
            : '';
        report('unknown-flag', f.range, `${ins.keyword} has no ${code(written)} flag, so Docker stops ("unknown flag: ${f.name}").${hint} ${ins.keyword} takes ${[...known.keys()].map((k) => `--${k}`).join(', ')}.`);
        continue;
      }
      if (type !== 'strings') {
        if (used.has(f.name)) {
          report('duplicate-flag', f.range, `${code(written)} is given twice, and Docker accepts it once ("duplicate flag specified"). Keep one.`);
          continue;
        }
        used.add(f.name);
      }
      if (type === 'bool') {
        if (f.value === '') report('flag-without-value', f.range, `${code(`${written}=`)} has an empty value ("missing a value on flag"). Write ${code(written)} alone, or ${code(`${written}=true`)}.`);
        else if (f.value !== null && f.value.toLowerCase() !== 'true' && f.value.toLowerCase() !== 'false') {
          report('invalid-flag-value', f.range, `${code(written)} is true or false, not ${code(f.value)}. Write ${code(written)} alone to turn it on.`);
        }
        continue;
      }
      if (f.value === null) {
        const example = `${written}=${FLAG_EXAMPLE[f.name] ?? '<value>'}`;
        // the word after the flag on its line; Docker takes it for an argument, since it does not start with --
        const next = wordAfter(f.range.end);
        if (next && !next.text.startsWith('-')) {
          const joined = `${written}=${next.text}`;
          const nextEnd = doc.offsetAt(next.range.end);
          const rest = args.filter((a) => doc.offsetAt(a.range.start) >= nextEnd);
          report(
            'flag-without-value',
            span(f.range, next.range),
            `A flag's value is joined with \`=\`: Docker reads ${code(written)} as a flag without a value ("missing a value on flag: ${f.name}"). Write ${code(joined, 120)}.`,
            minArgs(rest) && plausibleValue(f.name, next.text) ? { title: `Write ${joined}`, edits: [{ range: { start: f.range.end, end: next.range.start }, newText: '=' }] } : undefined,
          );
          return true; // the flags end at that word
        }
        const dangling = !next && args.length === 0;
        // `COPY --chmod` with nothing after: the missing arguments are reported instead
        if (!(dangling && ins.keyword !== 'RUN')) report('flag-without-value', f.range, `${code(written)} needs a value joined with \`=\` ("missing a value on flag"), e.g. ${code(example, 120)}.`);
        if (!next && args.length > 0 && !args[0].value.startsWith('-')) swallowed = true;
        continue;
      }
      const value = f.value;
      if (value.includes('$')) continue; // a variable: its value is unknown here
      if (ins.keyword === 'HEALTHCHECK') {
        if (f.name === 'retries') {
          if (!INT32.test(value) || Math.abs(Number(value)) > 2147483647) report('invalid-flag-value', f.range, `${code(written)} takes a whole number of attempts, e.g. ${code('--retries=3')}, not ${code(value)}.`);
          else if (Number(value) < 0) report('invalid-flag-value', f.range, `${code(written)} cannot be negative (${code(value)}); use a count such as ${code('--retries=3')}.`);
        } else if (DURATION_FLAGS.has(f.name) && value !== '') {
          const problem = durationProblem(value);
          if (problem) report('invalid-flag-value', f.range, `${code(value)} ${problem}, so Docker rejects ${code(written)}. Write it like ${code(`${written}=${FLAG_EXAMPLE[f.name]}`)}.`);
        }
      } else if (ins.keyword === 'RUN') {
        if (f.name === 'network' && !NETWORK_MODES.has(value)) report('invalid-flag-value', f.range, `${code(value)} is not a network mode: ${code('--network')} takes default, none or host.`);
        else if (f.name === 'security' && !SECURITY_MODES.has(value)) report('invalid-flag-value', f.range, `${code(value)} is not a security mode: ${code('--security')} takes sandbox or insecure.`);
        else if (f.name === 'mount') {
          const typeAt = value.startsWith('type=') ? 0 : value.indexOf(',type=') + 1;
          if (typeAt > 0 || value.startsWith('type=')) {
            const end = value.indexOf(',', typeAt);
            const type = value.slice(typeAt + 5, end < 0 ? value.length : end).toLowerCase();
            if (!MOUNT_TYPES.has(type)) report('invalid-flag-value', f.range, `${code(type)} is not a mount type: ${code('--mount=type=')} takes bind, cache, tmpfs, secret or ssh.`);
          }
        }
      }
    }
    return swallowed;
  };

  /** Leading `--words` of an instruction dockerfile-ast reads no flags for; BuildKit still takes them for flags. */
  const leadingFlags = (ins: Instruction): number => {
    let n = 0;
    while (n < ins.args.length && ins.args[n].value.startsWith('--')) {
      n++;
      if (ins.args[n - 1].value === '--') break;
    }
    return n;
  };

  const missing = (ins: Instruction, what: string, until?: Range) => {
    report('missing-arguments', until ? span(ins.keywordRange, until) : ins.keywordRange, what);
  };

  const kvPairs = (ins: Instruction, args: readonly Word[]) => {
    const name = ins.keyword;
    if (args.length === 0) return missing(ins, `${name} needs at least one ${code('NAME=value')} pair ("${name} requires at least one argument"), e.g. ${NEEDS_ARGUMENT[name]}.`);
    const words = quotedWords(model, args);
    if (!words[0].text.includes('=')) {
      // the legacy form `ENV NAME value`: a name and the rest of the line
      if (args.length < 2) report('missing-value', words[0].range, `${code(words[0].text)} has no value ("${name} must have two arguments"). Write ${code(`${name} ${words[0].text}=<value>`)}.`);
      return;
    }
    for (const w of words) {
      if (!w.text.includes('=')) {
        report('missing-value', w.range, `${code(w.text)} has no \`=\`: once this ${name} uses ${code('NAME=value')}, every word must be a pair ("can't find ="). Quote a value with spaces: ${code('NAME="two words"')}.`);
      } else if (w.text.startsWith('=')) {
        report('empty-name', w.range, `${code(w.text)} has no name before \`=\` ("${name} names can not be blank"). Write ${code(`NAME${w.text}`)}.`);
      }
    }
  };

  const checkFrom = (ins: Instruction) => {
    const args = ins.args;
    const swallowed = checkFlags(ins, ins.flags, args, (rest) => rest.length >= 1);
    if (swallowed) return;
    if (args.length === 0) return missing(ins, `FROM needs the image to build on, e.g. \`FROM python:3.13-slim\`.`, ins.flags.at(-1)?.range);
    if (args.length === 3 && args[1].value.toUpperCase() === 'AS') {
      const name = args[2].value;
      if (!STAGE_NAME.test(name.toLowerCase())) {
        report('invalid-stage-name', args[2].range, `${code(name)} cannot name a stage: a stage name starts with a letter and has only letters, digits, \`-\`, \`_\` and \`.\` ("invalid name for build stage"). For example \`AS build\`.`);
      }
      return;
    }
    if (args.length === 1) return;
    if (args.length === 2 && args[1].value.toUpperCase() === 'AS') {
      report('malformed-from', args[1].range, '`AS` needs a stage name after it ("FROM requires either one or three arguments"): `FROM golang:1.24 AS build`.');
      return;
    }
    const extraAt = args[1].value.toUpperCase() === 'AS' ? 3 : 1;
    const extra = args[extraAt];
    const range = span(extra.range, args[args.length - 1].range);
    let hint: string;
    if (extra.value.startsWith('#')) hint = 'A Dockerfile has no comments at the end of a line: put the comment on its own line above.';
    else if (extra.value.startsWith('--')) hint = 'Flags go before the image: `FROM --platform=linux/amd64 alpine:3.21`.';
    else if (extraAt === 1 && args.length === 2 && /^[\w.-]+$/.test(extra.value)) hint = `If ${code(extra.value)} is the tag, join it with a colon: ${code(`${args[0].value}:${extra.value}`)}.`;
    else hint = 'Write the image, optionally followed by `AS <name>`: `FROM golang:1.24 AS build`.';
    report('malformed-from', range, `FROM takes one image and an optional \`AS <name>\`; Docker stops at the extra ${code(doc.rangeText(range))} ("FROM requires either one or three arguments"). ${hint}`);
  };

  const checkCopy = (ins: Instruction) => {
    const head = headArgs(ins);
    const swallowed = checkFlags(ins, ins.flags, head, (rest) => rest.length >= 2);
    if (swallowed) return;
    const json = head.length > 0 && head[0].value.startsWith('[') && ins.heredocs.length === 0 ? jsonStrings(ins.argumentsText) : null;
    const count = json ? json.length : head.length;
    const lastRange = head.at(-1)?.range ?? ins.flags.at(-1)?.range;
    if (count < 2) {
      const only = json ? json[0] : head[0]?.value;
      const example = ins.keyword === 'COPY' ? '`COPY requirements.txt /app/`' : '`ADD --checksum=sha256:<digest> https://example.com/tool.tgz /opt/`';
      const message =
        only === undefined
          ? `${ins.keyword} needs a source and a destination, e.g. ${example}.`
          : HEREDOC_WORD.test(only)
            ? `${ins.keyword} ${code(only)} needs a destination after it, e.g. ${code(`${ins.keyword} ${only} /app/file.txt`)} ("requires at least two arguments").`
            : `${ins.keyword} needs a source and a destination, but only ${code(only)} is given ("requires at least two arguments"). Add where it goes, e.g. ${code(`${ins.keyword} ${only} /app/`)}.`;
      return missing(ins, message, lastRange);
    }
    const dest = head[head.length - 1];
    if (!json && HEREDOC_WORD.test(dest.value)) {
      report('heredoc-destination', dest.range, `The destination of ${ins.keyword} is the last word, and a heredoc (${code(dest.value)}) cannot be one ("cannot accept a heredoc as a destination"). Put the path last: ${code(`${ins.keyword} ${dest.value} /app/file.txt`)}.`);
    }
  };

  const checkHealthcheck = (ins: Instruction) => {
    const args = ins.args;
    const type = args[0]?.value.toUpperCase();
    if (type !== 'NONE') {
      const swallowed = checkFlags(ins, ins.flags, args, (rest) => {
        const first = rest.find((a) => !a.value.startsWith('--'))?.value.toUpperCase();
        return first === 'CMD' || first === 'NONE';
      });
      if (swallowed) return;
    }
    if (args.length === 0) return missing(ins, `HEALTHCHECK needs what to run: ${NEEDS_ARGUMENT.HEALTHCHECK}.`, ins.flags.at(-1)?.range);
    if (type === 'NONE') {
      if (args.length > 1) report('invalid-healthcheck', span(args[1].range, args[args.length - 1].range), '`HEALTHCHECK NONE` takes nothing after it: it turns off the health check the base image defines.');
      return;
    }
    if (type === 'CMD') {
      const json = ins.execForm;
      if (args.length === 1 || (json && json.length === 0)) missing(ins, '`HEALTHCHECK CMD` needs the command to run, e.g. `HEALTHCHECK CMD curl -f http://127.0.0.1:8080/ || exit 1` ("missing command after HEALTHCHECK CMD").', args[args.length - 1].range);
      return;
    }
    report('invalid-healthcheck', args[0].range, `A HEALTHCHECK is ${code('HEALTHCHECK [--options] CMD <command>')} or ${code('HEALTHCHECK NONE')}; ${code(args[0].value)} is neither ("unknown type in HEALTHCHECK").`);
  };

  /** ENV, LABEL, ARG, USER, ... : instructions dockerfile-ast reads no flags for. */
  const checkOther = (ins: Instruction) => {
    const k = ins.keyword;
    const nFlags = leadingFlags(ins);
    const args = nFlags > 0 ? ins.args.slice(nFlags) : ins.args;
    if (nFlags > 0 && FLAGLESS_CHECKED.has(k)) {
      const first = ins.args[0];
      if (first.value !== '--') {
        const last = ins.args[nFlags - 1].value === '--' ? ins.args[nFlags - 2] : ins.args[nFlags - 1];
        const range = span(first.range, last.range);
        const asArgument = k === 'CMD' || k === 'ENTRYPOINT' ? ` To pass it to the program, use the exec form: ${code(`${k} ["${first.value}"]`)}.` : '';
        report('unknown-flag', range, `${k} takes no flags, and Docker reads a leading ${code(first.value)} as one ("unknown flag").${asArgument}`);
      }
    }
    const argsEnd = args.at(-1)?.range;
    switch (k) {
      case 'ENV':
      case 'LABEL':
        return kvPairs(ins, args);
      case 'ARG':
        if (args.length === 0) return missing(ins, `ARG needs a name, e.g. ${NEEDS_ARGUMENT.ARG}.`);
        for (const w of quotedWords(model, args)) {
          if (w.text.startsWith('=')) report('empty-name', w.range, `${code(w.text)} has no name before \`=\` ("ARG names can not be blank"). Write ${code(`NAME${w.text}`)}.`);
        }
        return;
      case 'USER':
      case 'WORKDIR':
      case 'STOPSIGNAL':
      case 'MAINTAINER':
      case 'EXPOSE':
        if (args.length === 0) return missing(ins, `${k} needs ${k === 'MAINTAINER' ? '' : 'a value, e.g. '}${NEEDS_ARGUMENT[k]} ("${k} requires ${k === 'EXPOSE' ? 'at least' : 'exactly'} one argument").`);
        if (k === 'EXPOSE') {
          for (let i = 0; i < args.length; i++) {
            const v = args[i].value;
            if (v.startsWith('#')) {
              report('invalid-port', span(args[i].range, args[args.length - 1].range), `Docker reads ${code(doc.rangeText(span(args[i].range, args[args.length - 1].range)))} as more ports: a Dockerfile has no comments at the end of a line. Put the comment on its own line above.`);
              break;
            }
            if (v.includes('$') || v.includes('"') || v.includes("'")) continue;
            const problem = exposeProblem(v);
            if (problem) report('invalid-port', args[i].range, `${code(v)} is not a port Docker can expose: ${problem}. EXPOSE takes ports such as \`8080\`, \`8000-8010\` or \`53/udp\`.`);
          }
        }
        return;
      case 'VOLUME': {
        const json = args.length > 0 && args[0].value.startsWith('[') ? jsonStrings(ins.argumentsText.slice(ins.argumentsText.indexOf('['))) : null;
        if (args.length === 0 || (json && json.length === 0)) return missing(ins, `VOLUME needs a path, e.g. ${NEEDS_ARGUMENT.VOLUME} ("VOLUME requires at least one argument").`, argsEnd);
        if (json && json.some((p) => p.trim() === '')) report('missing-arguments', argsEnd ? span(args[0].range, argsEnd) : ins.keywordRange, 'A VOLUME path cannot be empty ("VOLUME specified can not be an empty string").');
        return;
      }
      case 'SHELL': {
        if (args.length === 0) return missing(ins, `SHELL needs ${NEEDS_ARGUMENT.SHELL}.`);
        const json = ins.execForm ?? (nFlags > 0 ? jsonStrings(doc.rangeText(span(args[0].range, args[args.length - 1].range))) : null);
        if (json && json.length === 0) return missing(ins, `SHELL needs ${NEEDS_ARGUMENT.SHELL} ("SHELL requires at least one argument").`, argsEnd);
        if (!json) {
          const words = args.map((a) => a.value);
          report('shell-not-json', span(args[0].range, args[args.length - 1].range), `SHELL must be written as a JSON array, so Docker rejects this one ("SHELL requires the arguments to be in JSON form"). Write ${code(`SHELL ${JSON.stringify(words).replaceAll(',', ', ')}`, 120)}.`);
        }
        return;
      }
      case 'ONBUILD': {
        if (args.length === 0) return missing(ins, `ONBUILD needs ${NEEDS_ARGUMENT.ONBUILD}.`);
        const trigger = args[0].value.toUpperCase();
        if (trigger === 'ONBUILD') report('invalid-onbuild', args[0].range, '`ONBUILD ONBUILD` is not allowed: a trigger runs in the next build only, and cannot set another one.');
        else if (trigger === 'FROM' || trigger === 'MAINTAINER') report('invalid-onbuild', args[0].range, `${code(args[0].value)} cannot be an ONBUILD trigger ("${trigger} isn't allowed as an ONBUILD trigger"): an image built on this one already has its FROM.`);
        return;
      }
      default:
        return; // CMD and ENTRYPOINT may be empty
    }
  };

  let previous: Instruction | undefined;
  /** Suggestions by unknown keyword: a file of garbage repeats the same few. */
  const suggestions = new Map<string, string[]>();
  return {
    instruction(ins) {
      const prev = previous;
      previous = ins;
      const k = ins.keyword;
      if (!KNOWN_KEYWORDS.has(k)) {
        const written = doc.rangeText(ins.keywordRange);
        let closest = suggestions.get(written);
        if (!closest) suggestions.set(written, (closest = closestKeywords(written)));
        let hint: string;
        let fix: Fix | undefined;
        if (closest.length === 1) {
          const replacement = written === written.toLowerCase() ? closest[0].toLowerCase() : closest[0];
          hint = ` Did you mean ${code(replacement)}?`;
          if (closest[0] === 'FROM') suggestedFrom = true;
          if (ins.keywordRange.start.line === ins.keywordRange.end.line) fix = { title: `Change to ${replacement}`, edits: [{ range: ins.keywordRange, newText: replacement }] };
        } else if (closest.length > 1) hint = ` Did you mean ${closest.map((k) => code(k)).join(' or ')}?`;
        else if (prev && prev.range.end.line === ins.range.start.line - 1 && (prev.keyword === 'RUN' || ins.keywordRange.start.character > 0)) hint = ` If this line continues the ${prev.keyword} above, end that line with ${code(model.escapeChar)}.`;
        else hint = ` An instruction starts with one of ${KEYWORDS.join(', ')}.`;
        report('unknown-instruction', ins.keywordRange, `${code(written)} is not a Dockerfile instruction, so Docker stops ("unknown instruction").${hint}`, fix);
        return;
      }
      if (ins.stageIndex === -1 && k !== 'ARG' && k !== 'FROM' && hasStages) {
        report('instruction-before-from', ins.keywordRange, `Only ARG may come before the first FROM; Docker stops at this ${k} ("no build stage in current context"). Move it below the FROM line.`);
      }
      switch (k) {
        case 'FROM':
          return checkFrom(ins);
        case 'COPY':
        case 'ADD':
          return checkCopy(ins);
        case 'RUN':
          checkFlags(ins, ins.flags, ins.args, () => true);
          return;
        case 'HEALTHCHECK':
          return checkHealthcheck(ins);
        default:
          return checkOther(ins);
      }
    },
    end() {
      for (const d of directives) emit(d);
      if (hasStages || suggestedFrom) return;
      if (model.instructions.length === 0) {
        // at the start of the file, where the FROM goes (not over a comment)
        report('no-from', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, `${NO_FROM_START} (the file has no instructions yet), so Docker has nothing to build ("file with no instructions"). Start with the base image, e.g. \`FROM python:3.13-slim\`.`);
        return;
      }
      const first = model.instructions.find((i) => i.keyword !== 'ARG');
      const answer = first ? 'no build stage in current context' : 'dockerfile contains no stages to build';
      report(
        'no-from',
        (first ?? model.instructions[0]).keywordRange,
        `${NO_FROM_START}, so Docker has no stage to build ("${answer}"). Start the file with the base image, e.g. \`FROM python:3.13-slim\`; only ARG may come before it.`,
      );
    },
  };
}

/** The problems in a Dockerfile, with their kinds: the rule's findings, for tests and tools. */
export function syntaxProblems(text: string): SyntaxFinding[] {
  const model = buildModel(text);
  const out: SyntaxFinding[] = [];
  const checker = createSyntaxChecker(model, (p) => out.push(p));
  for (const ins of model.instructions) checker.instruction(ins);
  checker.end();
  return out;
}

export default defineRule({
  meta: {
    id: 'dockerfile-syntax',
    title: 'Docker can read every instruction',
    severity: 'error',
    lesson: '01-trusted-base-images',
    related: { hadolint: ['DL1000'] },
    why:
      'Docker reads the whole Dockerfile before it builds a single step, and one line it cannot read stops the build: a misspelt ' +
      'instruction (`FORM`), a flag written with a space instead of `=` (`--chown app:app`), an `ENV` without a value, a ' +
      '`HEALTHCHECK --interval=30` without a unit, an `EXPOSE` that is not a port, anything but `ARG` before the first `FROM`. ' +
      'The other rules judge what the build would produce, so they can only be trusted once Docker accepts the file. Each ' +
      'finding says what Docker would answer and what to write instead; a misspelt instruction or a flag missing its `=` comes ' +
      'with a quick fix.',
    fixable: true,
    examples: {
      incorrect: 'FORM python:3.13-slim\nWORKDIR /app\nCOPY --chown app:app . .\nCMD ["python", "app.py"]\n',
      correct: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY --chown=app:app . .\nCMD ["python", "app.py"]\n',
    },
  },
  create(context) {
    const checker = createSyntaxChecker(context.model, (p) => context.report({ range: p.range, message: p.message, ...(p.fix ? { fix: p.fix } : {}) }));
    return {
      instruction(ins) {
        checker.instruction(ins);
      },
      end() {
        checker.end();
      },
    };
  },
});
