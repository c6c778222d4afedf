import { defineRule } from '../rule.ts';
import type { Instruction } from '../model.ts';
import type { Fix, TextEdit } from '../types.ts';

const KEYWORDS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG',
  'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

type Casing = 'upper' | 'lower' | 'mixed';

function casingOf(word: string): Casing {
  if (word === word.toUpperCase()) return 'upper';
  if (word === word.toLowerCase()) return 'lower';
  return 'mixed';
}

const inCase = (word: string, lower: boolean) => (lower ? word.toLowerCase() : word.toUpperCase());

export default defineRule({
  meta: {
    id: 'instruction-casing',
    title: 'Instructions share one casing; stage names are lower case',
    severity: 'info',
    lesson: '07-multi-stage-builds',
    related: { buildkit: ['ConsistentInstructionCasing', 'FromAsCasing', 'StageNameCasing'] },
    why:
      'Docker accepts `FROM`, `from` and `From` alike, but a reader scanning a Dockerfile tells instructions from arguments by their ' +
      'case. Most files write instructions in upper case; a file written in lower case is fine as long as all of it is. So the rule ' +
      'asks every instruction to follow the file\'s majority (upper case on a tie), `AS` to match the case of its `FROM`, and stage ' +
      'names to be lower case: BuildKit compares them without case anyway, so `AS Builder` and `--from=builder` are the same stage, ' +
      'and an upper-case name looks like an instruction. The quick fixes rewrite the keyword, or the stage name and the references ' +
      'to it.',
    fixable: true,
    examples: {
      incorrect:
        'FROM golang:1.27 as Build\nWORKDIR /src\nCopy . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=Build /out/app /app\nENTRYPOINT ["/app"]\n',
      correct:
        'FROM golang:1.27 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
  },
  create(context) {
    const { model } = context;
    const { doc } = model;
    const text = doc.text;
    const instructions = model.instructions;
    // by instruction index (arrays, not Maps keyed by object: this runs for every instruction of every file)
    const written: (string | undefined)[] = new Array(instructions.length);
    const casings: Casing[] = new Array(instructions.length);
    let lower = 0;
    let upper = 0;
    let mixed = 0;
    for (const ins of instructions) {
      const { keyword } = ins;
      const start = doc.offsetAt(ins.keywordRange.start);
      const end = doc.offsetAt(ins.keywordRange.end);
      let word: string;
      let c: Casing;
      // most keywords are written as their upper-case form: no substring, no case conversion
      if (end - start === keyword.length && text.startsWith(keyword, start)) {
        if (!KEYWORDS.has(keyword)) continue;
        word = keyword;
        c = 'upper';
      } else {
        word = text.slice(start, end);
        if (!KEYWORDS.has(word.toUpperCase())) continue;
        c = casingOf(word);
      }
      written[ins.index] = word;
      casings[ins.index] = c;
      if (c === 'lower') lower++;
      else if (c === 'upper') upper++;
      else mixed++;
    }
    const majorityLower = lower > upper;
    const majority = majorityLower ? 'lower case' : 'upper case';
    /** The keyword as written, for an instruction of this model whose keyword is a known one. */
    const wordOf = (ins: Instruction): string | undefined => (instructions[ins.index] === ins ? written[ins.index] : undefined);
    /** The case an instruction's keyword has once fixed. */
    const fixedLower = (ins: Instruction): boolean => {
      const c = wordOf(ins) ? casings[ins.index] : 'upper';
      return c === 'mixed' || (c === 'lower') !== majorityLower ? majorityLower : c === 'lower';
    };

    const instruction = (ins: Instruction) => {
      const word = wordOf(ins);
      if (!word) return;
      const c = casings[ins.index];
      if (c !== 'mixed' && (c === 'lower') === majorityLower) return;
      const want = inCase(word, majorityLower);
      context.report({
        range: ins.keywordRange,
        message:
          c === 'mixed'
            ? `\`${word}\` mixes upper and lower case: write \`${want}\`, like the file's other instructions.`
            : `This file writes its instructions in ${majority}: write \`${want}\`, not \`${word}\`.`,
        fix: { title: `Write ${want}`, edits: [{ range: ins.keywordRange, newText: want }] },
      });
    };

    return {
      // every keyword in the majority's case (the usual file): no instruction to report, so no hook to call
      ...(mixed > 0 || (lower > 0 && upper > 0) ? { instruction } : {}),
      stage(stage) {
        const words = stage.from.args;
        const baseAt = words.findIndex((w) => !w.value.startsWith('--'));
        const as = baseAt >= 0 ? words[baseAt + 1] : undefined;
        if (as && as.value.toUpperCase() === 'AS' && doc.rangeText(as.range) === as.value) {
          const wantAs = inCase(as.value, fixedLower(stage.from));
          if (as.value !== wantAs) {
            const from = wordOf(stage.from) ?? 'FROM';
            context.report({
              range: as.range,
              message: `\`${as.value}\` does not match the case of \`${inCase(from, fixedLower(stage.from))}\`: write \`${wantAs}\`.`,
              fix: { title: `Write ${wantAs}`, edits: [{ range: as.range, newText: wantAs }] },
            });
          }
        }
        if (!stage.name || !stage.nameRange) return;
        const name = doc.rangeText(stage.nameRange);
        // a name with a variable is not a valid stage name at all: not a casing matter
        if (name === stage.name || name.includes('$')) return;
        // the name and every reference to it, which BuildKit matches without case
        const edits: TextEdit[] = [{ range: stage.nameRange, newText: stage.name }];
        for (const later of model.stages.slice(stage.index + 1)) {
          const base = later.from.args.find((w) => !w.value.startsWith('--'));
          if (base && base.value.toLowerCase() === stage.name && base.value !== stage.name && doc.rangeText(base.range) === base.value) {
            edits.push({ range: base.range, newText: stage.name });
          }
          if (later.name === stage.name) break;
          for (const ins of later.instructions) {
            if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
            for (const f of ins.flags) {
              if (f.name !== 'from' || !f.value || f.value.toLowerCase() !== stage.name || f.value === stage.name) continue;
              const text = doc.rangeText(f.range);
              if (text.endsWith(f.value)) edits.push({ range: f.range, newText: text.slice(0, text.length - f.value.length) + stage.name });
            }
          }
        }
        const fix: Fix = { title: `Rename the stage ${stage.name}`, edits };
        context.report({
          range: stage.nameRange,
          message:
            `Stage names are lower case: write \`${stage.name}\`. BuildKit compares them without case, so \`${name}\` and \`${stage.name}\` ` +
            'are the same stage, and an upper-case name reads like an instruction.',
          fix,
        });
      },
    };
  },
});
