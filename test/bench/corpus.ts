/**
 * The benchmarks' corpus: test/fixtures/dockerfiles (real files of well-known projects), plus every
 * file under $SHIPSHAPE_CORPUS when it is set (a folder of Dockerfiles, walked recursively; hidden
 * files and a folder's own notes, README/LICENSE/*.md/*.txt, are left out and counted).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

export const FIXTURES = new URL('../fixtures/dockerfiles/', import.meta.url).pathname;

export interface CorpusFile {
  /** `fixtures/<name>` or `corpus/<path under $SHIPSHAPE_CORPUS>`. */
  name: string;
  path: string;
  text: string;
  lines: number;
}

export interface Corpus {
  files: CorpusFile[];
  /** Files of $SHIPSHAPE_CORPUS left out, with why. */
  skipped: string[];
  /** Where the files came from, for the report. */
  sources: string[];
}

export const lineCount = (text: string) => (text === '' ? 0 : text.split(/\r\n|\r|\n/).length - (/(\r\n|\r|\n)$/.test(text) ? 1 : 0));

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.')) continue;
    const path = join(dir, entry);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...walk(path));
    else if (st.isFile()) out.push(path);
  }
  return out;
}

const NOT_DOCKERFILE = /^(readme|license|licence|notice|copying)(\.|$)|\.(md|txt)$/i;

export function loadCorpus(extra = process.env.SHIPSHAPE_CORPUS): Corpus {
  const files: CorpusFile[] = [];
  const skipped: string[] = [];
  for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.Dockerfile')).sort()) {
    const path = join(FIXTURES, name);
    const text = readFileSync(path, 'utf8');
    files.push({ name: `fixtures/${name}`, path, text, lines: lineCount(text) });
  }
  const sources = [`test/fixtures/dockerfiles (${files.length} files)`];
  if (extra) {
    let added = 0;
    for (const path of walk(extra)) {
      const rel = relative(extra, path);
      if (NOT_DOCKERFILE.test(basename(path))) {
        skipped.push(rel);
        continue;
      }
      const buf = readFileSync(path);
      if (buf.includes(0)) {
        skipped.push(`${rel} (binary)`);
        continue;
      }
      const text = buf.toString('utf8');
      files.push({ name: `corpus/${rel}`, path, text, lines: lineCount(text) });
      added++;
    }
    sources.push(`$SHIPSHAPE_CORPUS (${added} files${skipped.length ? `; ${skipped.length} left out as not Dockerfiles` : ''})`);
  }
  return { files, skipped, sources };
}
