/** Reads every exercise folder under lessons/ from disk, the same way the site does through Vite. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../../src/engine/exercise.ts';
import { exercisesFromGlob } from '../../src/exercises/load.ts';

export const LESSONS_DIR = new URL('../../lessons/', import.meta.url).pathname;

export function lessonSlugs(): string[] {
  return readdirSync(LESSONS_DIR)
    .filter((d) => /^\d\d-/.test(d) && statSync(join(LESSONS_DIR, d)).isDirectory())
    .sort();
}

export function readExerciseFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const lesson of lessonSlugs()) {
    const exDir = join(LESSONS_DIR, lesson, 'exercises');
    let names: string[] = [];
    try {
      names = readdirSync(exDir);
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = join(exDir, name);
      if (!statSync(dir).isDirectory()) continue;
      for (const file of readdirSync(dir)) files[`/lessons/${lesson}/exercises/${name}/${file}`] = readFileSync(join(dir, file), 'utf8');
    }
  }
  return files;
}

export function loadAllExercises(): Map<string, Exercise> {
  return exercisesFromGlob(readExerciseFiles());
}
