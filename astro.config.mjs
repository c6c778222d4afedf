// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { monacoCssInline } from './src/editor/vite-monaco-css.mjs';
import { serviceWorker } from './src/integrations/service-worker.mjs';

const PART_TITLES = {
  1: 'Part 1: Know what goes into the image',
  2: 'Part 2: Build it lean',
  3: 'Part 3: Run it safely',
  4: 'Part 4: Capstone',
};

/** The sidebar, grouped by the curriculum's parts, read from each lesson's frontmatter. */
function lessonSidebar() {
  /** @type {{ slug: string, part: number, order: number }[]} */
  const lessons = [];
  const only = process.env.SHIPSHAPE_ONLY_LESSONS?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const dir of readdirSync(new URL('./lessons/', import.meta.url), { withFileTypes: true })) {
    if (!dir.isDirectory() || (only?.length && !only.includes(dir.name))) continue;
    const file = new URL(`./lessons/${dir.name}/index.mdx`, import.meta.url);
    if (!existsSync(file)) continue;
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    const part = Number(/^part:\s*(\d+)/m.exec(front)?.[1]);
    const order = Number(/^order:\s*(\d+)/m.exec(front)?.[1]);
    const missing = ['part', 'order', 'minutes', 'objectives'].filter((k) => !new RegExp(`^${k}:`, 'm').test(front));
    if (missing.length > 0 || !(part >= 1 && part <= 4)) {
      throw new Error(`lessons/${dir.name}/index.mdx: the frontmatter needs ${missing.join(', ') || 'part'} (part 1-4, order, minutes, objectives); see src/content.config.ts`);
    }
    if (!dir.name.startsWith(String(order).padStart(2, '0') + '-')) {
      throw new Error(`lessons/${dir.name}: the folder number and the frontmatter's order (${order}) disagree`);
    }
    lessons.push({ slug: dir.name, part, order });
  }
  lessons.sort((a, b) => a.order - b.order);
  return Object.entries(PART_TITLES)
    .map(([n, label]) => ({ label, items: lessons.filter((l) => l.part === Number(n)).map((l) => ({ slug: l.slug })) }))
    .filter((g) => g.items.length > 0);
}

export default defineConfig({
  site: 'https://shipshape.example',
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'Shipshape',
      description: 'Learn to write secure, production-ready Dockerfiles, graded live as you type.',
      logo: { src: './src/assets/logo.svg', alt: '' },
      customCss: ['./src/styles/shipshape.css'],
      components: { Search: './src/components/SearchLabelInName.astro' },
      // Code blocks wrap instead of scrolling sideways: nothing hidden behind a scrollbar, and no unnamed
      // scrollable regions for keyboard and screen-reader users (axe: landmark-unique, scrollable-region-focusable)
      expressiveCode: { defaultProps: { wrap: true } },
      sidebar: [
        { label: 'Start here', items: [{ label: 'Course map', link: '/' }, { label: 'Playground', link: '/playground/' }, { label: 'Rules', link: '/rules/' }, { label: 'Check an answer', link: '/check/' }, { label: 'Use it in CI', link: '/ci/' }, { label: 'Run a workshop', link: '/workshop/' }] },
        ...lessonSidebar(),
      ],
      head: [{ tag: 'script', attrs: { src: '/register-sw.js', defer: true } }],
      pagination: true,
      lastUpdated: false,
      credits: false,
    }),
    mdx(),
    serviceWorker(),
  ],
  vite: {
    plugins: [monacoCssInline()],
    build: {
      // Inline nothing, so a strict CSP needs no hashes beyond Starlight's own scripts
      assetsInlineLimit: 0,
    },
    worker: { format: 'es' },
    // the engine's worker is found only when a page asks for it: pre-bundle its CommonJS parser up
    // front, or the dev server's first lesson load re-bundles it and reloads the page
    optimizeDeps: { include: ['dockerfile-ast', 'dockerfile-ast/lib/parser.js', 'dockerfile-ast/lib/instruction.js'] },
  },
});
