import { defineRule } from '../rule.ts';
import type { DockerfileModel, Instruction, Stage } from '../model.ts';
import { instructionCommands, resolveText, variablesAt } from '../runtime.ts';
import type { ShellCommand } from '../shell.ts';

interface Ecosystem {
  /** The install as the message shows it. */
  install: string;
  /** The COPY of the manifests that should come first. */
  manifests: string;
}

const NPM: Ecosystem = { install: 'npm ci', manifests: 'COPY package.json package-lock.json ./' };

function operands(cmd: ShellCommand, from = 0): string[] {
  return cmd.args.slice(from).map((a) => a.value).filter((v) => !v.startsWith('-'));
}

/** The programs dependencyInstall knows, besides pip and python: every other command is answered at once. */
const INSTALLERS = new Set(['npm', 'yarn', 'pnpm', 'bun', 'poetry', 'pipenv', 'uv', 'go', 'bundle', 'composer', 'mvn', 'mvnw', 'dotnet', 'cargo', 'mix']);
const PIP = /^pip(?:\d+(?:\.\d+)?)?$/;
const PYTHON = /^python(?:\d+(?:\.\d+)?)?$/;

/** The dependency install a command performs from manifest files, if it is one. */
function dependencyInstall(cmd: ShellCommand): Ecosystem | undefined {
  const name = cmd.name;
  // pip and python names start with `p`: the regexes run only for those (this is asked of every command of every RUN)
  if (!INSTALLERS.has(name) && !(name.charCodeAt(0) === 112 && (PIP.test(name) || PYTHON.test(name)))) return undefined;
  const args = cmd.args.map((a) => a.value);
  const sub = operands(cmd)[0];
  const pipRequirements = (list: string[]) => list.some((a) => a === '-r' || a === '--requirement' || /^(?:-r|--requirement=)\S/.test(a));
  switch (cmd.name) {
    case 'npm':
      // `npm install express` installs a named package: not the manifest
      if (sub === 'ci' || sub === 'clean-install') return NPM;
      if ((sub === 'install' || sub === 'i') && operands(cmd).length === 1) return { ...NPM, install: `npm ${sub}` };
      return undefined;
    case 'yarn':
      if (sub === undefined || (sub === 'install' && operands(cmd).length === 1)) return { install: 'yarn install', manifests: 'COPY package.json yarn.lock ./' };
      return undefined;
    case 'pnpm':
      if ((sub === 'install' || sub === 'i') && operands(cmd).length === 1) return { install: 'pnpm install', manifests: 'COPY package.json pnpm-lock.yaml ./' };
      if (sub === 'fetch') return { install: 'pnpm fetch', manifests: 'COPY pnpm-lock.yaml ./' };
      return undefined;
    case 'bun':
      if ((sub === 'install' || sub === 'i') && operands(cmd).length === 1) return { install: 'bun install', manifests: 'COPY package.json bun.lock ./' };
      return undefined;
    case 'poetry':
      return sub === 'install' ? { install: 'poetry install', manifests: 'COPY pyproject.toml poetry.lock ./' } : undefined;
    case 'pipenv':
      return sub === 'install' || sub === 'sync' ? { install: `pipenv ${sub}`, manifests: 'COPY Pipfile Pipfile.lock ./' } : undefined;
    case 'uv':
      if (sub === 'sync') return { install: 'uv sync', manifests: 'COPY pyproject.toml uv.lock ./' };
      if (sub === 'pip' && args.includes('install') && pipRequirements(args)) return { install: 'uv pip install -r', manifests: 'COPY requirements.txt ./' };
      return undefined;
    case 'go':
      return sub === 'mod' && operands(cmd)[1] === 'download' ? { install: 'go mod download', manifests: 'COPY go.mod go.sum ./' } : undefined;
    case 'bundle':
      return sub === undefined || sub === 'install' ? { install: 'bundle install', manifests: 'COPY Gemfile Gemfile.lock ./' } : undefined;
    case 'composer':
      return sub === 'install' ? { install: 'composer install', manifests: 'COPY composer.json composer.lock ./' } : undefined;
    case 'mvn':
    case 'mvnw':
      return args.some((a) => /^dependency:(?:go-offline|resolve|resolve-plugins)$/.test(a)) ? { install: 'mvn dependency:go-offline', manifests: 'COPY pom.xml ./' } : undefined;
    case 'dotnet':
      return sub === 'restore' ? { install: 'dotnet restore', manifests: 'COPY *.csproj ./' } : undefined;
    case 'cargo':
      return sub === 'fetch' ? { install: 'cargo fetch', manifests: 'COPY Cargo.toml Cargo.lock ./' } : undefined;
    case 'mix':
      return sub === 'deps.get' ? { install: 'mix deps.get', manifests: 'COPY mix.exs mix.lock ./' } : undefined;
    default:
      break;
  }
  // pip, pip3, pip3.12, python -m pip
  const isPip = PIP.test(cmd.name);
  const pythonPip = PYTHON.test(cmd.name) && args[0] === '-m' && args[1] === 'pip';
  if ((isPip && sub === 'install') || (pythonPip && args[2] === 'install')) {
    if (pipRequirements(args)) return { install: 'pip install -r requirements.txt', manifests: 'COPY requirements.txt ./' };
  }
  return undefined;
}

/** Sources of a COPY/ADD (everything but the destination), JSON form included, variables as BuildKit expands them. */
function sources(model: DockerfileModel, stage: Stage, ins: Instruction): string[] {
  const text = ins.argumentsText.trim();
  let list: string[] = ins.args.slice(0, -1).map((a) => a.value);
  if (text.startsWith('[')) {
    try {
      const json: unknown = JSON.parse(text);
      if (Array.isArray(json) && json.every((s) => typeof s === 'string')) list = (json as string[]).slice(0, -1);
    } catch {
      return [];
    }
  }
  if (!list.some((s) => s.includes('$'))) return list;
  const vars = variablesAt(model, stage, ins);
  return list.map((s) => resolveText(s, vars) ?? s);
}

const WHOLE_TREE = new Set(['.', './', './.', '*', './*']);

export default defineRule({
  meta: {
    id: 'copy-sources-after-deps',
    title: 'Dependency manifests are copied and installed before the sources',
    severity: 'warning',
    lesson: '10-layer-order-and-cache',
    related: {},
    why:
      'Docker reuses a cached step only while every step before it is unchanged, and a COPY changes whenever any copied file changes. ' +
      'With `COPY . .` before `npm ci` (or `pip install -r`, `go mod download`, `bundle install`...), editing one line of source code ' +
      'invalidates the install and every build downloads all dependencies again. Copy the manifests first (package.json and the ' +
      'lockfile, requirements.txt, go.mod and go.sum...), install, then copy the sources: the install is then rebuilt only when the ' +
      'dependencies change. Every stage is judged, builders included: that is where installs usually run.',
    fixable: false,
    examples: {
      incorrect: 'FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      correct: 'FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        let wholeTree: Instruction | undefined;
        // installs done before the sources arrive (from copied or bind-mounted manifests): a later run of the same tool
        // only adds the project itself (`uv sync` after `uv sync --no-install-project`, `poetry install` after `--no-root`)
        const installedEarly = new Set<string>();
        for (const ins of stage.instructions) {
          if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && !ins.flags.some((f) => f.name === 'from')) {
            if (!wholeTree && sources(model, stage, ins).some((s) => WHOLE_TREE.has(s))) wholeTree = ins;
            continue;
          }
          if (ins.keyword !== 'RUN') continue;
          for (const cmd of instructionCommands(ins, model.doc)) {
            const eco = dependencyInstall(cmd);
            if (!eco) continue;
            if (!wholeTree) {
              installedEarly.add(eco.manifests);
              continue;
            }
            if (installedEarly.has(eco.manifests)) continue;
            const line = ins.range.start.line + 1;
            context.report({
              range: wholeTree.range,
              message:
                `This copies the whole source tree before \`${eco.install}\` (line ${line}), so every source edit re-runs the install. ` +
                `Copy the manifests first (\`${eco.manifests}\`), run \`${eco.install}\`, then copy the rest.`,
            });
            return;
          }
        }
      },
    };
  },
});
