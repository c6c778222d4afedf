import { defineRule } from '../rule.ts';
import { addSources, type AddSource } from '../add-sources.ts';

/** Names ADD may unpack (BuildKit decides by content; these names say "tar archive" to a reader). */
const ARCHIVE = /\.(tar|tgz|taz|tz|tbz|tbz2|tb2|txz|tlz|tzst|gz|bz2|xz|zst|lz|lz4|lzma|z)$/i;
/** Flags COPY accepts too; ADD-only flags (--checksum, --keep-git-dir, --unpack) mean ADD is deliberate. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude', 'parents']);

/** A local source that is certainly not a tar archive ADD would unpack. */
function plainLocal(src: AddSource): boolean {
  if (src.kind !== 'local') return false;
  const last = src.value.replace(/^["']|["']$/g, '').replace(/(?<!\/)\/+$/, '').split('/').pop() ?? '';
  if (last.includes('$')) return false;
  if (ARCHIVE.test(last)) return false;
  // a glob could match an archive unless it ends in a literal, non-archive extension (`*.py`)
  if (/[*?[]/.test(last)) return /\.[A-Za-z0-9]+$/.test(last) && !/[*?[\]]/.test(last.slice(last.lastIndexOf('.')));
  return true;
}

export default defineRule({
  meta: {
    id: 'copy-over-add',
    title: 'COPY is used for local files',
    severity: 'warning',
    lesson: '06-know-your-dependencies',
    related: { hadolint: ['DL3020'] },
    why:
      '`ADD` does more than copy: it downloads URLs and unpacks local tar archives. Used for plain files, that extra ' +
      'behaviour is a surprise waiting to happen: rename `vendor.bin` to `vendor.tar` and the next build extracts it ' +
      'instead of copying it. `COPY` does one thing, so a reader knows what the line does. Keep `ADD` for the cases that ' +
      'need it: unpacking a local archive, or a remote source verified with `--checksum`. The quick fix swaps the keyword ' +
      'only when every source is local, not an archive and not a glob that could match one.',
    fixable: true,
    examples: {
      incorrect: 'FROM python:3.13-slim\nWORKDIR /app\nADD requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nADD . .\n',
      correct: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n',
    },
  },
  create(context) {
    return {
      instruction(ins) {
        if (ins.keyword !== 'ADD') return;
        if (ins.flags.some((f) => !COPY_FLAGS.has(f.name))) return;
        const sources = addSources(context.model, ins);
        if (sources.length === 0 || !sources.every(plainLocal)) return;
        const written = context.model.doc.rangeText(ins.keywordRange);
        const copy = written === written.toLowerCase() ? 'copy' : written === 'Add' ? 'Copy' : 'COPY';
        context.report({
          range: ins.keywordRange,
          message: `ADD also downloads URLs and unpacks archives; for local files use COPY, which only copies: \`COPY ${sources.map((s) => s.value).join(' ')} ...\`.`,
          fix: { title: 'Replace ADD with COPY', edits: [{ range: ins.keywordRange, newText: copy }] },
        });
      },
    };
  },
});
