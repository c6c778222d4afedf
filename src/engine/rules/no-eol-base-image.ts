import { defineRule } from '../rule.ts';
import { endOfLifeReleases, type EolMatch } from '../data/eol.ts';

function describe(m: EolMatch): string {
  return m.olderThanTable ? `${m.label} (support ended before ${m.eol})` : `${m.label} since ${m.eol}`;
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export default defineRule({
  meta: {
    id: 'no-eol-base-image',
    title: 'Base images are on supported releases',
    severity: 'error',
    lesson: '04-keep-base-images-patched',
    related: {},
    why:
      'Rebuilding an image picks up security fixes only while its release still gets them. Once a distribution or runtime ' +
      'release reaches end of life (Debian 10, Ubuntu 20.04, Alpine 3.18, Python 3.8, Node.js 18, CentOS 7, ...), every ' +
      'vulnerability found afterwards stays in the image for good, and scanners report a growing list nobody can fix by ' +
      'rebuilding. The dates come from a dated table (`src/engine/data/eol.ts`, checked against endoflife.date and the projects) ' +
      'and are judged at the `asOf` date of the configuration. Builder stages count too: they do not ship, but an unpatched ' +
      'compiler, package manager or download tool still handles your source code and produces what does ship.',
    fixable: false,
    examples: {
      incorrect:
        'FROM python:3.8-slim-buster\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      correct:
        'FROM python:3.13-slim-trixie\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    },
  },
  create(context) {
    const asOf = context.config.asOf;
    return {
      stage(stage) {
        if (stage.baseStage !== undefined || stage.isScratch || stage.baseText === '') return;
        if (stage.undefinedBaseVariables.length > 0 || stage.emptyBaseVariables.length > 0) return;
        const found = endOfLifeReleases(stage.base, asOf);
        if (found.length === 0) return;
        const own = found.find((m) => !m.fromTagSuffix);
        const suffixes = found.filter((m) => m.fromTagSuffix);
        // the replacement of the image's own release is on a supported distribution already
        const advice = own ? [own.product.replacement] : suffixes.map((m) => m.product.tokenReplacement ?? m.product.replacement);
        const shown = stage.baseText.includes('$') ? `\`${stage.baseText}\` (\`${stage.base.resolved}\`)` : `\`${stage.base.resolved}\``;
        const what = `${shown} is end-of-life: ${list(found.map(describe))}, so it gets no security fixes however often you rebuild.`;
        const todo = stage.inFinalImage
          ? `Move to a supported release: ${list(advice)}.`
          : `This builder stage does not ship, but it still builds what does with unpatched tools: move it to a supported release (${list(advice)}).`;
        context.report({ range: stage.baseRange, message: `${what} ${todo}` });
      },
    };
  },
});
