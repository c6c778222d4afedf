/**
 * The only exercise script a lesson page loads up front (kept tiny for the page-weight budget): it
 * says so when this browser cannot save, applies workshop mode when the learner joined a workshop
 * (loaded only then), and waits until an exercise is near the viewport to load the controller, the
 * checker and the editor.
 */
import { showStorageNotice } from './page-notice.ts';
import type { ActiveWorkshop } from './workshop-mode.ts';

const STORAGE_KEY = 'shipshape:progress';
export const NOT_SAVING =
  'This browser is not saving your work (storage for this site is off or full; private windows can do this). The exercises still check your text, but it is gone when you close the tab: copy your Dockerfile somewhere to keep it.';

function storageWorks(): boolean {
  try {
    localStorage.setItem(`${STORAGE_KEY}:probe`, '1');
    localStorage.removeItem(`${STORAGE_KEY}:probe`);
    return true;
  } catch {
    return false;
  }
}

/** The workshop this browser joined, read straight from the progress document (progress.ts validates it fully). */
function activeWorkshop(): ActiveWorkshop | null {
  try {
    const w = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')?.workshop;
    return w && typeof w.link === 'string' && typeof w.title === 'string' && Array.isArray(w.exercises) ? w : null;
  } catch {
    return null;
  }
}

function observe(sections: HTMLElement[]): void {
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

export async function mountExercises(): Promise<void> {
  const sections = Array.from(document.querySelectorAll<HTMLElement>('section.exercise[data-exercise]:not([data-mounted])'));
  if (sections.length === 0) return;
  if (!storageWorks()) showStorageNotice(NOT_SAVING);
  const workshop = activeWorkshop();
  if (workshop) {
    try {
      const { applyWorkshopMode } = await import('./workshop-mode.ts');
      // exercises outside the workshop stay hidden and unloaded until the learner leaves workshop mode
      applyWorkshopMode(workshop, sections, observe);
      observe(sections.filter((s) => !s.hidden));
      return;
    } catch {
      // workshop mode could not load (offline before it was cached?): show the whole lesson
    }
  }
  observe(sections);
}
