/**
 * Errors the CLI reports as one line on stderr with exit code 2: the user asked for something the
 * CLI cannot do (usage) or an input could not be read (I/O). Anything else is a bug and keeps its
 * stack trace.
 */
export class CliError extends Error {
  readonly exitCode = 2;

  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** `ENOENT` and friends from Node's fs errors, or undefined. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

/** A short human reason for an fs error: "no such file or directory", "permission denied", ... */
export function ioReason(err: unknown): string {
  switch (errorCode(err)) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
