/**
 * The sources of an ADD (or COPY) instruction with their ranges, in shell form and JSON form, and
 * what kind of source each is: a local path, an HTTP(S) URL or a Git repository (BuildKit's rules).
 */
import type { DockerfileModel, Instruction } from './model.ts';
import type { Word } from './shell.ts';

export type AddSourceKind = 'local' | 'http' | 'git' | 'heredoc' | 'variable';

export interface AddSource extends Word {
  kind: AddSourceKind;
}

/** scp-like `git@host:org/repo`, `git://`, `ssh://`, or an HTTP(S) URL whose path ends in `.git`. */
export function isGitSource(src: string): boolean {
  if (/^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/.test(src) || /^(git|ssh):\/\//i.test(src)) return true;
  if (!/^https?:\/\//i.test(src)) return false;
  // cut at the first `#` or `?` (indexOf-style: `/[#?].*$/` backtracks quadratically on `???...`)
  const cut = src.search(/[#?]/);
  const path = cut < 0 ? src : src.slice(0, cut);
  return /\.git\/?$/.test(path);
}

function kindOf(src: string): AddSourceKind {
  if (src.startsWith('<<')) return 'heredoc';
  if (isGitSource(src)) return 'git';
  if (/^https?:\/\//i.test(src)) return 'http';
  if (src.startsWith('$')) return 'variable';
  return 'local';
}

/** Sources of ADD/COPY (every argument but the destination). */
export function addSources(model: DockerfileModel, ins: Instruction): AddSource[] {
  const text = ins.argumentsText.trim();
  let values: string[] | null = null;
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) values = parsed as string[];
    } catch {
      values = null;
    }
  }
  if (!values) return ins.args.slice(0, -1).map((w) => ({ ...w, kind: kindOf(w.value) }));
  // JSON form: locate each string among the raw words to give it a precise range
  const out: AddSource[] = [];
  let from = ins.argumentsRange ? model.doc.offsetAt(ins.argumentsRange.start) : model.doc.offsetAt(ins.range.start);
  const end = model.doc.offsetAt(ins.range.end);
  for (const value of values.slice(0, -1)) {
    const quoted = JSON.stringify(value);
    const at = model.text.indexOf(quoted, from);
    if (at < 0 || at > end) continue;
    out.push({ value, range: model.doc.range(at + 1, at + quoted.length - 1), kind: kindOf(value) });
    from = at + quoted.length;
  }
  return out;
}
