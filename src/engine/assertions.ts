/**
 * Structural assertions an exercise can grade, beyond "rule X reports nothing". Each takes the model
 * and a flat object of parameters and says whether it holds, and if not, what is missing.
 */
import type { DockerfileModel, Stage } from './model.ts';
import type { Finding, LintInput, Severity } from './types.ts';
import { createImageContext, previewWithContext, rebuildFor, type ImagePreview } from './image/index.ts';

export type AssertionParams = Record<string, string | number | boolean | string[]>;

export interface AssertionResult {
  passed: boolean;
  detail?: string;
}

export type Assertion = (model: DockerfileModel, params: AssertionParams, input: LintInput, findings: readonly Finding[]) => AssertionResult;

export interface AssertionInfo {
  description: string;
  params: Record<string, string>;
  run: Assertion;
}

function str(params: AssertionParams, key: string): string {
  const v = params[key];
  if (typeof v !== 'string') throw new Error(`parameter "${key}" must be a string`);
  return v;
}

function num(params: AssertionParams, key: string): number {
  const v = params[key];
  if (typeof v !== 'number') throw new Error(`parameter "${key}" must be a number`);
  return v;
}

/** The stage the assertion is about: the final one unless `stage` names another. */
function targetStage(model: DockerfileModel, params: AssertionParams): Stage | undefined {
  const name = params.stage;
  if (typeof name === 'string' && name !== 'final') return model.stages.find((s) => s.name === name.toLowerCase());
  return model.finalStage;
}

/** The image a stage is ultimately based on, following `FROM <earlier stage>`. */
export function rootBase(model: DockerfileModel, stage: Stage): Stage {
  let s = stage;
  const seen = new Set<number>();
  while (s.baseStage !== undefined && !seen.has(s.index)) {
    seen.add(s.index);
    s = model.stages[s.baseStage];
  }
  return s;
}

const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration (`30s`, `1m30s`, `500ms`) in milliseconds, as Docker reads HEALTHCHECK options; undefined otherwise. */
function goDuration(text: string): number | undefined {
  if (text === '') return undefined;
  const isNumberChar = (c: string) => (c >= '0' && c <= '9') || c === '.';
  let total = 0;
  // number-unit pairs, scanned by hand: a regex over long digit runs would backtrack
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && isNumberChar(text[j])) j++;
    let k = j;
    while (k < text.length && !isNumberChar(text[k])) k++;
    const number = text.slice(i, j);
    const unit = DURATION_UNITS[text.slice(j, k)];
    if (!/^\d+(?:\.\d+)?$/.test(number) || unit === undefined) return undefined;
    total += Number(number) * unit;
    i = k;
  }
  return total;
}

/**
 * Whether a flag's value is the wanted one, compared whole: the same value (durations as durations,
 * so `90s` is `1m30s`), or, for list-like values, the wanted items among its items: `type=secret`
 * in `type=secret,id=npmrc` (comma-separated, in any order), `10001` in `10001:0` (user and group).
 * `--interval=13s` does not hold `3s`, and `--retries=13` does not hold `3`.
 */
export function flagValueMatches(value: string, wanted: string): boolean {
  const unquote = (t: string) => t.trim().replace(/^(["'])(.*)\1$/, '$2');
  const v = unquote(value);
  const w = unquote(wanted);
  if (v === w) return true;
  const dv = goDuration(v);
  const dw = goDuration(w);
  if (dv !== undefined && dw !== undefined) return dv === dw;
  const items = v.split(',').map((i) => i.trim());
  const want = w.split(',').map((i) => i.trim());
  if (want.every((x) => items.includes(x))) return true;
  return want.length === 1 && !w.includes(':') && items.some((i) => i.split(':').includes(w));
}

export const assertionInfo: Record<string, AssertionInfo> = {
  'final-base-image': {
    description: 'The final stage is based on this image repository (path as written on Docker Hub, e.g. `python` or `nginxinc/nginx-unprivileged`).',
    params: { image: 'repository path', stage: 'optional stage name (default: the final stage)' },
    run(model, params) {
      const want = str(params, 'image').toLowerCase();
      const stage = targetStage(model, params);
      if (!stage) return { passed: false, detail: 'There is no such stage yet.' };
      const base = rootBase(model, stage).base;
      const have = base.path.toLowerCase();
      const canonical = base.canonicalPath.toLowerCase();
      const ok = have === want || canonical === want || `${base.registry}/${have}` === want || `${base.registry}/${canonical}` === want;
      return ok ? { passed: true } : { passed: false, detail: `The stage is based on \`${base.resolved || '(nothing)'}\`; this exercise expects \`${want}\`.` };
    },
  },
  'final-base-tag-matches': {
    description: 'The final stage base tag matches a regular expression (anchored).',
    params: { pattern: 'regular expression', stage: 'optional stage name' },
    run(model, params) {
      const re = new RegExp(`^(?:${str(params, 'pattern')})$`);
      const stage = targetStage(model, params);
      if (!stage) return { passed: false, detail: 'There is no such stage yet.' };
      const tag = rootBase(model, stage).base.tag ?? '';
      return re.test(tag) ? { passed: true } : { passed: false, detail: tag ? `The tag \`${tag}\` is not one this exercise accepts.` : 'The base image has no tag.' };
    },
  },
  'final-base-digest': {
    description: 'The final stage pins its base image by digest (`@sha256:` and 64 hex digits).',
    params: { stage: 'optional stage name' },
    run(model, params) {
      const stage = targetStage(model, params);
      if (!stage) return { passed: false, detail: 'There is no such stage yet.' };
      const digest = rootBase(model, stage).base.digest ?? '';
      if (/^sha256:[0-9a-f]{64}$/.test(digest)) return { passed: true };
      return { passed: false, detail: digest ? `\`${digest}\` is not a full sha256 digest (64 hex digits).` : 'The base image has no digest.' };
    },
  },
  'final-base-version-at-least': {
    description:
      'The final stage is based on this image repository (as for `final-base-image`) and its tag starts with a version at least ' +
      'this one, compared number by number: `3.12.7-slim` satisfies `3.12.5`; `3.12` does not, since it names no patch release.',
    params: { image: 'repository path', version: 'dotted numeric version, e.g. 3.12.5', stage: 'optional stage name (default: the final stage)' },
    run(model, params) {
      const want = str(params, 'image').toLowerCase();
      const min = str(params, 'version');
      if (!/^\d+(\.\d+)*$/.test(min)) throw new Error('parameter "version" must be a dotted numeric version such as 3.12.5');
      const stage = targetStage(model, params);
      if (!stage) return { passed: false, detail: 'There is no such stage yet.' };
      const base = rootBase(model, stage).base;
      const have = base.path.toLowerCase();
      const canonical = base.canonicalPath.toLowerCase();
      // `python`, `library/python` and `docker.io/library/python` name the same repository
      const same = have === want || canonical === want || `${base.registry}/${have}` === want || (base.registry === 'docker.io' && canonical === `library/${want}`);
      if (!same) {
        return { passed: false, detail: `The stage is based on \`${base.resolved || '(nothing)'}\`; this exercise expects \`${want}\` ${min} or newer.` };
      }
      const tag = base.tag;
      if (!tag) {
        return {
          passed: false,
          detail: `\`${base.resolved}\` names no tag, so Shipshape cannot read its version: use \`${want}:${min}\` or newer${base.digest ? ' (a digest can stay next to the tag)' : ''}.`,
        };
      }
      const found = /^v?(\d+(?:\.\d+)*)/.exec(tag)?.[1];
      if (!found) return { passed: false, detail: `The tag \`${tag}\` starts with no version number; use \`${min}\` or newer, e.g. \`${want}:${min}\`.` };
      const a = found.split('.').map(Number);
      const b = min.split('.').map(Number);
      let cmp = 0;
      for (let i = 0; i < Math.max(a.length, b.length) && cmp === 0; i++) cmp = (a[i] ?? 0) - (b[i] ?? 0);
      if (cmp >= 0) return { passed: true, detail: `The tag \`${tag}\` is version ${found}, which is ${min} or newer.` };
      const suggestion = `${want}:${min}${tag.slice(tag.indexOf(found) + found.length)}`;
      const vague = a.length < b.length && b.slice(0, a.length).every((n, i) => n === a[i]);
      return {
        passed: false,
        detail: vague
          ? `The tag \`${tag}\` names ${found} without the release the fix is in; name ${min} or newer, e.g. \`${suggestion}\`.`
          : `The tag \`${tag}\` is version ${found}, older than ${min}, the first version with the fix: use \`${suggestion}\` or newer.`,
      };
    },
  },
  'stage-count-at-least': {
    description: 'The Dockerfile has at least this many stages.',
    params: { count: 'number' },
    run(model, params) {
      const want = num(params, 'count');
      return model.stages.length >= want ? { passed: true } : { passed: false, detail: `The Dockerfile has ${model.stages.length} stage(s); it needs ${want}.` };
    },
  },
  'instruction-in-stage': {
    description:
      'A stage contains an instruction with this keyword, optionally whose arguments contain a text and/or which has a flag ' +
      '(`--mount`, `--interval`, `--chown`...) with a given value. The value is compared whole: it equals `flagContains` ' +
      '(durations as durations: `90s` is `1m30s`), or, for list-like values, has it among its items (`type=secret` in ' +
      '`type=secret,id=npmrc`, `10001` in `10001:0`); `--interval=13s` does not match `3s`.',
    params: {
      keyword: 'FROM, RUN, USER, ...',
      contains: 'optional text the arguments contain',
      flag: 'optional flag name without dashes, e.g. mount or interval',
      flagContains: 'optional value of the flag, or one item of a list-like value, e.g. 30s or type=secret',
      stage: 'optional stage name',
    },
    run(model, params) {
      const keyword = str(params, 'keyword').toUpperCase();
      const contains = typeof params.contains === 'string' ? params.contains : undefined;
      const flag = typeof params.flag === 'string' ? params.flag.replace(/^-+/, '') : undefined;
      const flagContains = typeof params.flagContains === 'string' ? params.flagContains : undefined;
      const stage = targetStage(model, params);
      if (!stage) return { passed: false, detail: 'There is no such stage yet.' };
      const hasFlag = (i: (typeof stage.instructions)[number]) =>
        !flag || i.flags.some((f) => f.name === flag && (!flagContains || flagValueMatches(f.value ?? '', flagContains)));
      const found = [stage.from, ...stage.instructions].some(
        (i) => i.keyword === keyword && (!contains || i.argumentsText.includes(contains)) && hasFlag(i),
      );
      if (found) return { passed: true };
      const what = [contains ? `with \`${contains}\`` : '', flag ? `with \`--${flag}${flagContains ? `=${flagContains}` : ''}\`` : ''].filter(Boolean).join(' and ');
      return { passed: false, detail: `No ${keyword}${what ? ` ${what}` : ''} in that stage yet.` };
    },
  },
  'arg-default': {
    description: 'An ARG declared before the first FROM has a non-empty default value.',
    params: { name: 'ARG name' },
    run(model, params) {
      const name = str(params, 'name');
      if (!model.globalArgs.has(name)) return { passed: false, detail: `Declare \`ARG ${name}=<value>\` before the first FROM.` };
      const v = model.globalArgs.get(name);
      return v ? { passed: true } : { passed: false, detail: `\`ARG ${name}\` has no default, so the build depends on a --build-arg nobody may pass.` };
    },
  },
  'no-findings-at-or-above': {
    description: 'No rule reports anything at this severity or above (the capstone: every rule passes).',
    params: { severity: 'error | warning | info' },
    run(_model, params, _input, findings) {
      const min = SEVERITY_ORDER[str(params, 'severity') as Severity];
      if (min === undefined) throw new Error('severity must be error, warning or info');
      const left = findings.filter((f) => SEVERITY_ORDER[f.severity] >= min);
      return left.length === 0 ? { passed: true } : { passed: false, detail: `${left.length} finding(s) left, starting with: ${left[0].message}` };
    },
  },
  'image-size-at-most': {
    description: 'The image the stage produces is estimated at this many MB or less (the base image\'s size plus what the Dockerfile adds, as the image preview shows it).',
    params: { mb: 'number', stage: 'optional stage name (default: the final stage)' },
    run(model, params, input) {
      const limit = num(params, 'mb');
      const p = previewFor(model, input, params);
      if (!p) return { passed: false, detail: 'There is no such stage yet.' };
      const t = p.totals;
      if (t.totalBytes === null) return { passed: false, detail: `Shipshape does not know the size of \`${p.base.reference}\`, so it cannot estimate the image.` };
      const mb = Math.round(t.totalBytes / 100_000) / 10;
      if (t.unknownLayers > 0) {
        return { passed: false, detail: `${t.unknownLayers} step(s) add files of unknown size, so Shipshape cannot confirm the image stays under ${limit} MB (at least ${mb} MB).` };
      }
      return mb <= limit ? { passed: true } : { passed: false, detail: `The image is about ${mb} MB (base ${p.base.sizeMB ?? '?'} MB); this exercise wants ${limit} MB or less.` };
    },
  },
  'source-change-keeps-deps-cached': {
    description: 'When these context files change, the step that installs dependencies (the first instruction whose text contains `step`) is still served from the build cache.',
    params: { changed: 'list of context files that change, e.g. ["src/app.py"]', step: 'text identifying the dependency install, e.g. "pip install"', stage: 'optional stage name (default: the final stage)' },
    run(model, params, input) {
      const changed = params.changed;
      if (!Array.isArray(changed) || changed.length === 0) throw new Error('parameter "changed" must be a non-empty list of files');
      const text = str(params, 'step');
      const target = targetStage(model, params);
      if (!target) return { passed: false, detail: 'There is no such stage yet.' };
      const ctx = createImageContext(model, input);
      const report = rebuildFor(ctx, target, changed);
      const step = report.steps.find((s) => model.instructions[s.instruction].argumentsText.includes(text));
      if (!step) return { passed: false, detail: `No step runs \`${text}\` yet.` };
      if (step.cached) return { passed: true };
      const first = report.steps.find((s) => !s.cached && s.stage === step.stage);
      const cause = first ? model.instructions[first.instruction] : undefined;
      return {
        passed: false,
        detail: cause
          ? `Changing ${changed.map((f) => `\`${f}\``).join(', ')} rebuilds \`${text}\` (line ${step.line + 1}): \`${cause.keyword} ${cause.argumentsText.trim()}\` on line ${first!.line + 1} comes before it and misses the cache. Copy only the dependency manifest before installing, and the rest after.`
          : `Changing ${changed.map((f) => `\`${f}\``).join(', ')} rebuilds \`${text}\` (line ${step.line + 1}).`,
      };
    },
  },
  'final-user-nonroot-numeric': {
    description: 'The image runs as a numeric, non-root UID (`USER 10001` or `USER 10001:10001`), at least `min` (default 1), so Kubernetes runAsNonRoot can verify it.',
    params: { min: 'optional lowest accepted UID (default 1)', stage: 'optional stage name (default: the final stage)' },
    run(model, params, input) {
      const min = params.min === undefined ? 1 : num(params, 'min');
      const p = previewFor(model, input, params);
      if (!p) return { passed: false, detail: 'There is no such stage yet.' };
      const u = p.user;
      if (u.spec === '' && u.exists === null) return { passed: false, detail: 'The user comes from a base image Shipshape does not know: set `USER` with a numeric UID.' };
      if (u.root) return { passed: false, detail: u.spec === '' ? 'There is no USER: the container runs as root. Add `USER 10001` (a numeric UID).' : `\`USER ${u.spec}\` is root.` };
      if (!u.numeric) {
        return {
          passed: false,
          detail: `\`USER ${u.spec}\` names the user${u.uid !== null ? ` (UID ${u.uid})` : ''}: write the number instead${u.uid !== null ? ` (\`USER ${u.uid}\`)` : ''}, so the runtime can check it is not root without reading /etc/passwd.`,
        };
      }
      if (u.uid === null || u.uid < min) return { passed: false, detail: `UID ${u.uid} is below ${min}, the lowest this exercise accepts.` };
      return { passed: true };
    },
  },
  'user-exists': {
    description: 'The user the image runs as exists: it is created in the Dockerfile (useradd, adduser, /etc/passwd) or is an account of the base image; a numeric UID always counts.',
    params: { stage: 'optional stage name (default: the final stage)' },
    run(model, params, input) {
      const p = previewFor(model, input, params);
      if (!p) return { passed: false, detail: 'There is no such stage yet.' };
      if (p.user.exists === true) return { passed: true };
      return { passed: false, detail: p.user.detail };
    },
  },
  'healthcheck-configured': {
    description: 'The image has a HEALTHCHECK (its own or inherited), and it is not `HEALTHCHECK NONE`.',
    params: { stage: 'optional stage name (default: the final stage)' },
    run(model, params, input) {
      const p = previewFor(model, input, params);
      if (!p) return { passed: false, detail: 'There is no such stage yet.' };
      const unknown = p.config.unknown.find((u) => u.field === 'Healthcheck' && !u.partial);
      const h = p.config.config.Healthcheck;
      if (h && h.Test[0] !== 'NONE') return { passed: true };
      if (h) return { passed: false, detail: '`HEALTHCHECK NONE` turns the health check off.' };
      if (unknown) return { passed: false, detail: 'Shipshape does not know whether the base image has a health check: add a HEALTHCHECK.' };
      return { passed: false, detail: 'The image has no HEALTHCHECK: add one that fails when the app stops answering.' };
    },
  },
};

/** The image preview of the stage an assertion is about. */
function previewFor(model: DockerfileModel, input: LintInput, params: AssertionParams): ImagePreview | null {
  const stage = targetStage(model, params);
  if (!stage) return null;
  return previewWithContext(createImageContext(model, input), { stage: stage.index });
}

export const assertions: Record<string, Assertion> = Object.fromEntries(Object.entries(assertionInfo).map(([k, v]) => [k, v.run]));
