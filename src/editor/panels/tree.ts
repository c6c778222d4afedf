/**
 * The project tree shown under the editor: the exercise's flat context list as nested directories
 * with sizes, compacted like an editor's file explorer (`.github/workflows/` on one row), and what
 * each directory's files say about it (all excluded by one line, partly excluded, sent). Pure.
 */
import type { PatternRef } from './preview-data.ts';

export interface TreeNode {
  /** What the row shows: a file name, or one or more directory names joined (`@prisma/client/runtime`). */
  name: string;
  /** Context path ('' for the root). */
  path: string;
  kind: 'dir' | 'file';
  /** Bytes of the file, or of every file below the directory. */
  size: number;
  /** Files below (1 for a file). */
  files: number;
  children: TreeNode[];
}

/** Builds the tree: directories first, then files, each sorted by name; a trailing `/` marks an empty directory. */
export function buildTree(entries: readonly { path: string; size: number }[]): TreeNode {
  const root: TreeNode = { name: '', path: '', kind: 'dir', size: 0, files: 0, children: [] };
  const dirs = new Map<string, TreeNode>([['', root]]);
  const dirFor = (path: string): TreeNode => {
    const found = dirs.get(path);
    if (found) return found;
    const cut = path.lastIndexOf('/');
    const parent = dirFor(cut < 0 ? '' : path.slice(0, cut));
    const node: TreeNode = { name: path.slice(cut + 1), path, kind: 'dir', size: 0, files: 0, children: [] };
    parent.children.push(node);
    dirs.set(path, node);
    return node;
  };
  const seen = new Set<string>();
  for (const e of entries) {
    const isDir = e.path.endsWith('/');
    const path = e.path.replace(/^\.\//, '').replace(/\/+$/, '');
    if (path === '') continue;
    if (isDir) {
      dirFor(path);
      continue;
    }
    if (seen.has(path)) continue;
    seen.add(path);
    const cut = path.lastIndexOf('/');
    const parent = dirFor(cut < 0 ? '' : path.slice(0, cut));
    parent.children.push({ name: path.slice(cut + 1), path, kind: 'file', size: e.size, files: 1, children: [] });
  }
  const total = (n: TreeNode): void => {
    if (n.kind === 'file') return;
    n.size = 0;
    n.files = 0;
    for (const c of n.children) {
      total(c);
      n.size += c.size;
      n.files += c.files;
    }
    n.children.sort((a, b) => (a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind === 'dir' ? -1 : 1));
  };
  total(root);
  return root;
}

/** Merges chains of directories that hold only one directory into one row: `.github` > `workflows` -> `.github/workflows`. */
export function compactTree(node: TreeNode): TreeNode {
  if (node.kind === 'file') return node;
  let current = node;
  let name = node.name;
  while (node.path !== '' && current.children.length === 1 && current.children[0].kind === 'dir') {
    current = current.children[0];
    name = `${name}/${current.name}`;
  }
  return { ...current, name, children: current.children.map(compactTree) };
}

/** Every file path below a node. */
export function filesBelow(node: TreeNode): string[] {
  if (node.kind === 'file') return [node.path];
  return node.children.flatMap(filesBelow);
}

export interface FileState {
  sent: boolean;
  pattern?: PatternRef;
}

export interface DirState {
  state: 'sent' | 'excluded' | 'partial';
  excludedFiles: number;
  excludedSize: number;
  /** The one line that excluded every file below, when one did. */
  pattern?: PatternRef;
}

/** Sums up a directory from its files' states. */
export function dirState(node: TreeNode, stateOf: (path: string) => FileState | undefined, sizeOf: (path: string) => number): DirState {
  const paths = filesBelow(node);
  let excludedFiles = 0;
  let excludedSize = 0;
  let common: PatternRef | undefined;
  let same = true;
  for (const p of paths) {
    const s = stateOf(p);
    if (!s || s.sent) continue;
    excludedFiles++;
    excludedSize += sizeOf(p);
    if (excludedFiles === 1) common = s.pattern;
    else if (!s.pattern || !common || s.pattern.line !== common.line) same = false;
  }
  if (excludedFiles === 0) return { state: 'sent', excludedFiles, excludedSize };
  if (excludedFiles < paths.length) return { state: 'partial', excludedFiles, excludedSize };
  return { state: 'excluded', excludedFiles, excludedSize, ...(same && common ? { pattern: common } : {}) };
}

/** Whether a directory starts open: small ones do, big ones (a node_modules) start closed. */
export function startsOpen(node: TreeNode, limit = 6): boolean {
  return node.kind === 'dir' && node.files <= limit;
}
