/**
 * Reads the build context the way `docker build` sees it, for the engine's context rules: which
 * .dockerignore applies, and the list of files in the context folder (`ContextFile[]`).
 *
 * The walk is breadth-first and capped, so the top of a huge tree (a home folder, a monorepo) is
 * always seen and the walk ends in bounded time. Like BuildKit, it does not enter a folder the
 * .dockerignore excludes when no `!` line could bring anything inside back (node_modules, .git):
 * such a folder is listed as an entry of its own (`node_modules/`) and its files are not read.
 * Symbolic links are listed but never followed, like the build context itself: no loops, no
 * escaping the folder. Every file is listed with its path and size; only small text files whose
 * contents rules judge (`.env*`, `package.json` outside node_modules) carry their content. Empty
 * folders are listed with a trailing `/`, the engine's mark for a directory.
 */
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContextFile } from '../engine/index.ts';
// the engine's own .dockerignore semantics (a port of BuildKit's), so the walk prunes exactly what
// the context rules will call excluded
import { DockerignoreMatcher } from '../engine/dockerignore.ts';

/** The walk stops after this many files and folders. */
export const MAX_CONTEXT_ENTRIES = 20_000;
/** Files up to this size carry their content when their name says it matters. */
export const MAX_CONTENT_BYTES = 64 * 1024;
/** At most this many files carry content, whatever the tree looks like. */
export const MAX_CONTENT_FILES = 200;

export interface BuildContext {
  /** Absolute path of the context folder. */
  root: string;
  files: ContextFile[];
  /** True when the walk stopped at the entry limit; `files` is then the breadth-first prefix. */
  truncated: boolean;
  /** Context-relative folders that could not be listed, with the reason. */
  unreadable: { path: string; reason: string }[];
  /** Context-relative folders not entered because the .dockerignore excludes all of them. */
  pruned: string[];
}

export interface WalkOptions {
  /** The .dockerignore text that applies; folders BuildKit would not enter are not walked. */
  dockerignore?: string;
  maxEntries?: number;
  maxContentBytes?: number;
  maxContentFiles?: number;
}

/**
 * A test for "BuildKit does not enter this folder", or undefined when every folder must be walked.
 * BuildKit's walk (tonistiigi/fsutil) skips an excluded folder unless a `!` line could re-include
 * something inside it; a `!` line with wildcards could re-include anything, so then nothing is
 * skipped. The engine's DockerignoreMatcher makes the same decision for its own `match`.
 */
function prunerFor(dockerignore: string | undefined): ((dir: string) => boolean) | undefined {
  if (dockerignore === undefined) return undefined;
  const matcher = new DockerignoreMatcher(dockerignore);
  const exceptions = matcher.patterns.filter((p) => p.exception && !p.error).map((p) => p.pattern.replace(/\/\*\*$/, '').replace(/\/\*$/, ''));
  if (exceptions.some((p) => /[*[\]?^\\]/.test(p))) return undefined;
  return (dir) => matcher.match(dir).excluded && !exceptions.some((p) => `${p}/`.startsWith(`${dir}/`));
}

/** Whether a context file's content matters to the rules: env files (secrets) and package.json. */
export function wantsContent(relativePath: string): boolean {
  const segments = relativePath.split('/');
  if (segments.includes('node_modules')) return false;
  const name = segments[segments.length - 1];
  return name.startsWith('.env') || name === 'package.json';
}

/** UTF-8 text without NUL bytes, else undefined. */
function textOf(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function reasonOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Lists the context folder breadth-first, entries of a folder in code-unit order of their names.
 * The root must be a readable folder (the caller checks and reports that as an input error).
 */
export async function readBuildContext(root: string, options: WalkOptions = {}): Promise<BuildContext> {
  const maxEntries = options.maxEntries ?? MAX_CONTEXT_ENTRIES;
  const maxContentBytes = options.maxContentBytes ?? MAX_CONTENT_BYTES;
  const maxContentFiles = options.maxContentFiles ?? MAX_CONTENT_FILES;
  const excludesAll = prunerFor(options.dockerignore);
  const files: ContextFile[] = [];
  const unreadable: BuildContext['unreadable'] = [];
  const pruned: string[] = [];
  let entries = 0;
  let contentFiles = 0;
  let truncated = false;
  const queue: string[] = [''];

  walk: while (queue.length > 0) {
    const dir = queue.shift() as string;
    let listing;
    try {
      listing = await readdir(join(root, dir), { withFileTypes: true });
    } catch (err) {
      if (dir === '') throw err;
      unreadable.push({ path: dir, reason: reasonOf(err) });
      continue;
    }
    listing.sort(byName);
    if (listing.length === 0 && dir !== '') files.push({ path: `${dir}/`, size: 0 });
    for (const entry of listing) {
      if (entries >= maxEntries) {
        truncated = true;
        break walk;
      }
      entries++;
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const absolute = join(root, path);
      // Dirent types come from lstat: a symbolic link to a folder is a link here, never a folder
      if (entry.isDirectory()) {
        if (excludesAll?.(path)) {
          pruned.push(path);
          files.push({ path: `${path}/`, size: 0 });
        } else {
          queue.push(path);
        }
      } else if (entry.isSymbolicLink()) {
        try {
          files.push({ path, size: (await lstat(absolute)).size });
        } catch (err) {
          unreadable.push({ path, reason: reasonOf(err) });
        }
      } else if (entry.isFile()) {
        let size: number;
        try {
          size = (await stat(absolute)).size;
        } catch (err) {
          unreadable.push({ path, reason: reasonOf(err) });
          continue;
        }
        const file: ContextFile = { path, size };
        if (size <= maxContentBytes && contentFiles < maxContentFiles && wantsContent(path)) {
          try {
            const content = textOf(await readFile(absolute));
            if (content !== undefined) {
              file.content = content;
              contentFiles++;
            }
          } catch (err) {
            unreadable.push({ path, reason: reasonOf(err) });
          }
        }
        files.push(file);
      }
      // sockets, FIFOs and devices are not part of a build context
    }
  }
  return { root, files, truncated, unreadable, pruned };
}

export interface DockerignoreLocation {
  /** Absolute path of the ignore file the build uses, or of the one it would use when none exists. */
  path: string;
  exists: boolean;
  /** `dockerfile`: `<Dockerfile>.dockerignore` beside the Dockerfile; `context`: `.dockerignore` at the context root. */
  kind: 'dockerfile' | 'context';
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The ignore file that applies, as BuildKit picks it: `<Dockerfile name>.dockerignore` beside the
 * Dockerfile when it exists, else `.dockerignore` at the root of the context. Undefined when there
 * is neither a Dockerfile path nor a context (a Dockerfile read from stdin on its own).
 */
export async function findDockerignore(dockerfilePath: string | undefined, contextDir: string | undefined): Promise<DockerignoreLocation | undefined> {
  if (dockerfilePath !== undefined) {
    const specific = `${dockerfilePath}.dockerignore`;
    if (await isFile(specific)) return { path: specific, exists: true, kind: 'dockerfile' };
  }
  if (contextDir === undefined) return undefined;
  const general = join(contextDir, '.dockerignore');
  return { path: general, exists: await isFile(general), kind: 'context' };
}

