/**
 * Every exercise of the course, read at build time through Vite's import.meta.glob. Only the Astro
 * components import this (it never reaches the browser bundle): pages embed the one exercise they need.
 */
import type { Exercise } from '../engine/exercise.ts';
import { exercisesFromGlob } from './load.ts';

const files = import.meta.glob('/lessons/*/exercises/*/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const exercises: Map<string, Exercise> = exercisesFromGlob(files);

export function getExercise(id: string): Exercise {
  const ex = exercises.get(id);
  if (!ex) {
    const known = [...exercises.keys()].join(', ') || '(none)';
    throw new Error(`<Exercise id="${id}"> names no exercise folder. Known exercises: ${known}`);
  }
  return ex;
}

export function exercisesOfLesson(lesson: string): Exercise[] {
  return [...exercises.values()].filter((e) => e.lesson === lesson);
}
