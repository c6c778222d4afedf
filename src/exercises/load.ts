/**
 * Turns an exercise folder's files into an Exercise. Used at build time (through Vite's
 * import.meta.glob) and by the lesson-integrity test (through fs), so both read the same way.
 *
 * A folder `lessons/<lesson>/exercises/<name>/` holds:
 *   exercise.json                 title, prompt, checks, hints, optional context tree and preview panel
 *   starter.Dockerfile            what the learner starts from
 *   solution.Dockerfile           the reference solution
 *   solution.dockerignore         optional: the project has a .dockerignore tab
 *   starter.dockerignore          the tab's starting text; without it, the project starts with no
 *                                 .dockerignore at all, until the learner writes one
 */
import type { Exercise } from '../engine/exercise.ts';
import { exerciseJsonSchema } from './schema.ts';

export class ExerciseError extends Error {}

export function buildExercise(lesson: string, name: string, files: Record<string, string>): Exercise {
  const where = `lessons/${lesson}/exercises/${name}`;
  const need = (file: string): string => {
    const text = files[file];
    if (text === undefined) throw new ExerciseError(`${where}: missing ${file}`);
    return text;
  };
  let json: unknown;
  try {
    json = JSON.parse(need('exercise.json'));
  } catch (err) {
    if (err instanceof ExerciseError) throw err;
    throw new ExerciseError(`${where}/exercise.json is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = exerciseJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new ExerciseError(`${where}/exercise.json is malformed:\n${issues}`);
  }
  const data = parsed.data;
  const hasIgnore = files['starter.dockerignore'] !== undefined || files['solution.dockerignore'] !== undefined;
  const ignoreAbsentAtStart = files['starter.dockerignore'] === undefined;
  return {
    id: `${lesson}/${name}`,
    lesson,
    title: data.title,
    prompt: data.prompt,
    files: {
      dockerfile: { starter: need('starter.Dockerfile'), solution: need('solution.Dockerfile') },
      ...(hasIgnore
        ? {
            dockerignore: ignoreAbsentAtStart
              ? { starter: '', solution: need('solution.dockerignore'), absentAtStart: true }
              : { starter: need('starter.dockerignore'), solution: need('solution.dockerignore') },
          }
        : {}),
    },
    ...(data.context ? { context: data.context } : {}),
    ...(data.preview ? { preview: data.preview } : {}),
    checks: data.checks,
    hints: data.hints,
  };
}

/** Groups a flat map of `/lessons/<lesson>/exercises/<name>/<file>` paths into exercises. */
export function exercisesFromGlob(modules: Record<string, string>): Map<string, Exercise> {
  const folders = new Map<string, { lesson: string; name: string; files: Record<string, string> }>();
  for (const [path, text] of Object.entries(modules)) {
    const m = /lessons\/([^/]+)\/exercises\/([^/]+)\/([^/]+)$/.exec(path);
    if (!m) continue;
    const key = `${m[1]}/${m[2]}`;
    const entry = folders.get(key) ?? { lesson: m[1], name: m[2], files: {} };
    entry.files[m[3]] = text;
    folders.set(key, entry);
  }
  const out = new Map<string, Exercise>();
  for (const [key, f] of [...folders].sort(([a], [b]) => a.localeCompare(b))) out.set(key, buildExercise(f.lesson, f.name, f.files));
  return out;
}
