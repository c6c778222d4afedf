/**
 * How the preview panels write sizes, times and commands. Pure functions, unit-tested.
 *
 * Two size conventions, each where the learner meets it elsewhere: the build context in binary units
 * (`262 MB` = 262 MiB), as the lessons and the build-context rules write it; image and layer sizes in
 * Docker's decimal units (`docker images`, `docker history`), which the base-image data uses too.
 */
import type { Certainty } from '../../engine/image/layers.ts';

function scaled(bytes: number, step: number): string {
  if (bytes < step) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / step;
  let unit = 0;
  while (value >= step && unit < units.length - 1) {
    value /= step;
    unit++;
  }
  // 1023.7 KB rounds to 1024 KB: move up a unit instead
  if (Math.round(value) >= step && unit < units.length - 1) {
    value /= step;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/** Build-context sizes, binary units like the lessons and rules: `512 B`, `14 KB`, `262 MB`. */
export function contextBytes(bytes: number): string {
  return scaled(bytes, 1024);
}

/** Image sizes, decimal units like Docker: `42 MB` for 42,000,000 bytes. */
export function imageBytes(bytes: number): string {
  return scaled(bytes, 1000);
}

/** A layer's size with its certainty: `0 B`, `148 KB`, `≈ 15 MB`, `unknown`. */
export function layerSize(bytes: number | null, certainty: Certainty): string {
  if (bytes === null || certainty === 'unknown') return 'unknown';
  return certainty === 'estimate' && bytes > 0 ? `≈ ${imageBytes(bytes)}` : imageBytes(bytes);
}

/** Build time: `< 1 s`, `35 s`, `1 min 10 s`, `2 min`. */
export function formatSeconds(seconds: number): string {
  if (seconds <= 0) return '0 s';
  if (seconds < 1) return '< 1 s';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${min} min` : `${min} min ${rest} s`;
}

/** `1 file`, `3 files`, `1,204 files`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : nouns}`;
}

/** An array as `docker inspect` prints it: `["node", "server.js"]`. */
export function jsonArray(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

/** A one-based line reference for a zero-based line: `line 3`. */
export function lineLabel(line: number): string {
  return `line ${line + 1}`;
}

/** Shortens text to `max` characters with an ellipsis, for long instructions in narrow cells. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * Splits a Cmd/Entrypoint array written in shell form into the shell and the command it runs:
 * `["/bin/sh", "-c", "uvicorn app"]` -> { shell: ["/bin/sh", "-c"], script: "uvicorn app" }.
 */
export function splitShellForm(values: readonly string[]): { shell: string[]; script: string } | null {
  if (values.length < 2) return null;
  const shell = values.slice(0, -1);
  return { shell, script: values[values.length - 1] };
}

/** Share of a part in a whole, 0-100, for bars: never NaN, at least 1 when the part is not 0. */
export function percent(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.max(1, Math.min(100, Math.round((part / whole) * 100)));
}
