/**
 * The Monaco editor, loaded lazily. Only the editor API, the Dockerfile language, hover (to read
 * markers) and code actions (quick fixes) are imported: the whole package would be several times
 * larger. Markers and quick fixes come from the engine's findings.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/codeAction/register';
// Ctrl+M (Ctrl+Shift+M on macOS) makes Tab move focus: without it Tab never leaves the editor (a keyboard trap)
import 'monaco-editor/features/toggleTabFocusMode/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { FileKind, Finding, Fix } from '../engine/types.ts';
import { fileOfFix } from '../engine/fix.ts';
import type { EditorAdapter, EditorOptions } from './editor-adapter.ts';

type MonacoEnv = { MonacoEnvironment?: { getWorker: () => Worker } };
(self as unknown as MonacoEnv).MonacoEnvironment = { getWorker: () => new EditorWorker() };

/** Fixes by model URI and marker key, with the model their edits apply to, read by the one code-action provider. */
const fixesByModel = new Map<string, Map<string, { fix: Fix; target: monaco.editor.ITextModel }>>();
let providerRegistered = false;

function markerKey(m: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number; code?: unknown }): string {
  const code = typeof m.code === 'object' && m.code !== null ? (m.code as { value: string }).value : String(m.code ?? '');
  return `${code}@${m.startLineNumber}:${m.startColumn}-${m.endLineNumber}:${m.endColumn}`;
}

function registerQuickFixes(): void {
  if (providerRegistered) return;
  providerRegistered = true;
  const provider: monaco.languages.CodeActionProvider = {
    provideCodeActions(model, _range, context) {
      const fixes = fixesByModel.get(model.uri.toString());
      const actions: monaco.languages.CodeAction[] = [];
      for (const marker of context.markers) {
        const entry = fixes?.get(markerKey(marker));
        if (!entry) continue;
        const { fix, target } = entry;
        actions.push({
          title: fix.title,
          kind: 'quickfix',
          diagnostics: [marker],
          isPreferred: true,
          edit: {
            edits: fix.edits.map((e) => ({
              // a finding in one file may be fixed in the other (a secret file fixed in .dockerignore)
              resource: target.uri,
              versionId: target.getVersionId(),
              textEdit: {
                range: new monaco.Range(e.range.start.line + 1, e.range.start.character + 1, e.range.end.line + 1, e.range.end.character + 1),
                text: e.newText,
              },
            })),
          },
        });
      }
      return { actions, dispose() {} };
    },
  };
  monaco.languages.registerCodeActionProvider('dockerfile', provider);
  monaco.languages.registerCodeActionProvider('plaintext', provider);
}

/**
 * Monaco's dark theme draws comments in #608b4e on #1e1e1e, 4.2:1: under WCAG AA's 4.5:1 for text.
 * Ours is that theme with comments in #6a9955 (5.0:1), the colour VS Code itself moved to.
 */
let themesDefined = false;
function currentTheme(): string {
  if (!themesDefined) {
    monaco.editor.defineTheme('shipshape-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '6a9955' }], colors: {} });
    themesDefined = true;
  }
  return document.documentElement.dataset.theme === 'light' ? 'vs' : 'shipshape-dark';
}

let themeWatcher: MutationObserver | undefined;

export function createMonacoEditor(options: EditorOptions): EditorAdapter {
  const { container, files, label, lessonUrl } = options;
  registerQuickFixes();
  const id = container.closest<HTMLElement>('[data-exercise]')?.dataset.exercise ?? 'exercise';
  const models = new Map<string, monaco.editor.ITextModel>();
  for (const [name, text] of Object.entries(files)) {
    const uri = monaco.Uri.parse(`inmemory://shipshape/${encodeURIComponent(id)}/${encodeURIComponent(name)}`);
    monaco.editor.getModel(uri)?.dispose();
    models.set(name, monaco.editor.createModel(text, name === 'Dockerfile' ? 'dockerfile' : 'plaintext', uri));
  }
  container.replaceChildren();
  container.dataset.state = 'monaco';
  const editor = monaco.editor.create(container, {
    model: models.get('Dockerfile') ?? null,
    theme: currentTheme(),
    ariaLabel: `${label}. Press Control M to toggle whether Tab moves focus.`,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    // the default dims the last line number (1.8:1 contrast); a line number is text, so AA applies
    renderFinalNewline: 'on',
    fontSize: 14,
    lineNumbersMinChars: 3,
    renderLineHighlight: 'line',
    tabSize: 4,
    insertSpaces: true,
    wordWrap: 'off',
    fixedOverflowWidgets: true,
    lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
    accessibilitySupport: 'auto',
    scrollbar: { alwaysConsumeMouseWheel: false },
  });
  themeWatcher ??= new MutationObserver(() => monaco.editor.setTheme(currentTheme()));
  themeWatcher.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  const listeners: ((file: string) => void)[] = [];
  for (const [name, model] of models) model.onDidChangeContent(() => listeners.forEach((l) => l(name)));

  return {
    kind: 'monaco',
    getValue: (file) => models.get(file)?.getValue() ?? '',
    setValue(file, text) {
      const model = models.get(file);
      if (!model) return;
      // one undoable edit, so Ctrl+Z in the editor brings the learner's text back too
      editor.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      editor.pushUndoStop();
    },
    showFile(file) {
      const model = models.get(file);
      if (model) editor.setModel(model);
    },
    setFindings(file, findings: Finding[]) {
      const model = models.get(file);
      if (!model) return;
      const fixes = new Map<string, { fix: Fix; target: monaco.editor.ITextModel }>();
      const lines = model.getLineCount();
      const markers = findings.map((f) => {
        const startLineNumber = Math.min(f.range.start.line + 1, lines);
        const endLineNumber = Math.min(f.range.end.line + 1, lines);
        let startColumn = f.range.start.character + 1;
        let endColumn = f.range.end.character + 1;
        if (startLineNumber === endLineNumber && endColumn <= startColumn) {
          // a point finding: underline the whole line so it can be seen
          startColumn = 1;
          endColumn = model.getLineMaxColumn(startLineNumber);
        }
        const marker: monaco.editor.IMarkerData = {
          severity: f.severity === 'error' ? monaco.MarkerSeverity.Error : f.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
          message: f.message,
          source: 'shipshape',
          code: f.lesson ? { value: f.rule, target: monaco.Uri.parse(new URL(lessonUrl(f.lesson), location.href).href) } : f.rule,
          startLineNumber,
          startColumn,
          endLineNumber,
          endColumn,
        };
        const target = f.fix ? models.get(fileOfFix(f.fix) satisfies FileKind) : undefined;
        if (f.fix && target) fixes.set(markerKey(marker), { fix: f.fix, target });
        return marker;
      });
      fixesByModel.set(model.uri.toString(), fixes);
      monaco.editor.setModelMarkers(model, 'shipshape', markers);
    },
    onChange: (l) => void listeners.push(l),
    focus: () => editor.focus(),
    reveal(file, line, character) {
      const model = models.get(file);
      if (!model) return;
      if (editor.getModel() !== model) editor.setModel(model);
      const position = { lineNumber: line + 1, column: character + 1 };
      editor.setPosition(position);
      editor.revealPositionInCenter(position);
      editor.focus();
    },
    dispose() {
      editor.dispose();
      for (const m of models.values()) m.dispose();
    },
  };
}
