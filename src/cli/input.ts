/**
 * Turning PATH arguments into Dockerfiles to lint, and reading text input safely: a size limit
 * checked before reading, and binary input (NUL bytes, invalid UTF-8) refused with a clear message
 * instead of being linted as garbage.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { CliError, ioReason } from './errors.ts';

export type DockerfileSource = { kind: 'file'; absolutePath: string } | { kind: 'stdin' };

export interface TextInput {
  text: string;
  /** The file began with a UTF-8 byte order mark; it is not part of `text` and is restored on write. */
  bom: boolean;
}

/** How standard input is named in reports. */
export const STDIN_NAME = '<stdin>';

/** `Dockerfile`, `dockerfile` (Docker's own fallback), `*.Dockerfile`, `Dockerfile.*`; never an ignore file. */
export function isDockerfileName(name: string): boolean {
  if (name.endsWith('.dockerignore')) return false;
  return name === 'Dockerfile' || name === 'dockerfile' || /.\.Dockerfile$/.test(name) || /^Dockerfile\../.test(name);
}

/** A path as the user should see it: relative to the working directory, `/`-separated. */
export function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath);
  if (rel === '') return '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

async function dockerfilesIn(dir: string, shown: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new CliError(`cannot read ${shown}: ${ioReason(err)}`);
  }
  const found: string[] = [];
  for (const name of names.filter(isDockerfileName)) {
    try {
      if ((await stat(join(dir, name))).isFile()) found.push(name);
    } catch {
      // a dangling link named like a Dockerfile is not one
    }
  }
  if (found.length === 0) throw new CliError(`no Dockerfile in ${shown} (looked for Dockerfile, *.Dockerfile and Dockerfile.*)`);
  const rank = (n: string) => (n === 'Dockerfile' || n === 'dockerfile' ? 0 : 1);
  found.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return found.map((n) => join(dir, n));
}

/** Expands PATH arguments in order: files as given, directories to their Dockerfiles, `-` to stdin. */
export async function resolvePaths(paths: readonly string[], cwd: string): Promise<DockerfileSource[]> {
  const sources: DockerfileSource[] = [];
  const seen = new Set<string>();
  for (const arg of paths) {
    if (arg === '-') {
      sources.push({ kind: 'stdin' });
      continue;
    }
    const absolute = resolve(cwd, arg);
    let info;
    try {
      info = await stat(absolute);
    } catch (err) {
      throw new CliError(`cannot read ${arg}: ${ioReason(err)}`);
    }
    const files = info.isDirectory() ? await dockerfilesIn(absolute, arg) : info.isFile() ? [absolute] : undefined;
    if (!files) throw new CliError(`cannot read ${arg}: not a regular file or directory`);
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      sources.push({ kind: 'file', absolutePath: file });
    }
  }
  return sources;
}

/** Decodes input bytes as UTF-8 text, refusing binary data. `name` is used in the error message. */
export function decodeText(bytes: Uint8Array, name: string): TextInput {
  // Windows editors' "Unicode": readable text, but not what Docker reads; say so rather than "NUL byte"
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new CliError(`${name} is UTF-16 text; Docker reads UTF-8: save it as UTF-8`);
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new CliError(`${name} is not a text file (NUL byte at offset ${nul})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CliError(`${name} is not valid UTF-8 text`);
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom };
}

function tooLarge(name: string, size: number, maxSize: number): CliError {
  return new CliError(`${name} is ${size} bytes, over the ${maxSize}-byte limit (raise it with --max-size if this really is a Dockerfile)`);
}

/** Reads a text file no larger than `maxSize` bytes. */
export async function readTextFile(absolutePath: string, name: string, maxSize: number): Promise<TextInput> {
  let bytes: Uint8Array;
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) throw new CliError(`cannot read ${name}: not a regular file`);
    if (info.size > maxSize) throw tooLarge(name, info.size, maxSize);
    bytes = await readFile(absolutePath);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${name}: ${ioReason(err)}`);
  }
  // the file may have grown between stat and read
  if (bytes.length > maxSize) throw tooLarge(name, bytes.length, maxSize);
  return decodeText(bytes, name);
}

/** Reads standard input to the end, refusing more than `maxSize` bytes as soon as they arrive. */
export async function readStdin(stream: AsyncIterable<unknown>, maxSize: number): Promise<TextInput> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
      size += bytes.length;
      if (size > maxSize) throw new CliError(`standard input is over the ${maxSize}-byte limit (raise it with --max-size)`);
      chunks.push(bytes);
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read standard input: ${ioReason(err)}`);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length;
  }
  return decodeText(all, 'standard input');
}

/** Checks a folder given on the command line (--context) and returns its absolute path. */
export async function requireDirectory(path: string, cwd: string, option: string): Promise<string> {
  const absolute = resolve(cwd, path);
  let info;
  try {
    info = await stat(absolute);
  } catch (err) {
    throw new CliError(`${option} ${path}: ${ioReason(err)}`);
  }
  if (!info.isDirectory()) throw new CliError(`${option} ${path}: not a directory`);
  return absolute;
}
