/**
 * "Your progress" on the course map: export the saved document to a JSON file, and import one back.
 * An import is validated (parseDocument), merged (mergeDocuments: the newer edit of each exercise
 * wins, completions are never lost), reported exercise by exercise, and can be undone.
 */
import { parseDocument, type ImportOutcome, type ProgressDocument, type ProgressStore } from './progress.ts';
import { downloadText } from './progress-summary.ts';

export const MAX_IMPORT_BYTES = 5_000_000;

export function exportFilename(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `shipshape-progress-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

export function exportText(doc: ProgressDocument, now = new Date()): string {
  return `${JSON.stringify({ ...doc, exportedAt: now.toISOString() }, null, 2)}\n`;
}

export type ImportRead = { ok: true; doc: ProgressDocument } | { ok: false; message: string };

/** Validates an imported file's text; the message says what is wrong and that nothing changed. */
export function readImport(name: string, text: string): ImportRead {
  const parsed = parseDocument(text);
  if (!parsed.ok) {
    const why =
      parsed.problem === 'foreign'
        ? 'was not made by Shipshape'
        : parsed.problem === 'newer'
          ? 'comes from a newer version of Shipshape: reload this page to get it, then import the file again'
          : 'is not a Shipshape progress file (it is not valid JSON, or not shaped like an export)';
    return { ok: false, message: `“${name}” ${why}. Nothing was changed.` };
  }
  if (Object.keys(parsed.doc.exercises).length === 0) return { ok: false, message: `“${name}” holds no exercises. Nothing was changed.` };
  return { ok: true, doc: parsed.doc };
}

export interface ImportDescription {
  summary: string;
  sections: { heading: string; items: string[] }[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Says, exercise by exercise, what an import took and what it kept because it was newer here. */
export function describeImport(name: string, outcome: Omit<ImportOutcome, 'undo'>, titleOf: (id: string) => string): ImportDescription {
  const { imported, keptNewer, unchanged, completedFromImport } = outcome;
  const list = (ids: string[]) => ids.map(titleOf).sort();
  const sections: ImportDescription['sections'] = [];
  if (imported.length) sections.push({ heading: `Taken from the file (${imported.length}):`, items: list(imported) });
  if (keptNewer.length) {
    sections.push({ heading: `Kept as they are in this browser, because you changed them here more recently (${keptNewer.length}):`, items: list(keptNewer) });
  }
  if (completedFromImport.length) {
    sections.push({ heading: `Marked done, because the file has them completed (your text here is kept) (${completedFromImport.length}):`, items: list(completedFromImport) });
  }
  const changed = imported.length + completedFromImport.length;
  const summary =
    changed === 0
      ? `Nothing new in “${name}”: ${keptNewer.length ? `${plural(keptNewer.length, 'exercise')} ${keptNewer.length === 1 ? 'is' : 'are'} newer here` : 'everything in it is already here'}${unchanged.length && keptNewer.length ? `, ${unchanged.length} already the same` : ''}.`
      : `Imported “${name}”: ${plural(imported.length, 'exercise')} taken from the file${keptNewer.length ? `, ${keptNewer.length} kept because ${keptNewer.length === 1 ? 'it is' : 'they are'} newer here` : ''}${unchanged.length ? `, ${unchanged.length} already the same` : ''}.`;
  return { summary, sections };
}

export function startProgressPanel(store: ProgressStore): void {
  const exportButton = document.querySelector<HTMLButtonElement>('.progress-export');
  const importButton = document.querySelector<HTMLButtonElement>('.progress-import');
  const input = document.querySelector<HTMLInputElement>('.progress-file');
  const report = document.querySelector<HTMLElement>('.progress-report');
  const details = document.querySelector<HTMLElement>('.progress-report-details');
  if (!exportButton || !importButton || !input || !report || !details) return;
  const titles = JSON.parse(document.getElementById('exercise-titles')?.textContent ?? '{}') as Record<string, string>;
  const titleOf = (id: string) => titles[id] ?? `${id} (not in this version of the course; kept in your record)`;

  const say = (text: string, outcome: 'ok' | 'error') => {
    report.dataset.outcome = outcome;
    report.textContent = text;
  };

  exportButton.addEventListener('click', () => {
    const doc = store.document;
    const count = Object.keys(doc.exercises).length;
    const name = exportFilename();
    downloadText(name, exportText(doc));
    details.replaceChildren();
    say(
      count === 0
        ? `Exported “${name}”. It holds no exercises yet: nothing has been saved in this browser.`
        : `Exported ${plural(count, 'exercise')} to “${name}” (check your downloads). Import it on the course map of another browser to carry on there.`,
      'ok',
    );
  });

  importButton.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    details.replaceChildren();
    if (file.size > MAX_IMPORT_BYTES) {
      say(`“${file.name}” is too large to be a progress file (${Math.round(file.size / 1_000_000)} MB). Nothing was changed.`, 'error');
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      say(`“${file.name}” could not be read. Nothing was changed.`, 'error');
      return;
    }
    const read = readImport(file.name, text);
    if (!read.ok) {
      say(read.message, 'error');
      return;
    }
    const outcome = store.importDocument(read.doc);
    const description = describeImport(file.name, outcome, titleOf);
    say(store.isPersistent ? description.summary : `${description.summary} This browser is not saving progress, so it lasts until you close the tab.`, 'ok');
    for (const section of description.sections) {
      const p = document.createElement('p');
      p.textContent = section.heading;
      const ul = document.createElement('ul');
      for (const item of section.items) {
        const li = document.createElement('li');
        li.textContent = item;
        ul.append(li);
      }
      details.append(p, ul);
    }
    if (outcome.imported.length + outcome.completedFromImport.length > 0) {
      const undo = document.createElement('button');
      undo.type = 'button';
      undo.className = 'ex-button progress-undo-import';
      undo.textContent = 'Undo the import';
      undo.addEventListener('click', () => {
        const restored = outcome.undo();
        details.replaceChildren();
        say(
          `Import undone: ${plural(restored, 'exercise')} back as ${restored === 1 ? 'it was' : 'they were'}${restored < outcome.imported.length + outcome.completedFromImport.length ? ' (exercises you changed since the import keep those changes)' : ''}.`,
          'ok',
        );
        importButton.focus();
      });
      details.append(undo);
    }
  });
}
