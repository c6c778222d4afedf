/**
 * The `shipshape` command: parse the arguments, run the command, map failures to exit codes.
 * Everything the process touches comes in through `io`, so the whole CLI runs in-process too.
 */
import { parseCommand, LINT_HELP, MAIN_HELP, RULES_HELP } from './args.ts';
import { CliError } from './errors.ts';
import { TOOL_NAME, toolVersion } from './site.ts';

export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  stdin: AsyncIterable<unknown>;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour is only for people). */
  stdoutIsTTY: boolean;
}

/** Runs the CLI and returns its exit code: 0 clean, 1 findings at error/warning, 2 usage or input error. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        io.stdout.write(command.topic === 'lint' ? LINT_HELP : command.topic === 'rules' ? RULES_HELP : MAIN_HELP);
        return 0;
      case 'version':
        io.stdout.write(`${toolVersion()}\n`);
        return 0;
      // the engine loads only for the commands that use it: --help and --version stay instant
      case 'rules': {
        const { formatRules } = await import('./rules-command.ts');
        io.stdout.write(formatRules(command.format));
        return 0;
      }
      case 'lint': {
        const { runLint } = await import('./lint-command.ts');
        return await runLint(command, io);
      }
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`${TOOL_NAME}: ${err.message}\n`);
      return err.exitCode;
    }
    // not the user's mistake: say so, with what a bug report needs
    io.stderr.write(`${TOOL_NAME}: internal error, please report it: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}
