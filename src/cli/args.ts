/**
 * Command-line parsing with Node's built-in `util.parseArgs`, not a package: the CLI runs straight
 * from the repository under Node's type stripping with no build step, a dependency is supply-chain
 * surface in a tool that teaches supply-chain care, and parseArgs already gives what is needed here
 * (long and short flags, values, positionals, `--`, and strict errors for unknown options).
 */
import { parseArgs } from 'node:util';
import { CliError, errorCode } from './errors.ts';
import { MAX_CONTEXT_ENTRIES } from './build-context.ts';
import { TOOL_NAME } from './site.ts';

export const LINT_FORMATS = ['text', 'json', 'sarif'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];
export const RULES_FORMATS = ['text', 'json'] as const;
export type RulesFormat = (typeof RULES_FORMATS)[number];

/** Inputs larger than this are refused unless --max-size says otherwise: 1 MiB. */
export const DEFAULT_MAX_SIZE = 1024 * 1024;

export interface LintCommand {
  kind: 'lint';
  format: LintFormat;
  fix: boolean;
  config?: string;
  context?: string;
  maxSize: number;
  paths: string[];
}

export interface RulesCommand {
  kind: 'rules';
  format: RulesFormat;
}

export type Command = { kind: 'help'; topic: 'main' | 'lint' | 'rules' } | { kind: 'version' } | LintCommand | RulesCommand;

export const MAIN_HELP = `Usage: ${TOOL_NAME} <command> [options]

Lints Dockerfiles with the rules the Shipshape course teaches; each finding links to its lesson.

Commands:
  lint [options] PATH...   Lint Dockerfiles (run '${TOOL_NAME} lint --help' for the options)
  rules [--format F]       List the rules

Options:
  -h, --help               Show this help
  -v, --version            Show the version
`;

export const LINT_HELP = `Usage: ${TOOL_NAME} lint [options] PATH...

PATH is a Dockerfile, a directory (its Dockerfile, *.Dockerfile and Dockerfile.* files are linted),
or - to read a Dockerfile from standard input.

Options:
  -f, --format FORMAT   text (default), json or sarif (SARIF 2.1.0, for code scanning)
      --fix             Apply the safe fixes, write the files back, then report what remains
  -c, --config FILE     JSON config; by default .shipshape.json beside the Dockerfile, else in
                        the current directory: { "rules": { "rule-id": "off" | "error" |
                        "warning" | "info" }, "trustedRegistries": ["registry.example.com/mirror"] }
      --context DIR     The build context (default: the Dockerfile's folder). Its .dockerignore
                        is read, or <Dockerfile>.dockerignore beside the Dockerfile when it exists
                        (BuildKit gives that one precedence). At most ${MAX_CONTEXT_ENTRIES} files and folders
                        of the context are read, breadth-first; symbolic links are not followed.
      --max-size BYTES  Refuse input files larger than this (default ${DEFAULT_MAX_SIZE}, 1 MiB)
  -h, --help            Show this help

Exit status: 0 when no error or warning remains, 1 when some do, 2 for a usage or input error.
`;

export const RULES_HELP = `Usage: ${TOOL_NAME} rules [--format text|json]

Lists every rule: id, title, default severity, the lesson that teaches it, related hadolint and
BuildKit checks, and whether it has a safe fix.

Options:
  -f, --format FORMAT   text (default) or json
  -h, --help            Show this help
`;

function parseFailure(err: unknown, command: string): CliError {
  const message = err instanceof Error ? err.message : String(err);
  const help = `run '${TOOL_NAME} ${command} --help'`;
  if (errorCode(err) === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /Unknown option '([^']+)'/.exec(message)?.[1] ?? message;
    return new CliError(`unknown option '${option}' (${help})`);
  }
  if (errorCode(err) === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new CliError(`unexpected argument: ${message.replace(/^Unexpected argument '([^']+)'.*$/s, '$1')} (${help})`);
  }
  // ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "Option '-f, --format <value>' argument missing", or
  // "argument is ambiguous" with hints on the next lines: keep them, on one line
  return new CliError(`${message.split('\n').join(' ')} (${help})`);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${option} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function parseSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_SIZE;
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new CliError(`--max-size takes a whole number of bytes, such as ${DEFAULT_MAX_SIZE} (got '${value}')`);
  }
  return Number(value);
}

function parseLint(args: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        context: { type: 'string' },
        'max-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw parseFailure(err, 'lint');
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help', topic: 'lint' };
  if (positionals.length === 0) throw new CliError(`lint needs a PATH: a Dockerfile, a directory or - for stdin (run '${TOOL_NAME} lint --help')`);
  if (positionals.filter((p) => p === '-').length > 1) throw new CliError('standard input (-) can be read only once');
  if (values.fix && positionals.includes('-')) throw new CliError('--fix writes fixed files back, so it needs file paths, not standard input (-)');
  for (const [name, value] of [['--config', values.config], ['--context', values.context]] as const) {
    if (value === '') throw new CliError(`${name} needs a path`);
  }
  return {
    kind: 'lint',
    format: oneOf(values.format, LINT_FORMATS, 'text', '--format'),
    fix: values.fix ?? false,
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.context !== undefined ? { context: values.context } : {}),
    maxSize: parseSize(values['max-size']),
    paths: positionals,
  };
}

function parseRules(args: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw parseFailure(err, 'rules');
  }
  if (parsed.values.help) return { kind: 'help', topic: 'rules' };
  return { kind: 'rules', format: oneOf(parsed.values.format, RULES_FORMATS, 'text', '--format') };
}

export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new CliError(`a command is needed: lint or rules (run '${TOOL_NAME} --help')`);
  if (first === '-h' || first === '--help' || first === 'help') return { kind: 'help', topic: 'main' };
  if (first === '-v' || first === '--version') return { kind: 'version' };
  if (first === 'lint') return parseLint(rest);
  if (first === 'rules') return parseRules(rest);
  if (first.startsWith('-')) throw new CliError(`unknown option '${first}': put the command first, as in '${TOOL_NAME} lint ${first} PATH' (run '${TOOL_NAME} --help')`);
  throw new CliError(`unknown command '${first}': use lint or rules (run '${TOOL_NAME} --help')`);
}
