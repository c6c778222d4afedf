import { defineRule } from '../rule.ts';
import { AUTOMATIC_PLATFORM_ARGS, type DockerfileModel, type Instruction, type Stage } from '../model.ts';
import { keyValues, rootImageFacts, stageChain, variablesAt, type KeyValue } from '../runtime.ts';
import { closestMatch } from '../suggest.ts';
import { comparePositions } from '../text.ts';
import type { Fix, Range } from '../types.ts';
import { looksSecret } from './no-secret-env-arg.ts';

/** A `$NAME` or `${NAME...}` in the document, by offsets. */
interface Reference {
  name: string;
  start: number;
  end: number;
}

/** Instructions whose arguments BuildKit expands itself (RUN, CMD and ENTRYPOINT leave it to the shell; FROM has its own rule). */
const EXPANDED = new Set(['ENV', 'LABEL', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL', 'EXPOSE', 'COPY', 'ADD', 'ARG', 'RUN']);
/** Flags BuildKit expands, per instruction. */
const EXPANDED_FLAGS: Record<string, ReadonlySet<string>> = {
  COPY: new Set(['chown', 'chmod']),
  ADD: new Set(['chown', 'chmod', 'checksum']),
  RUN: new Set(['mount']),
};
/** The pairs of an instruction that is not an ARG (shared, never added to). */
const NO_PAIRS: readonly KeyValue[] = [];
/** referencesIn's heredoc references when there are none: never added to. */
const NO_HEREDOC_REFS: ReadonlySet<Reference> = new Set();
/** BuildKit's platform ARGs, which every global ARG default can read (an array: a Set is made from it fast). */
const PLATFORM_ARG_NAMES = [...AUTOMATIC_PLATFORM_ARGS.keys()];
/** A heredoc opener in an instruction's first line; group 1 is the quote around the delimiter, if any. */
const HEREDOC_OPENER = /<<-?(["']?)([^\s"'<>|&;]+)\1/g;

const isNameStart = (c: string | undefined) => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_');
const isNameChar = (c: string | undefined) => isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');

/** After a line continuation ends at `i`: skips the comment lines BuildKit drops inside a continued instruction. */
function skipCommentLines(text: string, i: number, end: number): number {
  for (;;) {
    let k = i;
    while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k >= end || text[k] !== '#') return i;
    while (k < end && text[k] !== '\n' && text[k] !== '\r') k++;
    i = text[k] === '\r' && text[k + 1] === '\n' ? k + 2 : k + 1;
  }
}

/**
 * The variable references BuildKit's word expansion resolves in text[start, end): escaped `\$` and
 * (with `quotes`) single-quoted text stay literal, and `${NAME:-x}`, `${NAME-x}`, `${NAME:+x}` and
 * `${NAME:?}` handle an unset variable on purpose, so they are not references to report.
 */
export function scanReferences(text: string, start: number, end: number, escapeChar: string, quotes: boolean, out: Reference[]): void {
  let i = start;
  let double = false;
  while (i < end) {
    const c = text[i];
    if (c === escapeChar) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (quotes && j < end && (text[j] === '\n' || text[j] === '\r')) {
        i = skipCommentLines(text, text[j] === '\r' && text[j + 1] === '\n' ? j + 2 : j + 1, end);
        continue;
      }
      i += 2;
      continue;
    }
    if (quotes && c === "'" && !double) {
      const close = text.indexOf("'", i + 1);
      if (close < 0 || close >= end) return;
      i = close + 1;
      continue;
    }
    if (quotes && c === '"') {
      double = !double;
      i++;
      continue;
    }
    if (c !== '$') {
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      let j = i + 2;
      if (!isNameStart(text[j])) {
        i = j;
        continue;
      }
      while (j < end && isNameChar(text[j])) j++;
      const op = text[j];
      let depth = 1;
      let k = j;
      while (k < end && depth > 0) {
        if (text[k] === '{') depth++;
        else if (text[k] === '}') depth--;
        k++;
      }
      // an unclosed `${` is a build error of its own, not this rule's
      if (depth > 0) return;
      if (op !== ':' && op !== '-' && op !== '+' && op !== '?') out.push({ name: text.slice(i + 2, j), start: i, end: k });
      i = k;
      continue;
    }
    if (isNameStart(text[i + 1])) {
      let j = i + 1;
      while (j < end && isNameChar(text[j])) j++;
      out.push({ name: text.slice(i + 1, j), start: i, end: j });
      i = j;
      continue;
    }
    i++;
  }
}

/** What a stage can read besides the variables in scope: the base image's variables, and ARGs of the stages it is built FROM. */
interface StageFacts {
  /** False when the base image is unknown: it may set any variable. */
  envKnown: boolean;
  extra: Set<string>;
}

export default defineRule({
  meta: {
    id: 'undefined-variable',
    title: 'Variables are declared before they are used',
    severity: 'warning',
    lesson: '02-pin-base-images',
    related: { buildkit: ['UndefinedVar'] },
    why:
      'BuildKit expands `$NAME` and `${NAME}` itself in ENV, LABEL, ARG defaults, COPY and ADD (paths, `--chown`, `--chmod`, and ' +
      'heredocs whose delimiter is unquoted), WORKDIR, USER, VOLUME, EXPOSE, STOPSIGNAL and `RUN --mount` options. A variable that no ' +
      'ARG or ENV above declares, and that the base image does not set, expands to an empty string without an error: ' +
      '`ENV PATH=$PAHT:/app/bin` throws away the PATH, `WORKDIR $APP_HOME` lands in `/`. Scope is the usual cause: an ARG declared ' +
      'before the first FROM is for FROM lines only, an ARG or ENV ends with its stage (unless a stage is built FROM it), and ' +
      'BuildKit\'s platform ARGs (`TARGETARCH` and friends) must be declared again inside the stage. `${NAME:-default}` and its ' +
      'relatives handle an unset variable on purpose and are not reported; neither is shell text in RUN, CMD and ENTRYPOINT, which ' +
      'the shell expands at run time. For a base image Shipshape does not know, only likely typos and scope mistakes are reported.',
    fixable: true,
    examples: {
      incorrect:
        'ARG GO_VERSION=1.27\nFROM golang:${GO_VERSION}-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nLABEL org.opencontainers.image.description="API, built with Go ${GO_VERSION}"\n' +
        'ENTRYPOINT ["/api"]\n',
      correct:
        'ARG GO_VERSION=1.27\nFROM golang:${GO_VERSION}-bookworm AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nARG GO_VERSION\nLABEL org.opencontainers.image.description="API, built with Go ${GO_VERSION}"\n' +
        'ENTRYPOINT ["/api"]\n',
    },
  },
  create(context) {
    // this runs for every file: what most files never need (the line break of a fix, the global scope) is made when needed
    const { model } = context;
    const { doc, escapeChar } = model;
    const text = doc.text;
    const stageFacts = new Map<number, StageFacts>();
    /** Every ARG and ENV declaration by name, built on the first miss. */
    let declarations: Map<string, Instruction[]> | undefined;
    /** `stage:name` pairs already offered the `ARG NAME` fix. */
    const offered = new Set<string>();
    /** Global ARGs declared so far (before the first FROM), plus the platform ARGs: made at the first global ARG. */
    let globalScopeSet: Set<string> | undefined;
    const globalScope = (): Set<string> => (globalScopeSet ??= new Set<string>(PLATFORM_ARG_NAMES));
    /** Offset of the next `$` at or after the instruction being visited (-1: none left). */
    let nextDollar = text.indexOf('$');
    /** Its position: compared with the instructions' ranges, it spares two offsets per instruction (a `$` is never past its line's end). */
    let dollarAt = nextDollar >= 0 ? doc.positionAt(nextDollar) : undefined;

    const factsOf = (stage: Stage): StageFacts => {
      let f = stageFacts.get(stage.index);
      if (f) return f;
      const chain = stageChain(model, stage);
      const root = chain[0];
      const facts = root.isScratch ? undefined : rootImageFacts(model, stage);
      const envKnown = root.isScratch || (!!facts && !facts.unknownConfig?.includes('env'));
      // BuildKit gives every image a PATH
      const extra = new Set<string>(['PATH', ...(facts?.versionEnv ?? [])]);
      // ARGs of the stages this one is built FROM carry over into it
      for (const s of chain) {
        if (s === stage) break;
        for (const i of s.instructions) if (i.keyword === 'ARG') for (const kv of keyValues(i)) extra.add(kv.name);
      }
      f = { envKnown, extra };
      stageFacts.set(stage.index, f);
      return f;
    };

    const declared = (): Map<string, Instruction[]> => {
      if (declarations) return declarations;
      declarations = new Map();
      for (const i of model.instructions) {
        if (i.keyword !== 'ARG' && i.keyword !== 'ENV') continue;
        for (const kv of keyValues(i)) {
          const list = declarations.get(kv.name) ?? [];
          list.push(i);
          declarations.set(kv.name, list);
        }
      }
      return declarations;
    };

    const lineOf = (i: Instruction) => i.range.start.line + 1;
    /** Where a pair of an ARG or ENV line ends: a reference after it may read it (ARG) or not yet (ENV); one inside it reads the old value. */
    const endOf = (kv: KeyValue) => doc.offsetAt((kv.valueRange ?? kv.nameRange).end);
    const stageLabel = (s: Stage) => (s.name ? `\`${s.name}\`` : `${s.index + 1}`);

    /** The ranges of an instruction BuildKit expands, and the heredoc bodies it expands (scanned without quote rules). */
    const referencesIn = (ins: Instruction): { refs: Reference[]; heredoc: ReadonlySet<Reference> } => {
      const refs: Reference[] = [];
      // made only when a heredoc body is expanded (most instructions have none)
      let heredoc: Set<Reference> | undefined;
      const flags = EXPANDED_FLAGS[ins.keyword];
      if (flags) {
        for (const f of ins.flags) {
          if (flags.has(f.name) && f.value?.includes('$')) scanReferences(text, doc.offsetAt(f.range.start), doc.offsetAt(f.range.end), escapeChar, true, refs);
        }
      }
      if (ins.keyword === 'RUN' || !ins.argumentsRange) return { refs, heredoc: NO_HEREDOC_REFS };
      if (ins.keyword === 'ARG') {
        for (const kv of keyValues(ins)) {
          if (kv.valueRange) scanReferences(text, doc.offsetAt(kv.valueRange.start), doc.offsetAt(kv.valueRange.end), escapeChar, true, refs);
        }
        return { refs, heredoc: NO_HEREDOC_REFS };
      }
      const start = doc.offsetAt(ins.argumentsRange.start);
      let end = doc.offsetAt(ins.argumentsRange.end);
      const bodies = ins.heredocs.length === 0 ? ins.heredocs : ins.heredocs.filter((h) => h.range);
      if (bodies.length > 0) {
        // the instruction's own words end where the first heredoc body starts
        end = Math.min(end, doc.offsetAt({ line: bodies[0].range!.start.line, character: 0 }));
        const head = text.slice(start, end);
        const quoted = new Map<string, boolean>();
        for (const m of head.matchAll(HEREDOC_OPENER)) quoted.set(m[2], m[1] !== '');
        if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
          for (const h of bodies) {
            if (quoted.get(h.name) !== false) continue;
            const before = refs.length;
            scanReferences(text, doc.offsetAt(h.range!.start), doc.offsetAt(h.range!.end), '\\', false, refs);
            heredoc ??= new Set();
            for (let k = before; k < refs.length; k++) heredoc.add(refs[k]);
          }
        }
      }
      scanReferences(text, start, end, escapeChar, true, refs);
      return { refs, heredoc: heredoc ?? NO_HEREDOC_REFS };
    };

    const insertArg = (stage: Stage, ins: Instruction, name: string): Fix | undefined => {
      // only where the value is text: a path, user or port that starts resolving can bring other rules' findings to light
      if (ins.keyword !== 'LABEL' && ins.keyword !== 'ENV') return undefined;
      const key = `${stage.index}:${name}`;
      if (offered.has(key) || looksSecret(name)) return undefined;
      offered.add(key);
      const at = { line: ins.range.start.line, character: 0 };
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      return { title: `Declare ARG ${name} in this stage`, edits: [{ range: { start: at, end: at }, newText: `ARG ${name}${eol}` }] };
    };

    const report = (ref: Reference, message: string, fix?: Fix) => {
      const range: Range = doc.range(ref.start, ref.end);
      context.report({ range, message, ...(fix ? { fix } : {}) });
    };

    const checkStageInstruction = (ins: Instruction, stage: Stage) => {
      const { refs, heredoc } = referencesIn(ins);
      if (refs.length === 0) return;
      const scope = variablesAt(model, stage, ins);
      const facts = factsOf(stage);
      // ARG sets its names one by one (ENV sets them all at once): an earlier name of the same ARG line is in scope
      const sameArg: readonly KeyValue[] = ins.keyword === 'ARG' ? keyValues(ins) : NO_PAIRS;
      for (const ref of refs) {
        const { name } = ref;
        if (scope.has(name) || facts.extra.has(name)) continue;
        if (sameArg.some((kv) => kv.name === name && endOf(kv) <= ref.start)) continue;
        const written = doc.text.slice(ref.start, ref.end);
        const where = heredoc.has(ref) ? 'This heredoc\'s delimiter is unquoted, so BuildKit expands it: ' : '';
        const literal = heredoc.has(ref) ? ` If the text is meant literally (a config file with its own \`$\` variables), quote the delimiter: \`<<'EOF'\`.` : '';
        const unless = facts.envKnown ? '' : ' (unless the base image sets it)';
        const empty = `\`${written}\` expands to an empty string`;
        // set by this very ENV line
        if (ins.keyword === 'ENV' && keyValues(ins).some((kv) => kv.name === name && endOf(kv) <= ref.start)) {
          report(ref, `${where}ENV sets all its variables at once, so ${empty} here: \`${name}\` only exists after this line. Split it into two ENV lines.`);
          continue;
        }
        const all = declared().get(name) ?? [];
        const below = all.find((i) => i.stageIndex === stage.index && i.index > ins.index);
        if (below) {
          report(ref, `${where}${empty}: \`${name}\` is declared on line ${lineOf(below)}, below this line. Move that ${below.keyword} above it.${literal}`);
          continue;
        }
        if (model.globalArgs.has(name)) {
          report(
            ref,
            `${where}${empty}${unless}: the \`ARG ${name}\` before the first FROM is for FROM lines only. Declare \`ARG ${name}\` (without a value) in this ` +
              `stage to use its default here.${literal}`,
            insertArg(stage, ins, name),
          );
          continue;
        }
        if (AUTOMATIC_PLATFORM_ARGS.has(name)) {
          report(ref, `${where}${empty}: BuildKit sets \`${name}\` for FROM lines only. Declare \`ARG ${name}\` (without a value) in this stage to read it.`, insertArg(stage, ins, name));
          continue;
        }
        const elsewhere = all.find((i) => i.stageIndex >= 0 && i.stageIndex !== stage.index);
        if (elsewhere) {
          const other = model.stages[elsewhere.stageIndex];
          report(
            ref,
            `${where}${empty}${unless}: \`${name}\` is declared in stage ${stageLabel(other)} (line ${lineOf(elsewhere)}), and ARG and ENV end with their stage ` +
              `unless a stage is built FROM it. Declare it in this stage too.${literal}`,
          );
          continue;
        }
        const candidates = [...scope.keys(), ...facts.extra];
        const guess = closestMatch(name, candidates) ?? closestMatch(name, candidates, true);
        if (guess) {
          report(ref, `${where}${empty}${unless}: nothing declares \`${name}\`. Did you mean \`$${guess}\`?${literal}`);
          continue;
        }
        if (!facts.envKnown) continue;
        report(
          ref,
          `${where}${empty}: no ARG or ENV above declares \`${name}\`, and the base image does not set it. Declare it (\`ARG ${name}=<default>\` ` +
            `or \`ENV ${name}=...\`), or write \`\${${name}:-<default>}\` if empty is expected.${literal}`,
        );
      }
    };

    const checkGlobalArg = (ins: Instruction) => {
      const globals = globalScope();
      const kvs = keyValues(ins);
      for (const kv of kvs) {
        if (kv.valueRange) {
          const refs: Reference[] = [];
          scanReferences(text, doc.offsetAt(kv.valueRange.start), doc.offsetAt(kv.valueRange.end), escapeChar, true, refs);
          for (const ref of refs) {
            if (globals.has(ref.name)) continue;
            const written = text.slice(ref.start, ref.end);
            const later = model.instructions.find((i) => i.index > ins.index && i.stageIndex < 0 && i.keyword === 'ARG' && keyValues(i).some((k) => k.name === ref.name));
            const guess = closestMatch(ref.name, globals) ?? closestMatch(ref.name, globals, true);
            report(
              ref,
              `\`${written}\` expands to an empty string in this default: ` +
                (later
                  ? `\`${ref.name}\` is declared on line ${lineOf(later)}, below this line. Move it above.`
                  : `no ARG above it declares \`${ref.name}\`.${guess ? ` Did you mean \`$${guess}\`?` : ''}`),
            );
          }
        }
        globals.add(kv.name);
      }
    };

    return {
      instruction(ins, stage) {
        if (!EXPANDED.has(ins.keyword)) return;
        // most instructions have no `$` at all; the walk is in document order, so one cursor finds the next `$`
        if (dollarAt && comparePositions(dollarAt, ins.range.start) < 0) {
          nextDollar = text.indexOf('$', doc.offsetAt(ins.range.start));
          dollarAt = nextDollar >= 0 ? doc.positionAt(nextDollar) : undefined;
        }
        if (!dollarAt || comparePositions(dollarAt, ins.range.end) >= 0) {
          if (!stage && ins.keyword === 'ARG') for (const kv of keyValues(ins)) globalScope().add(kv.name);
          return;
        }
        if (!stage) {
          if (ins.keyword === 'ARG') checkGlobalArg(ins);
          return;
        }
        checkStageInstruction(ins, stage);
      },
    };
  },
});
