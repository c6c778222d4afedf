import { defineRule } from '../rule.ts';
import { keyValues } from '../runtime.ts';
import type { Fix } from '../types.ts';
import { wholeLines } from './single-cmd-entrypoint.ts';

const AUTHORS = 'org.opencontainers.image.authors';

/** A double-quoted Dockerfile value that reads back as `text`, with no variable expanded. */
function quoted(text: string, escapeChar: string): string {
  let out = '"';
  for (const c of text) out += c === '"' || c === '$' || c === escapeChar ? escapeChar + c : c;
  return `${out}"`;
}

export default defineRule({
  meta: {
    id: 'maintainer-deprecated',
    title: 'Name the authors in a label, not with MAINTAINER',
    severity: 'warning',
    lesson: '10-layer-order-and-cache',
    related: { hadolint: ['DL4000'], buildkit: ['MaintainerDeprecated'] },
    why:
      '`MAINTAINER` has been deprecated since Docker 1.13. It writes an `Author` field that registries, scanners and ' +
      '`docker inspect --format "{{ .Config.Labels }}"` do not show with the rest of the metadata. The OCI label ' +
      '`org.opencontainers.image.authors` says the same thing where every tool looks for it, next to the image\'s source and ' +
      'revision labels. Like every label, it belongs with the metadata at the end of the stage. The quick fix rewrites the line as ' +
      'that label, with the value as written.',
    fixable: true,
    examples: {
      incorrect: 'FROM python:3.13-slim\nMAINTAINER Invoices team <invoices@example.com>\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
      correct:
        'FROM python:3.13-slim\nCOPY . /app\nLABEL org.opencontainers.image.authors="Invoices team <invoices@example.com>"\nCMD ["python", "/app/main.py"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stage(stage) {
        const maintainers = stage.instructions.filter((i) => i.keyword === 'MAINTAINER');
        if (maintainers.length === 0) return;
        const hasLabel = stage.instructions.some((i) => i.keyword === 'LABEL' && keyValues(i).some((kv) => kv.name === AUTHORS));
        for (const ins of maintainers) {
          const value = ins.argumentsText.trim();
          let fix: Fix | undefined;
          if (hasLabel) fix = { title: 'Delete MAINTAINER (the stage has the authors label)', edits: [{ range: wholeLines(model, ins), newText: '' }] };
          else if (value !== '' && !/[\r\n]/.test(value)) {
            const keyword = model.doc.rangeText(ins.keywordRange) === 'maintainer' ? 'label' : 'LABEL';
            fix = { title: `Write it as the ${AUTHORS} label`, edits: [{ range: ins.range, newText: `${keyword} ${AUTHORS}=${quoted(value, model.escapeChar)}` }] };
          }
          context.report({
            range: ins.range,
            message: hasLabel
              ? `MAINTAINER is deprecated, and this stage already names its authors with the \`${AUTHORS}\` label: delete this line.`
              : `MAINTAINER is deprecated: name the authors with the OCI label instead, ` +
                `\`LABEL ${AUTHORS}=${quoted(value || '...', model.escapeChar)}\`, which every registry and scanner reads.`,
            ...(fix ? { fix } : {}),
          });
        }
      },
    };
  },
});
