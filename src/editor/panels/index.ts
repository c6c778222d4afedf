/**
 * The exercise's build preview: the project tree under the editor (when the exercise has a context
 * tree) and a tabbed panel under the exercise: Build context, Image, Layers, Cache. Loaded with the
 * exercise controller, never up front. The controller asks `request()` what to compute along with
 * each grade and hands the worker's answer to `render()`; the panels call `onRequestChange` when the
 * learner opens them, picks a stage or marks a file as changed, so a fresh preview is computed.
 */
import type { Exercise } from '../../engine/exercise.ts';
import { renderCache, createCacheControls } from './cache-panel.ts';
import { renderContext } from './context-panel.ts';
import { h, uid } from './dom.ts';
import { renderImage } from './image-panel.ts';
import { renderLayers } from './layers-panel.ts';
// types only: preview-data.ts runs in the worker, and its engine imports must stay out of the page
import type { ImagePanelData, PanelId, PreviewPayload, PreviewRequest } from './preview-data.ts';
import { createProjectTree, type ProjectTree } from './project-tree.ts';
import { createStagePicker, type StagePicker } from './stage-picker.ts';

export interface PreviewPanels {
  /** What to compute with the next grade. */
  request(): PreviewRequest;
  render(payload: PreviewPayload | undefined): void;
  /** The checker failed or timed out: say so instead of showing stale data as current. */
  stale(reason: string): void;
}

const TAB_LABELS: Record<PanelId, string> = { context: 'Build context', image: 'Image', layers: 'Layers', cache: 'Cache' };
const PANEL_IDS = Object.keys(TAB_LABELS) as PanelId[];

/** Files the exercise's checks mark as changed (`source-change-keeps-deps-cached`): a cache view that starts where the lesson does. */
function changedInChecks(exercise: Exercise): string[] {
  const out = new Set<string>();
  for (const c of exercise.checks) {
    const changed = c.kind === 'assert' ? c.params?.changed : undefined;
    if (Array.isArray(changed)) for (const f of changed) out.add(f);
  }
  return [...out];
}

export function createPreviewPanels(section: HTMLElement, exercise: Exercise, onRequestChange: () => void): PreviewPanels {
  const hasContext = (exercise.context?.length ?? 0) > 0;
  const panels = PANEL_IDS.filter((p) => hasContext || (p !== 'context' && p !== 'cache'));
  let open = exercise.preview !== undefined;
  let active: PanelId = exercise.preview && panels.includes(exercise.preview) ? exercise.preview : panels[0];
  let last: PreviewPayload | undefined;
  let lastImage: ImagePanelData | null | undefined;

  // --- the project tree, under the editor
  let tree: ProjectTree | undefined;
  if (hasContext && exercise.context) {
    tree = createProjectTree(exercise.context, {
      open: exercise.files.dockerignore !== undefined || exercise.preview === 'context',
      hasDockerignore: exercise.files.dockerignore !== undefined,
    });
    (section.querySelector('.ex-editor-column') ?? section).append(tree.element);
  }

  // --- the tabbed panel, under the editor and the checklist
  const id = uid('ex-preview');
  const toggle = h(
    'button',
    { type: 'button', class: 'ex-preview-toggle', 'aria-expanded': String(open), 'aria-controls': `${id}-body` },
    h('span', { class: 'ex-preview-chevron', 'aria-hidden': 'true' }),
    h('span', { class: 'ex-preview-title' }, 'Build preview'),
    h('span', { class: 'ex-preview-sub' }, `${panels.map((p) => TAB_LABELS[p]).join(' · ')}: what docker build would do with your files`),
  );
  const tablist = h('div', { class: 'ex-preview-tabs', role: 'tablist', 'aria-label': 'Build preview' });
  const body = h('div', { class: 'ex-preview-body', id: `${id}-body`, hidden: !open }, tablist);
  // a named group, not a region landmark: every exercise has one, and same-named landmarks are ambiguous (axe landmark-unique)
  const root = h('div', { class: 'ex-preview', role: 'group', 'aria-labelledby': `${id}-heading`, 'data-open': String(open) }, h('h4', { class: 'ex-preview-heading', id: `${id}-heading` }, toggle), body);

  const stage = { value: 'final' as string | number };
  const changed = new Set<string>(hasContext ? changedInChecks(exercise).filter((f) => exercise.context?.some((c) => c.path === f)) : []);
  const pickers: StagePicker[] = [];
  const tabs = new Map<PanelId, HTMLButtonElement>();
  const views = new Map<PanelId, { panel: HTMLElement; content: HTMLElement }>();

  for (const p of panels) {
    const tab = h('button', { type: 'button', role: 'tab', class: 'ex-preview-tab', id: `${id}-tab-${p}`, 'aria-controls': `${id}-panel-${p}`, 'data-panel': p }, TAB_LABELS[p]);
    const content = h('div', { class: 'ex-pv-content' }, h('p', { class: 'ex-pv-waiting' }, 'Working it out…'));
    const panel = h('div', { class: 'ex-preview-panel', role: 'tabpanel', id: `${id}-panel-${p}`, 'aria-labelledby': tab.id, tabindex: '0', 'data-panel': p });
    if (p !== 'context') {
      const picker = createStagePicker(`${id}-${p}`, (value) => {
        stage.value = value;
        for (const other of pickers) other.select(value);
        onRequestChange();
      });
      pickers.push(picker);
      panel.append(picker.element);
    }
    if (p === 'cache' && exercise.context) {
      panel.append(
        createCacheControls(`${id}-cache`, exercise.context, changed, () => {
          onRequestChange();
        }),
      );
    }
    panel.append(content);
    tablist.append(tab);
    body.append(panel);
    tabs.set(p, tab);
    views.set(p, { panel, content });
    tab.addEventListener('click', () => select(p, false));
  }

  // WAI-ARIA tabs: arrow keys, Home and End move between tabs (and activate them); Tab goes into the panel
  tablist.addEventListener('keydown', (event) => {
    const i = panels.indexOf(active);
    const next =
      event.key === 'ArrowRight' ? panels[(i + 1) % panels.length]
      : event.key === 'ArrowLeft' ? panels[(i - 1 + panels.length) % panels.length]
      : event.key === 'Home' ? panels[0]
      : event.key === 'End' ? panels[panels.length - 1]
      : undefined;
    if (!next) return;
    event.preventDefault();
    select(next, true);
  });

  const select = (p: PanelId, focus: boolean) => {
    active = p;
    for (const [key, tab] of tabs) {
      const on = key === p;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      views.get(key)!.panel.hidden = !on;
    }
    root.dataset.panel = p;
    if (focus) tabs.get(p)?.focus();
  };
  select(active, false);

  toggle.addEventListener('click', () => {
    open = !open;
    toggle.setAttribute('aria-expanded', String(open));
    root.dataset.open = String(open);
    body.hidden = !open;
    if (open) onRequestChange();
  });

  const anchor = section.querySelector('.ex-body');
  if (anchor) anchor.after(root);
  else section.append(root);

  let lastSignature = '';
  const renderAll = () => {
    const payload = last;
    if (!payload) return;
    if (payload.error) {
      for (const v of views.values()) v.content.replaceChildren(h('p', { class: 'ex-pv-error' }, `The preview could not be worked out (${payload.error}). The checks above are not affected.`));
      return;
    }
    const context = views.get('context');
    // the build's own answer: an exercise that starts without a .dockerignore has none until the learner writes it
    if (context) renderContext(context.content, payload.context, payload.context?.hasDockerignore ?? exercise.files.dockerignore !== undefined);
    if (payload.image !== undefined) lastImage = payload.image;
    if (lastImage === undefined) return;
    for (const picker of pickers) picker.update(lastImage);
    const image = views.get('image');
    const layers = views.get('layers');
    const cache = views.get('cache');
    if (image) renderImage(image.content, lastImage);
    if (layers) renderLayers(layers.content, lastImage);
    if (cache) renderCache(cache.content, lastImage, changed.size > 0);
  };

  return {
    request() {
      const req: PreviewRequest = {};
      if (hasContext) req.context = true;
      if (open) req.image = { stage: stage.value, ...(changed.size > 0 ? { changed: [...changed] } : {}) };
      return req;
    },
    render(payload) {
      if (!payload) return;
      // most keystrokes change nothing the panels show: rebuilding them anyway cost a layout of the whole page
      const signature = JSON.stringify([payload, changed.size > 0]);
      if (signature === lastSignature && root.dataset.state === 'ok') return;
      lastSignature = signature;
      last = payload;
      root.dataset.state = 'ok';
      tree?.update(payload.context);
      renderAll();
    },
    stale(reason) {
      root.dataset.state = 'stale';
      for (const v of views.values()) {
        const note = v.content.querySelector('.ex-pv-stale') ?? v.content.insertBefore(h('p', { class: 'ex-pv-stale' }), v.content.firstChild);
        note.textContent = `Not up to date: ${reason}`;
      }
    },
  };
}
