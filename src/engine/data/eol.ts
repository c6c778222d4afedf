/**
 * End-of-life dates of the releases base images are built from, in one dated module. A release
 * past its date gets no more security fixes from its maintainers, so an image built on it keeps
 * every vulnerability found since.
 *
 * Checked: 2026-11-24, against endoflife.date and the projects' own release pages (named per
 * product). Dates are the end of the support an image build can receive: for Debian the end of
 * Debian LTS, for Ubuntu the end of standard support (the paid ESM archive is not in the official
 * images), for languages the end of upstream security releases.
 *
 * Rules never read the clock: they judge against `config.asOf`, which defaults to EOL_CHECKED, so
 * a lint result does not change from one day to the next without a change to this table.
 */
import type { ImageReference } from '../image-ref.ts';
import { repositoryKey } from './base-images.ts';
import { BoundedMemo } from '../memo.ts';

export const EOL_CHECKED = '2026-11-24';

export interface EolCycle {
  /** Version prefix the cycle covers: `3.8` covers 3.8 and 3.8.20; `16` covers 16.20.2. */
  cycle: string;
  /** First day without support, YYYY-MM-DD. */
  eol: string;
  /** Names that stand for the cycle in tags: `buster`, `gallium`. */
  codenames?: string[];
}

export interface EolProduct {
  id: string;
  /** Human name: `Python`, `Debian`. */
  name: string;
  /** Repository keys as `repositoryKey()` builds them: `library/python`, `quay.io/centos/centos`. */
  repositories: string[];
  /** Reads the version from the start of a tag (first capture group); the default takes leading dotted numbers. */
  versionPattern?: RegExp;
  cycles: EolCycle[];
  /** Versions older than every listed cycle are end-of-life as well (by the oldest listed date). */
  olderAreEol: boolean;
  /** Every tag of the repository is end-of-life since this date (e.g. CentOS Linux), unless `allEolExcept` matches. */
  allEolSince?: string;
  allEolExcept?: RegExp;
  /** How the product shows up inside another image's tag: by codename (`-buster`) or a pattern (`-alpine3.18`). */
  tagToken?: 'codename' | RegExp;
  /** With `tagToken: 'codename'`: the codenames distinctive enough to read from another image's tag (default: all). */
  tokenCodenames?: string[];
  /** A supported replacement to suggest, as Markdown: `` `python:3.13-slim` ``. */
  replacement: string;
  /** The suggestion when the release shows up as a tag suffix of another image. */
  tokenReplacement?: string;
  source: string;
}

const DEFAULT_VERSION = /^v?(\d+(?:\.\d+)*)/;

export const EOL_PRODUCTS: EolProduct[] = [
  {
    id: 'debian',
    name: 'Debian',
    repositories: ['library/debian'],
    olderAreEol: true,
    tagToken: 'codename',
    replacement: '`debian:trixie-slim`',
    tokenReplacement: 'a tag on a supported Debian release (`-trixie`, or `-bookworm` while its LTS lasts)',
    source: 'https://endoflife.date/debian (end of Debian LTS); https://wiki.debian.org/LTS',
    cycles: [
      { cycle: '6', eol: '2016-02-29', codenames: ['squeeze'] },
      { cycle: '7', eol: '2018-05-31', codenames: ['wheezy'] },
      { cycle: '8', eol: '2020-06-30', codenames: ['jessie'] },
      { cycle: '9', eol: '2022-06-30', codenames: ['stretch'] },
      { cycle: '10', eol: '2024-06-30', codenames: ['buster'] },
      { cycle: '11', eol: '2026-08-31', codenames: ['bullseye'] },
      { cycle: '12', eol: '2028-06-30', codenames: ['bookworm'] },
      { cycle: '13', eol: '2030-06-30', codenames: ['trixie'] },
    ],
  },
  {
    id: 'ubuntu',
    name: 'Ubuntu',
    repositories: ['library/ubuntu'],
    olderAreEol: true,
    tagToken: 'codename',
    // interim codenames are ordinary words (`lunar`, `disco`): only the LTS ones are read from other images' tags
    tokenCodenames: ['trusty', 'xenial', 'bionic', 'focal', 'jammy', 'noble', 'resolute'],
    replacement: '`ubuntu:24.04`',
    tokenReplacement: 'a tag on a supported Ubuntu LTS (`-noble`, 24.04)',
    source: 'https://endoflife.date/ubuntu (end of standard support); https://ubuntu.com/about/release-cycle',
    cycles: [
      { cycle: '14.04', eol: '2019-04-02', codenames: ['trusty'] },
      { cycle: '16.04', eol: '2021-04-02', codenames: ['xenial'] },
      { cycle: '16.10', eol: '2017-07-20', codenames: ['yakkety'] },
      { cycle: '17.04', eol: '2018-01-13', codenames: ['zesty'] },
      { cycle: '17.10', eol: '2018-07-19', codenames: ['artful'] },
      { cycle: '18.04', eol: '2023-05-31', codenames: ['bionic'] },
      { cycle: '18.10', eol: '2019-07-18', codenames: ['cosmic'] },
      { cycle: '19.04', eol: '2020-01-23', codenames: ['disco'] },
      { cycle: '19.10', eol: '2020-07-06', codenames: ['eoan'] },
      { cycle: '20.04', eol: '2025-05-31', codenames: ['focal'] },
      { cycle: '20.10', eol: '2021-07-22', codenames: ['groovy'] },
      { cycle: '21.04', eol: '2022-01-20', codenames: ['hirsute'] },
      { cycle: '21.10', eol: '2022-07-14', codenames: ['impish'] },
      { cycle: '22.04', eol: '2027-04-01', codenames: ['jammy'] },
      { cycle: '22.10', eol: '2023-07-20', codenames: ['kinetic'] },
      { cycle: '23.04', eol: '2024-01-20', codenames: ['lunar'] },
      { cycle: '23.10', eol: '2024-07-12', codenames: ['mantic'] },
      { cycle: '24.04', eol: '2029-05-31', codenames: ['noble'] },
      { cycle: '24.10', eol: '2025-07-10', codenames: ['oracular'] },
      { cycle: '25.04', eol: '2026-01-17', codenames: ['plucky'] },
      { cycle: '25.10', eol: '2026-07-01', codenames: ['questing'] },
      { cycle: '26.04', eol: '2031-04-30', codenames: ['resolute'] },
    ],
  },
  {
    id: 'alpine',
    name: 'Alpine',
    repositories: ['library/alpine'],
    olderAreEol: true,
    tagToken: /^alpine(\d+\.\d+)(?:\.\d+)?$/,
    replacement: '`alpine:3.23`',
    tokenReplacement: 'a tag on a supported Alpine release (`-alpine3.23`, or plain `-alpine`)',
    source: 'https://alpinelinux.org/releases/ ; https://endoflife.date/alpine-linux',
    cycles: [
      { cycle: '3.0', eol: '2016-05-01' },
      { cycle: '3.1', eol: '2016-11-01' },
      { cycle: '3.2', eol: '2017-05-01' },
      { cycle: '3.3', eol: '2017-11-01' },
      { cycle: '3.4', eol: '2018-05-01' },
      { cycle: '3.5', eol: '2018-11-01' },
      { cycle: '3.6', eol: '2019-05-01' },
      { cycle: '3.7', eol: '2019-11-01' },
      { cycle: '3.8', eol: '2020-05-01' },
      { cycle: '3.9', eol: '2020-11-01' },
      { cycle: '3.10', eol: '2021-05-01' },
      { cycle: '3.11', eol: '2021-11-01' },
      { cycle: '3.12', eol: '2022-05-01' },
      { cycle: '3.13', eol: '2022-11-01' },
      { cycle: '3.14', eol: '2023-05-01' },
      { cycle: '3.15', eol: '2023-11-01' },
      { cycle: '3.16', eol: '2024-05-23' },
      { cycle: '3.17', eol: '2024-11-22' },
      { cycle: '3.18', eol: '2025-05-09' },
      { cycle: '3.19', eol: '2025-11-01' },
      { cycle: '3.20', eol: '2026-04-01' },
      { cycle: '3.21', eol: '2026-11-01' },
      { cycle: '3.22', eol: '2027-05-01' },
      { cycle: '3.23', eol: '2027-11-01' },
    ],
  },
  {
    id: 'centos',
    name: 'CentOS Linux',
    repositories: ['library/centos'],
    versionPattern: /^(?:centos)?(\d+(?:\.\d+)*)/,
    olderAreEol: true,
    // `centos:latest` is CentOS 8; every CentOS Linux release has ended
    allEolSince: '2024-06-30',
    replacement: '`almalinux:9-minimal`, `rockylinux:9-minimal` or `registry.access.redhat.com/ubi9/ubi-minimal`',
    source: 'https://endoflife.date/centos ; https://www.centos.org/centos-linux-eol/',
    cycles: [
      { cycle: '6', eol: '2020-11-30' },
      { cycle: '7', eol: '2024-06-30' },
      { cycle: '8', eol: '2021-12-31' },
    ],
  },
  {
    id: 'centos-stream',
    name: 'CentOS Stream',
    repositories: ['quay.io/centos/centos'],
    versionPattern: /^stream(\d+)/,
    olderAreEol: true,
    replacement: '`quay.io/centos/centos:stream10`',
    source: 'https://endoflife.date/centos-stream',
    cycles: [
      { cycle: '8', eol: '2024-05-31' },
      { cycle: '9', eol: '2027-05-31' },
    ],
  },
  {
    id: 'amazonlinux',
    name: 'Amazon Linux',
    repositories: ['library/amazonlinux', 'public.ecr.aws/amazonlinux/amazonlinux'],
    olderAreEol: false,
    replacement: '`amazonlinux:2023`',
    source: 'https://endoflife.date/amazon-linux ; https://aws.amazon.com/amazon-linux-2/faqs/',
    cycles: [
      { cycle: '1', eol: '2023-12-31' },
      { cycle: '2018.03', eol: '2023-12-31' },
      { cycle: '2', eol: '2026-06-30' },
      { cycle: '2023', eol: '2029-06-30' },
    ],
  },
  {
    id: 'python',
    name: 'Python',
    repositories: ['library/python'],
    olderAreEol: true,
    replacement: '`python:3.13-slim`',
    source: 'https://devguide.python.org/versions/ ; https://endoflife.date/python',
    cycles: [
      { cycle: '2', eol: '2020-01-01' },
      { cycle: '3.0', eol: '2009-06-27' },
      { cycle: '3.1', eol: '2012-04-09' },
      { cycle: '3.2', eol: '2016-02-20' },
      { cycle: '3.3', eol: '2017-09-29' },
      { cycle: '3.4', eol: '2019-03-18' },
      { cycle: '3.5', eol: '2020-09-30' },
      { cycle: '3.6', eol: '2021-12-23' },
      { cycle: '3.7', eol: '2023-06-27' },
      { cycle: '3.8', eol: '2024-10-07' },
      { cycle: '3.9', eol: '2025-10-31' },
      { cycle: '3.10', eol: '2026-10-31' },
      { cycle: '3.11', eol: '2027-10-31' },
      { cycle: '3.12', eol: '2028-10-31' },
      { cycle: '3.13', eol: '2029-10-31' },
      { cycle: '3.14', eol: '2030-10-31' },
    ],
  },
  {
    id: 'node',
    name: 'Node.js',
    repositories: ['library/node'],
    olderAreEol: true,
    replacement: '`node:24-slim`',
    source: 'https://github.com/nodejs/Release (schedule.json) ; https://endoflife.date/nodejs',
    cycles: [
      { cycle: '4', eol: '2018-04-30', codenames: ['argon'] },
      { cycle: '5', eol: '2016-06-30' },
      { cycle: '6', eol: '2019-04-30', codenames: ['boron'] },
      { cycle: '7', eol: '2017-06-30' },
      { cycle: '8', eol: '2019-12-31', codenames: ['carbon'] },
      { cycle: '9', eol: '2018-06-30' },
      { cycle: '10', eol: '2021-04-30', codenames: ['dubnium'] },
      { cycle: '11', eol: '2019-06-30' },
      { cycle: '12', eol: '2022-04-30', codenames: ['erbium'] },
      { cycle: '13', eol: '2020-06-01' },
      { cycle: '14', eol: '2023-04-30', codenames: ['fermium'] },
      { cycle: '15', eol: '2021-06-01' },
      { cycle: '16', eol: '2023-09-11', codenames: ['gallium'] },
      { cycle: '17', eol: '2022-06-01' },
      { cycle: '18', eol: '2025-04-30', codenames: ['hydrogen'] },
      { cycle: '19', eol: '2023-06-01' },
      { cycle: '20', eol: '2026-04-30', codenames: ['iron'] },
      { cycle: '21', eol: '2024-06-01' },
      { cycle: '22', eol: '2027-04-30', codenames: ['jod'] },
      { cycle: '23', eol: '2025-06-01' },
      { cycle: '24', eol: '2028-04-30', codenames: ['krypton'] },
      { cycle: '25', eol: '2026-06-01' },
      { cycle: '26', eol: '2029-04-30' },
    ],
  },
  {
    id: 'golang',
    name: 'Go',
    repositories: ['library/golang'],
    olderAreEol: true,
    // Go supports the two newest minor releases: 1.N ends when 1.N+2 is released
    replacement: '`golang:1.27`',
    source: 'https://go.dev/doc/devel/release (release dates) ; https://go.dev/doc/devel/release#policy',
    cycles: [
      { cycle: '1.15', eol: '2021-08-16' },
      { cycle: '1.16', eol: '2022-03-15' },
      { cycle: '1.17', eol: '2022-08-02' },
      { cycle: '1.18', eol: '2023-02-01' },
      { cycle: '1.19', eol: '2023-08-08' },
      { cycle: '1.20', eol: '2024-02-06' },
      { cycle: '1.21', eol: '2024-08-13' },
      { cycle: '1.22', eol: '2025-02-11' },
      { cycle: '1.23', eol: '2025-08-12' },
      { cycle: '1.24', eol: '2026-02-10' },
      { cycle: '1.25', eol: '2026-08-19' },
    ],
  },
  {
    id: 'nginx',
    name: 'nginx',
    repositories: ['library/nginx', 'nginxinc/nginx-unprivileged', 'nginx/nginx-unprivileged'],
    olderAreEol: true,
    // only the current stable (even) and mainline (odd) branches get fixes; each April moves both on
    replacement: '`nginx:1.30-alpine`',
    source: 'https://nginx.org/en/download.html ; https://endoflife.date/nginx',
    cycles: [
      { cycle: '1.18', eol: '2021-04-20' },
      { cycle: '1.19', eol: '2021-05-25' },
      { cycle: '1.20', eol: '2022-05-24' },
      { cycle: '1.21', eol: '2022-06-21' },
      { cycle: '1.22', eol: '2023-04-11' },
      { cycle: '1.23', eol: '2023-05-23' },
      { cycle: '1.24', eol: '2024-04-23' },
      { cycle: '1.25', eol: '2024-05-29' },
      { cycle: '1.26', eol: '2025-04-23' },
      { cycle: '1.27', eol: '2025-06-24' },
      { cycle: '1.28', eol: '2026-04-14' },
      { cycle: '1.29', eol: '2026-05-13' },
    ],
  },
  {
    id: 'php',
    name: 'PHP',
    repositories: ['library/php'],
    olderAreEol: true,
    replacement: '`php:8.4-fpm`',
    source: 'https://www.php.net/supported-versions.php ; https://endoflife.date/php',
    cycles: [
      { cycle: '5.6', eol: '2018-12-31' },
      { cycle: '7.0', eol: '2019-01-10' },
      { cycle: '7.1', eol: '2019-12-01' },
      { cycle: '7.2', eol: '2020-11-30' },
      { cycle: '7.3', eol: '2021-12-06' },
      { cycle: '7.4', eol: '2022-11-28' },
      { cycle: '8.0', eol: '2023-11-26' },
      { cycle: '8.1', eol: '2025-12-31' },
      { cycle: '8.2', eol: '2026-12-31' },
      { cycle: '8.3', eol: '2027-12-31' },
    ],
  },
  {
    id: 'ruby',
    name: 'Ruby',
    repositories: ['library/ruby'],
    olderAreEol: true,
    replacement: '`ruby:3.4-slim`',
    source: 'https://www.ruby-lang.org/en/downloads/branches/ ; https://endoflife.date/ruby',
    cycles: [
      { cycle: '2.3', eol: '2019-03-31' },
      { cycle: '2.4', eol: '2020-03-31' },
      { cycle: '2.5', eol: '2021-03-31' },
      { cycle: '2.6', eol: '2022-03-31' },
      { cycle: '2.7', eol: '2023-03-31' },
      { cycle: '3.0', eol: '2024-04-23' },
      { cycle: '3.1', eol: '2025-03-31' },
      { cycle: '3.2', eol: '2026-03-31' },
      { cycle: '3.3', eol: '2027-03-31' },
    ],
  },
  {
    id: 'openjdk',
    name: 'the `openjdk` image',
    repositories: ['library/openjdk'],
    olderAreEol: false,
    // deprecated: only early-access tags kept being published after July 2022
    allEolSince: '2022-08-01',
    allEolExcept: /(?:^|[-.])ea(?:[-.+]|$)/,
    replacement: '`eclipse-temurin:21-jre`',
    source: 'https://hub.docker.com/_/openjdk (deprecation notice) ; https://github.com/docker-library/openjdk/issues/505',
    cycles: [],
  },
  {
    id: 'eclipse-temurin',
    name: 'Eclipse Temurin',
    repositories: ['library/eclipse-temurin'],
    // LTS releases (8, 11, 17, 21, 25) are supported for years; only the short-lived feature releases are listed
    olderAreEol: false,
    replacement: '`eclipse-temurin:25-jre`',
    source: 'https://adoptium.net/support/ ; https://www.java.com/releases/ (GA dates of the next feature release)',
    cycles: [
      { cycle: '16', eol: '2021-09-14' },
      { cycle: '18', eol: '2022-09-20' },
      { cycle: '19', eol: '2023-03-21' },
      { cycle: '20', eol: '2023-09-19' },
      { cycle: '22', eol: '2024-09-17' },
      { cycle: '23', eol: '2025-03-18' },
      { cycle: '24', eol: '2025-09-16' },
      { cycle: '26', eol: '2026-09-15' },
    ],
  },
];

export interface EolMatch {
  product: EolProduct;
  /** `Python 3.8`, `Debian 10 (buster)`. */
  label: string;
  /** The first day without support. */
  eol: string;
  /** True when the version is older than the table reaches: the date is an upper bound. */
  olderThanTable: boolean;
  /** True when the release was read from a suffix of another image's tag (`python:3.12-slim-buster`). */
  fromTagSuffix: boolean;
}

function parts(version: string): number[] {
  return version.split('.').map((p) => Number(p));
}

/** Compares the common prefix of two versions: 0 when one is a prefix of the other. */
function comparePrefix(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function labelOf(product: EolProduct, cycle: EolCycle): string {
  return `${product.name} ${cycle.cycle}${cycle.codenames?.length && product.tagToken === 'codename' ? ` (${cycle.codenames[0]})` : ''}`;
}

function byVersion(product: EolProduct, version: string, fromTagSuffix: boolean): EolMatch | undefined {
  const v = parts(version);
  let best: EolCycle | undefined;
  for (const c of product.cycles) {
    const cv = parts(c.cycle);
    // `3.8` covers 3.8.20; a tag `3` names no cycle (it floats to the newest 3.x)
    if (cv.length <= v.length && comparePrefix(v, cv) === 0 && (!best || cv.length > parts(best.cycle).length)) best = c;
  }
  if (best) return { product, label: labelOf(product, best), eol: best.eol, olderThanTable: false, fromTagSuffix };
  if (!product.olderAreEol || product.cycles.length === 0) return undefined;
  const oldest = product.cycles.reduce((a, b) => (comparePrefix(parts(a.cycle), parts(b.cycle)) <= 0 ? a : b));
  if (comparePrefix(v, parts(oldest.cycle)) < 0) {
    return { product, label: `${product.name} ${version}`, eol: oldest.eol, olderThanTable: true, fromTagSuffix };
  }
  return undefined;
}

function byCodename(product: EolProduct, token: string, fromTagSuffix: boolean): EolMatch | undefined {
  const c = product.cycles.find((x) => x.codenames?.includes(token));
  return c ? { product, label: labelOf(product, c), eol: c.eol, olderThanTable: false, fromTagSuffix } : undefined;
}

/** The release a tag names for its own repository: `3.8-slim` of python, `buster-slim` of debian. */
function ownRelease(product: EolProduct, tag: string): EolMatch | undefined {
  const version = (product.versionPattern ?? DEFAULT_VERSION).exec(tag)?.[1];
  const match = version ? byVersion(product, version, false) : byCodename(product, tag.split(/[-_.]/)[0], false);
  if (match) return match;
  if (product.allEolSince && !product.allEolExcept?.test(tag)) {
    return { product, label: product.name, eol: product.allEolSince, olderThanTable: false, fromTagSuffix: false };
  }
  return undefined;
}

/**
 * Every end-of-life release an image reference names, judged at `asOf` (YYYY-MM-DD): its own
 * release, and distribution releases in its tag (`-buster`, `-alpine3.18`). Unknown repositories
 * and tags without a version (`latest`, `lts`, `stable`) give nothing.
 */
export function endOfLifeReleases(ref: ImageReference, asOf: string = EOL_CHECKED): EolMatch[] {
  // the same few images come back on every lint: remember the answers (the table is fixed)
  const memoKey = `${ref.registry}|${ref.path}|${ref.canonicalPath}|${ref.tag ?? ''}|${ref.digest ?? ''}|${asOf}`;
  return judged.get(memoKey, () => readEndOfLifeReleases(ref, asOf)).slice();
}
const judged = new BoundedMemo<EolMatch[]>();

function readEndOfLifeReleases(ref: ImageReference, asOf: string): EolMatch[] {
  const tag = (ref.tag ?? (ref.digest ? '' : 'latest')).toLowerCase();
  if (!tag) return [];
  const key = repositoryKey(ref);
  // a mirror keeps the official path: mirror.gcr.io/library/python, public.ecr.aws/docker/library/node
  const official = /(?:^|\/)(library\/[^/]+)$/.exec(ref.path.toLowerCase())?.[1];
  const own = EOL_PRODUCTS.find((p) => p.repositories.includes(key) || (official !== undefined && p.repositories.includes(official)));
  const found: EolMatch[] = [];
  if (own) {
    const m = ownRelease(own, tag);
    if (m) found.push(m);
  }
  for (const token of tag.split(/[-_]/)) {
    for (const p of EOL_PRODUCTS) {
      if (!p.tagToken || p === own || found.some((f) => f.product === p)) continue;
      let m: EolMatch | undefined;
      if (p.tagToken === 'codename') {
        if (!p.tokenCodenames || p.tokenCodenames.includes(token)) m = byCodename(p, token, true);
      }
      else {
        const v = p.tagToken.exec(token)?.[1];
        if (v) m = byVersion(p, v, true);
      }
      if (m) found.push(m);
    }
  }
  return found.filter((m) => m.eol <= asOf);
}
