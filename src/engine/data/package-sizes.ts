/**
 * Rough sizes of what common install steps add to a layer, for the image preview's estimates, and
 * rough times of each kind of step for its rebuild estimates. They are teaching numbers: the
 * order of magnitude (a compiler is hundreds of MB, curl a few) is what matters, not the digits.
 *
 * Checked: 2026-11-24. Sizes are installed (uncompressed) MB, as `docker history` counts a layer,
 * including the dependencies a package usually pulls onto a slim Debian or Alpine base, measured
 * from `apt-cache show` / `apk info -s` Installed-Size fields and `pip`/`npm` install directories.
 */

export const PACKAGE_SIZES_CHECKED = '2026-11-24';

export type SizedManager = 'apt' | 'apk' | 'dnf' | 'pip' | 'npm' | 'gem' | 'go';

/** MB per package name, with the default for a package not listed. */
export const PACKAGE_SIZES_MB: Record<SizedManager, { default: number; packages: Record<string, number> }> = {
  apt: {
    default: 8,
    packages: {
      'build-essential': 230, gcc: 120, 'g++': 150, make: 1, cmake: 30, 'pkg-config': 1, autoconf: 3, automake: 2, libtool: 2,
      'libc6-dev': 20, 'libssl-dev': 10, 'libffi-dev': 1, 'zlib1g-dev': 1, 'libpq-dev': 10, 'default-libmysqlclient-dev': 10,
      'libxml2-dev': 12, 'libjpeg-dev': 2, 'python3-dev': 60,
      curl: 6, wget: 4, 'ca-certificates': 1, gnupg: 10, gpg: 4, openssl: 2, git: 45, 'openssh-client': 5, rsync: 1,
      unzip: 1, zip: 1, 'xz-utils': 1, bzip2: 1, jq: 1, procps: 2, tini: 1, 'dumb-init': 1, gosu: 2, tzdata: 3, locales: 20,
      python3: 25, 'python3-pip': 35, 'python3-venv': 5, nodejs: 80, npm: 30, 'openjdk-17-jre-headless': 200, 'openjdk-17-jdk-headless': 260,
      'postgresql-client': 12, 'default-mysql-client': 20, 'redis-tools': 6, nginx: 3, apache2: 8, supervisor: 5,
      vim: 35, nano: 1, less: 1, sudo: 6, 'iputils-ping': 1, 'netcat-openbsd': 1, dnsutils: 5, 'net-tools': 1, strace: 2,
      imagemagick: 60, ffmpeg: 300, 'libgl1': 30, 'libglib2.0-0': 10, 'fonts-dejavu-core': 3,
    },
  },
  apk: {
    default: 3,
    packages: {
      'build-base': 200, gcc: 120, 'g++': 150, make: 1, cmake: 30, 'musl-dev': 2, 'linux-headers': 7, 'libffi-dev': 1,
      'openssl-dev': 5, 'postgresql-dev': 15, 'zlib-dev': 1, 'python3-dev': 50, 'pkgconf': 1,
      curl: 2, wget: 1, 'ca-certificates': 1, openssl: 1, git: 15, 'openssh-client': 3, bash: 2, tini: 1, 'su-exec': 1,
      tzdata: 2, jq: 1, python3: 45, 'py3-pip': 12, nodejs: 60, npm: 10, 'openjdk17-jre-headless': 190, libpq: 1,
      'postgresql-client': 8, shadow: 3, sudo: 2, vim: 30, nano: 1, ffmpeg: 80, imagemagick: 30, nginx: 2,
    },
  },
  dnf: {
    default: 10,
    packages: { gcc: 100, make: 1, git: 40, curl: 1, wget: 3, python3: 30, 'python3-pip': 10, nodejs: 60, tar: 3, gzip: 1, shadow: 3, 'shadow-utils': 3 },
  },
  pip: {
    default: 5,
    packages: {
      flask: 5, django: 40, fastapi: 15, uvicorn: 3, gunicorn: 1, starlette: 2, pydantic: 6, requests: 2, httpx: 3,
      numpy: 60, pandas: 140, scipy: 110, 'scikit-learn': 130, matplotlib: 35, pillow: 15, torch: 1500, tensorflow: 1100,
      'psycopg2-binary': 10, psycopg2: 2, psycopg: 3, sqlalchemy: 10, alembic: 3, redis: 2, celery: 10, boto3: 90,
      pytest: 5, black: 5, ruff: 25, mypy: 50, jinja2: 1, click: 1, pyyaml: 2, cryptography: 10, lxml: 20, uwsgi: 2,
    },
  },
  npm: {
    default: 5,
    packages: {
      express: 2, fastify: 5, koa: 1, react: 1, 'react-dom': 5, next: 100, vue: 10, '@angular/core': 15, typescript: 25,
      webpack: 30, vite: 20, esbuild: 10, lodash: 5, axios: 2, '@nestjs/core': 10, prisma: 40, '@prisma/client': 20,
      mongoose: 5, pg: 1, 'sqlite3': 10, sharp: 30, puppeteer: 300, jest: 40, eslint: 30, nodemon: 5, 'ts-node': 5,
    },
  },
  gem: { default: 3, packages: { rails: 60, bundler: 1, puma: 2, nokogiri: 15, pg: 2 } },
  go: { default: 2, packages: {} },
};

/** Directories and caches that install steps leave behind when they are not cleaned in the same RUN. */
export const LEFTOVER_MB = {
  /** /var/lib/apt/lists after `apt-get update` on Debian 12 (the Debian images keep the indexes gzipped). */
  aptLists: 20,
  /** /var/cache/apk after `apk add` without --no-cache. */
  apkIndex: 2,
  /** Share of the installed size pip keeps as downloaded wheels in ~/.cache/pip without --no-cache-dir. */
  pipCacheRatio: 0.4,
  /** Share of node_modules npm keeps in ~/.npm/_cacache. */
  npmCacheRatio: 0.3,
  /** Recommended packages apt adds without --no-install-recommends, as a share of the requested ones. */
  aptRecommendsRatio: 0.5,
};

/** Estimates for steps whose size depends on the project rather than on named packages. */
export const PROJECT_ESTIMATES_MB = {
  /** `pip install -r requirements.txt` when the file's contents are not known. */
  pipRequirements: 60,
  /** `npm ci` / `npm install` / `yarn install` when package.json is not known. */
  nodeModules: 150,
  /** Each direct dependency listed in package.json, with its transitive dependencies. */
  nodeDependency: 5,
  /** Module cache of `go mod download`. */
  goModules: 80,
  /** A Go binary from `go build`. */
  goBinary: 15,
  /** Go's build cache (~/.cache/go-build) left in the layer after `go build` without a cache mount. */
  goBuildCache: 60,
  /** Output of a front-end build (`npm run build`). */
  frontendBuild: 5,
  /** Maven's ~/.m2 repository plus target/ after `mvn package`. */
  maven: 150,
  /** Gradle caches plus build/ after `gradle build`. */
  gradle: 200,
  /** target/ after `cargo build --release`. */
  cargo: 300,
  /** `bundle install` when the Gemfile is not known. */
  bundle: 80,
  /** A `make` / `cmake --build` build. */
  make: 10,
  /** A command that only touches a few files (mkdir, useradd, chmod, ln). */
  small: 0.01,
};

/** Seconds a step of each kind typically takes on a laptop with a warm network. */
export const STEP_SECONDS = {
  aptUpdate: 8,
  aptInstallBase: 10,
  aptPerPackage: 2,
  apkBase: 2,
  apkPerPackage: 0.5,
  dnfBase: 15,
  dnfPerPackage: 2,
  pipBase: 5,
  pipPerPackage: 3,
  pipRequirements: 40,
  nodeInstall: 35,
  goModDownload: 20,
  goBuild: 30,
  frontendBuild: 30,
  maven: 90,
  gradle: 90,
  cargo: 180,
  bundle: 45,
  make: 30,
  download: 5,
  other: 1,
  /** Fixed cost of a COPY/ADD, plus its bytes at COPY_MB_PER_SECOND. */
  copyBase: 0.5,
  copyMBPerSecond: 100,
};
