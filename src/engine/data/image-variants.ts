/**
 * What an image's name and tag say about it when `base-images.ts` has no entry: the naming
 * conventions of the official images and of the distroless publishers. Callers ask the facts
 * table first and use these only as the fallback; anything not covered here stays unknown.
 *
 * Checked: 2026-11-24. Sources: the Docker Official Images docs for python, node, ruby, golang,
 * rust, perl, gcc and buildpack-deps ("based on buildpack-deps", "-slim" variants),
 * github.com/GoogleContainerTools/distroless (no shell except `:debug` tags),
 * edu.chainguard.dev (`static` has no shell), learn.microsoft.com (.NET chiseled and distroless
 * images have no shell).
 */
import type { ImageReference } from '../image-ref.ts';
import { repositoryKey } from './base-images.ts';
import { BoundedMemo } from '../memo.ts';

export const IMAGE_VARIANTS_CHECKED = '2026-11-24';

/** Repositories whose every image is minimal. */
const MINIMAL_REPOSITORIES = [
  /^library\/(alpine|busybox)$/,
  /^gcr\.io\/distroless\//,
  /^cgr\.dev\//,
  /^chainguard\//,
  /^mcr\.microsoft\.com\/(azurelinux|cbl-mariner)\/distroless\//,
  // registry.access.redhat.com/ubi9/ubi-micro, registry.access.redhat.com/ubi8-minimal, redhat/ubi9-minimal
  /(^|\/)ubi\d*(\/|-)(ubi-)?(micro|minimal)$/,
  /^bitnami\/minideb$/,
];

/** Tag words that mark a minimal variant: `3.13-slim`, `22-alpine3.21`, `8.0-noble-chiseled`. */
const MINIMAL_TAG_WORD = /^(slim|alpine(\d+(\.\d+)*)?|minimal|micro|distroless|chiseled|static|busybox|nanoserver)$/;

/** Reads a minimal variant from the name or the tag; false means "not recognisably minimal", not "large". */
export function looksMinimal(ref: ImageReference): boolean {
  const key = repositoryKey(ref);
  if (MINIMAL_REPOSITORIES.some((r) => r.test(key))) return true;
  const tag = (ref.tag ?? '').toLowerCase();
  return tag.split(/[-_]/).some((w) => MINIMAL_TAG_WORD.test(w));
}

export interface FullVariant {
  /** What the full variant carries: `the full variant built on buildpack-deps, with compilers, headers and git`. */
  what: string;
  /** Its order of size, for when the facts table has no number. */
  size: string;
  /** The smaller image to use instead, for this tag, and how. */
  suggest(tag: string | undefined): { image: string; note?: string };
}

const SUITES = /^(.*?)-?(trixie|bookworm|bullseye|buster|stretch)$/;

/** `3.13-bookworm` -> `3.13-slim-bookworm` (python, ruby, perl put `slim` before the suite). */
function slimBeforeSuite(repo: string) {
  return (tag: string | undefined) => {
    const t = !tag || tag === 'latest' ? '' : tag;
    const m = SUITES.exec(t);
    if (m) return { image: `${repo}:${m[1] ? `${m[1]}-` : ''}slim-${m[2]}` };
    return { image: `${repo}:${t ? `${t}-` : ''}slim` };
  };
}

/** `22-bookworm` -> `22-bookworm-slim` (node puts `slim` after the suite). */
function slimAfterSuite(repo: string) {
  return (tag: string | undefined) => {
    const t = !tag || tag === 'latest' ? '' : tag;
    return { image: `${repo}:${t ? `${t}-` : ''}slim` };
  };
}

const BUILDPACK = 'the full variant built on buildpack-deps, with compilers, headers and git';

/**
 * Official images whose plain tags (`python:3.13`, `node:22-bookworm`) are the full buildpack-deps
 * variant. Windows tags are not covered.
 */
export const FULL_VARIANTS: Record<string, FullVariant> = {
  'library/python': { what: BUILDPACK, size: 'roughly 1 GB unpacked', suggest: slimBeforeSuite('python') },
  'library/ruby': { what: BUILDPACK, size: 'roughly 1 GB unpacked', suggest: slimBeforeSuite('ruby') },
  'library/perl': { what: BUILDPACK, size: 'roughly 1 GB unpacked', suggest: slimBeforeSuite('perl') },
  'library/node': { what: BUILDPACK, size: 'roughly 1 GB unpacked', suggest: slimAfterSuite('node') },
  'library/golang': {
    what: `${BUILDPACK} plus the Go toolchain`,
    size: 'roughly 1 GB unpacked',
    suggest: () => ({ image: 'gcr.io/distroless/static-debian12', note: 'with the binary built in a `golang` builder stage' }),
  },
  'library/rust': {
    what: `${BUILDPACK} plus the Rust toolchain`,
    size: 'over 1 GB unpacked',
    suggest: () => ({ image: 'gcr.io/distroless/cc-debian12', note: 'with the binary built in a `rust` builder stage' }),
  },
  'library/gcc': {
    what: `${BUILDPACK} plus GCC`,
    size: 'over 1 GB unpacked',
    suggest: () => ({ image: 'gcr.io/distroless/cc-debian12', note: 'with the program compiled in a `gcc` builder stage' }),
  },
  'library/buildpack-deps': {
    what: 'a build environment with compilers, headers and git',
    size: 'several hundred MB unpacked',
    suggest: (tag) => {
      const suite = tag ? SUITES.exec(tag.replace(/-(curl|scm)$/, ''))?.[2] : undefined;
      return { image: `debian:${suite ?? 'trixie'}-slim` };
    },
  },
};

/** The full-variant facts for a reference, when it is one of the images above with a non-minimal tag. */
export function fullVariantOf(ref: ImageReference): FullVariant | undefined {
  // every lint asks about its final base, and the answers are fixed: remember them
  return fullVariants.get(`${ref.registry}|${ref.path}|${ref.canonicalPath}|${ref.tag ?? ''}`, () => readFullVariant(ref));
}
const fullVariants = new BoundedMemo<FullVariant | undefined>();

function readFullVariant(ref: ImageReference): FullVariant | undefined {
  const key = repositoryKey(ref);
  const official = /(?:^|\/)(library\/[^/]+)$/.exec(ref.path.toLowerCase())?.[1];
  const variant = FULL_VARIANTS[key] ?? (official ? FULL_VARIANTS[official] : undefined);
  if (!variant || looksMinimal(ref)) return undefined;
  if (/windowsservercore|nanoserver/.test(ref.tag ?? '')) return undefined;
  return variant;
}

/**
 * Whether the image has no shell, from its name and tag: true for distroless (except `:debug`
 * tags, which add busybox), Chainguard `static`, .NET chiseled/distroless and Azure Linux
 * distroless images; undefined when the name says nothing.
 */
export function lacksShellByName(ref: ImageReference): true | undefined {
  const key = repositoryKey(ref);
  // every pattern below names one of these registries (or chainguard): most images are answered here
  if (!key.startsWith('gcr.io/') && !key.startsWith('mcr.microsoft.com/') && !key.includes('chainguard')) return undefined;
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const debug = /(^|[-_])debug($|[-_])/.test(tag);
  if (/^gcr\.io\/distroless\//.test(key) && !debug) return true;
  if (/^mcr\.microsoft\.com\/(azurelinux|cbl-mariner)\/distroless\//.test(key) && !debug) return true;
  if (/^(cgr\.dev\/chainguard|chainguard)\/static$/.test(key) && !/(^|-)dev($|-)/.test(tag)) return true;
  if (/^mcr\.microsoft\.com\/dotnet\//.test(key) && /(^|-)(chiseled|distroless)(-|$)/.test(tag)) return true;
  return undefined;
}

/**
 * The ENTRYPOINT an image sets, read from its name: distroless language images run their runtime
 * (`/nodejs/bin/node`, `python3`, `java -jar`) and take the program as CMD; the other distroless
 * images set none. Undefined when the name says nothing.
 */
export function entrypointByName(ref: ImageReference): string[] | undefined {
  const key = repositoryKey(ref);
  if (!/^gcr\.io\/distroless\//.test(key)) return undefined;
  const image = key.slice('gcr.io/distroless/'.length);
  if (/^nodejs\d*(-debian\d+)?$/.test(image)) return ['/nodejs/bin/node'];
  if (/^python3(-debian\d+)?$/.test(image)) return ['/usr/bin/python3'];
  if (/^java\d*(-debian\d+)?$/.test(image)) return ['/usr/bin/java', '-jar'];
  if (/^(static|base|base-nossl|cc)(-debian\d+)?$/.test(image)) return [];
  return undefined;
}
