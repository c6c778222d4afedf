/**
 * Where findings link to, and what the CLI calls itself. The site URL lives here once; it matches
 * `site` in astro.config.mjs, and lessons are served at `/<lesson slug>/`.
 */
import { readFileSync } from 'node:fs';

export const SITE_URL = 'https://shipshape.example';

export const TOOL_NAME = 'shipshape';

/** The lesson page that teaches a rule, or undefined for findings no lesson teaches (engine errors). */
export function lessonUrl(lesson: string): string | undefined {
  return lesson ? `${SITE_URL}/${lesson}/` : undefined;
}

let cachedVersion: string | undefined;

/** The version in package.json: the CLI ships from the repository, so that file is always beside it. */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
    cachedVersion = typeof version === 'string' ? version : '0.0.0';
  }
  return cachedVersion;
}
