/**
 * `shipshape lint`: read every input first (so an unreadable file fails the run before anything is
 * written), lint or fix each Dockerfile with its .dockerignore, build context and config, then
 * print one report. Exit code: 1 when an error or warning remains, else 0.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { allRules, lint, type Finding, type LintConfig, type LintInput } from '../engine/index.ts';
import type { LintCommand } from './args.ts';
import { MAX_CONTEXT_ENTRIES, findDockerignore, readBuildContext, type BuildContext, type DockerignoreLocation } from './build-context.ts';
import { colorEnabled, painter } from './color.ts';
import { ConfigResolver } from './config.ts';
import { CliError, ioReason } from './errors.ts';
import { fixUntilStable, MAX_FIX_PASSES } from './fix.ts';
import { formatJson } from './formatters/json.ts';
import { formatSarif } from './formatters/sarif.ts';
import { formatText } from './formatters/text.ts';
import { STDIN_NAME, displayPath, readStdin, readTextFile, requireDirectory, resolvePaths, type TextInput } from './input.ts';
import type { CliIO } from './main.ts';
import { isFailing, type ReportedFile } from './report.ts';

interface Job {
  path: string;
  absolutePath?: string;
  dockerfile: TextInput;
  dockerignore?: { location: DockerignoreLocation; text?: TextInput };
  /** The build context folder; undefined for stdin without --context. */
  contextDir?: string;
  config: LintConfig;
}

const fixes = (n: number) => `${n} fix${n === 1 ? '' : 'es'}`;

function inputOf(dockerfile: string, dockerignore: string | undefined, context: BuildContext | undefined): LintInput {
  return {
    dockerfile,
    ...(dockerignore !== undefined ? { dockerignore } : {}),
    ...(context ? { context: context.files } : {}),
  };
}

async function write(path: string, shown: string, text: string, bom: boolean): Promise<void> {
  try {
    await writeFile(path, bom ? `\uFEFF${text}` : text);
  } catch (err) {
    throw new CliError(`cannot write ${shown}: ${ioReason(err)}`);
  }
}

export async function runLint(command: LintCommand, io: CliIO): Promise<number> {
  const { cwd } = io;
  const warn = (message: string) => io.stderr.write(`shipshape: warning: ${message}\n`);
  const configs = new ConfigResolver(cwd, allRules.map((r) => r.meta.id), command.config);
  const contextOverride = command.context === undefined ? undefined : await requireDirectory(command.context, cwd, '--context');
  // one walk per context folder and .dockerignore (it decides which folders are skipped), shared
  // by the Dockerfiles that use them; dropped after --fix writes into the folder
  const contexts = new Map<string, Promise<BuildContext>>();
  const keyOf = (dir: string, dockerignore: string | undefined) => `${dir}\u0000${dockerignore === undefined ? '-' : `+${dockerignore}`}`;
  const forget = (dir: string) => {
    for (const key of contexts.keys()) if (key.startsWith(`${dir}\u0000`)) contexts.delete(key);
  };
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    warn(message);
  };
  const contextOf = (dir: string, dockerignore: string | undefined): Promise<BuildContext> => {
    const key = keyOf(dir, dockerignore);
    let entry = contexts.get(key);
    if (!entry) {
      entry = readBuildContext(dir, { ...(dockerignore !== undefined ? { dockerignore } : {}) }).then(
        (context) => {
          const shown = displayPath(dir, cwd);
          if (context.truncated) {
            warnOnce(`the build context ${shown} has more than ${MAX_CONTEXT_ENTRIES} files and folders its .dockerignore does not exclude; context checks saw only the first ${MAX_CONTEXT_ENTRIES} (breadth-first). Point --context at the folder you really build, or exclude what the image does not need.`);
          }
          for (const { path, reason } of context.unreadable) warnOnce(`could not read ${displayPath(join(dir, path), cwd)} in the build context (${reason}); context checks skip it`);
          return context;
        },
        (err: unknown) => {
          throw new CliError(`cannot read the build context ${displayPath(dir, cwd)}: ${ioReason(err)}`);
        },
      );
      contexts.set(key, entry);
    }
    return entry;
  };

  // read everything first: input errors end the run before anything is linted or written
  const jobs: Job[] = [];
  for (const source of await resolvePaths(command.paths, cwd)) {
    const absolutePath = source.kind === 'file' ? source.absolutePath : undefined;
    const path = absolutePath === undefined ? STDIN_NAME : displayPath(absolutePath, cwd);
    const dockerfile = absolutePath === undefined ? await readStdin(io.stdin, command.maxSize) : await readTextFile(absolutePath, path, command.maxSize);
    const contextDir = contextOverride ?? (absolutePath === undefined ? undefined : dirname(absolutePath));
    const location = await findDockerignore(absolutePath, contextDir);
    const dockerignore = location && {
      location,
      ...(location.exists ? { text: await readTextFile(location.path, displayPath(location.path, cwd), command.maxSize) } : {}),
    };
    if (contextDir !== undefined) await contextOf(contextDir, dockerignore?.text?.text);
    const { config } = await configs.forDockerfile(absolutePath === undefined ? undefined : dirname(absolutePath));
    jobs.push({ path, ...(absolutePath !== undefined ? { absolutePath } : {}), dockerfile, ...(dockerignore ? { dockerignore } : {}), ...(contextDir !== undefined ? { contextDir } : {}), config });
  }

  // an ignore file shared by several Dockerfiles is fixed once and seen fixed by the next ones
  const ignoreTexts = new Map<string, string>();
  const reported: ReportedFile[] = [];
  for (const job of jobs) {
    const ignorePath = job.dockerignore?.location.path;
    const ignoreText = ignorePath !== undefined && ignoreTexts.has(ignorePath) ? ignoreTexts.get(ignorePath) : job.dockerignore?.text?.text;
    const context = job.contextDir === undefined ? undefined : await contextOf(job.contextDir, ignoreText);
    const input = inputOf(job.dockerfile.text, ignoreText, context);
    let findings: Finding[];
    let fixesApplied = 0;
    let ignoreExists = job.dockerignore?.location.exists ?? false;
    if (command.fix && job.absolutePath !== undefined) {
      const outcome = fixUntilStable(input, { config: job.config });
      findings = outcome.findings;
      fixesApplied = outcome.applied;
      if (outcome.dockerfileChanged) await write(job.absolutePath, job.path, outcome.input.dockerfile, job.dockerfile.bom);
      if (outcome.dockerignoreChanged && ignorePath !== undefined && outcome.input.dockerignore !== undefined) {
        await write(ignorePath, displayPath(ignorePath, cwd), outcome.input.dockerignore, job.dockerignore?.text?.bom ?? false);
        ignoreTexts.set(ignorePath, outcome.input.dockerignore);
        ignoreExists = true;
      }
      if (fixesApplied > 0) io.stderr.write(`shipshape: ${job.path}: applied ${fixes(fixesApplied)}${outcome.passes > 1 ? ` in ${outcome.passes} passes` : ''}\n`);
      if (outcome.exhausted) warn(`fixes for ${job.path} still changed it after ${MAX_FIX_PASSES} passes; review the result`);
      if ((outcome.dockerfileChanged || outcome.dockerignoreChanged) && job.contextDir !== undefined) {
        // the files just written are part of the context (sizes, a new .dockerignore): report
        // what a fresh lint of the folder finds, as the next run will
        forget(job.contextDir);
        const fresh = await contextOf(job.contextDir, outcome.input.dockerignore);
        findings = lint(inputOf(outcome.input.dockerfile, outcome.input.dockerignore, fresh), { config: job.config });
      }
    } else {
      findings = lint(input, { config: job.config });
    }
    reported.push({
      path: job.path,
      ...(job.absolutePath !== undefined ? { absolutePath: job.absolutePath } : {}),
      ...(ignorePath !== undefined ? { dockerignore: { path: displayPath(ignorePath, cwd), absolutePath: ignorePath, exists: ignoreExists } } : {}),
      findings,
      fixesApplied,
    });
  }

  const output =
    command.format === 'json'
      ? formatJson(reported)
      : command.format === 'sarif'
        ? formatSarif(reported, cwd)
        : formatText(reported, painter(colorEnabled(io.stdoutIsTTY, io.env)));
  io.stdout.write(output);
  return reported.some((file) => file.findings.some(isFailing)) ? 1 : 0;
}
