import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/engine/fix.ts';
import { buildModel } from '../../src/engine/model.ts';
import {
  appendToRunEdit,
  coversPath,
  flagValue,
  hasFlag,
  insertFlagAfterSubcommand,
  installedPackages,
  invocationText,
  mountCovers,
  packageManagerCommands,
  packageManagerCommandsAfter,
  parsePackageManagerCommand,
  removedAfter,
  removedPaths,
  runMounts,
  unwrapCommand,
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

describe('unwrapCommand', () => {
  it('names the program behind wrappers, with their assignments', () => {
    const model = buildModel('FROM debian:12\nRUN sudo -E env PATH=/opt/bin:$PATH nice -n 5 bash -s -- --yes\n');
    const u = unwrapCommand(model.instructions[1].commands[0]);
    expect(u?.name).toBe('bash');
    expect(u?.wrappers).toEqual(['sudo', 'env', 'nice']);
    expect(u?.environment.get('PATH')).toBe('/opt/bin:${PATH}');
    expect(u?.args.map((a) => a.value)).toEqual(['-s', '--', '--yes']);
  });

  it('leaves a plain command as it is and refuses lookups', () => {
    const model = buildModel('FROM debian:12\nRUN rm -rf /tmp/x && command -V rm\n');
    expect(unwrapCommand(model.instructions[1].commands[0])).toMatchObject({ name: 'rm', wrappers: [] });
    expect(unwrapCommand(model.instructions[1].commands[1])).toBeNull();
  });
});

describe('RUN helpers', () => {
  it('reads --mount flags with their defaults and aliases', () => {
    const model = buildModel('FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt/,sharing=locked --mount=type=tmpfs,dst=/tmp --mount=source=.,target=/src true\n');
    const ins = model.instructions[1];
    expect(runMounts(ins).map((m) => [m.type, m.target])).toEqual([
      ['cache', '/var/cache/apt'],
      ['tmpfs', '/tmp'],
      ['bind', '/src'],
    ]);
    expect(runMounts(ins)[0].options.get('sharing')).toBe('locked');
    expect(mountCovers(ins, '/var/cache/apt/archives')).toBe(true);
    expect(mountCovers(ins, '/var/cache/apt')).toBe(true);
    expect(mountCovers(ins, '/var/cache/aptitude')).toBe(false);
    expect(mountCovers(ins, '/src/app')).toBe(false); // a bind mount is the build context, not a cache
  });

  it('lists the paths rm deletes, through sudo', () => {
    const model = buildModel('FROM debian:12\nRUN sudo rm -rf /var/lib/apt/lists/* /tmp/ && rm -f /a && echo rm /b\n');
    const cmds = model.instructions[1].commands;
    expect(removedPaths(cmds[0])).toEqual(['/var/lib/apt/lists', '/tmp']);
    expect(removedPaths(cmds[1])).toEqual(['/a']);
    expect(removedPaths(cmds[2])).toEqual([]);
    expect(coversPath('/var/lib/apt', '/var/lib/apt/lists')).toBe(true);
    expect(coversPath('/var/lib/ap', '/var/lib/apt/lists')).toBe(false);
    expect(coversPath('/', '/var')).toBe(true);
  });

  it('looks only after the given command', () => {
    const model = buildModel('FROM debian:12\nRUN rm -rf /x && apt-get install -y a && apt-get clean && rm -rf /y\n');
    const ins = model.instructions[1];
    const install = ins.commands[1];
    expect(removedAfter(ins, install, (p) => p === '/y')).toBe(true);
    expect(removedAfter(ins, install, (p) => p === '/x')).toBe(false);
    expect(packageManagerCommandsAfter(ins, install).map((p) => p.subcommand)).toEqual(['clean']);
  });

  const append = (dockerfile: string, command = 'rm -rf /var/lib/apt/lists/*') => {
    const model = buildModel(dockerfile);
    const edit = appendToRunEdit(model.doc, model.escapeChar, model.instructions[1], command);
    return edit ? applyEdits(dockerfile, [edit]) : null;
  };

  it('appends after the last line of a RUN, keeping continuations and trailing blanks', () => {
    expect(append('FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl  \nCMD ["sh"]\n')).toBe(
      'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl && rm -rf /var/lib/apt/lists/*  \nCMD ["sh"]\n',
    );
    expect(append('# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n')).toBe(
      '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    );
    expect(append('FROM debian:12\nRUN apt-get install -y curl;\n')).toBe('FROM debian:12\nRUN apt-get install -y curl; rm -rf /var/lib/apt/lists/*\n');
    expect(append('FROM debian:12\nRUN apt-get install -y curl > /dev/null\n')).toBe('FROM debian:12\nRUN apt-get install -y curl > /dev/null && rm -rf /var/lib/apt/lists/*\n');
  });

  it('refuses where appending is not safe', () => {
    expect(append('FROM debian:12\nRUN apt-get install -y curl # quietly\n')).toBeNull();
    expect(append('FROM debian:12\nRUN sleep 100 &\n')).toBeNull();
    expect(append('FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n')).toBeNull();
    expect(append('FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n')).toBeNull();
  });
});
