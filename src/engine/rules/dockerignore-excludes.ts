import { analyzeBuild, countOf, dockerignoreOf, formatBytes, type BuildAnalysis, type BuildContext } from '../context.ts';
import { isTemplateFile } from '../data/secret-files.ts';
import { DockerignoreMatcher, normalizeContextPath, type IgnorePattern } from '../dockerignore.ts';
import type { DockerfileModel } from '../model.ts';
import { defineRule } from '../rule.ts';
import { LineIndex } from '../text.ts';
import { applyEdits } from '../fix.ts';
import type { Fix, Range, TextEdit } from '../types.ts';

/**
 * What should never be sent. `root` maps a context file to the path that makes it a candidate
 * (the directory to exclude, or the file itself), or undefined; `line` is the pattern to add for
 * the candidates found: the top-level form when they are all at the top, else the `**` form.
 */
interface Entry {
  label: string;
  /** Why sending it hurts, for the message. */
  why: string;
  /** `parts` is the path split at `/`. */
  root(parts: readonly string[], ctx: BuildContext): string | undefined;
  /** The pattern for top-level candidates; `**\/` + it covers every depth. */
  pattern: string;
  /** Top-level only (`.git` below the root is a submodule's business). */
  topLevelOnly?: boolean;
}

const segmentRoot = (name: string) => (parts: readonly string[]) => {
  const k = parts.indexOf(name);
  return k >= 0 && k < parts.length - 1 ? parts.slice(0, k + 1).join('/') : undefined;
};

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const last = (parts: readonly string[]) => parts[parts.length - 1];

/** Build output only counts next to the manifest of a toolchain that writes it. */
const OUTPUT_MANIFESTS: Record<string, string[]> = {
  dist: ['package.json', 'pyproject.toml', 'setup.py', 'setup.cfg'],
  build: ['package.json', 'pyproject.toml', 'setup.py', 'setup.cfg', 'build.gradle', 'build.gradle.kts', 'CMakeLists.txt'],
  target: ['pom.xml', 'Cargo.toml', 'build.sbt'],
};

function outputEntry(name: string): Entry {
  return {
    label: name,
    pattern: name,
    why: 'it is build output from your machine; build it inside the image (a builder stage) so the result does not depend on what you last ran locally',
    root(parts, ctx) {
      for (let k = 0; k < parts.length - 1; k++) {
        if (parts[k] !== name) continue;
        const parent = parts.slice(0, k).join('/');
        if (OUTPUT_MANIFESTS[name].some((m) => ctx.file(parent ? `${parent}/${m}` : m))) return parts.slice(0, k + 1).join('/');
      }
      return undefined;
    },
  };
}

const VENV_WHY =
  'it is a Python virtualenv built on your machine, with its interpreter links and packages compiled for your OS; install the dependencies in the image from requirements.txt or the lockfile instead';

const ENTRIES: Entry[] = [
  {
    label: '.git',
    pattern: '.git',
    topLevelOnly: true,
    why: 'it is the whole repository history, including anything ever committed and later deleted, and it changes with every commit, which breaks the build cache',
    root: (parts) => (parts[0] === '.git' && parts.length > 1 ? '.git' : undefined),
  },
  {
    label: '.env',
    pattern: '.env',
    why: 'environment files usually hold credentials, and `COPY . .` would bake them into the image',
    root: (parts) => (last(parts) === '.env' ? parts.join('/') : undefined),
  },
  {
    label: '.env.*',
    pattern: '.env.*',
    why: 'environment files usually hold credentials, and `COPY . .` would bake them into the image',
    root: (parts) => {
      const b = last(parts);
      return b.startsWith('.env.') && !isTemplateFile(b) ? parts.join('/') : undefined;
    },
  },
  {
    label: 'node_modules',
    pattern: 'node_modules',
    why: 'it holds dependencies installed on your machine, for your OS; install them in the image from the lockfile instead',
    root: segmentRoot('node_modules'),
  },
  {
    label: '*.log',
    pattern: '*.log',
    why: 'logs can contain tokens and personal data, and they change on every run, which breaks the build cache',
    root: (parts) => (last(parts).endsWith('.log') ? parts.join('/') : undefined),
  },
  outputEntry('dist'),
  outputEntry('build'),
  outputEntry('target'),
  {
    label: '__pycache__',
    pattern: '__pycache__',
    why: 'it is bytecode compiled on your machine, which Python rebuilds anyway',
    root: segmentRoot('__pycache__'),
  },
  {
    label: '.venv',
    pattern: '.venv',
    why: VENV_WHY,
    root: segmentRoot('.venv'),
  },
  {
    // `python -m venv venv`: only a directory that holds a virtualenv's pyvenv.cfg counts
    label: 'venv',
    pattern: 'venv',
    why: VENV_WHY,
    root(parts, ctx) {
      const root = segmentRoot('venv')(parts);
      return root !== undefined && ctx.file(`${root}/pyvenv.cfg`) ? root : undefined;
    },
  },
];

/** Every path some entry's `root` accepts passes this; most files of a project do not. */
const CANDIDATE = /(?:^|\/)(?:\.git\/|\.env|node_modules\/|dist\/|build\/|target\/|__pycache__\/|\.?venv\/)|\.log$/;

/** git subcommands that read the repository: a build that runs them needs `.git`. */
const GIT_READS_REPO = new Set(['describe', 'rev-parse', 'log', 'show', 'status', 'diff', 'rev-list', 'ls-files', 'symbolic-ref', 'branch', 'tag', 'submodule', 'archive', 'blame', 'shortlog', 'name-rev']);

function runsGitOnRepo(model: DockerfileModel): boolean {
  for (const ins of model.instructions) {
    for (const cmd of ins.keyword === 'RUN' ? ins.commands : []) {
      if (cmd.name !== 'git') continue;
      const args = cmd.args.map((a) => a.value);
      let k = 0;
      while (k < args.length && args[k].startsWith('-')) k += args[k] === '-C' || args[k] === '-c' ? 2 : 1;
      if (k < args.length && GIT_READS_REPO.has(args[k])) return true;
    }
  }
  return false;
}

/** Python tools whose use marks a Python project: pip, pip3.12, poetry, uv, pipenv, pdm. */
const PYTHON_TOOL = /^(?:pip(?:\d+(?:\.\d+)?)?|poetry|uv|pipenv|pdm)$/;

/** The Dockerfile builds a Python project: a Python base image, or a RUN that uses pip, uv, poetry... */
function isPythonProject(model: DockerfileModel): boolean {
  if (model.stages.some((s) => /(?:^|\/)python[\w.-]*$/.test(s.base.path.toLowerCase()))) return true;
  return model.instructions.some((ins) => ins.keyword === 'RUN' && ins.commands.some((c) => PYTHON_TOOL.test(c.name) || (/^python[\d.]*$/.test(c.name) && c.args[0]?.value === '-m' && c.args[1]?.value === 'pip')));
}

/** Context paths the Dockerfile names on purpose: COPY/ADD sources other than `.`, bind-mount sources. */
function explicitReferences(model: DockerfileModel, analysis: BuildAnalysis): string[] {
  const refs: string[] = [];
  for (const copy of analysis.copies) {
    if (copy.from !== null) continue;
    for (const src of copy.resolved) {
      if (src.kind === 'path' && src.path !== '.') refs.push(src.path);
      if (src.kind === 'glob') refs.push(...src.matches);
    }
  }
  for (const ins of model.instructions) {
    if (ins.keyword !== 'RUN') continue;
    for (const flag of ins.flags) {
      if (flag.name !== 'mount' || !flag.value) continue;
      const opts = new Map<string, string>();
      for (const kv of flag.value.split(',')) {
        const eq = kv.indexOf('=');
        opts.set(eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1));
      }
      const source = opts.get('source') ?? opts.get('src');
      // a bind mount without from= reads the build context
      if ((opts.get('type') ?? 'bind') === 'bind' && !opts.has('from') && source) {
        const p = normalizeContextPath(source);
        if (p !== '') refs.push(p);
      }
    }
  }
  return refs;
}

function endOfText(text: string): Range {
  const pos = new LineIndex(text).positionAt(text.length);
  return { start: pos, end: pos };
}

/** Lines added at the end of the file, in its line-ending style. */
function appendEdit(text: string, lines: string[]): TextEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text === '' || text.endsWith('\n') ? '' : eol;
  return { range: endOfText(text), newText: lead + lines.join(eol) + eol };
}

function appendFix(text: string, lines: string[], title: string): Fix {
  return { title, file: '.dockerignore', edits: [appendEdit(text, lines)] };
}

function firstLine(text: string): Range {
  const doc = new LineIndex(text);
  return { start: { line: 0, character: 0 }, end: { line: 0, character: doc.lineText(0).length } };
}

const quote = (s: string) => '`' + s + '`';
const at = (p: IgnorePattern) => `${quote(p.text)} on line ${p.line + 1}`;

export default defineRule({
  meta: {
    id: 'dockerignore-excludes',
    title: 'The .dockerignore keeps out what must never be sent',
    severity: 'warning',
    lesson: '11-dockerignore-and-build-context',
    related: {},
    why:
      'Every build sends the context to the builder, and `COPY . .` copies all of it into the image. `.git` and `.env` files leak ' +
      'history and credentials; `node_modules`, Python virtualenvs (`.venv`), logs and local build output bloat the context, break ' +
      'the build cache and ship files built for another machine. Docker matches `.dockerignore` patterns from the context root: `node_modules` excludes ' +
      'only the top-level directory, `**/node_modules` every one.',
    fixable: true,
    examples: {
      incorrect: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      correct: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      context: [
        { path: 'server.js', size: 1200 },
        { path: 'package.json', size: 400 },
        { path: 'node_modules/express/index.js', size: 90000 },
        { path: '.git/HEAD', size: 23 },
      ],
      dockerignore: { incorrect: '.git\n', correct: '.git\nnode_modules\n' },
    },
  },
  create(context) {
    return {
      end() {
        const { input, model } = context;
        const text = input.dockerignore;
        if (text === undefined) return;
        const analysis = analyzeBuild(model, input);

        if (!analysis) {
          // the project is unknown: judge the file against what almost every project has (and every Python project)
          const matcher = new DockerignoreMatcher(dockerignoreOf(text));
          const expected: [string, string, string, string][] = [
            ['.git', '.git/HEAD', 'a project', 'the repository history'],
            ['.env', '.env', 'a project', 'local environment files, which usually hold credentials'],
          ];
          if (isPythonProject(model)) expected.push(['.venv', '.venv/bin/python', 'a Python project', 'a virtualenv built on your machine, for your OS']);
          for (const [label, probe, project, why] of expected) {
            if (matcher.match(probe).excluded) continue;
            context.report({
              range: firstLine(text),
              file: '.dockerignore',
              message: `The .dockerignore does not exclude ${quote(label)}: in ${project} that has one, the build context includes ${why}. Add ${quote(label)}.`,
              fix: appendFix(text, [label], `Add ${quote(label)} to .dockerignore`),
            });
          }
          return;
        }

        const ctx = analysis.context;
        const refs = explicitReferences(model, analysis);
        const gitNeeded = runsGitOnRepo(model);
        const patterns = ctx.dockerignore?.patterns ?? [];
        // candidates the build receives, per entry, grouped by the path to exclude
        const found = ENTRIES.map(() => new Map<string, { count: number; size: number; sample: string }>());
        for (const f of ctx.included) {
          if (!CANDIDATE.test(f.path)) continue;
          const parts = f.path.split('/');
          ENTRIES.forEach((entry, k) => {
            const root = entry.root(parts, ctx);
            if (root === undefined) return;
            const r = found[k].get(root) ?? { count: 0, size: 0, sample: f.path };
            r.count++;
            r.size += f.size;
            found[k].set(root, r);
          });
        }
        for (const [k, entry] of ENTRIES.entries()) {
          const roots = found[k];
          if (roots.size === 0) continue;
          if (entry.label === '.git' && gitNeeded) continue;
          // the Dockerfile copies or mounts one of them on purpose: excluding it would break the build
          if ([...roots.keys()].some((root) => refs.some((r) => r === root || r.startsWith(root + '/')))) continue;

          const nested = [...roots.keys()].some((r) => r.includes('/'));
          const line = nested && !entry.topLevelOnly ? `**/${entry.pattern}` : entry.pattern;
          const count = [...roots.values()].reduce((n, r) => n + r.count, 0);
          const size = [...roots.values()].reduce((n, r) => n + r.size, 0);
          const shown = [...roots.keys()].slice(0, 3).map(quote).join(', ') + (roots.size > 3 ? `, and ${roots.size - 3} more` : '');
          const amount = `${countOf(count, 'file')}, ${formatBytes(size)}`;
          // when they are all the build receives, excluding them leaves `COPY . .` copying nothing: advise, but no quick fix
          const leavesNothing = count >= ctx.included.length;

          // a line written for the top level only, when copies live deeper: widen it in place
          const weak = nested ? patterns.find((p) => !p.exception && !p.error && p.pattern === entry.pattern) : undefined;
          const widen: TextEdit[] = weak ? [{ range: weak.range, newText: line }] : [];

          // templates such as .env.example stay available to the build
          const keep: string[] = [];
          if (entry.label === '.env.*') {
            const after = weak ? applyEdits(text, widen) : text + (text === '' || text.endsWith('\n') ? '' : '\n') + line + '\n';
            const probe = new DockerignoreMatcher(dockerignoreOf(after));
            for (const f of ctx.included) {
              const b = basename(f.path);
              if (b.startsWith('.env.') && isTemplateFile(b) && probe.match(f.path).excluded) keep.push(`!${f.path}`);
            }
          }
          const keeping = keep.length > 0 ? ` (and ${keep.map(quote).join(', ')} to keep the templates)` : '';

          if (weak) {
            context.report({
              range: weak.range,
              file: '.dockerignore',
              message:
                `${at(weak)} matches only the top-level ${quote(entry.pattern)}: .dockerignore patterns start at the context root, ` +
                `so ${shown} (${amount}) ${roots.size > 1 ? 'are' : 'is'} still in the build context. Write ${quote(line)} to match ${roots.size > 1 ? 'them' : 'it'} at any depth${keeping}.`,
              ...(leavesNothing
                ? {}
                : {
                    fix: {
                      title: `Replace with ${quote(line)}`,
                      file: '.dockerignore' as const,
                      edits: keep.length > 0 ? [...widen, appendEdit(text, keep)] : widen,
                    },
                  }),
            });
            continue;
          }

          const sample = roots.values().next().value?.sample;
          const decided = sample ? ctx.matcher?.match(sample).pattern : undefined;
          const reincluded = decided?.exception ? ` (${at(decided)} re-includes it)` : '';
          context.report({
            range: firstLine(text),
            file: '.dockerignore',
            message:
              `The .dockerignore does not exclude ${shown}${reincluded}, so the build context includes ${roots.size > 1 ? 'them' : 'it'} (${amount}): ${entry.why}. ` +
              `Add ${quote(line)}${keeping}.`,
            ...(leavesNothing ? {} : { fix: appendFix(text, [line, ...keep], `Add ${quote(line)} to .dockerignore`) }),
          });
        }
      },
    };
  },
});
