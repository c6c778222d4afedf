/**
 * The CLI's JSON config: per-rule severities and the organisation's trusted registries.
 *
 *   { "rules": { "prefer-digest": "off", "no-latest-tag": "warning" },
 *     "trustedRegistries": ["registry.example.com/mirror"] }
 *
 * Found through --config, else `.shipshape.json` beside the Dockerfile, else in the working
 * directory. Every mistake is an input error naming the file and the setting, with the closest
 * valid name when a name is misspelt: a CI config that silently does nothing is worse than none.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LintConfig, RuleSetting } from '../engine/index.ts';
import { CliError, ioReason } from './errors.ts';
import { displayPath } from './input.ts';

export const CONFIG_FILE_NAME = '.shipshape.json';

const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info'];
const KEYS = ['$schema', 'rules', 'trustedRegistries'];

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate closest to `word` (ties: the first in `candidates`). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

const quoted = (s: string) => JSON.stringify(s);
const didYouMean = (word: string, candidates: readonly string[]) => {
  const c = closest(word, candidates);
  return c === undefined ? '' : `; did you mean ${quoted(c)}?`;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a parsed config against the known rule ids. `source` names the file in messages. Returns
 * a LintConfig with only the settings the file gives.
 */
export function validateConfig(value: unknown, source: string, ruleIds: readonly string[]): LintConfig {
  const fail = (message: string) => new CliError(`invalid config ${source}: ${message}`);
  if (!isObject(value)) throw fail('the file must hold a JSON object, such as { "rules": { "prefer-digest": "off" } }');
  for (const key of Object.keys(value)) {
    if (!KEYS.includes(key)) throw fail(`unknown setting ${quoted(key)}${didYouMean(key, KEYS.slice(1))} (settings: rules, trustedRegistries)`);
  }
  const config: LintConfig = {};
  if (value.rules !== undefined) {
    if (!isObject(value.rules)) throw fail('"rules" must be an object mapping rule ids to "off", "error", "warning" or "info"');
    const rules: Record<string, RuleSetting> = {};
    for (const [id, setting] of Object.entries(value.rules)) {
      if (!ruleIds.includes(id)) throw fail(`unknown rule ${quoted(id)}${didYouMean(id, ruleIds)} (run 'shipshape rules' for the list)`);
      if (typeof setting !== 'string' || !(SETTINGS as readonly string[]).includes(setting)) {
        const hint = typeof setting === 'string' ? didYouMean(setting, SETTINGS) : '';
        throw fail(`rules[${quoted(id)}] is ${JSON.stringify(setting)}; use "off", "error", "warning" or "info"${hint}`);
      }
      rules[id] = setting as RuleSetting;
    }
    config.rules = rules;
  }
  if (value.trustedRegistries !== undefined) {
    const list = value.trustedRegistries;
    if (!Array.isArray(list)) throw fail('"trustedRegistries" must be an array of registry hosts or host/path prefixes, such as ["registry.example.com/mirror"]');
    const registries: string[] = [];
    for (const [i, entry] of list.entries()) {
      const where = `trustedRegistries[${i}]`;
      if (typeof entry !== 'string' || entry.trim() === '') throw fail(`${where} must be a non-empty string`);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) throw fail(`${where} is ${quoted(entry)}: write the registry without a scheme, as in ${quoted(entry.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))}`);
      if (/\s/.test(entry)) throw fail(`${where} is ${quoted(entry)}: a registry name has no spaces`);
      registries.push(entry.replace(/\/+$/, ''));
    }
    config.trustedRegistries = registries;
  }
  return config;
}

export interface LoadedConfig {
  config: LintConfig;
  /** Absolute path of the file it came from; undefined for the defaults. */
  path?: string;
}

/** Reads and validates a config file; every failure is a CliError (exit code 2). */
export async function loadConfigFile(absolutePath: string, cwd: string, ruleIds: readonly string[]): Promise<LoadedConfig> {
  const shown = displayPath(absolutePath, cwd);
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read config ${shown}: ${ioReason(err)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CliError(`invalid config ${shown}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return { config: validateConfig(parsed, shown, ruleIds), path: absolutePath };
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds and loads the config for a Dockerfile: `explicit` (--config) first, else `.shipshape.json`
 * in the Dockerfile's folder, else in the working directory, else the defaults. Loaded files are
 * cached by path, so many Dockerfiles in one folder read it once.
 */
export class ConfigResolver {
  private readonly cache = new Map<string, Promise<LoadedConfig>>();
  private readonly cwd: string;
  private readonly ruleIds: readonly string[];
  private readonly explicit: string | undefined;

  constructor(cwd: string, ruleIds: readonly string[], explicit?: string) {
    this.cwd = cwd;
    this.ruleIds = ruleIds;
    this.explicit = explicit === undefined ? undefined : resolve(cwd, explicit);
  }

  private load(path: string): Promise<LoadedConfig> {
    let entry = this.cache.get(path);
    if (!entry) {
      entry = loadConfigFile(path, this.cwd, this.ruleIds);
      this.cache.set(path, entry);
    }
    return entry;
  }

  async forDockerfile(dockerfileDir: string | undefined): Promise<LoadedConfig> {
    if (this.explicit !== undefined) return this.load(this.explicit);
    for (const dir of dockerfileDir === undefined ? [this.cwd] : [dockerfileDir, this.cwd]) {
      const candidate = join(dir, CONFIG_FILE_NAME);
      if (await exists(candidate)) return this.load(candidate);
    }
    return { config: {} };
  }
}
