/**
 * The only exercise script a lesson page loads up front (kept tiny for the page-weight budget): it
 * waits until an exercise is near the viewport, then loads the controller, the checker and the editor.
 */
export function mountExercises(): void {
  const sections = Array.from(document.querySelectorAll<HTMLElement>('section.exercise[data-exercise]:not([data-mounted])'));
  if (sections.length === 0) return;
  const start = (section: HTMLElement) => {
    if (section.dataset.mounted) return;
    section.dataset.mounted = 'loading';
    import('./exercise-controller.ts')
      .then((m) => m.startExercise(section))
      .catch((err: unknown) => {
        section.dataset.mounted = 'failed';
        const status = section.querySelector('.ex-status-text');
        if (status) status.textContent = `The exercise could not start (${err instanceof Error ? err.message : String(err)}). Reload the page to try again.`;
      });
  };
  if (!('IntersectionObserver' in window)) {
    sections.forEach(start);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        start(entry.target as HTMLElement);
      }
    },
    { rootMargin: '200px 0px' },
  );
  sections.forEach((s) => observer.observe(s));
}
