/**
 * text -> model. Everything the rules need is read from the parse once, here, and shared: dockerfile-ast
 * works its arguments out again on every call, so the model reads each instruction's arguments itself,
 * once (arguments.ts), from a parse that skips reading them at all (parse.ts).
 */
import { argumentsContent, astRange, flagPolicy, readFlags as readRawFlags, scanArguments } from './arguments.ts';
import { parseDockerfile } from './parse.ts';
import type { Instruction as AstInstruction, Dockerfile as AstDockerfile } from './parse.ts';
import { parseImageReference, substituteVariables, type ImageReference } from './image-ref.ts';
import { splitCommands, type ShellCommand, type Word } from './shell.ts';
import { joinContinuations, LineIndex } from './text.ts';
import type { Range } from './types.ts';
import type { CopyInstruction, KeptAnalysis } from './context.ts';
import type { KeyValue, ModelCache } from './runtime.ts';

export interface Flag {
  name: string;
  /** null for a bare flag (`--link`). */
  value: string | null;
  range: Range;
}

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, ... (as written for unknown ones). */
  keyword: string;
  range: Range;
  keywordRange: Range;
  /** The arguments' range, when there are any. */
  argumentsRange: Range | null;
  /** Arguments with continuations removed, as one string. */
  argumentsText: string;
  /** Whitespace-separated arguments (after the flags) with their ranges. */
  args: Word[];
  flags: Flag[];
  /** For RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK: the JSON (exec) form's strings, if written so. */
  execForm: string[] | null;
  /** For RUN (shell form, heredoc scripts included) and shell-form CMD/ENTRYPOINT/HEALTHCHECK CMD. */
  commands: ShellCommand[];
  /** Heredoc bodies attached to the instruction. */
  heredocs: { name: string; content: string; range: Range | null }[];
  /** The stage the instruction belongs to; -1 for ARGs before the first FROM. */
  stageIndex: number;
  /** Position in the model's instruction list. */
  index: number;
  /** What runtime.ts has read from the instruction (see ModelReadings). Not part of the model's meaning. */
  readings?: InstructionReadings;
}

/** Memo slots on an Instruction; `undefined` means not read yet. */
export interface InstructionReadings {
  keyValues?: readonly KeyValue[];
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares it. */
  name?: string;
  nameRange?: Range;
  from: Instruction;
  /** The base as written (`python:${TAG}`). */
  baseText: string;
  baseRange: Range;
  /** The base with ARG defaults substituted and parsed. */
  base: ImageReference;
  /** Variables in the base reference that no ARG before FROM defines. */
  undefinedBaseVariables: string[];
  /** Variables in the base reference whose ARG has no (or an empty) default. */
  emptyBaseVariables: string[];
  /** Index of an earlier stage this one builds on (`FROM builder`), if any. */
  baseStage?: number;
  isScratch: boolean;
  /** The instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
  /** Stages (by index) this stage copies from with COPY --from / RUN --mount from=. */
  copiesFrom: number[];
  /** External images copied from (`COPY --from=nginx:1.27 ...`). */
  copiesFromImages: string[];
  isFinal: boolean;
  /** True when the final image contains this stage's results (the final stage and what it builds on). */
  inFinalImage: boolean;
  /** `--platform` flag value, if any. */
  platform?: string;
}

export interface Comment {
  text: string;
  range: Range;
}

export interface DockerfileModel {
  text: string;
  doc: LineIndex;
  escapeChar: string;
  instructions: Instruction[];
  /** ARG instructions before the first FROM, with their defaults. */
  globalArgs: Map<string, string | undefined>;
  stages: Stage[];
  finalStage: Stage | undefined;
  comments: Comment[];
  /**
   * What helper modules have read from the model, kept on it because several rules ask the same
   * questions on every lint. Not part of the model's meaning.
   *
   * These memos are slots on the objects they describe (the model, an instruction, a command, an image
   * reference), never WeakMaps keyed by them: V8's young-generation collector keeps a WeakMap's values
   * alive, and a value that refers to its key keeps the key too, so every model linted survived into
   * the old generation until a full collection. Measured on the benchmark corpus, that was about 5 MB
   * promoted per scavenge and a tenth of a lint's time spent collecting (0.3 ms per corpus round with
   * slots, 2.7 ms with WeakMaps).
   */
  readings?: ModelReadings;
}

/** Memo slots on a model; `undefined` means not read yet. */
export interface ModelReadings {
  runtime?: ModelCache;
  copies?: CopyInstruction[];
  analysis?: KeptAnalysis;
}

const EXEC_FORM_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK']);

/**
 * BuildKit's automatic platform ARGs: defined in the global scope without any ARG instruction, so
 * FROM may use them. The values stand in for a linux/amd64 build, the common case, so a base such as
 * `FROM base-${TARGETARCH}` still resolves to a stage.
 */
export const AUTOMATIC_PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
]);

/** The variables FROM can see: the ARGs before the first FROM plus BuildKit's platform ARGs. */
export function fromScope(globalArgs: ReadonlyMap<string, string | undefined>): Map<string, string | undefined> {
  const scope = new Map(globalArgs);
  // `ARG TARGETARCH` without a value still gets the automatic value
  for (const [name, value] of AUTOMATIC_PLATFORM_ARGS) if (!scope.get(name)) scope.set(name, value);
  return scope;
}
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

function readExecForm(keyword: string, argsText: string): string[] | null {
  if (!EXEC_FORM_KEYWORDS.has(keyword)) return null;
  let text = argsText.trim();
  if (keyword === 'HEALTHCHECK') {
    const m = /(?:^|\s)CMD\s+/i.exec(text);
    if (!m) return null;
    text = text.slice(m.index + m[0].length).trim();
  } else if (keyword === 'RUN') {
    // flags come first: --mount=... --network=...
    while (text.startsWith('--')) {
      const sp = text.search(/\s/);
      if (sp < 0) return null;
      text = text.slice(sp).trimStart();
    }
  }
  if (!text.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) return parsed as string[];
  } catch {
    // not valid JSON: Docker runs it in shell form
  }
  return null;
}

function offsetsOf(doc: LineIndex, r: Range): [number, number] {
  return [doc.offsetAt(r.start), doc.offsetAt(r.end)];
}

function readCommands(
  argsRange: Range | null,
  keyword: string,
  execForm: string[] | null,
  flags: Flag[],
  doc: LineIndex,
  escapeChar: string,
  heredocs: Instruction['heredocs'],
): ShellCommand[] {
  if (execForm) return [];
  if (!argsRange) return [];
  if (keyword !== 'RUN' && keyword !== 'CMD' && keyword !== 'ENTRYPOINT' && keyword !== 'HEALTHCHECK') return [];
  let [start, end] = offsetsOf(doc, argsRange);
  if (keyword === 'RUN' && flags.length > 0) {
    const lastFlag = flags[flags.length - 1];
    start = Math.max(start, doc.offsetAt(lastFlag.range.end));
  }
  if (keyword === 'HEALTHCHECK') {
    const m = /(?:^|\s)CMD(?=\s)/i.exec(doc.text.slice(start, end));
    if (!m) return [];
    start += m.index + m[0].length;
  }
  const firstBody = heredocs.find((h) => h.range)?.range;
  const headEnd = firstBody ? doc.offsetAt({ line: firstBody.start.line, character: 0 }) : end;
  const head = joinContinuations(doc.text, start, Math.min(end, headEnd), escapeChar);
  const commands = splitCommands(head, doc);
  if (keyword === 'RUN' && heredocs.length > 0) {
    // `RUN <<EOF` (no program) or `RUN bash <<EOF` runs the body as a script
    const scriptBody = commands.length === 0 || (commands.length === 1 && SHELLS.has(commands[0].name) && commands[0].args.length === 0);
    if (scriptBody) {
      commands.length = 0;
      for (const h of heredocs) {
        if (!h.range) continue;
        const [hs, he] = offsetsOf(doc, h.range);
        // a heredoc script uses backslash continuations whatever the Dockerfile's escape character
        commands.push(...splitCommands(joinContinuations(doc.text, hs, he, '\\'), doc));
      }
    }
  }
  return commands;
}

/**
 * dockerfile-ast's heredocs; it throws on some broken text (a `FROM \` continued into a comment
 * line ended by a lone CR, then `RUN <<EOF`), and one instruction must not cost the whole file.
 */
function readHeredocs(getHeredocs: () => import('dockerfile-ast').Heredoc[], doc: LineIndex): Instruction['heredocs'] {
  try {
    return getHeredocs().map((h) => {
      const r = h.getContentRange();
      return { name: h.getName(), content: r ? doc.rangeText(r) : '', range: r };
    });
  } catch {
    return [];
  }
}

function makeInstruction(ins: AstInstruction, doc: LineIndex, escapeChar: string, index: number): Instruction {
  const keyword = ins.getKeyword();
  const range = ins.getRange();
  const keywordRange = ins.getInstructionRange();
  // arguments, flags and text in one pass over the document (see arguments.ts)
  const lineStart = doc.offsetAt(range.start);
  const from = lineStart + (doc.offsetAt(keywordRange.end) - doc.offsetAt(keywordRange.start));
  const raw = scanArguments(doc.text, from, doc.offsetAt(range.end), escapeChar);
  const rawFlags = readRawFlags(doc.text, raw, flagPolicy(keyword));
  const flags: Flag[] = rawFlags.map((f) => ({ name: f.name, value: f.value, range: astRange(doc, f.start, f.end) }));
  const after = rawFlags.length > 0 ? raw.slice(rawFlags.length) : raw;
  const argumentsRange = after.length > 0 ? astRange(doc, after[0].start, after[after.length - 1].end) : null;
  const argumentsText = argumentsContent(doc, after, escapeChar) ?? '';
  const withHeredocs = ins as AstInstruction & { getHeredocs?: () => import('dockerfile-ast').Heredoc[] };
  const heredocs =
    typeof withHeredocs.getHeredocs === 'function' && argumentsText.includes('<<')
      ? readHeredocs(withHeredocs.getHeredocs.bind(withHeredocs), doc)
      : [];
  const execForm = readExecForm(keyword, argumentsText);
  const args = after.map((a) => ({ value: a.value, range: astRange(doc, a.start, a.end) }));
  return {
    keyword,
    range,
    keywordRange,
    argumentsRange,
    argumentsText,
    args,
    flags,
    execForm,
    commands: readCommands(argumentsRange, keyword, execForm, flags, doc, escapeChar, heredocs),
    heredocs,
    stageIndex: -1,
    index,
    readings: undefined,
  };
}

/** Strips a UTF-8 byte order mark, which Docker ignores too. */
export function normalizeText(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * What an editor keeps between two builds of the same file, so that the instructions an edit did not
 * touch are not read again: their arguments, flags, shell commands (and what rules have read from those
 * commands) carry over. An instruction is reused only when its text, up to the next instruction, and
 * the position it starts at are the same, so every range in it is the same too. Only the worker uses
 * it: the CLI, the tests and the benchmarks build every model from scratch.
 */
export class InstructionReuse {
  private previous = new Map<string, Instruction>();
  private next = new Map<string, Instruction>();
  /** Instructions taken from the previous build in the last buildModel (for tests). */
  reused = 0;

  /** Called by buildModel at its start and end. */
  begin(): void {
    this.next = new Map();
    this.reused = 0;
  }
  end(): void {
    this.previous = this.next;
    this.next = new Map();
  }
  take(key: string): Instruction | undefined {
    const found = this.previous.get(key);
    if (found) this.reused++;
    return found;
  }
  keep(key: string, ins: Instruction): void {
    this.next.set(key, ins);
  }
}

export function buildModel(input: string, reuse?: InstructionReuse): DockerfileModel {
  const text = normalizeText(input);
  const doc = new LineIndex(text);
  // dockerfile-ast reads a file of one comment line (no line break) in quadratic time (20,000 `#` took
  // seconds); with a line break after it, it reads it at once. The break adds nothing to the text.
  const oneCommentLine = text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && /^\s*#/.test(text);
  const ast: AstDockerfile = parseDockerfile(oneCommentLine ? `${text}\n` : text);
  const escapeChar = ast.getEscapeCharacter();
  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const stageNames = new Map<string, number>();

  const astInstructions = ast.getInstructions();
  reuse?.begin();
  for (let n = 0; n < astInstructions.length; n++) {
    const ins = astInstructions[n];
    let node: Instruction;
    if (reuse) {
      // the text from this instruction to the next one (heredoc bodies and comments included), where it starts, and the escape character
      const range = ins.getRange();
      const from = doc.offsetAt(range.start);
      const to = n + 1 < astInstructions.length ? doc.offsetAt(astInstructions[n + 1].getRange().start) : text.length;
      const key = `${escapeChar}${range.start.line}:${range.start.character}:${from}\u0000${text.slice(from, to)}`;
      const before = reuse.take(key);
      const template = before ?? makeInstruction(ins, doc, escapeChar, instructions.length);
      reuse.keep(key, template);
      // a fresh object per model: stageIndex and index are the model's own; the parts read from the text are shared
      node = { ...template, stageIndex: -1, index: instructions.length };
    } else {
      node = makeInstruction(ins, doc, escapeChar, instructions.length);
    }
    instructions.push(node);
    if (node.keyword === 'FROM') {
      const words = node.args;
      const flagsEnd = words.findIndex((w) => !w.value.startsWith('--'));
      const baseWord = flagsEnd >= 0 ? words[flagsEnd] : undefined;
      const baseText = baseWord?.value ?? '';
      const asIdx = flagsEnd >= 0 ? flagsEnd + 1 : -1;
      const nameWord = asIdx > 0 && words[asIdx]?.value.toUpperCase() === 'AS' ? words[asIdx + 1] : undefined;
      const sub = substituteVariables(baseText, fromScope(globalArgs));
      const lowered = sub.text.toLowerCase();
      const baseStage = stageNames.get(lowered);
      const index = stages.length;
      const platform = node.flags.find((f) => f.name === 'platform')?.value ?? undefined;
      stages.push({
        index,
        name: nameWord?.value.toLowerCase(),
        nameRange: nameWord?.range,
        from: node,
        baseText,
        baseRange: baseWord?.range ?? node.range,
        base: parseImageReference(sub.text),
        undefinedBaseVariables: sub.undefinedVariables,
        // TARGETVARIANT is empty on most platforms: that is its value, not a missing default
        emptyBaseVariables: sub.emptyVariables.filter((v) => !AUTOMATIC_PLATFORM_ARGS.has(v)),
        baseStage,
        isScratch: lowered === 'scratch',
        instructions: [],
        copiesFrom: [],
        copiesFromImages: [],
        isFinal: false,
        inFinalImage: false,
        platform,
      });
      node.stageIndex = index;
      if (nameWord) stageNames.set(nameWord.value.toLowerCase(), index);
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) {
      if (node.keyword === 'ARG') {
        for (const a of node.args) {
          const eq = a.value.indexOf('=');
          if (eq < 0) globalArgs.set(a.value, globalArgs.get(a.value));
          // BuildKit expands a default with the ARGs declared before it: ARG IMAGE=python:${PY}
          else globalArgs.set(a.value.slice(0, eq), substituteVariables(stripQuotes(a.value.slice(eq + 1)), fromScope(globalArgs)).text);
        }
      }
      continue;
    }
    node.stageIndex = stage.index;
    stage.instructions.push(node);
    const fromValues = [
      ...(node.keyword === 'COPY' || node.keyword === 'ADD' ? node.flags.filter((f) => f.name === 'from').map((f) => f.value) : []),
      ...(node.keyword === 'RUN' ? node.flags.filter((f) => f.name === 'mount').map((f) => mountFrom(f.value)) : []),
    ];
    for (const v of fromValues) {
      if (!v) continue;
      const ref = resolveStageRef(v, stageNames, stage.index);
      if (ref !== undefined) {
        if (!stage.copiesFrom.includes(ref)) stage.copiesFrom.push(ref);
      } else if (!/^\d+$/.test(v)) stage.copiesFromImages.push(v);
    }
  }

  const finalStage = stages[stages.length - 1];
  if (finalStage) {
    finalStage.isFinal = true;
    // what the final image contains: the final stage and the chain of stages it is FROM
    let s: Stage | undefined = finalStage;
    while (s && !s.inFinalImage) {
      s.inFinalImage = true;
      s = s.baseStage !== undefined ? stages[s.baseStage] : undefined;
    }
  }

  const comments: Comment[] = ast.getComments().map((c) => ({ text: c.getContent() ?? '', range: c.getRange() }));
  // dockerfile-ast takes any `# word ...=value` line at the top for a parser directive; BuildKit only
  // `# key=value` with a one-word key, so `# shipshape file-ignore=...` on line 1 is a comment (and a suppression)
  for (const d of ast.getDirectives()) {
    const line = doc.lineText(d.getRange().start.line).trim();
    if (!/^#[ \t]*[A-Za-z][A-Za-z0-9]*[ \t]*=/.test(line)) comments.push({ text: line.replace(/^#[ \t]*/, ''), range: d.getRange() });
  }
  comments.sort((a, b) => a.range.start.line - b.range.start.line);
  reuse?.end();
  return { text, doc, escapeChar, instructions, globalArgs, stages, finalStage, comments, readings: undefined };
}

function stripQuotes(v: string): string {
  if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

function mountFrom(value: string | null): string | null {
  if (!value) return null;
  const m = /(?:^|,)from=([^,]+)/.exec(value);
  return m ? m[1] : null;
}

/** A `--from` value names a stage by name or by index; only earlier stages count. */
export function resolveStageRef(value: string, stageNames: ReadonlyMap<string, number>, currentIndex: number): number | undefined {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n < currentIndex ? n : undefined;
  }
  const idx = stageNames.get(value.toLowerCase());
  return idx !== undefined && idx < currentIndex ? idx : undefined;
}
