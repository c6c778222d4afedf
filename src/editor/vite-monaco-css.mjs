// @ts-check
/**
 * Astro hoists the CSS of dynamically imported modules into every page's <head>
 * (withastro/astro#9495), which would make Monaco's stylesheet render-blocking on every page.
 * This plugin turns each `.css` import made by a monaco-editor module into a virtual module that
 * imports the CSS as an `?inline` string and adds it to the document when the lazy chunk runs.
 * The virtual id must not end in `.css`, or Vite's CSS pipeline would take it back.
 */
const PREFIX = '\0monaco-css:';

/** @returns {import('vite').Plugin} */
export function monacoCssInline() {
  return {
    name: 'shipshape:monaco-css-inline',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !source.endsWith('.css') || !importer.includes('monaco-editor')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved) return null;
      return PREFIX + resolved.id + '.js';
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      return [
        `import css from ${JSON.stringify(file + '?inline')};`,
        `if (typeof document !== 'undefined') {`,
        `  const style = document.createElement('style');`,
        `  style.dataset.monaco = ${JSON.stringify(file.slice(file.lastIndexOf('/') + 1))};`,
        `  style.textContent = css;`,
        `  document.head.appendChild(style);`,
        `}`,
      ].join('\n');
    },
  };
}
