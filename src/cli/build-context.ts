/**
 * Reads the build context the way `docker build` sees it, for the engine's context rules: which
 * .dockerignore applies, and the list of files in the context folder (`ContextFile[]`).
 *
 * The walk is breadth-first and capped, so the top of a huge tree (a repository with node_modules,
 * a home folder) is always seen and the walk ends in bounded time. Symbolic links are listed as
 * entries but never followed, like the build context itself: no loops, no escaping the folder.
 * Every file is listed with its path and size; only small text files whose contents rules judge
 * (`.env*`, `package.json` outside node_modules) carry their content.
 */
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContextFile } from '../engine/index.ts';

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
}

export interface WalkLimits {
  maxEntries?: number;
  maxContentBytes?: number;
  maxContentFiles?: number;
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
export async function readBuildContext(root: string, limits: WalkLimits = {}): Promise<BuildContext> {
  const maxEntries = limits.maxEntries ?? MAX_CONTEXT_ENTRIES;
  const maxContentBytes = limits.maxContentBytes ?? MAX_CONTENT_BYTES;
  const maxContentFiles = limits.maxContentFiles ?? MAX_CONTENT_FILES;
  const files: ContextFile[] = [];
  const unreadable: BuildContext['unreadable'] = [];
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
        queue.push(path);
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
  return { root, files, truncated, unreadable };
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

