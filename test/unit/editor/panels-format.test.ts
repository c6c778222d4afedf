import { describe, expect, it } from 'vitest';
import { contextBytes, formatSeconds, imageBytes, jsonArray, layerSize, lineLabel, percent, plural, shorten, splitShellForm } from '../../../src/editor/panels/format.ts';
import { buildTree, compactTree, dirState, filesBelow, startsOpen, type TreeNode } from '../../../src/editor/panels/tree.ts';

describe('panel formatting', () => {
  it('writes build-context sizes in binary units, as the lessons and rules do', () => {
    expect(contextBytes(0)).toBe('0 B');
    expect(contextBytes(1023)).toBe('1023 B');
    expect(contextBytes(1024)).toBe('1 KB');
    expect(contextBytes(1536)).toBe('1.5 KB');
    expect(contextBytes(275_170_202)).toBe('262 MB');
    // never "1024 KB": rounding up moves to the next unit
    expect(contextBytes(1024 * 1024 - 10)).toBe('1 MB');
  });

  it('writes image sizes in Docker’s decimal units, matching the base-image data', () => {
    expect(imageBytes(42_000_000)).toBe('42 MB');
    expect(imageBytes(148_842)).toBe('149 KB');
    expect(imageBytes(999)).toBe('999 B');
    expect(imageBytes(1_250_000_000)).toBe('1.3 GB');
  });

  it('marks estimates and never guesses an unknown size', () => {
    expect(layerSize(15_000_000, 'estimate')).toBe('≈ 15 MB');
    expect(layerSize(148_842, 'exact')).toBe('149 KB');
    expect(layerSize(0, 'exact')).toBe('0 B');
    expect(layerSize(0, 'estimate')).toBe('0 B');
    expect(layerSize(null, 'unknown')).toBe('unknown');
    expect(layerSize(5, 'unknown')).toBe('unknown');
  });

  it('writes build times', () => {
    expect(formatSeconds(0)).toBe('0 s');
    expect(formatSeconds(0.5)).toBe('< 1 s');
    expect(formatSeconds(35)).toBe('35 s');
    expect(formatSeconds(66)).toBe('1 min 6 s');
    expect(formatSeconds(120)).toBe('2 min');
  });

  it('counts, lines, arrays and shortening', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(1204, 'file')).toBe('1,204 files');
    expect(plural(2, 'child', 'children')).toBe('2 children');
    expect(lineLabel(0)).toBe('line 1');
    expect(jsonArray(['node', 'server.js'])).toBe('["node", "server.js"]');
    expect(jsonArray(['sh', '-c', 'echo "hi"'])).toBe('["sh", "-c", "echo \\"hi\\""]');
    expect(shorten('RUN   apt-get update &&\n  apt-get install -y curl', 20)).toBe('RUN apt-get update …');
    expect(shorten('short', 20)).toBe('short');
  });

  it('splits a shell-form command into the shell and its script', () => {
    expect(splitShellForm(['/bin/sh', '-c', 'uvicorn app'])).toEqual({ shell: ['/bin/sh', '-c'], script: 'uvicorn app' });
    expect(splitShellForm(['pwsh', '-Command', 'x'])).toEqual({ shell: ['pwsh', '-Command'], script: 'x' });
    expect(splitShellForm(['x'])).toBeNull();
  });

  it('gives bar widths that are never NaN and never vanish for a non-zero part', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(5, 0)).toBe(0);
    expect(percent(1, 10_000)).toBe(1);
    expect(percent(50, 100)).toBe(50);
    expect(percent(200, 100)).toBe(100);
  });
});

const names = (n: TreeNode): unknown => (n.kind === 'file' ? n.name : { [n.name]: n.children.map(names) });

describe('project tree', () => {
  const files = [
    { path: 'server.js', size: 2000 },
    { path: 'src/routes/bikes.js', size: 300 },
    { path: 'src/db.js', size: 100 },
    { path: '.env', size: 10 },
    { path: 'node_modules/@prisma/client/runtime/library.js', size: 4000 },
    { path: '.github/workflows/ci.yml', size: 50 },
    { path: 'empty/', size: 0 },
    { path: './README.md', size: 5 },
    { path: 'server.js', size: 9999 },
  ];

  it('nests paths, directories first, names sorted, sizes and counts summed, duplicates once', () => {
    const root = buildTree(files);
    expect(root.files).toBe(7);
    expect(root.size).toBe(2000 + 300 + 100 + 10 + 4000 + 50 + 5);
    expect(root.children.map((c) => `${c.kind}:${c.name}`)).toEqual(['dir:.github', 'dir:empty', 'dir:node_modules', 'dir:src', 'file:.env', 'file:README.md', 'file:server.js']);
    const src = root.children.find((c) => c.name === 'src')!;
    expect(src).toMatchObject({ path: 'src', size: 400, files: 2 });
    expect(src.children.map((c) => c.name)).toEqual(['routes', 'db.js']);
    expect(root.children.find((c) => c.name === 'empty')).toMatchObject({ kind: 'dir', files: 0, size: 0, children: [] });
  });

  it('compacts chains of single directories into one row, keeping the deepest path', () => {
    const root = compactTree(buildTree(files));
    expect(names(root)).toEqual({
      '': [{ '.github/workflows': ['ci.yml'] }, { empty: [] }, { 'node_modules/@prisma/client/runtime': ['library.js'] }, { src: [{ routes: ['bikes.js'] }, 'db.js'] }, '.env', 'README.md', 'server.js'],
    });
    const prisma = root.children.find((c) => c.name.startsWith('node_modules'))!;
    expect(prisma.path).toBe('node_modules/@prisma/client/runtime');
    expect(filesBelow(prisma)).toEqual(['node_modules/@prisma/client/runtime/library.js']);
  });

  it('sums up a directory: sent, partly excluded, or excluded by one line', () => {
    const root = compactTree(buildTree(files));
    const src = root.children.find((c) => c.name === 'src')!;
    const size = (p: string) => files.find((f) => f.path === p)?.size ?? 0;
    const line2 = { text: 'src', line: 1, exception: false };
    expect(dirState(src, () => ({ sent: true }), size)).toEqual({ state: 'sent', excludedFiles: 0, excludedSize: 0 });
    expect(dirState(src, (p) => ({ sent: p !== 'src/db.js', pattern: line2 }), size)).toEqual({ state: 'partial', excludedFiles: 1, excludedSize: 100 });
    expect(dirState(src, () => ({ sent: false, pattern: line2 }), size)).toEqual({ state: 'excluded', excludedFiles: 2, excludedSize: 400, pattern: line2 });
    // excluded by two different lines: no single pattern to name
    const mixed = dirState(src, (p) => ({ sent: false, pattern: { ...line2, line: p.endsWith('db.js') ? 3 : 1 } }), size);
    expect(mixed.state).toBe('excluded');
    expect(mixed.pattern).toBeUndefined();
  });

  it('opens small folders and keeps big ones closed', () => {
    const root = buildTree([...Array.from({ length: 8 }, (_, i) => ({ path: `node_modules/p${i}.js`, size: 1 })), { path: 'src/a.py', size: 1 }]);
    expect(startsOpen(root.children[0])).toBe(false);
    expect(startsOpen(root.children[1])).toBe(true);
  });
});
