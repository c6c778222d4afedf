/**
 * Workshop mode on a lesson page, loaded only when the learner joined a workshop: exercises outside
 * the instructor's selection are hidden (each leaves a one-line note), solutions are hidden when the
 * instructor chose so, and a notice names the workshop with links back to its page and out of it.
 */
import { pageNotice } from './page-notice.ts';

export interface ActiveWorkshop {
  link: string;
  title: string;
  exercises: string[];
  hideSolutions: boolean;
}

const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

export function applyWorkshopMode(workshop: ActiveWorkshop, sections: HTMLElement[], reveal: (sections: HTMLElement[]) => void): void {
  const selected = new Set(workshop.exercises);
  const outside = sections.filter((s) => !selected.has(s.dataset.exercise ?? ''));
  const inside = sections.length - outside.length;
  const name = workshop.title ? `“${workshop.title}”` : 'your instructor set up';
  const notice = pageNotice('workshop', sections[0]);
  if (!notice) return;
  const notes: HTMLElement[] = [];
  for (const section of outside) {
    section.hidden = true;
    const note = document.createElement('p');
    note.className = 'ex-workshop-skipped not-content';
    note.textContent = `Exercise “${section.querySelector('.ex-title')?.textContent?.trim() ?? ''}” is not part of the workshop, so it is hidden.`;
    section.before(note);
    notes.push(note);
  }
  const solutionButtons = sections.map((s) => s.querySelector<HTMLElement>('.ex-solution-button'));
  if (workshop.hideSolutions) {
    for (const [i, section] of sections.entries()) {
      section.dataset.solutions = 'hidden';
      solutionButtons[i]?.setAttribute('hidden', '');
    }
  }

  notice.setAttribute('role', 'status');
  const text = document.createElement('p');
  text.textContent =
    `You are in the workshop ${name}. ` +
    (inside === 0
      ? 'None of the exercises on this page are part of it.'
      : outside.length === 0
        ? `All ${inside === 1 ? 'the exercise' : `${inside} exercises`} on this page ${inside === 1 ? 'is' : 'are'} part of it.`
        : `${inside} of the ${sections.length} exercises on this page ${inside === 1 ? 'is' : 'are'} part of it; the others are hidden.`) +
    (workshop.hideSolutions ? ' Your instructor has hidden the solutions; hints are still there.' : '');
  const actions = document.createElement('div');
  actions.className = 'ss-notice-actions';
  const back = document.createElement('a');
  back.href = `${base}workshop/join/#${workshop.link}`;
  back.textContent = 'Back to the workshop page';
  const leave = document.createElement('button');
  leave.type = 'button';
  leave.className = 'ex-button ss-leave-workshop';
  leave.textContent = 'Leave workshop mode';
  actions.append(back, leave);
  notice.append(text, actions);

  leave.addEventListener('click', async () => {
    const { progressStore } = await import('./progress.ts');
    progressStore().setWorkshop(undefined);
    for (const note of notes) note.remove();
    for (const [i, section] of sections.entries()) {
      delete section.dataset.solutions;
      const open = section.querySelector('.ex-solution:not([hidden]), .ex-solution-confirm:not([hidden])');
      if (!open) solutionButtons[i]?.removeAttribute('hidden');
    }
    for (const section of outside) section.hidden = false;
    reveal(outside);
    text.textContent = 'You left workshop mode: every exercise on this page is shown again. You can rejoin from your instructor’s link.';
    actions.remove();
    notice.tabIndex = -1;
    notice.focus();
  });
}
