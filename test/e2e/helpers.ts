/** Shared steps for the learner-journey specs. */
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

export const STORAGE_KEY = 'shipshape:progress';
export const PIN = '02-pin-base-images/01-name-a-version';
export const PIN_MULTI = '02-pin-base-images/02-pin-a-multi-stage-build';
export const PIN_ARG = '02-pin-base-images/03-declare-the-arg-before-from';
export const APP_USER = '12-run-as-non-root/01-add-an-app-user';

export const exercise = (page: Page, id: string): Locator => page.locator(`section.exercise[data-exercise="${id}"]`);

/** Scrolls an exercise on screen and waits until its editor is up and its first grade is shown. */
export async function mounted(page: Page, id: string, editor: 'monaco' | 'plain' = 'monaco'): Promise<Locator> {
  const ex = exercise(page, id);
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-mounted', editor);
  await expect(ex).toHaveAttribute('data-grade', /\d+\/\d+/);
  return ex;
}

/** The editor's text: Monaco's model, or the visible textarea. */
export async function editorText(ex: Locator): Promise<string> {
  if ((await ex.getAttribute('data-editor')) === 'plain') return ex.locator('textarea.ex-plain:visible').inputValue();
  // Monaco draws each line as a positioned element with non-breaking spaces (exercise files fit on screen)
  return ex.evaluate((node) => {
    const lines = Array.from(node.querySelectorAll('.view-lines .view-line')) as HTMLElement[];
    return lines
      .map((l) => ({ top: parseFloat(l.style.top), text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n');
  });
}

/** Puts the cursor at the end of a line of the Monaco editor (1-based) by keyboard. */
export async function monacoGoToLineEnd(page: Page, ex: Locator, line: number): Promise<void> {
  await ex.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

/** Stores a progress document before any page script runs, once per context (later navigations keep what the page saved). */
export async function seedProgress(context: BrowserContext, doc: unknown): Promise<void> {
  await context.addInitScript(
    ([key, raw]) => {
      if (localStorage.getItem('e2e:seeded') === null) {
        localStorage.setItem(key, raw);
        localStorage.setItem('e2e:seeded', '1');
      }
    },
    [STORAGE_KEY, JSON.stringify(doc)] as const,
  );
}

export async function storedDocument(page: Page): Promise<{ exercises: Record<string, { files: Record<string, string>; completed: boolean; hintsShown?: number }>; lastLesson?: string; workshop?: unknown }> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), STORAGE_KEY);
}

export const entry = (text: string, completed: boolean, updatedAt: string) => ({
  files: { Dockerfile: text },
  completed,
  updatedAt,
  ...(completed ? { completedAt: updatedAt, passedFiles: { Dockerfile: text } } : {}),
});

/**
 * Replaces an editor's text the way a learner's paste does: a click into `editor`, select all, then a
 * `paste` event carrying the text, which Monaco's paste handler inserts as it is. (`keyboard.insertText`
 * goes through Monaco's typing path: every line break keeps the indentation of the line before, so an
 * indented continuation line indents all that follow, cumulatively; and typing 1 MB is no learner's way.)
 */
export async function pasteText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.evaluate((t) => {
    const target = document.activeElement ?? document.body;
    const data = new DataTransfer();
    data.setData('text/plain', t);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Replaces the text of the file shown in an exercise's Monaco editor, as a paste does. */
export async function pasteInto(page: Page, ex: Locator, text: string): Promise<void> {
  await pasteText(page, ex.locator('.monaco-editor .view-lines'), text);
}
