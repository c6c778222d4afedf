/**
 * The "Build context" panel: what `docker build` would receive (count and size, next to what the
 * .dockerignore keeps out), what each .dockerignore line does in this project, and every COPY/ADD
 * source resolved against the context, with the rules' finding when a source is excluded, missing
 * or secret.
 */
import { code, codeText, fill, h, type Child } from './dom.ts';
import { contextBytes, lineLabel, percent, plural } from './format.ts';
import type { ContextPreview, CopyPreview, SourcePreview } from './preview-data.ts';
import { patternNote } from './project-tree.ts';

export function renderContext(into: HTMLElement, context: ContextPreview | undefined, hasDockerignore: boolean): void {
  if (!context) {
    fill(into, h('p', { class: 'ex-pv-note' }, 'This exercise does not describe its project files, so the build context is unknown.'));
    return;
  }
  const lead = !hasDockerignore
    ? 'There is no .dockerignore, so the build receives the whole project.'
    : context.patterns.length === 0
      ? 'The .dockerignore has no patterns yet, so the build receives the whole project.'
      : context.excludedFiles === 0
        ? 'The .dockerignore excludes nothing in this project: the build receives all of it.'
        : null;
  fill(into, 
    h(
      'div',
      { class: 'ex-pv-summary', 'data-sent-files': context.sentFiles, 'data-sent-bytes': context.sentSize },
      h(
        'p',
        { class: 'ex-pv-figure ex-ctx-sent' },
        h('span', { class: 'ex-pv-figure-value' }, contextBytes(context.sentSize)),
        h('span', { class: 'ex-pv-figure-label' }, `sent: ${plural(context.sentFiles, 'file')} of ${context.totalFiles}`),
      ),
      h(
        'p',
        { class: 'ex-pv-figure ex-ctx-excluded' },
        h('span', { class: 'ex-pv-figure-value' }, contextBytes(context.excludedSize)),
        h('span', { class: 'ex-pv-figure-label' }, `kept out: ${plural(context.excludedFiles, 'file')}`),
      ),
      h(
        'div',
        { class: 'ex-pv-bar', 'aria-hidden': 'true' },
        h('span', { class: 'ex-pv-bar-part', 'data-part': 'sent', style: `width: ${percent(context.sentSize, context.totalSize)}%` }),
        h('span', { class: 'ex-pv-bar-part', 'data-part': 'excluded', style: `width: ${percent(context.excludedSize, context.totalSize)}%` }),
      ),
    ),
    lead ? h('p', { class: 'ex-pv-lead' }, lead) : null,
    hasDockerignore && context.patterns.length > 0 ? patternsTable(context) : null,
    context.problems.length > 0
      ? h(
          'ul',
          { class: 'ex-pv-problems', 'aria-label': 'Problems in the .dockerignore' },
          context.problems.map((p) => h('li', { 'data-severity': 'error' }, `${lineLabel(p.line)}: `, codeText(p.message))),
        )
      : null,
    copiesSection(context.copies),
    secretsNote(context),
  );
}

function patternsTable(context: ContextPreview): HTMLElement {
  return h(
    'table',
    { class: 'ex-pv-table ex-ctx-patterns' },
    h('caption', null, 'What each .dockerignore line does here'),
    h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'ex-pv-num' }, 'Line'), h('th', { scope: 'col' }, 'Pattern'), h('th', { scope: 'col' }, 'In this project'))),
    h(
      'tbody',
      null,
      context.patterns.map((p) => {
        const effect: Child = p.error
          ? h('span', { 'data-tone': 'fail' }, 'Docker rejects this line: ', codeText(p.error))
          : p.files === 0
            ? h('span', { 'data-tone': 'muted' }, p.exception ? 're-includes nothing' : 'matches nothing')
            : `${p.exception ? 're-includes' : 'excludes'} ${plural(p.files, 'file')}, ${contextBytes(p.size)}`;
        return h('tr', { 'data-effect': p.error ? 'error' : p.files === 0 ? 'none' : p.exception ? 'include' : 'exclude' }, h('td', { class: 'ex-pv-num' }, p.line + 1), h('td', null, code(p.text)), h('td', null, effect));
      }),
    ),
  );
}

function sourceStatus(copy: CopyPreview, s: SourcePreview): { tone: string; text: Child[] } {
  if (copy.from !== null) return { tone: 'muted', text: [`from ${/^\d+$/.test(copy.from) ? 'stage ' : ''}`, code(copy.from), ', not from the context'] };
  switch (s.status) {
    case 'ok':
      return { tone: 'pass', text: [s.directory || s.kind === 'glob' ? `${plural(s.files, 'file')}, ${contextBytes(s.size)}` : contextBytes(s.size)] };
    case 'ignored': {
      const first = s.ignored[0];
      return { tone: 'fail', text: first?.pattern ? patternNote('excluded', first.pattern) : ['excluded by the .dockerignore'] };
    }
    case 'missing':
      return { tone: 'fail', text: ['not in the project: the build fails'] };
    case 'no-match':
      return { tone: 'warn', text: ['matches no file: nothing is copied'] };
    default:
      return {
        tone: 'muted',
        text: [s.kind === 'url' ? 'downloaded from a URL' : s.kind === 'heredoc' ? 'written inline (heredoc)' : s.kind === 'variable' ? 'depends on a variable: not resolved here' : 'not resolved here'],
      };
  }
}

function copiesSection(copies: CopyPreview[]): HTMLElement {
  if (copies.length === 0) return h('p', { class: 'ex-pv-note' }, 'No COPY or ADD takes anything from the context yet.');
  return h(
    'div',
    { class: 'ex-ctx-copies' },
    h('h5', { class: 'ex-pv-subheading' }, 'What COPY and ADD take from it'),
    h(
      'ul',
      { class: 'ex-pv-list ex-pv-plain' },
      copies.map((c) =>
        h(
          'li',
          { class: 'ex-ctx-copy', 'data-line': c.line + 1 },
          h('span', { class: 'ex-pv-where' }, lineLabel(c.line)),
          ' ',
          code(`${c.keyword} ${c.text}`),
          c.stageName ? h('span', { class: 'ex-pv-muted' }, ` (stage ${c.stageName})`) : null,
          h(
            'ul',
            { class: 'ex-ctx-sources' },
            c.sources.map((s) => {
              const status = sourceStatus(c, s);
              return h(
                'li',
                { class: 'ex-ctx-source', 'data-status': c.from !== null ? 'from-stage' : s.status, 'data-tone': status.tone },
                code(s.text),
                ': ',
                h('span', { class: 'ex-ctx-status' }, status.text),
                s.secrets.length > 0 && !s.findings.some((f) => f.rule === 'no-secret-files')
                  ? h('span', { class: 'ex-pv-finding', 'data-severity': 'warning' }, 'Takes ', s.secrets.map((x, i) => [i > 0 ? ', ' : '', code(x.path), ` (${x.what})`]), '.')
                  : null,
                s.findings.map((f) => h('span', { class: 'ex-pv-finding', 'data-severity': f.severity }, codeText(f.message))),
              );
            }),
          ),
        ),
      ),
    ),
  );
}

function secretsNote(context: ContextPreview): HTMLElement | null {
  const sent = context.files.filter((f) => f.secret && f.sent);
  if (sent.length === 0) return null;
  return h(
    'p',
    { class: 'ex-pv-finding', 'data-severity': 'warning' },
    `The build receives ${sent.length === 1 ? 'a file' : 'files'} that ${sent.length === 1 ? 'looks' : 'look'} like credentials: `,
    sent.map((f, i) => [i > 0 ? ', ' : '', code(f.path), ` (${f.secret})`]),
    '. Whatever is in the context, a COPY can take: keep them out with the .dockerignore.',
  );
}
