import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/engine/fix.ts';
import { buildModel } from '../../src/engine/model.ts';
import {
  flagValue,
  hasFlag,
  insertFlagAfterSubcommand,
  installedPackages,
  invocationText,
  packageManagerCommands,
  parsePackageManagerCommand,
  type PackageManagerCommand,
} from '../../src/engine/package-managers.ts';

function pmsOf(run: string): { doc: string; pms: PackageManagerCommand[] } {
  const doc = `FROM debian:12\nRUN ${run}\n`;
  const model = buildModel(doc);
  return { doc, pms: packageManagerCommands(model.instructions[1]) };
}

function one(run: string): PackageManagerCommand {
  const { pms } = pmsOf(run);
  expect(pms).toHaveLength(1);
  return pms[0];
}

const names = (pm: PackageManagerCommand) => pm.packages.map((p) => p.word.value);

describe('parsePackageManagerCommand', () => {
  it('reads apt-get install with flags, flag values and package ranges', () => {
    const pm = one('apt-get install -y -t bookworm-backports --no-install-recommends -o Dpkg::Options::=--force-confold curl=7.88.1-10 git');
    expect(pm.manager).toBe('apt');
    expect(pm.tool).toBe('apt-get');
    expect(pm.subcommand).toBe('install');
    expect(pm.action).toBe('install');
    expect(pm.flags.map((f) => [f.name, f.value])).toEqual([
      ['-y', null],
      ['-t', 'bookworm-backports'],
      ['--no-install-recommends', null],
      ['-o', 'Dpkg::Options::=--force-confold'],
    ]);
    expect(names(pm)).toEqual(['curl=7.88.1-10', 'git']);
    expect(pm.packages[0]).toMatchObject({ name: 'curl', operator: '=', version: '7.88.1-10', kind: 'registry' });
    expect(pm.packages[1]).toMatchObject({ name: 'git', operator: null, version: null });
    const doc = pmsOf('x').doc.replace('RUN x', `RUN ${'apt-get install -y -t bookworm-backports --no-install-recommends -o Dpkg::Options::=--force-confold curl=7.88.1-10 git'}`);
    const gitAt = doc.split('\n')[1].lastIndexOf('git');
    expect(pm.packages[1].word.range).toEqual({ start: { line: 1, character: gitAt }, end: { line: 1, character: gitAt + 3 } });
    expect(gitAt).toBe(119);
  });

  it('finds the subcommand after global options and splits option clusters', () => {
    const pm = one('apt-get -qqy --no-install-recommends install curl');
    expect(pm.subcommand).toBe('install');
    expect(pm.flags.map((f) => f.name)).toEqual(['-q', '-q', '-y', '--no-install-recommends']);
    expect(hasFlag(pm, '--no-install-recommends')).toBe(true);
    expect(names(pm)).toEqual(['curl']);
  });

  it('reads apt package arch and release suffixes', () => {
    const pm = one('apt install -y libc6:amd64=2.36-9 curl/bookworm-backports ./local.deb');
    expect(pm.tool).toBe('apt');
    expect(pm.packages.map((p) => [p.name, p.operator, p.version, p.kind])).toEqual([
      ['libc6', '=', '2.36-9', 'registry'],
      ['curl', '/', 'bookworm-backports', 'registry'],
      ['./local.deb', null, null, 'file'],
    ]);
  });

  it('looks through sudo, env, assignments, nice, time, xargs and command', () => {
    const cases: [string, string[]][] = [
      ['sudo -E apt-get install -y curl', ['sudo']],
      ['DEBIAN_FRONTEND=noninteractive apt-get install -y curl', []],
      ['env DEBIAN_FRONTEND=noninteractive apt-get install -y curl', ['env']],
      ['sudo -u root env -i DEBIAN_FRONTEND=noninteractive nice -n 10 apt-get install -y curl', ['sudo', 'env', 'nice']],
      ['time apt-get install -y curl', ['time']],
      ['command apt-get install -y curl', ['command']],
      ['xargs -r apt-get install -y curl', ['xargs']],
      ['eatmydata apt-get install -y curl', ['eatmydata']],
      ['timeout 300 apt-get install -y curl', ['timeout']],
    ];
    for (const [run, wrappers] of cases) {
      const pm = one(run);
      expect(pm.wrappers, run).toEqual(wrappers);
      expect(pm.subcommand, run).toBe('install');
      expect(names(pm), run).toEqual(['curl']);
    }
    expect(one('DEBIAN_FRONTEND=noninteractive apt-get install -y curl').environment.get('DEBIAN_FRONTEND')).toBe('noninteractive');
    expect(one('env DEBIAN_FRONTEND=noninteractive apt-get install -y curl').environment.get('DEBIAN_FRONTEND')).toBe('noninteractive');
  });

  it('does not take lookups or unrelated programs for invocations', () => {
    expect(pmsOf('command -v apt-get && echo present').pms).toEqual([]);
    expect(pmsOf('sudo -l').pms).toEqual([]);
    expect(pmsOf('echo apt-get install curl').pms).toEqual([]);
    expect(pmsOf('python3 app.py install').pms).toEqual([]);
    expect(pmsOf('python3 -m venv /venv').pms).toEqual([]);
    expect(pmsOf('pipx install black').pms).toEqual([]);
  });

  it('reads apk add with --virtual and versions', () => {
    const pm = one('apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2 "python3>3.11" libffi@edge');
    expect(pm.manager).toBe('apk');
    expect(flagValue(pm, '--virtual', '-t')).toBe('.build-deps');
    expect(pm.packages.map((p) => [p.name, p.operator, p.version])).toEqual([
      ['gcc', '=', '13.2.1_git20240309-r0'],
      ['musl-dev', '~', '1.2'],
      ['python3', '>', '3.11'],
      ['libffi', null, null],
    ]);
  });

  it('reads pip, pip3 and python -m pip, skipping requirement and index values', () => {
    const pm = one('pip3 install --no-cache-dir -r requirements.txt --index-url https://pypi.example.com/simple -c constraints.txt "flask[async]>=3,<4" gunicorn==22.0.0 .');
    expect(pm.manager).toBe('pip');
    expect(pm.tool).toBe('pip3');
    expect(flagValue(pm, '-r', '--requirement')).toBe('requirements.txt');
    expect(flagValue(pm, '--index-url')).toBe('https://pypi.example.com/simple');
    expect(pm.packages.map((p) => [p.name, p.operator, p.version, p.kind])).toEqual([
      ['flask', '>=', '3,<4', 'registry'],
      ['gunicorn', '==', '22.0.0', 'registry'],
      ['.', null, null, 'file'],
    ]);
    const viaPython = one('python3.12 -u -m pip install --upgrade pip');
    expect(viaPython.tool).toBe('python3.12 -m pip');
    expect(viaPython.subcommand).toBe('install');
    expect(hasFlag(viaPython, '--upgrade')).toBe(true);
    expect(names(viaPython)).toEqual(['pip']);
    expect(invocationText(viaPython)).toBe('python3.12 -m pip install');
  });

  it('classifies pip archives, paths, VCS and URL requirements', () => {
    const pm = one('pip install dist/app-1.0-py3-none-any.whl src/lib "pkg @ https://example.com/pkg.whl" git+https://github.com/org/repo.git@v1.2 ".[dev]" requests;');
    expect(pm.packages.map((p) => p.kind)).toEqual(['file', 'file', 'url', 'vcs', 'file', 'registry']);
  });

  it('reads npm, yarn and pnpm subcommands', () => {
    expect(one('npm ci --omit=dev').packages).toEqual([]);
    expect(one('npm ci --omit=dev').action).toBe('install');
    const g = one('npm install -g --prefix /usr/local typescript@5.6.3 @angular/cli');
    expect(g.global).toBe(true);
    expect(g.packages.map((p) => [p.name, p.version])).toEqual([
      ['typescript', '5.6.3'],
      ['@angular/cli', null],
    ]);
    const y = one('yarn global add serve@14.2.4');
    expect([y.subcommand, y.action, y.global]).toEqual(['global add', 'install', true]);
    expect(y.packages[0]).toMatchObject({ name: 'serve', operator: '@', version: '14.2.4' });
    expect(one('yarn install --frozen-lockfile').packages).toEqual([]);
    expect(one('npm cache clean --force').action).toBe('clean');
    expect(one('yarn cache clean').action).toBe('clean');
    expect(one('pnpm add -g pnpm@9.12.0').packages[0]).toMatchObject({ name: 'pnpm', version: '9.12.0' });
  });

  it('reads gem, go, yum/dnf/microdnf and zypper', () => {
    const gem = one('gem install bundler:2.5.22 rails -v 7.2.1 --no-document');
    expect(flagValue(gem, '-v', '--version')).toBe('7.2.1');
    expect(gem.packages.map((p) => [p.name, p.operator, p.version])).toEqual([
      ['bundler', ':', '2.5.22'],
      ['rails', null, null],
    ]);
    const go = one('go install -ldflags="-s -w" golang.org/x/tools/gopls@v0.16.2 github.com/go-delve/delve/cmd/dlv@latest ./cmd/app');
    expect(go.packages.map((p) => [p.name, p.version, p.kind])).toEqual([
      ['golang.org/x/tools/gopls', 'v0.16.2', 'registry'],
      ['github.com/go-delve/delve/cmd/dlv', 'latest', 'registry'],
      ['./cmd/app', null, 'file'],
    ]);
    const dnf = one('microdnf install -y --nodocs --setopt=install_weak_deps=0 python3-pip httpd-2.4.57-5.el9 openssl-3.0.7');
    expect([dnf.manager, dnf.tool]).toEqual(['dnf', 'microdnf']);
    expect(dnf.packages.map((p) => [p.name, p.operator, p.version])).toEqual([
      ['python3-pip', null, null],
      ['httpd', '-', '2.4.57-5.el9'],
      ['openssl', '-', '3.0.7'],
    ]);
    const mod = one('dnf module install -y nodejs:20/common');
    expect([mod.subcommand, mod.action]).toEqual(['module install', 'install']);
    expect(mod.packages[0]).toMatchObject({ name: 'nodejs', operator: ':', version: '20/common' });
    expect(one('yum groupinstall -y "Development Tools"').packages[0].kind).toBe('group');
    const zypper = one('zypper --non-interactive in -y curl=8.6.0 "git>=2.40"');
    expect([zypper.subcommand, zypper.action]).toEqual(['in', 'install']);
    expect(zypper.packages.map((p) => [p.name, p.operator, p.version])).toEqual([
      ['curl', '=', '8.6.0'],
      ['git', '>=', '2.40'],
    ]);
  });

  it('reads update, upgrade, remove and clean actions', () => {
    expect(one('apt-get update -qq').action).toBe('update');
    expect(one('apt-get dist-upgrade -y').action).toBe('upgrade');
    expect(one('apt-get purge -y --auto-remove curl').action).toBe('remove');
    expect(names(one('apt-get purge -y --auto-remove curl'))).toEqual(['curl']);
    expect(one('apk del .build-deps').packages[0].name).toBe('.build-deps');
    expect(one('dnf clean all').action).toBe('clean');
    expect(one('zypper cc -a').action).toBe('clean');
    expect(one('yum makecache').action).toBe('update');
  });

  it('marks arguments built from variables or substitutions as unknown', () => {
    const pm = one('apt-get install -y $(cat packages.txt) ${EXTRA} "python3=${PY_VERSION}"');
    expect(pm.packages.map((p) => p.kind)).toEqual(['variable', 'variable', 'variable']);
  });

  it('reports arguments after -- as operands', () => {
    expect(names(one('pip install -- -weird-name'))).toEqual(['-weird-name']);
  });

  it('lists installed packages only for installs', () => {
    expect(installedPackages(one('apt-get install -y vim')).map((p) => p.name)).toEqual(['vim']);
    expect(installedPackages(one('apt-get remove -y vim'))).toEqual([]);
  });

  it('finds invocations in every command of a RUN, heredocs included', () => {
    const doc = 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y curl\nEOF\n';
    const pms = packageManagerCommands(buildModel(doc).instructions[1]);
    expect(pms.map((p) => p.action)).toEqual(['update', 'install']);
    expect(pms[1].packages[0].word.range.start).toEqual({ line: 4, character: 19 });
  });

  it('returns null for a bare wrapper', () => {
    const model = buildModel('FROM debian:12\nRUN sudo\n');
    expect(parsePackageManagerCommand(model.instructions[1].commands[0])).toBeNull();
  });
});

describe('insertFlagAfterSubcommand', () => {
  it('inserts right after the subcommand, across continuations', () => {
    const { doc, pms } = pmsOf('apt-get update && apt-get install \\\n    -y curl');
    const edit = insertFlagAfterSubcommand(pms[1], '--no-install-recommends');
    expect(edit).not.toBeNull();
    expect(applyEdits(doc, [edit!])).toBe('FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends \\\n    -y curl\n');
  });

  it('inserts after the last word of a two-word subcommand', () => {
    const { doc, pms } = pmsOf('yarn global add serve@14.2.4');
    expect(applyEdits(doc, [insertFlagAfterSubcommand(pms[0], '--silent')!])).toBe('FROM debian:12\nRUN yarn global add --silent serve@14.2.4\n');
  });

  it('returns null without a subcommand, and anchors after global options otherwise', () => {
    expect(insertFlagAfterSubcommand(one('pip --version'), '--no-cache-dir')).toBeNull();
    expect(insertFlagAfterSubcommand(one('pip'), '--no-cache-dir')).toBeNull();
    expect(insertFlagAfterSubcommand(one('pip --no-input install flask==3.0.3'), '--no-cache-dir')?.range.start).toEqual({ line: 1, character: 26 });
  });
});
