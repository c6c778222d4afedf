/**
 * The shape of `lessons/<lesson>/exercises/<exercise>/exercise.json`, validated at build time and in
 * the lesson-integrity test. The `.describe()` texts double as authoring help.
 */
import { z } from 'astro/zod';

const ruleCheck = z
  .object({
    kind: z.literal('rule'),
    label: z.string().min(3).describe('What the learner must achieve, phrased as a goal: "The base image names a version".'),
    rule: z.string().regex(/^[a-z0-9-]+$/).describe('A rule id from src/engine/rules; the check passes when that rule reports nothing.'),
  })
  .strict();

const assertCheck = z
  .object({
    kind: z.literal('assert'),
    label: z.string().min(3),
    assert: z.string().describe('An assertion name from src/engine/assertions.ts (final-base-image, stage-count-at-least, ...).'),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).optional(),
  })
  .strict();

export const contextFileSchema = z
  .object({
    path: z.string().min(1).describe('Slash-separated path in the build context, e.g. `src/app.py`.'),
    size: z.number().int().nonnegative().describe('Size in bytes.'),
    content: z.string().optional().describe('Contents, for files whose text matters (package.json, .env).'),
  })
  .strict();

export const exerciseJsonSchema = z
  .object({
    title: z.string().min(3).describe('Short imperative title: "Name a version".'),
    prompt: z.string().min(10).describe('What to do, one to three sentences; inline Markdown (`code`, **bold**) allowed.'),
    checks: z.array(z.discriminatedUnion('kind', [ruleCheck, assertCheck])).min(1),
    hints: z.array(z.string().min(5)).min(2).max(3).describe('Two or three hints, from a nudge to nearly the answer.'),
    context: z.array(contextFileSchema).optional().describe('The virtual project tree the Dockerfile builds.'),
    preview: z
      .enum(['context', 'image', 'layers', 'cache'])
      .optional()
      .describe('The preview panel open at first under the editor (build context, image config, layers, cache); without it the panels start closed.'),
  })
  .strict()
  .refine((ex) => !(ex.preview === 'context' || ex.preview === 'cache') || (ex.context?.length ?? 0) > 0, {
    message: 'preview "context" and "cache" need a `context` tree: those panels show the project files.',
    path: ['preview'],
  });

export type ExerciseJson = z.infer<typeof exerciseJsonSchema>;
