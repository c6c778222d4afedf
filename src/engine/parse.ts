/**
 * The one place that calls dockerfile-ast. It reaches for Node's `Buffer` when checking for a UTF-8
 * BOM; a browser worker has none, so a minimal stand-in is installed first.
 */
const g = globalThis as { Buffer?: unknown };
g.Buffer ??= { from: (s: string) => new TextEncoder().encode(s) };

export { DockerfileParser } from 'dockerfile-ast';
export type { Dockerfile, Instruction, From, Flag, Heredoc, Comment, Arg } from 'dockerfile-ast';
