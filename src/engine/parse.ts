/**
 * The one place that calls dockerfile-ast. It reaches for Node's `Buffer` when checking for a UTF-8
 * BOM; a browser worker has none, so a minimal stand-in is installed first.
 *
 * `parseDockerfile` runs dockerfile-ast's own Parser, which finds the instructions, comments, parser
 * directives and heredoc bodies, but makes every instruction a plain `Instruction`. The public
 * `DockerfileParser.parse` gives each instruction its keyword's class, and those classes read their
 * arguments in their constructors: RUN, CMD, ENTRYPOINT, SHELL, COPY and ADD read them twice to parse
 * an exec form, and the parser reads those of RUN, COPY and ADD once more to find heredocs. That
 * eager work is about four fifths of the public parse (docs/performance.md), and the model does all
 * of it itself, once (arguments.ts, readExecForm in model.ts). Only ONBUILD keeps its class: the
 * parser asks it for its trigger instruction, to find the heredocs of `ONBUILD RUN <<EOF`.
 *
 * What the model reads from the result (keywords, ranges, heredocs, comments, directives, the escape
 * character) is what the public parse gives: test/unit/parse.test.ts compares the two on every corpus
 * and lesson file and on generated text. The subclass overrides a member dockerfile-ast declares
 * private (the instance `createInstruction`), which is why package.json pins dockerfile-ast's version.
 */
import type { Dockerfile, Instruction as AstInstruction } from 'dockerfile-ast';
// the package's entry first: its modules require each other in a cycle that only resolves from there
import 'dockerfile-ast';
import { Instruction as PlainInstruction } from 'dockerfile-ast/lib/instruction.js';
import { Parser } from 'dockerfile-ast/lib/parser.js';

const g = globalThis as { Buffer?: unknown };
g.Buffer ??= { from: (s: string) => new TextEncoder().encode(s) };

type TextDocument = ConstructorParameters<typeof PlainInstruction>[0];
/** The Dockerfile the parser fills in (dockerfile-ast's class; its public `Dockerfile` is an interface). */
type ParsedDockerfile = ConstructorParameters<typeof PlainInstruction>[2];

/** The members of dockerfile-ast's Parser that the subclass uses (private in its type declarations). */
interface ParserInternals {
  document: TextDocument;
  escapeChar: string;
  parse(text: string): Dockerfile;
  createInstruction(dockerfile: ParsedDockerfile, keyword: string, start: number, keywordEnd: number, end: number): AstInstruction;
}
const ParserWithInternals = Parser as unknown as new () => ParserInternals;

class PlainInstructionParser extends ParserWithInternals {
  override createInstruction(dockerfile: ParsedDockerfile, keyword: string, start: number, keywordEnd: number, end: number): AstInstruction {
    if (keyword.toUpperCase() === 'ONBUILD') return super.createInstruction(dockerfile, keyword, start, keywordEnd, end);
    const doc = this.document;
    const startPosition = doc.positionAt(start);
    return new PlainInstruction(doc, { start: startPosition, end: doc.positionAt(end) }, dockerfile, this.escapeChar, keyword, {
      start: startPosition,
      end: doc.positionAt(keywordEnd),
    });
  }
}

/** dockerfile-ast's parse, with plain instructions (see above). */
export function parseDockerfile(text: string): Dockerfile {
  return new PlainInstructionParser().parse(text);
}

export type { Dockerfile, Instruction, Heredoc, Comment } from 'dockerfile-ast';
