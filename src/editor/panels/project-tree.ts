/**
 * The project tree under the editor: the exercise's files with their sizes, as the build sees them.
 * Files the .dockerignore keeps out are struck through with the line that did it, files a COPY/ADD
 * takes are marked with its line, and files that look like credentials are flagged while the build
 * can read them. The DOM is built once (the project never changes) and only its states are updated
 * on each grade, so open folders and keyboard focus survive the learner's typing.
 */
import type { ContextFile } from '../../engine/types.ts';
import { append, code, h, type Child } from './dom.ts';
import { contextBytes, lineLabel, plural } from './format.ts';
import type { ContextFilePreview, ContextPreview, PatternRef } from './preview-data.ts';
import { buildTree, compactTree, dirState, filesBelow, startsOpen, type TreeNode } from './tree.ts';

interface Row {
  node: TreeNode;
  item: HTMLLIElement;
  note: HTMLElement;
  tags: HTMLElement;
  parent: Row | undefined;
}

export interface ProjectTree {
  element: HTMLElement;
  update(context: ContextPreview | undefined): void;
}

/** `excluded by `node_modules` (line 2)`, with the pattern as code. */
export function patternNote(verb: string, p: PatternRef): Child[] {
  return [`${verb} by `, code(p.text), ` (${lineLabel(p.line)})`];
}

function sameLines(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function copyTag(lines: readonly number[]): string {
  return lines.length === 1 ? `COPY ${lineLabel(lines[0])}` : `COPY lines ${lines.map((l) => l + 1).join(', ')}`;
}

export function createProjectTree(files: readonly ContextFile[], options: { open: boolean; hasDockerignore: boolean }): ProjectTree {
  const root = compactTree(buildTree(files));
  const rows: Row[] = [];
  const stats = h('span', { class: 'ex-tree-stats' }, `${plural(root.files, 'file')}, ${contextBytes(root.size)}`);
  const list = h('ul', { class: 'ex-tree-list', 'aria-label': 'Project files' });

  const build = (node: TreeNode, into: HTMLUListElement, parent: Row | undefined) => {
    const note = h('span', { class: 'ex-tree-note' });
    const tags = h('span', { class: 'ex-tree-tags' });
    const size = h('span', { class: 'ex-tree-size' }, contextBytes(node.size));
    const item = h('li', { class: 'ex-tree-item', 'data-path': node.path, 'data-kind': node.kind });
    const row: Row = { node, item, note, tags, parent };
    rows.push(row);
    if (node.kind === 'file') {
      item.append(h('div', { class: 'ex-tree-row' }, h('span', { class: 'ex-tree-name' }, node.name), tags, size, note));
    } else {
      const children = h('ul', { class: 'ex-tree-children' });
      const details = h(
        'details',
        { class: 'ex-tree-dir', open: startsOpen(node, 3) },
        // the note sits in the summary, so a closed folder still says why it is struck through
        h('summary', { class: 'ex-tree-row' }, h('span', { class: 'ex-tree-name' }, `${node.name}/`), tags, size, note),
        children,
      );
      item.append(details);
      for (const c of node.children) build(c, children, row);
    }
    into.append(item);
  };
  for (const c of root.children) build(c, list, undefined);

  const element = h(
    'details',
    { class: 'ex-tree', open: options.open, 'data-sent-files': root.files },
    h('summary', { class: 'ex-tree-summary' }, h('span', { class: 'ex-tree-title' }, 'Project files'), ' ', stats),
    h(
      'p',
      { class: 'ex-tree-legend' },
      options.hasDockerignore
        ? 'What the build would receive. Struck through: kept out by the .dockerignore. Marked: taken by a COPY or ADD.'
        : 'What the build would receive. Marked: taken by a COPY or ADD.',
    ),
    h('div', { class: 'ex-tree-scroll' }, list),
  );

  const legendCopy = h('span', { class: 'ex-tree-legend-copy' });
  element.querySelector('.ex-tree-legend')?.append(legendCopy);
  const dirRows = () => rows.filter((r) => r.node.kind === 'dir');
  let first = true;

  const update = (context: ContextPreview | undefined) => {
    if (!context) {
      element.dataset.state = 'unknown';
      return;
    }
    delete element.dataset.state;
    element.dataset.sentFiles = String(context.sentFiles);
    stats.textContent =
      `${plural(context.totalFiles, 'file')}, ${contextBytes(context.totalSize)} · ` +
      (context.excludedFiles === 0 ? 'the build receives all of them' : `the build receives ${plural(context.sentFiles, 'file')}, ${contextBytes(context.sentSize)}`);
    const byPath = new Map<string, ContextFilePreview>(context.files.map((f) => [f.path, f]));
    const sizeOf = (p: string) => byPath.get(p)?.size ?? 0;
    const dirStates = new Map<Row, ReturnType<typeof dirState>>();
    const dirCopies = new Map<Row, number[] | null>();
    // lines that take every file the build receives (`COPY . .`) are said once, in the legend; rows
    // are tagged with the other COPY lines that take them
    const sentAll = context.files.filter((f) => f.sent);
    const common = sentAll.length > 1 ? sentAll.reduce<number[]>((acc, f) => acc.filter((l) => f.copiedBy.includes(l)), sentAll[0].copiedBy) : [];
    const extra = (lines: readonly number[]) => lines.filter((l) => !common.includes(l));
    legendCopy.textContent = common.length > 0 ? ` ${copyTag(common)} takes every file the build receives.` : '';
    const copyTagOf = (lines: number[]) => h('span', { class: 'ex-tree-tag', 'data-tag': 'copy' }, copyTag(lines));

    for (const row of rows) {
      const { node, item, note, tags } = row;
      const notes: Child[] = [];
      const tagList: HTMLElement[] = [];
      const parentState = row.parent ? dirStates.get(row.parent) : undefined;
      const parentCopies = row.parent ? dirCopies.get(row.parent) : null;
      if (node.kind === 'dir') {
        const state = dirState(node, (p) => byPath.get(p), sizeOf);
        dirStates.set(row, state);
        item.dataset.state = state.state;
        // the COPY lines every sent file below shares, shown once on the folder
        const sent = state.state === 'excluded' ? [] : filesBelow(node).flatMap((p) => (byPath.get(p)?.sent ? [byPath.get(p) as ContextFilePreview] : []));
        const first = sent.length > 0 ? extra(sent[0].copiedBy) : [];
        const shared = first.length > 0 && sent.every((f) => sameLines(extra(f.copiedBy), first)) ? first : null;
        dirCopies.set(row, shared);
        if (shared && !(parentCopies && sameLines(parentCopies, shared))) tagList.push(copyTagOf(shared));
        if (sent.length > 0 && sent.every((f) => f.copiedBy.length > 0)) item.dataset.copied = 'true';
        else delete item.dataset.copied;
        const inherited = parentState?.state === 'excluded' && parentState.pattern && state.pattern?.line === parentState.pattern.line;
        if (state.state === 'excluded' && state.pattern && !inherited) notes.push(patternNote('excluded', state.pattern));
        else if (state.state === 'excluded' && !state.pattern) notes.push('everything in it is excluded');
        else if (state.state === 'partial') notes.push(`${plural(state.excludedFiles, 'file')} of ${node.files} excluded (${contextBytes(state.excludedSize)})`);
      } else {
        const f = byPath.get(node.path);
        if (!f) continue;
        item.dataset.state = f.sent ? 'sent' : 'excluded';
        const inherited = parentState?.state === 'excluded' && parentState.pattern && f.pattern?.line === parentState.pattern.line;
        if (!f.sent && f.pattern && !inherited) notes.push(patternNote('excluded', f.pattern));
        if (f.sent && f.pattern?.exception) notes.push(patternNote('re-included', f.pattern));
        const own = extra(f.copiedBy);
        if (f.copiedBy.length > 0) item.dataset.copied = 'true';
        else delete item.dataset.copied;
        if (own.length > 0 && !(parentCopies && sameLines(parentCopies, own))) tagList.push(copyTagOf(own));
        if (f.secret && f.sent) {
          item.dataset.secret = 'true';
          const copied = f.copiedBy.length > 0;
          tagList.push(h('span', { class: 'ex-tree-tag', 'data-tag': copied ? 'secret-copied' : 'secret' }, copied ? 'secret in the image' : 'secret in the context'));
          notes.push(`looks like ${f.secret}`);
        } else delete item.dataset.secret;
      }
      tags.replaceChildren(...tagList);
      note.replaceChildren();
      notes.forEach((n, i) => append(note, i > 0 ? [' · ', n] : [n]));
    }
    // folders the .dockerignore keeps out start closed: nothing in them reaches the build
    if (first) {
      first = false;
      for (const r of dirRows()) if (dirStates.get(r)?.state === 'excluded') r.item.querySelector('details')?.removeAttribute('open');
    }
  };

  return { element, update };
}
