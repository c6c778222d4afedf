import { defineRule } from '../rule.ts';
import { DEFAULT_TRUSTED_REGISTRIES } from '../data/registries.ts';
import { BoundedMemo } from '../memo.ts';

/** `Quay.io/Org/` -> `quay.io/org`; a bare namespace (`myorg`) is on Docker Hub. */
export function normalizeRegistryEntry(entry: string): string | undefined {
  let e = entry.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/(?<!\/)\/+$/, '');
  if (!e) return undefined;
  const first = e.split('/')[0];
  if (first === 'index.docker.io' || first === 'registry-1.docker.io') e = `docker.io${e.slice(first.length)}`;
  else if (!(first.includes('.') || first.includes(':') || first === 'localhost')) e = `docker.io/${e}`;
  return e;
}

/** Entries as normalizeRegistryEntry writes them (a pure function of the text): the same list is judged on every lint. */
const normalized = new BoundedMemo<string | undefined>();
const normalizedEntry = (raw: string): string | undefined => normalized.get(raw, () => normalizeRegistryEntry(raw));

/** True when `image` (registry/canonical path) is an entry or lies under one, at a path-component boundary. */
export function isTrusted(image: string, entries: readonly string[]): boolean {
  const candidate = image.toLowerCase();
  for (const raw of entries) {
    const e = normalizedEntry(raw);
    // `startsWith(e) && next is '/'` is `startsWith(`${e}/`)` without building the string
    if (e !== undefined && (candidate === e || (candidate.length > e.length && candidate.charCodeAt(e.length) === 47 && candidate.startsWith(e)))) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'trusted-base-image',
    title: 'Base images come from a trusted registry or namespace',
    severity: 'warning',
    lesson: '01-trusted-base-images',
    related: {},
    why:
      'Everything in the base image runs inside your container: its packages, its users, its entrypoint. Anyone can push an ' +
      'image named `python-node` or `nodejs-official` to a public registry, and typosquatted images with miners and back doors ' +
      'have been pulled millions of times. Docker Official Images, verified publishers and your organisation\'s own mirror are ' +
      'maintained, scanned and rebuilt for security fixes. The allow-list is the `trustedRegistries` setting: entries are a ' +
      'registry host (`registry.example.com`) or a host and path prefix (`docker.io/library`); an organisation that only allows ' +
      'its mirror lists just that.',
    fixable: false,
    examples: {
      incorrect:
        'FROM pythonbuilds/python-flask:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
      correct:
        'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
  },
  create(context) {
    const entries = context.config.trustedRegistries;
    const customList = entries !== DEFAULT_TRUSTED_REGISTRIES;
    return {
      stage(stage) {
        // judge only images pulled from a registry: not `FROM <stage>`, not the empty scratch image
        if (stage.baseStage !== undefined || stage.isScratch || stage.baseText === '') return;
        // an unresolved variable is another rule's business; judge what resolves
        if (stage.undefinedBaseVariables.length > 0 || stage.emptyBaseVariables.length > 0) return;
        const { registry, canonicalPath, path } = stage.base;
        if (path === '') return;
        if (isTrusted(`${registry}/${canonicalPath}`, entries)) return;
        const namespace = canonicalPath.includes('/') ? canonicalPath.slice(0, canonicalPath.lastIndexOf('/')) : '';
        const entryHint = namespace ? `${registry}/${namespace}` : registry;
        const shown = stage.baseText.includes('$') ? `\`${stage.baseText}\` (\`${stage.base.resolved}\`)` : `\`${stage.base.resolved}\``;
        const allowed = customList && entries.length > 0 && entries.length <= 4 ? ` This project trusts: ${entries.map((e) => `\`${e}\``).join(', ')}.` : '';
        context.report({
          range: stage.baseRange,
          message:
            `${shown} does not come from a trusted registry or namespace. Base the stage on a Docker Official Image, a verified ` +
            `publisher's image, or your organisation's mirror; if \`${entryHint}\` is one you trust, add it to the ` +
            `\`trustedRegistries\` setting.${allowed}`,
        });
      },
    };
  },
});
