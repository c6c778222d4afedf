/**
 * Inline suppression comments:
 *   # shipshape ignore=rule-a,rule-b -- reason        the next instruction
 *   # shipshape stage-ignore=rule-a -- reason         the stage the comment is in (or the FROM below it)
 *   # shipshape file-ignore=rule-a -- reason          the whole file (before the first FROM)
 *   # hadolint ignore=DL3008,DL3009                    the next instruction, via the rules' related ids
 *   # hadolint global ignore=DL3008                    the whole file
 * A rule id `all` matches every rule.
 */
import type { DockerfileModel } from './model.ts';
import type { Finding, RuleMeta } from './types.ts';

interface Suppression {
  scope: 'instruction' | 'stage' | 'file';
  /** shipshape rule ids, or hadolint ids prefixed with `hadolint:`. */
  ids: string[];
  /** For instruction scope: the instruction's first and last line. */
  lines?: [number, number];
  stage?: number;
}

// The id lists are read by listBeforeReason, not by the expressions: a lazy list of blanks next to
// `\s*` and `\s+--` backtracked cubically (a comment `# shipshape ignore=` with 1,000 blanks and a
// `!` took seconds).
const SHIPSHAPE = /^#\s*shipshape\s+(ignore|stage-ignore|file-ignore)\s*=(.*)$/;
const HADOLINT = /^#\s*hadolint\s+(global\s+)?ignore\s*=(.*)$/;
const SHIPSHAPE_ID_CHAR = /[A-Za-z0-9_,\s-]/;
const HADOLINT_IDS = /^[A-Za-z0-9_,\s]*$/;
const BLANK = /\s/;

/** The id list of `ids -- reason` (the reason is optional), or null when a character is not allowed in ids. */
function listBeforeReason(rest: string): string | null {
  let k = 0;
  while (k < rest.length) {
    if (BLANK.test(rest[k])) {
      let j = k;
      while (j < rest.length && BLANK.test(rest[j])) j++;
      if (rest.startsWith('--', j)) return rest.slice(0, k);
      k = j;
      continue;
    }
    if (!SHIPSHAPE_ID_CHAR.test(rest[k])) return null;
    k++;
  }
  return rest;
}

function splitIds(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function collectSuppressions(model: DockerfileModel): Suppression[] {
  const out: Suppression[] = [];
  const firstFromLine = model.stages[0]?.from.range.start.line ?? Number.POSITIVE_INFINITY;
  for (const c of model.comments) {
    // both expressions need their word: most comments have neither
    if (!c.text.includes('shipshape') && !c.text.includes('hadolint')) continue;
    const text = model.doc.lineText(c.range.start.line).trim();
    const line = c.range.start.line;
    let scope: Suppression['scope'] | undefined;
    let ids: string[] = [];
    const shipshape = SHIPSHAPE.exec(text);
    const list = shipshape ? listBeforeReason(shipshape[2]) : null;
    const m = list !== null ? shipshape : null;
    if (m && list !== null) {
      scope = m[1] === 'ignore' ? 'instruction' : m[1] === 'stage-ignore' ? 'stage' : 'file';
      ids = splitIds(list);
    } else {
      const h = HADOLINT.exec(text);
      if (!h || !HADOLINT_IDS.test(h[2])) continue;
      scope = h[1] ? 'file' : 'instruction';
      ids = splitIds(h[2]).map((id) => `hadolint:${id.toUpperCase()}`);
    }
    if (scope === 'file' && m && line > firstFromLine) continue; // file-ignore belongs at the top
    if (scope === 'instruction') {
      // the next instruction after the comment (other comments may stand between)
      const next = model.instructions.find((i) => i.range.start.line > line);
      if (!next) continue;
      const between = next.range.start.line - line;
      const onlyComments = Array.from({ length: between - 1 }, (_, k) => model.doc.lineText(line + 1 + k).trim()).every((t) => t.startsWith('#'));
      if (!onlyComments) continue;
      out.push({ scope, ids, lines: [next.range.start.line, next.range.end.line] });
    } else if (scope === 'stage') {
      // inside a stage, or directly above its FROM
      const containing = [...model.stages].reverse().find((s) => s.from.range.start.line <= line);
      const below = model.stages.find((s) => s.from.range.start.line > line);
      const stage = containing ?? below;
      if (!stage) continue;
      const target = below && (!containing || isDirectlyAbove(model, line, below.from.range.start.line)) ? below : stage;
      out.push({ scope, ids, stage: target.index });
    } else {
      out.push({ scope, ids });
    }
  }
  return out;
}

function isDirectlyAbove(model: DockerfileModel, line: number, target: number): boolean {
  for (let l = line + 1; l < target; l++) if (!model.doc.lineText(l).trim().startsWith('#')) return false;
  return true;
}

export function isSuppressed(finding: Finding, meta: RuleMeta | undefined, suppressions: readonly Suppression[]): boolean {
  if (suppressions.length === 0) return false;
  const hadolintIds = meta?.related.hadolint?.map((id) => `hadolint:${id}`) ?? [];
  const matches = (ids: string[]) => ids.some((id) => id === 'all' || id === finding.rule || hadolintIds.includes(id));
  for (const s of suppressions) {
    if (!matches(s.ids)) continue;
    if (s.scope === 'file') return true;
    if (s.scope === 'stage' && finding.stage === s.stage) return true;
    if (s.scope === 'instruction' && s.lines && finding.file === 'Dockerfile') {
      const line = finding.range.start.line;
      if (line >= s.lines[0] && line <= s.lines[1]) return true;
    }
  }
  return false;
}
