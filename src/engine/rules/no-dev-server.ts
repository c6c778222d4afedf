import { defineRule } from '../rule.ts';
import type { Instruction } from '../model.ts';
import { containerProcess, unwrapCommand } from '../runtime.ts';
import { splitCommands, type Word } from '../shell.ts';
import { LineIndex, comparePositions } from '../text.ts';
import type { Range } from '../types.ts';

interface DevServer {
  /** What runs, for the message: "`flask run` is Flask's development server". */
  what: string;
  /** The production alternative. */
  instead: string;
  /** The word that makes it a dev server (`run`, `--reload`, `dev`). */
  key: Word;
}

const NODE_INSTEAD = 'build in a builder stage and start the production server, e.g. `CMD ["node", "server.js"]` (or `next start`), or serve a static build with nginx';
const STATIC_SERVE = 'serve the output with nginx (`nginxinc/nginx-unprivileged`)';
const STATIC_INSTEAD = `build the static files in a builder stage and ${STATIC_SERVE}`;
const staticBuild = (build: string) => `run \`${build}\` in a builder stage and ${STATIC_SERVE}`;
const PY_INSTEAD = 'run a production WSGI server, e.g. `CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]`';
const ASGI_INSTEAD =
  'drop `--reload` and run with workers, e.g. `CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--workers", "4"]` (or gunicorn with `-k uvicorn.workers.UvicornWorker`)';
const PHP_INSTEAD = 'run php-fpm behind nginx, or use the `php:<version>-apache` image';

/** Index of the first operand, skipping options and the values of options that take one. */
function firstOperand(args: Word[], valueOptions: readonly string[] = []): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i].value;
    if (!a.startsWith('-')) return i;
    if (!a.includes('=') && valueOptions.includes(a)) i++;
  }
  return -1;
}

function operand(args: Word[], valueOptions: readonly string[] = []): Word | undefined {
  const i = firstOperand(args, valueOptions);
  return i >= 0 ? args[i] : undefined;
}

const DEV_SCRIPT = /^(?:dev|develop|serve:dev|start:dev|dev:[\w:-]+|[\w-]+:dev)$/;
const PACKAGE_MANAGER_COMMANDS = new Set([
  'install', 'i', 'add', 'remove', 'rm', 'ci', 'exec', 'dlx', 'create', 'init', 'link', 'unlink', 'update', 'up', 'upgrade', 'why',
  'workspace', 'workspaces', 'global', 'config', 'cache', 'info', 'list', 'ls', 'outdated', 'pack', 'publish', 'test', 't', 'build',
  'x', 'node', 'set', 'version', 'help', 'prune', 'audit', 'store', 'fetch', 'rebuild',
]);

type Scripts = Record<string, string>;

/** A `dev`-style package script, resolved through package.json when the build context provides it. */
function packageScript(manager: string, args: Word[], scripts: Scripts | undefined, depth: number): DevServer | undefined {
  let script: Word | undefined;
  if (args[0]?.value === 'run' || args[0]?.value === 'run-script') script = args[1];
  else if (manager === 'npm' && args[0]?.value === 'start') script = args[0];
  else if (manager !== 'npm' && args[0] && !args[0].value.startsWith('-') && !PACKAGE_MANAGER_COMMANDS.has(args[0].value)) script = args[0];
  if (!script) return undefined;
  const run = `\`${manager} ${args[0].value === script.value ? '' : `${args[0].value} `}${script.value}\``;
  const body = scripts?.[script.value];
  if (body !== undefined) {
    if (depth > 2) return undefined;
    const doc = new LineIndex(body);
    const offsets = Array.from({ length: body.length + 1 }, (_, i) => i);
    for (const cmd of splitCommands({ text: body, offsets }, doc)) {
      const u = unwrapCommand(cmd);
      const inner = detect(u.name, u.program, u.args, scripts, depth + 1);
      if (inner) return { what: `${run} runs \`${body}\`: ${inner.what}`, instead: inner.instead, key: script };
    }
    return undefined;
  }
  if (!DEV_SCRIPT.test(script.value)) return undefined;
  return { what: `${run} starts the \`${script.value}\` script, by convention the development server`, instead: NODE_INSTEAD, key: script };
}

function detect(name: string, program: Word, args: Word[], scripts: Scripts | undefined, depth = 0): DevServer | undefined {
  const op = (valueOptions?: readonly string[]) => operand(args, valueOptions);
  switch (name) {
    case 'flask': {
      const o = op(['--app', '-A', '--env-file', '-e']);
      return o?.value === 'run' ? { what: "`flask run` is Flask's development server", instead: PY_INSTEAD, key: o } : undefined;
    }
    case 'django-admin':
    case 'django':
    case 'manage.py': {
      const o = op(['--settings', '--pythonpath']);
      return o?.value.startsWith('runserver')
        ? { what: `\`${o.value}\` is Django's development server`, instead: 'run a WSGI server, e.g. `CMD ["gunicorn", "-b", "0.0.0.0:8000", "mysite.wsgi"]`', key: o }
        : undefined;
    }
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun':
      return packageScript(name, args, scripts, depth);
    case 'nodemon':
    case 'ts-node-dev':
      return { what: `\`${name}\` restarts the app on file changes, a development tool`, instead: NODE_INSTEAD, key: program };
    case 'tsx': {
      const o = op();
      return o?.value === 'watch' ? { what: '`tsx watch` restarts the app on file changes, a development tool', instead: NODE_INSTEAD, key: o } : undefined;
    }
    case 'node': {
      const w = args.find((a) => a.value === '--watch' || a.value.startsWith('--watch-path'));
      return w ? { what: "`node --watch` is Node's development watch mode", instead: 'run `node` without `--watch`, e.g. `CMD ["node", "server.js"]`', key: w } : undefined;
    }
    case 'ng': {
      const o = op();
      return o && (o.value === 'serve' || o.value === 's') ? { what: "`ng serve` is Angular's development server", instead: staticBuild('ng build'), key: o } : undefined;
    }
    case 'vite': {
      const first = args[0];
      if (first?.value === 'preview') return { what: '`vite preview` only previews a build locally and is not meant as a production server', instead: STATIC_INSTEAD, key: first };
      if (first && (first.value === 'build' || first.value === 'optimize')) return undefined;
      return { what: "`vite` without `build` is Vite's development server", instead: staticBuild('vite build'), key: first && !first.value.startsWith('-') ? first : program };
    }
    case 'parcel': {
      const first = args[0];
      if (first && (first.value === 'build' || first.value === 'help')) return undefined;
      return { what: "`parcel` without `build` is Parcel's development server", instead: STATIC_INSTEAD, key: first && !first.value.startsWith('-') ? first : program };
    }
    case 'webpack':
    case 'webpack-cli': {
      const o = op();
      return o && ['serve', 's', 'server'].includes(o.value) ? { what: '`webpack serve` is webpack-dev-server', instead: STATIC_INSTEAD, key: o } : undefined;
    }
    case 'webpack-dev-server':
      return { what: '`webpack-dev-server` is a development server', instead: STATIC_INSTEAD, key: program };
    case 'next':
    case 'nuxt':
    case 'nuxi':
    case 'astro':
    case 'remix':
    case 'gatsby': {
      const o = op();
      const sub = name === 'gatsby' ? 'develop' : 'dev';
      if (o?.value !== sub) return undefined;
      const build = name === 'next' ? 'run `next build` in a builder stage and `next start` (or the standalone `node server.js`)' : NODE_INSTEAD;
      return { what: `\`${name} ${sub}\` is the development server`, instead: build, key: o };
    }
    case 'react-scripts': {
      const o = op();
      return o?.value === 'start' ? { what: '`react-scripts start` is the Create React App development server', instead: staticBuild('react-scripts build'), key: o } : undefined;
    }
    case 'vue-cli-service': {
      const o = op();
      return o?.value === 'serve' ? { what: '`vue-cli-service serve` is the Vue CLI development server', instead: STATIC_INSTEAD, key: o } : undefined;
    }
    case 'uvicorn':
    case 'hypercorn':
    case 'gunicorn': {
      const r = args.find((a) => a.value === '--reload' || a.value.startsWith('--reload'));
      return r ? { what: `\`${name} ${r.value}\` watches the source and restarts, a development mode`, instead: name === 'gunicorn' ? 'drop `--reload` and set `--workers`' : ASGI_INSTEAD, key: r } : undefined;
    }
    case 'fastapi': {
      const o = op();
      return o?.value === 'dev' ? { what: '`fastapi dev` is the development mode (auto-reload, localhost)', instead: 'use `fastapi run` (or uvicorn with `--workers`)', key: o } : undefined;
    }
    case 'http.server':
    case 'SimpleHTTPServer':
      return { what: `\`python -m ${name}\` is a basic file server for development`, instead: 'serve the files with nginx (`nginxinc/nginx-unprivileged`)', key: program };
    case 'php': {
      const s = args.find((a) => a.value === '-S' || /^-S\S+/.test(a.value));
      if (s) return { what: "`php -S` is PHP's built-in development server", instead: PHP_INSTEAD, key: s };
      const o = op(['-c', '-d', '-z']);
      if (o?.value.endsWith('artisan') && args[args.indexOf(o) + 1]?.value === 'serve') {
        return { what: "`artisan serve` is Laravel's development server", instead: PHP_INSTEAD, key: args[args.indexOf(o) + 1] };
      }
      return undefined;
    }
    case 'artisan': {
      const o = op();
      return o?.value === 'serve' ? { what: "`artisan serve` is Laravel's development server", instead: PHP_INSTEAD, key: o } : undefined;
    }
    case 'symfony': {
      const o = op();
      return o && (o.value === 'serve' || o.value === 'server:start') ? { what: "`symfony serve` is Symfony's local development server", instead: PHP_INSTEAD, key: o } : undefined;
    }
    case 'hugo': {
      const o = op(['-s', '--source', '-d', '--destination', '-e', '--environment', '--config', '-b', '--baseURL', '-p', '--port', '--bind']);
      return o && (o.value === 'server' || o.value === 'serve') ? { what: "`hugo server` is Hugo's development server", instead: staticBuild('hugo'), key: o } : undefined;
    }
    case 'jekyll': {
      const o = op();
      return o && ['serve', 's', 'server'].includes(o.value) ? { what: "`jekyll serve` is Jekyll's development server", instead: staticBuild('jekyll build'), key: o } : undefined;
    }
    case 'mkdocs': {
      const o = op();
      return o?.value === 'serve' ? { what: "`mkdocs serve` is MkDocs' development server", instead: staticBuild('mkdocs build'), key: o } : undefined;
    }
    case 'dotnet': {
      const o = op();
      return o?.value === 'watch' ? { what: '`dotnet watch` rebuilds and restarts on changes, a development tool', instead: 'run `dotnet publish` in a builder stage and `CMD ["dotnet", "App.dll"]`', key: o } : undefined;
    }
    default:
      if (/^python(\d(\.\d+)?)?$/.test(name)) {
        // python [options] manage.py runserver
        const script = operand(args, ['-W', '-X', '-c']);
        if (script && script.value.replace(/^.*\//, '') === 'manage.py') {
          const rest = args.slice(args.indexOf(script) + 1);
          const o = operand(rest, ['--settings', '--pythonpath']);
          if (o?.value.startsWith('runserver')) return { what: `\`manage.py ${o.value}\` is Django's development server`, instead: 'run a WSGI server, e.g. `CMD ["gunicorn", "-b", "0.0.0.0:8000", "mysite.wsgi"]`', key: o };
        }
      }
      return undefined;
  }
}

function contains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

function readScripts(content: string | undefined): Scripts | undefined {
  if (!content) return undefined;
  try {
    const pkg: unknown = JSON.parse(content);
    const scripts = (pkg as { scripts?: unknown }).scripts;
    if (!scripts || typeof scripts !== 'object') return undefined;
    return Object.fromEntries(Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return undefined;
  }
}

export default defineRule({
  meta: {
    id: 'no-dev-server',
    title: 'The image does not start a development server',
    severity: 'error',
    lesson: '15-real-web-server',
    related: {},
    why:
      'Development servers (`flask run`, `manage.py runserver`, `npm run dev`, `vite`, `ng serve`, `uvicorn --reload`, `php -S`, ...) are ' +
      'built for one developer on localhost: they reload on file changes, show debug pages, serve one request at a time or leak memory, ' +
      'and their own documentation says not to use them in production. A production image runs a real server: gunicorn or uvicorn with ' +
      'workers for Python, `node server.js` or `next start` for Node, php-fpm or Apache for PHP, and nginx for a static build. Only what ' +
      'the final image starts is judged (its CMD and ENTRYPOINT, both forms); with a package.json in the build context, npm scripts are followed.',
    fixable: false,
    examples: {
      incorrect: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["flask", "run", "--host=0.0.0.0"]\n',
      correct: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
  },
  create(context) {
    const { model } = context;
    const scripts = readScripts(context.input.context?.find((f) => f.path === 'package.json')?.content);
    return {
      stageEnd(stage) {
        if (!stage.isFinal) return;
        const proc = containerProcess(model, stage);
        const instructions = [proc.entrypoint, proc.cmd].filter((i): i is Instruction => i !== undefined);
        for (const cmd of proc.commands) {
          const u = unwrapCommand(cmd);
          const found = detect(u.name, u.program, u.args, scripts);
          if (!found) continue;
          const home = instructions.find((i) => contains(i.range, found.key.range));
          const sameInstruction = home && contains(home.range, u.program.range) && comparePositions(u.program.range.start, found.key.range.start) <= 0;
          context.report({
            range: sameInstruction ? { start: u.program.range.start, end: found.key.range.end } : found.key.range,
            ...(home ? { stage: home.stageIndex } : {}),
            message: `${found.what}, not a production server. Instead, ${found.instead}.`,
          });
        }
      },
    };
  },
});
