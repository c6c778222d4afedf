/**
 * Reading a real build context folder into ContextFile[] (the input of the context rules), and
 * finding the .dockerignore that applies, in-process on temporary folders.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_BYTES, findDockerignore, readBuildContext, wantsContent } from '../../../src/cli/build-context.ts';
import { tempProject } from './helpers.ts';

const ENV = ['API', '_TOKEN=', 'not-a-real-value\n'].join('');

function project(): string {
  const dir = tempProject({
    Dockerfile: 'FROM node:22\n',
    '.dockerignore': 'node_modules\n',
    '.env': ENV,
    '.env.production': 'NODE_ENV=production\n',
    '.env.big': `# ${'x'.repeat(MAX_CONTENT_BYTES)}\n`,
    '.env.bin': new Uint8Array([0x41, 0x00, 0x42]),
    'package.json': '{ "name": "app" }\n',
    'src/index.js': 'console.log("hi");\n',
    'src/lib/util.js': 'export {};\n',
    'node_modules/dep/package.json': '{ "name": "dep" }\n',
    'node_modules/dep/index.js': 'module.exports = 1;\n',
  });
  mkdirSync(join(dir, 'empty'));
  // a loop back to the root and a link to a secret: listed, never followed
  symlinkSync('.', join(dir, 'loop'));
  symlinkSync('.env', join(dir, 'link-to-env'));
  return dir;
}

describe('readBuildContext', () => {
  it('lists every file breadth-first with its size, in a stable order, without following links', async () => {
    const dir = project();
    const context = await readBuildContext(dir);
    expect(context.truncated).toBe(false);
    expect(context.unreadable).toEqual([]);
    expect(context.pruned).toEqual([]);
    expect(context.files.map((f) => f.path)).toEqual([
      '.dockerignore',
      '.env',
      '.env.big',
      '.env.bin',
      '.env.production',
      'Dockerfile',
      'link-to-env',
      'loop',
      'package.json',
      'empty/',
      'src/index.js',
      'node_modules/dep/index.js',
      'node_modules/dep/package.json',
      'src/lib/util.js',
    ]);
    const byPath = new Map(context.files.map((f) => [f.path, f]));
    expect(byPath.get('Dockerfile')?.size).toBe(13);
    expect(byPath.get('.env.big')?.size).toBe(MAX_CONTENT_BYTES + 3);
    // a link's size is its own (the length of its target name), not its target's
    expect(byPath.get('loop')?.size).toBe(1);
    expect(byPath.get('link-to-env')?.size).toBe(4);
  });

  it('carries the content of small text files whose content matters, and only those', async () => {
    const context = await readBuildContext(project());
    const withContent = Object.fromEntries(context.files.filter((f) => f.content !== undefined).map((f) => [f.path, f.content]));
    expect(withContent).toEqual({
      '.env': ENV,
      '.env.production': 'NODE_ENV=production\n',
      'package.json': '{ "name": "app" }\n',
    });
  });

  it('does not enter folders the .dockerignore excludes whole, as BuildKit does not', async () => {
    const dir = project();
    const context = await readBuildContext(dir, { dockerignore: 'node_modules\n**/lib\n' });
    expect(context.pruned).toEqual(['node_modules', 'src/lib']);
    const paths = context.files.map((f) => f.path);
    expect(paths).toContain('node_modules/');
    expect(paths).toContain('src/lib/');
    expect(paths.filter((p) => p.startsWith('node_modules/') || p.startsWith('src/lib/'))).toEqual(['node_modules/', 'src/lib/']);
    expect(paths).toContain('src/index.js');
  });

  it('enters an excluded folder when a ! line can bring something in it back', async () => {
    const dir = project();
    // a plain exception inside node_modules: BuildKit walks node_modules, and so does the CLI
    const inside = await readBuildContext(dir, { dockerignore: 'node_modules\n!node_modules/dep/package.json\nsrc\n' });
    expect(inside.pruned).toEqual(['src']);
    expect(inside.files.map((f) => f.path)).toContain('node_modules/dep/package.json');
    // an exception with a wildcard could match anywhere: nothing is skipped
    const anywhere = await readBuildContext(dir, { dockerignore: 'node_modules\nsrc\n!**/*.md\n' });
    expect(anywhere.pruned).toEqual([]);
    expect(anywhere.files.map((f) => f.path)).toContain('src/lib/util.js');
    // an allow-list: everything but the listed paths is excluded, so only those are entered
    const allowList = await readBuildContext(dir, { dockerignore: '*\n!src/\n!package.json\n' });
    expect(allowList.pruned).toEqual(['empty', 'node_modules']);
    expect(allowList.files.map((f) => f.path)).toContain('src/lib/util.js');
  });

  it('stops at the entry limit, keeping the top of the tree', async () => {
    const files: Record<string, string> = { 'a.txt': 'a', 'b.txt': 'b', 'z.txt': 'z' };
    for (let i = 0; i < 20; i++) files[`deep/${String(i).padStart(2, '0')}.txt`] = 'x';
    const dir = tempProject(files);
    const full = await readBuildContext(dir);
    expect(full.files).toHaveLength(23);
    expect(full.truncated).toBe(false);
    const capped = await readBuildContext(dir, { maxEntries: 8 });
    expect(capped.truncated).toBe(true);
    // 8 entries: a.txt, b.txt, deep/, z.txt, then four files of deep/
    expect(capped.files.map((f) => f.path)).toEqual(['a.txt', 'b.txt', 'z.txt', 'deep/00.txt', 'deep/01.txt', 'deep/02.txt', 'deep/03.txt']);
    expect(capped.files).toEqual(full.files.slice(0, 7));
    expect((await readBuildContext(dir, { maxEntries: 24 })).truncated).toBe(false);
  });

  it('caps how many files carry content', async () => {
    const dir = tempProject({ '.env.a': 'A=1\n', '.env.b': 'B=1\n', '.env.c': 'C=1\n' });
    const context = await readBuildContext(dir, { maxContentFiles: 2 });
    expect(context.files.map((f) => f.content !== undefined)).toEqual([true, true, false]);
  });

  it.skipIf(process.getuid?.() === 0)('reports folders it cannot list and goes on', async () => {
    const dir = tempProject({ 'open/a.txt': 'a', 'locked/b.txt': 'b' });
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const context = await readBuildContext(dir);
      expect(context.files.map((f) => f.path)).toEqual(['open/a.txt']);
      expect(context.unreadable).toEqual([{ path: 'locked', reason: 'EACCES' }]);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it('fails when the context folder itself cannot be read', async () => {
    await expect(readBuildContext(join(tempProject(), 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('wantsContent', () => {
  it('wants env files and package.json, not under node_modules', () => {
    expect(['.env', '.env.local', 'config/.env.production', 'package.json', 'packages/api/package.json'].every(wantsContent)).toBe(true);
    expect(['node_modules/x/package.json', 'node_modules/.env', 'src/env.js', 'package-lock.json', 'README.md'].some(wantsContent)).toBe(false);
  });
});

describe('findDockerignore', () => {
  it('prefers <Dockerfile>.dockerignore beside the Dockerfile, then .dockerignore at the context root', async () => {
    const dir = tempProject({ 'app/api.Dockerfile': 'FROM x\n', 'app/api.Dockerfile.dockerignore': '*\n', 'app/.dockerignore': '.git\n', '.dockerignore': '.git\n' });
    const app = join(dir, 'app');
    expect(await findDockerignore(join(app, 'api.Dockerfile'), app)).toEqual({ path: join(app, 'api.Dockerfile.dockerignore'), exists: true, kind: 'dockerfile' });
    expect(await findDockerignore(join(app, 'Dockerfile'), app)).toEqual({ path: join(app, '.dockerignore'), exists: true, kind: 'context' });
    expect(await findDockerignore(join(app, 'Dockerfile'), dir)).toEqual({ path: join(dir, '.dockerignore'), exists: true, kind: 'context' });
  });

  it('names where the .dockerignore would be when there is none, and nothing without a context', async () => {
    const dir = tempProject({ Dockerfile: 'FROM x\n' });
    writeFileSync(join(dir, 'notes.txt'), '');
    expect(await findDockerignore(join(dir, 'Dockerfile'), dir)).toEqual({ path: join(dir, '.dockerignore'), exists: false, kind: 'context' });
    expect(await findDockerignore(undefined, undefined)).toBeUndefined();
    expect(await findDockerignore(undefined, dir)).toEqual({ path: join(dir, '.dockerignore'), exists: false, kind: 'context' });
  });

  it('ignores a folder named like an ignore file', async () => {
    const dir = tempProject({ Dockerfile: 'FROM x\n', 'Dockerfile.dockerignore/x': '' });
    expect(await findDockerignore(join(dir, 'Dockerfile'), dir)).toMatchObject({ kind: 'context', exists: false });
  });
});
