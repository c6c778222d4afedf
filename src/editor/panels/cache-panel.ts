/**
 * The "Cache" panel: the learner marks project files as changed and sees which steps of the next
 * build run again (from which instruction on, and why) and which come from the cache, with the
 * estimated time and bytes of what is rebuilt.
 */
import type { ContextFile } from '../../engine/types.ts';
import { code, codeText, fill, h, type Child } from './dom.ts';
import { contextBytes, formatSeconds, imageBytes, lineLabel, plural, shorten } from './format.ts';
import type { ImagePanelData } from './preview-data.ts';
import { stageTitle } from './stage-picker.ts';

/** The checkboxes: built once, so ticking one keeps focus while the new preview arrives. */
export function createCacheControls(id: string, files: readonly ContextFile[], changed: Set<string>, onChange: () => void): HTMLElement {
  const boxes: HTMLInputElement[] = [];
  const list = h(
    'ul',
    { class: 'ex-cache-files' },
    files
      .filter((f) => !f.path.endsWith('/'))
      .map((f, i) => {
        const box = h('input', { type: 'checkbox', id: `${id}-f${i}`, value: f.path, checked: changed.has(f.path) });
        boxes.push(box);
        box.addEventListener('change', () => {
          if (box.checked) changed.add(f.path);
          else changed.delete(f.path);
          clear.disabled = changed.size === 0;
          onChange();
        });
        return h('li', null, box, h('label', { for: box.id }, h('span', { class: 'ex-cache-path' }, f.path), h('span', { class: 'ex-pv-muted' }, ` ${contextBytes(f.size)}`)));
      }),
  );
  const clear = h('button', { type: 'button', class: 'ex-button ex-cache-clear', disabled: changed.size === 0 }, 'Clear');
  clear.addEventListener('click', () => {
    changed.clear();
    for (const b of boxes) b.checked = false;
    clear.disabled = true;
    onChange();
  });
  return h(
    'fieldset',
    { class: 'ex-cache-controls' },
    h('legend', null, 'Which files did you change since the last build?'),
    h('div', { class: 'ex-cache-scroll' }, list),
    h('p', { class: 'ex-cache-actions' }, clear),
  );
}

export function renderCache(into: HTMLElement, image: ImagePanelData | null, anyChanged: boolean): void {
  if (!image) {
    fill(into, h('p', { class: 'ex-pv-note' }, 'There is no image yet: write a FROM instruction first.'));
    return;
  }
  const r = image.rebuild;
  if (!anyChanged || !r) {
    fill(into, h('p', { class: 'ex-pv-note ex-cache-empty' }, 'Tick a file above to see which steps the next build runs again, and which it takes from the cache.'));
    return;
  }
  const total = r.steps.length;
  const firstMiss = r.steps.find((s) => !s.cached);
  const summary: Child[] =
    r.rebuilt.steps === 0
      ? ['Every step comes from the cache: the build takes ', h('strong', null, 'seconds'), '.']
      : [
          'The next build runs ',
          h('strong', null, `${plural(r.rebuilt.steps, 'step')} of ${total}`),
          ' again, from ',
          code(shorten(firstMiss?.createdBy ?? '', 60)),
          ` (${lineLabel(firstMiss?.line ?? 0)}) on: about `,
          h('strong', null, formatSeconds(r.rebuilt.seconds)),
          ' and ',
          h('strong', null, `${r.rebuilt.unknownBytes ? 'at least ' : '≈ '}${imageBytes(r.rebuilt.bytes)}`),
          ` of new layers. ${plural(r.cached.steps, 'step')} ${r.cached.steps === 1 ? 'comes' : 'come'} from the cache.`,
        ];
  const stages = r.stages.filter((s) => s.rebuildFromLine !== null);
  const multi = new Set(r.steps.map((s) => s.stage)).size > 1;
  const titles = new Map(image.stageOptions.map((s) => [s.index, stageTitle(s, s.isFinal)]));

  fill(into, 
    h('p', { class: 'ex-pv-lead ex-cache-summary', 'data-rebuilt': r.rebuilt.steps }, summary),
    r.ignored.length > 0
      ? h('p', { class: 'ex-pv-note' }, r.ignored.map((f, i) => [i > 0 ? ', ' : '', code(f)]), ` ${r.ignored.length === 1 ? 'is' : 'are'} kept out by the .dockerignore: a change there never reaches the build.`)
      : null,
    r.unused.length > 0
      ? h('p', { class: 'ex-pv-note' }, r.unused.map((f, i) => [i > 0 ? ', ' : '', code(f)]), `: no COPY, ADD or bind mount of this build takes ${r.unused.length === 1 ? 'it' : 'them'}, so ${r.unused.length === 1 ? 'it changes' : 'they change'} nothing.`)
      : null,
    multi && stages.length > 0
      ? h(
          'ul',
          { class: 'ex-pv-list ex-cache-stages' },
          stages.map((s) => h('li', null, h('strong', null, titles.get(s.stage) ?? stageTitle({ index: s.stage, name: s.name })), `: runs again from ${lineLabel(s.rebuildFromLine ?? 0)}. `, codeText(s.reason ?? ''))),
        )
      : null,
    h(
      'table',
      { class: 'ex-pv-table ex-cache-table' },
      h('caption', null, 'The steps of the next build, in order'),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', class: 'ex-pv-num' }, 'Line'),
          h('th', { scope: 'col' }, 'Step'),
          h('th', { scope: 'col' }, 'Cache'),
          h('th', { scope: 'col', class: 'ex-pv-num' }, 'Time'),
          h('th', { scope: 'col', class: 'ex-pv-num' }, 'Size'),
        ),
      ),
      h(
        'tbody',
        null,
        r.steps.map((s, i) => {
          const stageStart = multi && (i === 0 || r.steps[i - 1].stage !== s.stage);
          return [
            stageStart ? h('tr', { class: 'ex-cache-stage-row' }, h('th', { scope: 'colgroup', colspan: '5' }, titles.get(s.stage) ?? stageTitle({ index: s.stage, name: null }))) : null,
            h(
              'tr',
              { 'data-cached': String(s.cached), 'data-keyword': s.keyword },
              h('td', { class: 'ex-pv-num' }, s.line + 1),
              h('td', null, h('code', { class: 'ex-pv-created' }, s.createdBy), !s.cached && s.reason ? h('span', { class: 'ex-pv-why' }, codeText(s.reason)) : null),
              h(
                'td',
                { class: 'ex-cache-state' },
                s.cached ? h('span', { class: 'ex-pv-badge', 'data-tone': 'pass' }, 'cached') : h('span', { class: 'ex-pv-badge', 'data-tone': 'warn' }, 'runs again'),
              ),
              h('td', { class: 'ex-pv-num' }, s.cached ? '' : formatSeconds(s.seconds)),
              h('td', { class: 'ex-pv-num' }, s.cached ? '' : s.bytes === null ? 'unknown' : s.bytes === 0 ? '0 B' : `≈ ${imageBytes(s.bytes)}`),
            ),
          ];
        }),
      ),
    ),
  );
}
