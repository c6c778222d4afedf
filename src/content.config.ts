import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/**
 * Lessons live in top-level `lessons/`, one folder per guideline (`02-pin-base-images/index.mdx`).
 * Their frontmatter is validated here, so a malformed lesson fails the build with a clear message.
 * The fields are optional only because Starlight validates custom pages (the course map, the
 * playground) against the same schema; astro.config.mjs requires them for every lesson.
 */
export const lessonFields = z.object({
  part: z.number().int().min(1).max(4).describe('The curriculum part (1-4) the lesson belongs to.').optional(),
  order: z.number().int().min(1).max(99).describe('The lesson number in the curriculum, e.g. 2 for 02-pin-base-images.').optional(),
  minutes: z.number().int().min(5).max(120).describe('Estimated minutes to read the lesson and do its exercises.').optional(),
  objectives: z.array(z.string().min(10)).min(2).max(6).describe('What the learner can do afterwards, each a sentence.').optional(),
});

/** Authors can build a subset for speed: SHIPSHAPE_ONLY_LESSONS=02-pin-base-images,12-run-as-non-root */
const only = process.env.SHIPSHAPE_ONLY_LESSONS?.split(',').map((s) => s.trim()).filter(Boolean);
const pattern = only?.length ? (only.length === 1 ? `${only[0]}/**/[^_]*.{md,mdx}` : `{${only.join(',')}}/**/[^_]*.{md,mdx}`) : '**/[^_]*.{md,mdx}';

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './lessons', pattern }),
    schema: docsSchema({ extend: lessonFields }),
  }),
};
