/**
 * Notices above a lesson's first exercise: storage problems (nothing is saved, or a saved document
 * was set aside) and workshop mode. Tiny on purpose: the island imports it before any editor loads.
 */
/** Inserts (once) a notice before the first visible exercise, or returns the one already there. */
export function pageNotice(kind: string, first?: Element | null): HTMLElement | null {
  const existing = document.querySelector<HTMLElement>(`.ss-notice[data-kind="${kind}"]`);
  if (existing) return existing;
  const anchor = first ?? document.querySelector('section.exercise:not([hidden])');
  if (!anchor) return null;
  const notice = document.createElement('div');
  notice.className = 'ss-notice not-content';
  notice.dataset.kind = kind;
  anchor.before(notice);
  return notice;
}

/** The notice about saving; the island says "not saving" at once, the controller the rarer cases. */
export function showStorageNotice(text: string, download?: () => void): void {
  if (document.querySelector('.ss-notice[data-kind="storage"]')) return;
  const notice = pageNotice('storage');
  if (!notice) return;
  notice.setAttribute('role', 'status');
  const p = document.createElement('p');
  p.textContent = text;
  notice.append(p);
  if (download) {
    const actions = document.createElement('div');
    actions.className = 'ss-notice-actions';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ex-button';
    button.textContent = 'Download the set-aside copy';
    button.addEventListener('click', download);
    actions.append(button);
    notice.append(actions);
  }
}
