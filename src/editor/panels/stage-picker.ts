/**
 * The stage picker of the image panels, shown for multi-stage builds. The element is built once and
 * its options are updated from each preview, so the learner's focus stays on it while the new
 * preview arrives. A stage is picked by name when it has one (indices shift when stages are added).
 */
import { h } from './dom.ts';
import type { ImagePanelData } from './preview-data.ts';

export interface StagePicker {
  element: HTMLElement;
  update(image: ImagePanelData | null): void;
  select(value: string | number): void;
}

/** `Stage build`, `Stage 1 (the final image)`: stages without a name go by Docker's index (`COPY --from=1`). */
export function stageTitle(s: { index: number; name: string | null }, isFinal = false): string {
  return `Stage ${s.name ?? s.index}${isFinal ? ' (the final image)' : ''}`;
}

export function stageLabel(s: { index: number; name: string | null; isFinal: boolean; base: string }): string {
  return `${s.name ?? `stage ${s.index}`}${s.isFinal ? ' (the final image)' : ''}, FROM ${s.base}`;
}

export function createStagePicker(id: string, onPick: (value: string | number) => void): StagePicker {
  const select = h('select', { id: `${id}-stage`, class: 'ex-pv-select' });
  const element = h('p', { class: 'ex-pv-stage', hidden: true }, h('label', { for: select.id }, 'Stage'), ' ', select);
  let signature = '';
  select.addEventListener('change', () => {
    const v = select.value;
    onPick(v === 'final' ? 'final' : /^\d+$/.test(v) ? Number(v) : v);
  });
  return {
    element,
    update(image) {
      const options = image?.stageOptions ?? [];
      element.hidden = options.length < 2;
      const next = JSON.stringify(options);
      if (next !== signature) {
        signature = next;
        select.replaceChildren(...options.map((s) => h('option', { value: s.isFinal ? 'final' : (s.name ?? String(s.index)) }, stageLabel(s))));
      }
      if (image) {
        const shown = options.find((s) => s.index === image.stage.index);
        if (shown) select.value = shown.isFinal ? 'final' : (shown.name ?? String(shown.index));
      }
    },
    select(value) {
      select.value = String(value);
    },
  };
}
