/**
 * Structural assertions an exercise can grade, beyond "rule X reports nothing". Each takes the model
 * and a flat object of parameters and says whether it holds, and if not, what is missing.
 */
import type { DockerfileModel, Stage } from './model.ts';
import type { Finding, LintInput, Severity } from './types.ts';

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
      const ok = have === want || canonical === want || `${base.registry}/${have}` === want;
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
  'stage-count-at-least': {
    description: 'The Dockerfile has at least this many stages.',
    params: { count: 'number' },
    run(model, params) {
      const want = num(params, 'count');
      return model.stages.length >= want ? { passed: true } : { passed: false, detail: `The Dockerfile has ${model.stages.length} stage(s); it needs ${want}.` };
    },
  },
  'instruction-in-stage': {
    description: 'A stage contains an instruction with this keyword (optionally whose arguments contain a text).',
    params: { keyword: 'FROM, RUN, USER, ...', contains: 'optional text', stage: 'optional stage name' },
    run(model, params) {
      const keyword = str(params, 'keyword').toUpperCase();
      const contains = typeof params.contains === 'string' ? params.contains : undefined;
      const stage = targetStage(model, params);
      if (!stage) return { passed: false, detail: 'There is no such stage yet.' };
      const found = [stage.from, ...stage.instructions].some((i) => i.keyword === keyword && (!contains || i.argumentsText.includes(contains)));
      return found ? { passed: true } : { passed: false, detail: `No ${keyword}${contains ? ` with \`${contains}\`` : ''} in that stage yet.` };
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
};

export const assertions: Record<string, Assertion> = Object.fromEntries(Object.entries(assertionInfo).map(([k, v]) => [k, v.run]));
