/**
 * The plain editor: a native textarea per file, used on phones and touch devices (Monaco does not
 * support mobile browsers) and for learners who ask for it. Same grading, same checklist.
 */
import type { Finding } from '../engine/types.ts';
import type { EditorAdapter, EditorOptions } from './editor-adapter.ts';

export function createPlainEditor(options: EditorOptions): EditorAdapter {
  const { container, files, label } = options;
  container.replaceChildren();
  container.dataset.state = 'plain';
  const areas = new Map<string, HTMLTextAreaElement>();
  const listeners: ((file: string) => void)[] = [];
  for (const [name, text] of Object.entries(files)) {
    const area = document.createElement('textarea');
    area.className = 'ex-plain';
    area.value = text;
    area.spellcheck = false;
    // code lines stay whole (a wrapped RUN line reads like two instructions); the textarea scrolls sideways
    area.wrap = 'off';
    area.setAttribute('autocapitalize', 'off');
    area.setAttribute('autocomplete', 'off');
    area.setAttribute('aria-label', `${label}: ${name}`);
    area.rows = Math.min(24, Math.max(8, text.split('\n').length + 2));
    area.hidden = name !== 'Dockerfile';
    area.addEventListener('input', () => listeners.forEach((l) => l(name)));
    areas.set(name, area);
    container.append(area);
  }
  return {
    kind: 'plain',
    getValue: (file) => areas.get(file)?.value ?? '',
    setValue(file, text) {
      const area = areas.get(file);
      if (!area) return;
      area.value = text;
      listeners.forEach((l) => l(file));
    },
    showFile(file) {
      for (const [name, area] of areas) area.hidden = name !== file;
    },
    setFindings(file: string, findings: Finding[]) {
      const area = areas.get(file);
      if (area) area.setAttribute('aria-invalid', findings.some((f) => f.severity === 'error') ? 'true' : 'false');
    },
    onChange: (l) => void listeners.push(l),
    focus: () => [...areas.values()].find((a) => !a.hidden)?.focus(),
    reveal(file, line, character) {
      const area = areas.get(file);
      if (!area) return;
      const lines = area.value.split('\n');
      let offset = 0;
      for (let i = 0; i < Math.min(line, lines.length); i++) offset += lines[i].length + 1;
      offset += Math.min(character, lines[line]?.length ?? 0);
      area.focus();
      area.setSelectionRange(offset, offset);
    },
    dispose: () => container.replaceChildren(),
  };
}
