import { defineRule } from '../rule.ts';
import { appendToRunEdit, coversPath, mountCovers, packageManagerCommands, removedAfter } from '../package-managers.ts';

const LISTS = '/var/lib/apt/lists';

export default defineRule({
  meta: {
    id: 'apt-lists-cleanup',
    title: 'apt lists are deleted in the same RUN',
    severity: 'warning',
    lesson: '09-one-run-per-step',
    related: { hadolint: ['DL3009'] },
    why:
      '`apt-get update` downloads the package index into /var/lib/apt/lists: tens of megabytes the running container never ' +
      'needs. Each RUN is a layer, and a file written in one layer stays in the image even if a later RUN deletes it, so ' +
      'the cleanup has to happen in the same RUN as the install: `... && rm -rf /var/lib/apt/lists/*`. A build cache mount ' +
      'on /var/lib/apt (or /var/lib/apt/lists) keeps the index out of the layer too. Only stages that end up in the final ' +
      'image are judged. The quick fix appends the `rm` after the last command of the RUN; it is not offered for heredoc ' +
      'scripts or where the RUN ends in a comment.',
    fixable: true,
    examples: {
      incorrect: 'FROM python:3.13-slim-bookworm\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends libpq5=15.10-0+deb12u1\n',
      correct:
        'FROM python:3.13-slim-bookworm\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends libpq5=15.10-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
  },
  create(context) {
    return {
      instruction(ins, stage) {
        if (ins.keyword !== 'RUN' || !stage?.inFinalImage) return;
        const triggers = packageManagerCommands(ins).filter((pm) => pm.manager === 'apt' && (pm.action === 'update' || pm.action === 'install'));
        const last = triggers[triggers.length - 1];
        if (!last) return;
        if (mountCovers(ins, LISTS)) return;
        if (removedAfter(ins, last.command, (p) => coversPath(p, LISTS))) return;
        const anchor = last.subcommandWords[last.subcommandWords.length - 1];
        const rm = `${last.wrappers.includes('sudo') ? 'sudo ' : ''}rm -rf /var/lib/apt/lists/*`;
        const edit = appendToRunEdit(context.model.doc, context.model.escapeChar, ins, rm);
        context.report({
          range: { start: last.toolWord.range.start, end: anchor.range.end },
          message: `End this RUN with \`&& rm -rf /var/lib/apt/lists/*\`: the package index \`${last.tool} update\` downloads otherwise stays in this layer, even if a later RUN deletes it.`,
          ...(edit ? { fix: { title: 'Delete the apt lists in the same RUN', edits: [edit] } } : {}),
        });
      },
    };
  },
});
