/**
 * What the text of an exercise's .dockerignore tab means to the build. Kept apart from exercise.ts,
 * which pulls in the whole engine, so the page's exercise controller can use it without the engine.
 */

/**
 * The .dockerignore the build sees, given the text of the exercise's .dockerignore tab: none when the
 * exercise has no tab, or when its project starts without one and the learner has not written it yet.
 */
export function learnerDockerignore(text: string | undefined, absentAtStart = false): { dockerignore?: string } {
  if (text === undefined || (absentAtStart && text.trim() === '')) return {};
  return { dockerignore: text };
}
