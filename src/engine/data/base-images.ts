/**
 * What Shipshape knows about well-known base images, in one dated module. The rules (non-root
 * bases, images without a shell, minimal bases, EOL) and the image preview all read it from here,
 * so a fact is corrected in one place.
 *
 * Checked: 2026-11-24. Sources are named per entry. Sizes are approximate compressed sizes for
 * linux/amd64 as a registry reports them; they drift with every rebuild and are for teaching.
 * An image not listed here is unknown: callers must show it as unknown, never guess.
 */
import type { ImageReference } from '../image-ref.ts';
import { BoundedMemo } from '../memo.ts';

export const BASE_IMAGES_CHECKED = '2026-11-24';

/** The parts of an image config an entry can state (or admit it does not know). */
export type BaseConfigField = 'cmd' | 'entrypoint' | 'workdir' | 'expose' | 'stopSignal' | 'env' | 'labels';

export interface BaseImageFacts {
  /** Human name of the variant: "python slim (Debian 12)". */
  label: string;
  /** Approximate compressed size in MB (linux/amd64). */
  sizeMB: number;
  /** Default user as `docker inspect` shows Config.User ('' means root). */
  user: string;
  /** Numeric UID the default user runs as (0 for root). */
  uid: number;
  hasShell: boolean;
  /** Path of the shell when there is one: `/bin/sh`, or `/busybox/sh` in distroless :debug. */
  shellPath?: string;
  /** The package manager present, if any. */
  packageManager: 'apt' | 'apk' | 'dnf' | 'microdnf' | 'yum' | 'zypper' | null;
  libc: 'glibc' | 'musl' | 'none';
  /** Tools worth knowing about for HEALTHCHECK (curl, wget). `wget` in busybox images is busybox's applet. */
  tools: string[];
  /**
   * Language runtimes the image carries, by absolute path (`/nodejs/bin/node`, `/usr/bin/python3`), stated
   * for images whose programs are all known (distroless, scratch): there, a runtime not listed is not in
   * the image. Absent: not stated (the official images have theirs on PATH; a HEALTHCHECK is not judged on it).
   */
  runtimes?: string[];
  /** Config.Cmd; absent means none (unless `unknownConfig` lists it). */
  cmd?: string[];
  /** Config.Entrypoint; absent means none (unless `unknownConfig` lists it). */
  entrypoint?: string[];
  /** Config.WorkingDir; absent means '' (the root directory). */
  workdir?: string;
  /** Config.ExposedPorts as `80/tcp`. */
  expose?: string[];
  stopSignal?: string;
  /** Config.Env with values that do not change between releases of the tag. */
  env?: Record<string, string>;
  /** Variables the image sets whose value changes with every release (PYTHON_VERSION): present, value unknown. */
  versionEnv?: string[];
  labels?: Record<string, string>;
  /** Config fields this entry does not know. Fields not listed are stated completely. */
  unknownConfig?: BaseConfigField[];
  /** Accounts in the image's /etc/passwd worth knowing (name -> uid), root included when present. */
  users?: Record<string, number>;
  /** Groups in /etc/group worth knowing (name -> gid). */
  groups?: Record<string, number>;
  /**
   * True when `users` and `groups` list every account of the image, so the UID `useradd` or
   * `adduser` picks without `-u` can be worked out. Otherwise a name not listed may still exist.
   */
  usersComplete?: boolean;
  /** The distribution underneath: `debian 12`, `alpine`, `wolfi`, `none`. */
  os?: string;
  /** Minimal image (alpine, slim, distroless, scratch, chainguard) as the minimal-base lesson counts it. */
  minimal: boolean;
  /** Where the facts came from. */
  source: string;
}

interface Entry {
  /** Repository paths this entry covers, canonical (`library/python`, `gcr.io/distroless/static-debian12`). */
  repositories: string[];
  /** Tag pattern (anchored regular expression source); absent matches any tag. */
  tag?: string;
  facts: BaseImageFacts;
}

// ---------------------------------------------------------------------------------------------
// Shared facts
// ---------------------------------------------------------------------------------------------

const PATH_DEFAULT = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
// /etc/passwd and /etc/group of debian:bookworm and trixie (base-passwd 3.6: no gnats, _apt is 42)
const DEBIAN_USERS = {
  root: 0, daemon: 1, bin: 2, sys: 3, sync: 4, games: 5, man: 6, lp: 7, mail: 8, news: 9, uucp: 10, proxy: 13,
  'www-data': 33, backup: 34, list: 38, irc: 39, _apt: 42, nobody: 65534,
};
const DEBIAN_GROUPS = {
  root: 0, daemon: 1, bin: 2, sys: 3, adm: 4, tty: 5, disk: 6, lp: 7, mail: 8, news: 9, uucp: 10, man: 12, proxy: 13,
  kmem: 15, dialout: 20, fax: 21, voice: 22, cdrom: 24, floppy: 25, tape: 26, sudo: 27, audio: 29, dip: 30,
  'www-data': 33, backup: 34, operator: 37, list: 38, irc: 39, src: 40, shadow: 42, utmp: 43, video: 44, sasl: 45,
  plugdev: 46, staff: 50, games: 60, users: 100, nogroup: 65534,
};
// bullseye (base-passwd 3.5) still has gnats, and apt created _apt as the first system account (100)
const BULLSEYE_USERS = { ...DEBIAN_USERS, gnats: 41, _apt: 100 };
const BULLSEYE_GROUPS = { ...DEBIAN_GROUPS, gnats: 41 };
// alpine-baselayout-data 3.6 (alpine 3.19 and later)
const ALPINE_USERS = {
  root: 0, bin: 1, daemon: 2, lp: 4, sync: 5, shutdown: 6, halt: 7, mail: 8, news: 9, uucp: 10, cron: 16, ftp: 21,
  sshd: 22, games: 35, ntp: 123, guest: 405, nobody: 65534,
};
const ALPINE_GROUPS = {
  root: 0, bin: 1, daemon: 2, sys: 3, adm: 4, tty: 5, disk: 6, lp: 7, kmem: 9, wheel: 10, floppy: 11, mail: 12,
  news: 13, uucp: 14, cron: 16, audio: 18, cdrom: 19, dialout: 20, ftp: 21, sshd: 22, input: 23, tape: 26, video: 27,
  netdev: 28, kvm: 34, games: 35, shadow: 42, 'www-data': 82, users: 100, ntp: 123, abuild: 300, utmp: 406, ping: 999,
  nogroup: 65533, nobody: 65534,
};
const DISTROLESS_USERS = { root: 0, nonroot: 65532, nobody: 65534 };
const DISTROLESS_GROUPS = { root: 0, nonroot: 65532, nogroup: 65534 };

const DEBIAN_SUITES = 'bookworm|trixie|bullseye|forky';
/** A release number as the official images tag it: `3`, `3.12`, `3.12.7`, `3.14.0rc1`, `22`, `1.23.4`. */
const VERSION = '\\d+(?:\\.\\d+){0,2}(?:(?:a|b|rc)\\d+)?(?:-rc)?';
const ALPINE_SUFFIX = 'alpine(?:3\\.\\d+)?';

/** Tags of the full (buildpack-deps based) variant: `3.12`, `3.12-bookworm`, `bookworm`, `latest`. */
function fullTags(version: string): string {
  return `latest|${version}|(?:${version}-)?(?:${DEBIAN_SUITES})`;
}
/** `slim`, `3.12-slim`, `3.12-slim-bookworm`, `slim-trixie`, node's `22-bookworm-slim`. */
function slimTags(version: string): string {
  return `(?:${version}-)?(?:slim(?:-(?:${DEBIAN_SUITES}))?|(?:${DEBIAN_SUITES})-slim)`;
}
/** `alpine`, `alpine3.20`, `3.12-alpine`, `3.12-alpine3.20`. */
function alpineTags(version: string): string {
  return `(?:${version}-)?${ALPINE_SUFFIX}`;
}

const DEBIAN_BASE = {
  user: '',
  uid: 0,
  hasShell: true,
  shellPath: '/bin/sh',
  packageManager: 'apt',
  libc: 'glibc',
  users: DEBIAN_USERS,
  groups: DEBIAN_GROUPS,
  usersComplete: true,
} as const;

const ALPINE_BASE = {
  user: '',
  uid: 0,
  hasShell: true,
  shellPath: '/bin/sh',
  packageManager: 'apk',
  libc: 'musl',
  users: ALPINE_USERS,
  groups: ALPINE_GROUPS,
  usersComplete: true,
  os: 'alpine',
} as const;

// ---------------------------------------------------------------------------------------------
// Distroless: gcr.io/distroless/<flavour>[-debianNN]:{latest,nonroot,debug,debug-nonroot}[-arch]
// ---------------------------------------------------------------------------------------------

const ARCH_SUFFIX = '(?:-(?:amd64|arm64|arm|s390x|ppc64le|riscv64))?';
const DISTROLESS_SOURCE =
  'GoogleContainerTools/distroless (static/static.bzl, base, cc, python3/python.bzl, nodejs/nodejs.bzl, java/java.bzl): ' +
  'user 0 with workdir / or 65532 with /home/nonroot; :debug adds busybox at /busybox with ENTRYPOINT ["/busybox/sh"]';

interface DistrolessFlavour {
  name: string;
  /** Repositories without the tag (several Debian releases share the facts). */
  repositories: string[];
  sizeMB: number;
  libc: 'glibc' | 'none';
  entrypoint?: string[];
  env?: Record<string, string>;
  versionEnv?: string[];
  debian: string;
  /** The language runtime's paths (none for static, base and cc). */
  runtimes?: string[];
}

function distrolessEntries(f: DistrolessFlavour): Entry[] {
  const env = { PATH: PATH_DEFAULT, SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt', ...(f.env ?? {}) };
  const variants: { tag: string; debug: boolean; nonroot: boolean }[] = [
    { tag: `debug-nonroot${ARCH_SUFFIX}`, debug: true, nonroot: true },
    { tag: `debug${ARCH_SUFFIX}`, debug: true, nonroot: false },
    { tag: `nonroot${ARCH_SUFFIX}`, debug: false, nonroot: true },
    { tag: `latest${ARCH_SUFFIX}`, debug: false, nonroot: false },
  ];
  return variants.map(({ tag, debug, nonroot }) => ({
    repositories: f.repositories,
    tag,
    facts: {
      label: `distroless ${f.name}${debug ? ' :debug' : ''}${nonroot ? ' (nonroot)' : ''} (Debian ${f.debian})`,
      // the busybox layer of :debug adds about 1 MB
      sizeMB: debug ? f.sizeMB + 1 : f.sizeMB,
      user: nonroot ? '65532' : '0',
      uid: nonroot ? 65532 : 0,
      hasShell: debug,
      ...(debug ? { shellPath: '/busybox/sh' } : {}),
      packageManager: null,
      libc: f.libc,
      tools: debug ? ['wget'] : [],
      // busybox in :debug has no language runtime applets: the runtimes are the same in every variant
      runtimes: f.runtimes ?? [],
      ...(f.entrypoint ? { entrypoint: f.entrypoint } : debug ? { entrypoint: ['/busybox/sh'] } : {}),
      workdir: nonroot ? '/home/nonroot' : '/',
      env: debug ? { ...env, PATH: `${PATH_DEFAULT}:/busybox` } : env,
      ...(f.versionEnv ? { versionEnv: f.versionEnv } : {}),
      unknownConfig: ['labels'],
      users: DISTROLESS_USERS,
      groups: DISTROLESS_GROUPS,
      usersComplete: true,
      os: `debian ${f.debian} (distroless)`,
      minimal: true,
      source: DISTROLESS_SOURCE,
    },
  }));
}

function distrolessRepos(flavour: string, debians: string[], unsuffixed: boolean): string[] {
  return [...(unsuffixed ? [`gcr.io/distroless/${flavour}`] : []), ...debians.map((d) => `gcr.io/distroless/${flavour}-debian${d}`)];
}

const DISTROLESS: Entry[] = [
  ...distrolessEntries({ name: 'static', repositories: distrolessRepos('static', ['11', '12', '13'], true), sizeMB: 2, libc: 'none', debian: '12' }),
  ...distrolessEntries({ name: 'base', repositories: distrolessRepos('base', ['11', '12', '13'], true), sizeMB: 9, libc: 'glibc', debian: '12' }),
  ...distrolessEntries({ name: 'base-nossl', repositories: distrolessRepos('base-nossl', ['11', '12', '13'], true), sizeMB: 7, libc: 'glibc', debian: '12' }),
  ...distrolessEntries({ name: 'cc', repositories: distrolessRepos('cc', ['11', '12', '13'], true), sizeMB: 10, libc: 'glibc', debian: '12' }),
  ...distrolessEntries({
    name: 'python3',
    repositories: ['gcr.io/distroless/python3', 'gcr.io/distroless/python3-debian12'],
    sizeMB: 19,
    libc: 'glibc',
    entrypoint: ['/usr/bin/python3.11'],
    env: { LANG: 'C.UTF-8' },
    debian: '12',
    // python3/python.bzl: /usr/bin/python and /usr/bin/python3 are links to python3.11
    runtimes: ['/usr/bin/python3.11', '/usr/bin/python3', '/usr/bin/python'],
  }),
  ...distrolessEntries({
    name: 'python3',
    repositories: ['gcr.io/distroless/python3-debian13'],
    sizeMB: 20,
    libc: 'glibc',
    entrypoint: ['/usr/bin/python3.13'],
    env: { LANG: 'C.UTF-8' },
    debian: '13',
    runtimes: ['/usr/bin/python3.13', '/usr/bin/python3', '/usr/bin/python'],
  }),
  ...distrolessEntries({
    name: 'nodejs',
    repositories: ['18', '20', '22', '24'].flatMap((v) => [`gcr.io/distroless/nodejs${v}-debian12`, `gcr.io/distroless/nodejs${v}-debian13`, `gcr.io/distroless/nodejs${v}`]),
    sizeMB: 45,
    libc: 'glibc',
    entrypoint: ['/nodejs/bin/node'],
    debian: '12',
    // nodejs/nodejs.bzl: node is only at /nodejs/bin/node, which is not on PATH (distroless#1773)
    runtimes: ['/nodejs/bin/node'],
  }),
  ...distrolessEntries({
    name: 'java',
    repositories: ['11', '17', '21', '25'].flatMap((v) => [`gcr.io/distroless/java${v}-debian12`, `gcr.io/distroless/java${v}-debian13`, `gcr.io/distroless/java${v}`]),
    sizeMB: 85,
    libc: 'glibc',
    entrypoint: ['/usr/bin/java', '-jar'],
    env: { LANG: 'C.UTF-8' },
    versionEnv: ['JAVA_VERSION'],
    debian: '12',
    // java/testdata/java21_debian12.yaml: /usr/bin/java links to the JRE in /usr/lib/jvm
    runtimes: ['/usr/bin/java'],
  }),
];

// ---------------------------------------------------------------------------------------------
// Chainguard: cgr.dev/chainguard/<name>:{latest,latest-dev,...}
// ---------------------------------------------------------------------------------------------

const CHAINGUARD_SOURCE =
  'Chainguard Images documentation (images.chainguard.dev): runtime images run as nonroot 65532 without a shell or apk; -dev tags add a shell and apk';

const ALL_CONFIG: BaseConfigField[] = ['cmd', 'entrypoint', 'workdir', 'expose', 'stopSignal', 'env', 'labels'];

function chainguardEntries(name: string, sizeMB: number, devSizeMB: number, extra: Partial<BaseImageFacts> = {}): Entry[] {
  const common = {
    user: '65532',
    uid: 65532,
    libc: 'glibc' as const,
    users: { root: 0, nonroot: 65532 },
    groups: { root: 0, nonroot: 65532 },
    os: 'wolfi',
    minimal: true,
    source: CHAINGUARD_SOURCE,
    // per-image entrypoints and environments change between releases: only what `extra` states is known
    unknownConfig: ALL_CONFIG.filter((f) => !(f in extra)),
  };
  return [
    {
      repositories: [`cgr.dev/chainguard/${name}`],
      tag: '(?:[\\w.]+-)?dev',
      facts: { ...common, label: `Chainguard ${name} (-dev)`, sizeMB: devSizeMB, hasShell: true, shellPath: '/bin/sh', packageManager: 'apk', tools: ['wget'], ...extra, minimal: false },
    },
    {
      repositories: [`cgr.dev/chainguard/${name}`],
      facts: { ...common, label: `Chainguard ${name}`, sizeMB, hasShell: false, packageManager: null, tools: [], ...extra },
    },
  ];
}

const CHAINGUARD: Entry[] = [
  ...chainguardEntries('static', 1, 1, { libc: 'none' }),
  ...chainguardEntries('python', 20, 45),
  ...chainguardEntries('node', 45, 60),
  ...chainguardEntries('nginx', 8, 20, { expose: ['8080/tcp'] }),
];

// ---------------------------------------------------------------------------------------------
// Docker Official Images
// ---------------------------------------------------------------------------------------------

const PYTHON_SOURCE = 'docker-library/python (3.x/{bookworm,slim-bookworm,alpine3.x}/Dockerfile): FROM buildpack-deps / debian:*-slim / alpine, CMD ["python3"]';
const PYTHON_ENV_NEW = { PATH: `/usr/local/bin:${PATH_DEFAULT}` };
// Python up to 3.12 keeps LANG=C.UTF-8 (docker-library/python#570); 3.13 and later dropped it
const PYTHON_ENV_OLD = { ...PYTHON_ENV_NEW, LANG: 'C.UTF-8' };
const PYTHON_VERSION_ENV = ['GPG_KEY', 'PYTHON_VERSION', 'PYTHON_SHA256'];
const PY_OLD = '3\\.(?:[0-9]|1[0-2])(?:\\.\\d+)?(?:(?:a|b|rc)\\d+)?';

function pythonEntries(version: string, env: Record<string, string>, versionRequired: boolean): Entry[] {
  const base = { cmd: ['python3'], env, versionEnv: PYTHON_VERSION_ENV, source: PYTHON_SOURCE };
  // the bare tags (`slim`, `alpine`, `latest`) follow the newest release, so they belong to the newest facts
  const slim = versionRequired ? `${version}-(?:slim(?:-(?:${DEBIAN_SUITES}))?)` : slimTags(version);
  const alpine = versionRequired ? `${version}-${ALPINE_SUFFIX}` : alpineTags(version);
  const full = versionRequired ? `${version}(?:-(?:${DEBIAN_SUITES}))?` : fullTags(version);
  return [
    {
      repositories: ['library/python'],
      tag: slim,
      facts: { ...DEBIAN_BASE, ...base, label: 'python slim (Debian)', sizeMB: 42, tools: [], os: 'debian', minimal: true },
    },
    {
      repositories: ['library/python'],
      tag: alpine,
      facts: { ...ALPINE_BASE, ...base, label: 'python alpine', sizeMB: 17, tools: ['wget'], minimal: true },
    },
    {
      repositories: ['library/python'],
      tag: full,
      facts: { ...DEBIAN_BASE, ...base, label: 'python (Debian, buildpack-deps)', sizeMB: 390, tools: ['curl', 'wget', 'git'], os: 'debian', minimal: false },
    },
  ];
}

const NODE_SOURCE =
  'nodejs/docker-node (22/{bookworm,bookworm-slim,alpine3.x}/Dockerfile): user node (1000) created but not the default; ENTRYPOINT ["docker-entrypoint.sh"], CMD ["node"]; slim purges curl and wget after use';
const NODE_VERSION_TAG = `(?:${VERSION}|lts|current|hydrogen|iron|jod|krypton)`;
const NODE_CONFIG = {
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['node'],
  env: { PATH: PATH_DEFAULT },
  versionEnv: ['NODE_VERSION'],
  // YARN_VERSION is set by some release lines and not others
  unknownConfig: ['env'] as BaseConfigField[],
  source: NODE_SOURCE,
};

const GOLANG_SOURCE = 'docker-library/golang (1.x/{bookworm,alpine3.x}/Dockerfile): GOPATH=/go, GOTOOLCHAIN=local, WORKDIR $GOPATH; CMD inherited from the base';
const GOLANG_ENV = { PATH: `/go/bin:/usr/local/go/bin:${PATH_DEFAULT}`, GOTOOLCHAIN: 'local', GOPATH: '/go' };

const NGINX_VERSION_TAG = `${VERSION}|mainline|stable`;
const NGINX_ENV = { PATH: PATH_DEFAULT };
const NGINX_VERSION_ENV = ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE'];
const NGINX_LABELS = { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' };
const NGINX_CONFIG = {
  entrypoint: ['/docker-entrypoint.sh'],
  cmd: ['nginx', '-g', 'daemon off;'],
  stopSignal: 'SIGQUIT',
  env: NGINX_ENV,
  versionEnv: NGINX_VERSION_ENV,
  labels: NGINX_LABELS,
};
const NGINX_SOURCE =
  'nginxinc/docker-nginx (stable/{debian,alpine,alpine-slim}/Dockerfile): user nginx 101, curl installed (not in alpine-slim), EXPOSE 80, STOPSIGNAL SIGQUIT';
const NGINX_UNPRIVILEGED_SOURCE =
  'nginxinc/docker-nginx-unprivileged (stable/debian/Dockerfile): USER $UID (101), listens on 8080, EXPOSE 8080, pid in /tmp';

function nginxEntries(repo: string, unprivileged: boolean): Entry[] {
  const run = unprivileged
    ? { user: '101', uid: 101, expose: ['8080/tcp'], source: NGINX_UNPRIVILEGED_SOURCE }
    : { user: '', uid: 0, expose: ['80/tcp'], source: NGINX_SOURCE };
  const name = unprivileged ? 'nginx-unprivileged' : 'nginx';
  return [
    {
      repositories: [repo],
      tag: `(?:(?:${NGINX_VERSION_TAG})-)?alpine-slim(?:3\\.\\d+)?`,
      facts: {
        ...ALPINE_BASE,
        ...NGINX_CONFIG,
        ...run,
        label: `${name} alpine-slim`,
        sizeMB: 5,
        tools: ['wget'],
        users: { ...ALPINE_USERS, nginx: 101 },
        groups: { ...ALPINE_GROUPS, nginx: 101 },
        minimal: true,
      },
    },
    {
      repositories: [repo],
      tag: `(?:(?:${NGINX_VERSION_TAG})-)?alpine(?:3\\.\\d+)?(?:-perl|-otel)?`,
      facts: {
        ...ALPINE_BASE,
        ...NGINX_CONFIG,
        ...run,
        label: `${name} alpine`,
        sizeMB: 21,
        tools: ['curl', 'wget'],
        users: { ...ALPINE_USERS, nginx: 101 },
        groups: { ...ALPINE_GROUPS, nginx: 101 },
        minimal: true,
      },
    },
    {
      repositories: [repo],
      tag: `latest|${NGINX_VERSION_TAG}|(?:(?:${NGINX_VERSION_TAG})-)?(?:${DEBIAN_SUITES}|perl|otel)(?:-perl|-otel)?`,
      facts: {
        ...DEBIAN_BASE,
        ...NGINX_CONFIG,
        ...run,
        label: `${name} (Debian slim)`,
        sizeMB: 70,
        tools: ['curl'],
        users: { ...DEBIAN_USERS, nginx: 101 },
        groups: { ...DEBIAN_GROUPS, nginx: 101 },
        os: 'debian',
        minimal: false,
      },
    },
  ];
}

const HTTPD_SOURCE = 'docker-library/httpd (2.4/{Dockerfile,alpine/Dockerfile}): WORKDIR /usr/local/apache2, STOPSIGNAL SIGWINCH, EXPOSE 80, CMD ["httpd-foreground"]';
const HTTPD_CONFIG = {
  cmd: ['httpd-foreground'],
  workdir: '/usr/local/apache2',
  expose: ['80/tcp'],
  stopSignal: 'SIGWINCH',
  env: { HTTPD_PREFIX: '/usr/local/apache2', PATH: `/usr/local/apache2/bin:${PATH_DEFAULT}` },
  versionEnv: ['HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'],
  source: HTTPD_SOURCE,
};

const DEBIAN_SOURCE = 'docker-library/debian (debuerreotype): CMD ["bash"], no curl or wget; slim variants drop docs and locales';
const UBUNTU_SOURCE = 'docker-library/official-images library/ubuntu (Canonical rootfs): CMD ["/bin/bash"], no curl or wget';
const ALPINE_SOURCE = 'alpinelinux/docker-alpine: CMD ["/bin/sh"], busybox (wget applet), apk';

const OFFICIAL: Entry[] = [
  // scratch: the empty image
  {
    repositories: ['library/scratch'],
    facts: {
      label: 'scratch (empty image)',
      sizeMB: 0,
      user: '',
      uid: 0,
      hasShell: false,
      packageManager: null,
      libc: 'none',
      tools: [],
      runtimes: [],
      labels: {},
      users: {},
      groups: {},
      usersComplete: true,
      os: 'none',
      minimal: true,
      source: 'Docker documentation (Create a base image): scratch is an empty filesystem and config; FROM scratch adds no layer',
    },
  },

  // debian
  {
    repositories: ['library/debian'],
    tag: '(?:bookworm|12(?:\\.\\d+)?|oldstable)(?:-\\d{8})?-slim',
    facts: { ...DEBIAN_BASE, label: 'debian bookworm-slim (12)', sizeMB: 28, tools: [], cmd: ['bash'], env: { PATH: PATH_DEFAULT }, os: 'debian 12', minimal: true, source: DEBIAN_SOURCE },
  },
  {
    repositories: ['library/debian'],
    tag: '(?:trixie|13(?:\\.\\d+)?|stable)(?:-\\d{8})?-slim',
    facts: { ...DEBIAN_BASE, label: 'debian trixie-slim (13)', sizeMB: 29, tools: [], cmd: ['bash'], env: { PATH: PATH_DEFAULT }, os: 'debian 13', minimal: true, source: DEBIAN_SOURCE },
  },
  {
    repositories: ['library/debian'],
    tag: '(?:bullseye|11(?:\\.\\d+)?)(?:-\\d{8})?-slim',
    facts: { ...DEBIAN_BASE, users: BULLSEYE_USERS, groups: BULLSEYE_GROUPS, label: 'debian bullseye-slim (11)', sizeMB: 30, tools: [], cmd: ['bash'], env: { PATH: PATH_DEFAULT }, os: 'debian 11', minimal: true, source: DEBIAN_SOURCE },
  },
  {
    repositories: ['library/debian'],
    tag: '(?:bookworm|12(?:\\.\\d+)?|oldstable)(?:-\\d{8})?',
    facts: { ...DEBIAN_BASE, label: 'debian bookworm (12)', sizeMB: 48, tools: [], cmd: ['bash'], env: { PATH: PATH_DEFAULT }, os: 'debian 12', minimal: false, source: DEBIAN_SOURCE },
  },
  {
    repositories: ['library/debian'],
    tag: '(?:trixie|13(?:\\.\\d+)?|stable|latest)(?:-\\d{8})?',
    facts: { ...DEBIAN_BASE, label: 'debian trixie (13)', sizeMB: 49, tools: [], cmd: ['bash'], env: { PATH: PATH_DEFAULT }, os: 'debian 13', minimal: false, source: DEBIAN_SOURCE },
  },
  {
    repositories: ['library/debian'],
    tag: '(?:bullseye|11(?:\\.\\d+)?)(?:-\\d{8})?',
    facts: { ...DEBIAN_BASE, users: BULLSEYE_USERS, groups: BULLSEYE_GROUPS, label: 'debian bullseye (11)', sizeMB: 53, tools: [], cmd: ['bash'], env: { PATH: PATH_DEFAULT }, os: 'debian 11', minimal: false, source: DEBIAN_SOURCE },
  },

  // ubuntu
  {
    repositories: ['library/ubuntu'],
    tag: '(?:24\\.04|noble)(?:-\\d{8}(?:\\.\\d+)?)?',
    facts: {
      ...DEBIAN_BASE,
      label: 'ubuntu 24.04 (noble)',
      sizeMB: 29,
      tools: [],
      cmd: ['/bin/bash'],
      env: { PATH: PATH_DEFAULT },
      labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' },
      users: { ...DEBIAN_USERS, ubuntu: 1000 },
      groups: { ...DEBIAN_GROUPS, ubuntu: 1000 },
      // Ubuntu's system accounts differ from Debian's in details: names are known, free IDs are not
      usersComplete: false,
      os: 'ubuntu 24.04',
      minimal: false,
      source: `${UBUNTU_SOURCE}; 24.04 ships a user ubuntu (1000)`,
    },
  },
  {
    repositories: ['library/ubuntu'],
    tag: '(?:22\\.04|jammy)(?:-\\d{8}(?:\\.\\d+)?)?',
    facts: {
      ...DEBIAN_BASE,
      label: 'ubuntu 22.04 (jammy)',
      sizeMB: 30,
      tools: [],
      cmd: ['/bin/bash'],
      env: { PATH: PATH_DEFAULT },
      labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '22.04' },
      users: BULLSEYE_USERS,
      groups: BULLSEYE_GROUPS,
      usersComplete: false,
      os: 'ubuntu 22.04',
      minimal: false,
      source: UBUNTU_SOURCE,
    },
  },
  {
    repositories: ['library/ubuntu'],
    tag: '(?:20\\.04|focal)(?:-\\d{8}(?:\\.\\d+)?)?',
    facts: {
      ...DEBIAN_BASE,
      label: 'ubuntu 20.04 (focal)',
      sizeMB: 27,
      tools: [],
      cmd: ['/bin/bash'],
      env: { PATH: PATH_DEFAULT },
      unknownConfig: ['labels'],
      users: BULLSEYE_USERS,
      groups: BULLSEYE_GROUPS,
      usersComplete: false,
      os: 'ubuntu 20.04',
      minimal: false,
      source: UBUNTU_SOURCE,
    },
  },

  // alpine
  {
    repositories: ['library/alpine'],
    tag: 'latest|edge|3(?:\\.\\d+){0,2}|\\d{8}',
    facts: { ...ALPINE_BASE, label: 'alpine', sizeMB: 3.6, tools: ['wget'], cmd: ['/bin/sh'], env: { PATH: PATH_DEFAULT }, minimal: true, source: ALPINE_SOURCE },
  },

  // python
  ...pythonEntries(PY_OLD, PYTHON_ENV_OLD, true),
  ...pythonEntries(VERSION, PYTHON_ENV_NEW, false),

  // node
  {
    repositories: ['library/node'],
    tag: slimTags(NODE_VERSION_TAG),
    facts: {
      ...DEBIAN_BASE,
      ...NODE_CONFIG,
      label: 'node slim (Debian)',
      sizeMB: 75,
      tools: [],
      users: { ...DEBIAN_USERS, node: 1000 },
      groups: { ...DEBIAN_GROUPS, node: 1000 },
      os: 'debian',
      minimal: true,
    },
  },
  {
    repositories: ['library/node'],
    tag: alpineTags(NODE_VERSION_TAG),
    facts: {
      ...ALPINE_BASE,
      ...NODE_CONFIG,
      label: 'node alpine',
      sizeMB: 55,
      tools: ['wget'],
      users: { ...ALPINE_USERS, node: 1000 },
      groups: { ...ALPINE_GROUPS, node: 1000 },
      minimal: true,
    },
  },
  {
    repositories: ['library/node'],
    tag: fullTags(NODE_VERSION_TAG),
    facts: {
      ...DEBIAN_BASE,
      ...NODE_CONFIG,
      label: 'node (Debian, buildpack-deps)',
      sizeMB: 390,
      tools: ['curl', 'wget', 'git'],
      users: { ...DEBIAN_USERS, node: 1000 },
      groups: { ...DEBIAN_GROUPS, node: 1000 },
      os: 'debian',
      minimal: false,
    },
  },

  // golang
  {
    repositories: ['library/golang'],
    tag: alpineTags(VERSION),
    facts: {
      ...ALPINE_BASE,
      label: 'golang alpine',
      sizeMB: 75,
      tools: ['wget'],
      cmd: ['/bin/sh'],
      workdir: '/go',
      env: GOLANG_ENV,
      versionEnv: ['GOLANG_VERSION'],
      minimal: false,
      source: GOLANG_SOURCE,
    },
  },
  {
    repositories: ['library/golang'],
    tag: fullTags(VERSION),
    facts: {
      ...DEBIAN_BASE,
      label: 'golang (Debian, buildpack-deps)',
      sizeMB: 300,
      tools: ['curl', 'wget', 'git'],
      cmd: ['bash'],
      workdir: '/go',
      env: GOLANG_ENV,
      versionEnv: ['GOLANG_VERSION'],
      os: 'debian',
      minimal: false,
      source: GOLANG_SOURCE,
    },
  },

  // nginx and nginx-unprivileged
  ...nginxEntries('library/nginx', false),
  ...nginxEntries('nginxinc/nginx-unprivileged', true),

  // httpd
  {
    repositories: ['library/httpd'],
    tag: alpineTags(VERSION),
    facts: {
      ...ALPINE_BASE,
      ...HTTPD_CONFIG,
      label: 'httpd alpine',
      sizeMB: 22,
      tools: ['wget'],
      users: { ...ALPINE_USERS, 'www-data': 82 },
      minimal: true,
    },
  },
  {
    repositories: ['library/httpd'],
    tag: fullTags(VERSION),
    facts: { ...DEBIAN_BASE, ...HTTPD_CONFIG, label: 'httpd (Debian slim)', sizeMB: 58, tools: [], os: 'debian', minimal: false },
  },

  // Red Hat UBI minimal
  {
    repositories: ['registry.access.redhat.com/ubi9/ubi-minimal', 'registry.access.redhat.com/ubi9-minimal', 'registry.redhat.io/ubi9/ubi-minimal'],
    facts: {
      label: 'UBI 9 minimal',
      sizeMB: 38,
      user: '',
      uid: 0,
      hasShell: true,
      shellPath: '/bin/sh',
      packageManager: 'microdnf',
      libc: 'glibc',
      tools: ['curl'],
      cmd: ['/bin/bash'],
      unknownConfig: ['env', 'labels'],
      env: { PATH: PATH_DEFAULT },
      users: { root: 0, nobody: 65534 },
      os: 'rhel 9',
      minimal: true,
      source: 'Red Hat UBI 9 minimal image page (catalog.redhat.com): microdnf, curl-minimal, CMD ["/bin/bash"]',
    },
  },
];

/** Most specific entries first: the first match wins. */
export const BASE_IMAGE_TABLE: Entry[] = [...OFFICIAL, ...DISTROLESS, ...CHAINGUARD];

/** The key a reference is looked up by: `library/python` for Docker Hub, `gcr.io/distroless/static` elsewhere. */
export function repositoryKey(ref: ImageReference): string {
  return ref.registry === 'docker.io' ? ref.canonicalPath.toLowerCase() : `${ref.registry}/${ref.path}`.toLowerCase();
}

const compiled = new Map<string, RegExp>();
function tagMatches(pattern: string, tag: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re.test(tag);
}

/** Facts about a base image, or undefined when Shipshape does not know it. */
export function lookupBaseImage(ref: ImageReference): BaseImageFacts | undefined {
  // several rules ask about the same stage's base within one lint: answer them without building the keys
  // again (on the reference itself: references are not changed once parsed)
  const readings = (ref.readings ??= {});
  if (readings.facts === undefined) readings.facts = lookupByKey(ref) ?? null;
  return readings.facts ?? undefined;
}

function lookupByKey(ref: ImageReference): BaseImageFacts | undefined {
  // repositoryKey before lower-casing: the memo is looked up without converting the text
  const written = ref.registry === 'docker.io' ? ref.canonicalPath : `${ref.registry}/${ref.path}`;
  const tag = ref.tag ?? 'latest';
  // several rules ask about the same few images on every lint: remember the answers (the table is fixed)
  return lookedUp.get(`${written}:${tag}`, () => {
    const key = written.toLowerCase();
    for (const entry of BASE_IMAGE_TABLE) {
      if (!entry.repositories.includes(key)) continue;
      if (entry.tag && !tagMatches(entry.tag, tag)) continue;
      return entry.facts;
    }
    return undefined;
  });
}
const lookedUp = new BoundedMemo<BaseImageFacts | undefined>();
