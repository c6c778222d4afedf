import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model.ts';
import { createImageContext, stageConfig, isKnown, type ImageConfig, type StageConfig } from '../../../src/engine/image/index.ts';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const PYTHON_PATH = `/usr/local/bin:${DEFAULT_PATH}`;

function configOf(dockerfile: string, stage?: number): StageConfig {
  const model = buildModel(dockerfile);
  const ctx = createImageContext(model, { dockerfile });
  return stageConfig(ctx, stage ?? model.stages.length - 1);
}

function env(c: StageConfig): Record<string, string> {
  return Object.fromEntries(c.config.Env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

interface Row {
  name: string;
  dockerfile: string;
  /** Fields of ImageConfig that must be exactly these values. */
  config: Partial<ImageConfig>;
  /** Env entries that must be present with these values. */
  env?: Record<string, string>;
  /** Env names that must be absent. */
  noEnv?: string[];
  /** What runs: Entrypoint + Cmd. */
  command?: string[] | null;
  unknown?: string[];
}

const rows: Row[] = [
  {
    name: 'python slim: WORKDIR and exec-form CMD, base env and user inherited',
    dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
    config: { User: '', WorkingDir: '/app', Entrypoint: null, Cmd: ['python', 'app.py'], ExposedPorts: {}, Healthcheck: null, StopSignal: null, Shell: null },
    env: { PATH: PYTHON_PATH, LANG: 'C.UTF-8' },
    command: ['python', 'app.py'],
    unknown: ['Env'],
  },
  {
    name: 'python 3.13 no longer sets LANG',
    dockerfile: 'FROM python:3.13-slim\n',
    config: { Cmd: ['python3'] },
    env: { PATH: PYTHON_PATH },
    noEnv: ['LANG'],
  },
  {
    name: 'shell-form CMD runs through /bin/sh -c',
    dockerfile: 'FROM node:22-slim\nCMD npm start\n',
    config: { Entrypoint: ['docker-entrypoint.sh'], Cmd: ['/bin/sh', '-c', 'npm start'] },
    command: ['docker-entrypoint.sh', '/bin/sh', '-c', 'npm start'],
  },
  {
    name: 'ENTRYPOINT resets the CMD inherited from the base image',
    dockerfile: 'FROM node:22-slim\nENTRYPOINT ["node", "server.js"]\n',
    config: { Entrypoint: ['node', 'server.js'], Cmd: null },
    command: ['node', 'server.js'],
  },
  {
    name: 'a CMD written in the same stage survives a later ENTRYPOINT (BuildKit cmdSet)',
    dockerfile: 'FROM node:22-alpine\nCMD ["server.js"]\nENTRYPOINT ["node"]\n',
    config: { Entrypoint: ['node'], Cmd: ['server.js'] },
    command: ['node', 'server.js'],
  },
  {
    name: 'SHELL changes what shell-form CMD runs with',
    dockerfile: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD echo hi | tee /tmp/x\n',
    config: { Shell: ['/bin/bash', '-o', 'pipefail', '-c'], Cmd: ['/bin/bash', '-o', 'pipefail', '-c', 'echo hi | tee /tmp/x'] },
  },
  {
    name: 'ARG and ENV substitution in ENV, WORKDIR and LABEL',
    dockerfile: [
      'FROM python:3.12-slim',
      'ARG VERSION=1.2.3',
      'ENV APP_VERSION=$VERSION APP_HOME=/opt/app',
      'WORKDIR $APP_HOME/bin',
      'ENV PATH=$APP_HOME/bin:$PATH',
      'LABEL org.opencontainers.image.version="${APP_VERSION}"',
      '',
    ].join('\n'),
    config: { WorkingDir: '/opt/app/bin', Labels: { 'org.opencontainers.image.version': '1.2.3' } },
    env: { APP_VERSION: '1.2.3', APP_HOME: '/opt/app', PATH: `/opt/app/bin:${PYTHON_PATH}` },
    noEnv: ['VERSION'],
  },
  {
    name: 'a global ARG is only visible in a stage that declares it again',
    dockerfile: 'ARG TAG=3.12\nFROM python:${TAG}-slim\nENV BEFORE=x$TAG\nARG TAG\nENV AFTER=x$TAG\n',
    config: {},
    env: { BEFORE: 'x', AFTER: 'x3.12' },
  },
  {
    name: 'ENV overrides an ARG of the same name; pairs of one ENV see the earlier values',
    dockerfile: 'FROM alpine:3.20\nARG MODE=arg\nENV MODE=env\nENV SEEN=$MODE\nENV A=1 B=$A\n',
    config: { Cmd: ['/bin/sh'] },
    env: { MODE: 'env', SEEN: 'env', A: '1', B: '' },
  },
  {
    name: 'default values and EXPOSE with a variable',
    dockerfile: 'FROM node:22-alpine\nENV PORT=${PORT:-8080}\nEXPOSE $PORT\n',
    config: { ExposedPorts: { '8080/tcp': {} } },
    env: { PORT: '8080' },
  },
  {
    name: 'legacy ENV form and quoting',
    dockerfile: 'FROM alpine:3.20\nENV GREETING hello big world\nENV QUOTED="a b" LITERAL=\'$HOME\'\n',
    config: {},
    env: { GREETING: 'hello big world', QUOTED: 'a b', LITERAL: '$HOME' },
  },
  {
    name: 'nginx alpine: entrypoint, command, stop signal, port and label inherited',
    dockerfile: 'FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\n',
    config: {
      User: '',
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      StopSignal: 'SIGQUIT',
      ExposedPorts: { '80/tcp': {} },
      Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
    },
    command: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'],
  },
  {
    name: 'nginx-unprivileged runs as 101 on 8080; STOPSIGNAL can be overridden',
    dockerfile: 'FROM nginxinc/nginx-unprivileged:1.28\nSTOPSIGNAL SIGTERM\n',
    config: { User: '101', ExposedPorts: { '8080/tcp': {} }, StopSignal: 'SIGTERM' },
  },
  {
    name: 'distroless static nonroot: user, workdir and env of the variant',
    dockerfile: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    config: { User: '65532', WorkingDir: '/home/nonroot', Entrypoint: ['/app'], Cmd: null },
    env: { PATH: DEFAULT_PATH, SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' },
    command: ['/app'],
  },
  {
    name: 'distroless python3: the runtime entrypoint takes CMD as its arguments',
    dockerfile: 'FROM gcr.io/distroless/python3-debian12\nCOPY app.py /app/\nCMD ["/app/app.py"]\n',
    config: { User: '0', WorkingDir: '/', Entrypoint: ['/usr/bin/python3.11'], Cmd: ['/app/app.py'] },
    env: { LANG: 'C.UTF-8' },
    command: ['/usr/bin/python3.11', '/app/app.py'],
  },
  {
    name: 'FROM <stage> inherits the config of that stage',
    dockerfile: 'FROM node:22-alpine AS base\nWORKDIR /app\nENV NODE_ENV=production\nFROM base AS final\nUSER node\nCMD ["node", "server.js"]\n',
    config: { WorkingDir: '/app', User: 'node', Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node', 'server.js'] },
    env: { NODE_ENV: 'production', PATH: DEFAULT_PATH },
  },
  {
    name: 'ENTRYPOINT in a child stage resets the CMD its parent stage set',
    dockerfile: 'FROM alpine:3.20 AS a\nCMD ["echo", "hi"]\nFROM a\nENTRYPOINT ["/bin/tool"]\n',
    config: { Entrypoint: ['/bin/tool'], Cmd: null },
  },
  {
    name: 'HEALTHCHECK with options: the ones not written get Docker\'s defaults',
    dockerfile: 'FROM nginx:1.27\nHEALTHCHECK --interval=1m30s --timeout=5s --retries=5 CMD ["curl", "-f", "http://localhost/"]\n',
    config: {
      Healthcheck: {
        Test: ['CMD', 'curl', '-f', 'http://localhost/'],
        Interval: '1m30s',
        Timeout: '5s',
        StartPeriod: '0s',
        StartInterval: '5s',
        Retries: 5,
        defaults: ['StartPeriod', 'StartInterval'],
      },
    },
  },
  {
    name: 'shell-form HEALTHCHECK is CMD-SHELL with every default',
    dockerfile: 'FROM python:3.12-slim\nHEALTHCHECK CMD python -c "import urllib.request" || exit 1\n',
    config: {
      Healthcheck: {
        Test: ['CMD-SHELL', 'python -c "import urllib.request" || exit 1'],
        Interval: '30s',
        Timeout: '30s',
        StartPeriod: '0s',
        StartInterval: '5s',
        Retries: 3,
        defaults: ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'],
      },
    },
  },
  {
    name: 'HEALTHCHECK NONE disables the check',
    dockerfile: 'FROM python:3.12-slim\nHEALTHCHECK NONE\n',
    config: { Healthcheck: { Test: ['NONE'], Interval: '30s', Timeout: '30s', StartPeriod: '0s', StartInterval: '5s', Retries: 3, defaults: ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] } },
  },
  {
    name: 'EXPOSE ports, protocols and ranges',
    dockerfile: 'FROM debian:bookworm-slim\nEXPOSE 80 443/tcp 53/UDP 8000-8002\n',
    config: { ExposedPorts: { '80/tcp': {}, '443/tcp': {}, '53/udp': {}, '8000/tcp': {}, '8001/tcp': {}, '8002/tcp': {} } },
  },
  {
    name: 'relative WORKDIRs chain; VOLUME in JSON and plain form',
    dockerfile: 'FROM debian:bookworm-slim\nWORKDIR /a\nWORKDIR b\nWORKDIR ../c\nVOLUME ["/data"]\nVOLUME /var/log /tmp\n',
    config: { WorkingDir: '/a/c', Volumes: { '/data': {}, '/var/log': {}, '/tmp': {} } },
  },
  {
    name: 'USER with build arguments',
    dockerfile: 'FROM debian:bookworm-slim\nARG UID=10001\nUSER ${UID}:${UID}\n',
    config: { User: '10001:10001' },
  },
  {
    name: 'golang alpine: GOPATH working directory and env',
    dockerfile: 'FROM golang:1.23-alpine\n',
    config: { WorkingDir: '/go', Cmd: ['/bin/sh'] },
    env: { GOPATH: '/go', GOTOOLCHAIN: 'local', PATH: `/go/bin:/usr/local/go/bin:${DEFAULT_PATH}` },
  },
  {
    name: 'scratch: BuildKit\'s empty image has WorkingDir / and a default PATH',
    dockerfile: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
    config: { User: '', WorkingDir: '/', Env: [`PATH=${DEFAULT_PATH}`], Entrypoint: ['/app'], Cmd: null, Labels: {} },
    command: ['/app'],
    unknown: [],
  },
  {
    name: 'unknown base: only what the Dockerfile sets is known',
    dockerfile: 'FROM mycorp/base:1.0\nENV A=1\nCMD ["serve"]\n',
    config: { Cmd: ['serve'] },
    env: { A: '1' },
    command: null,
    unknown: ['User', 'Env', 'WorkingDir', 'Entrypoint', 'ExposedPorts', 'Healthcheck', 'StopSignal', 'Labels', 'Volumes', 'Shell'],
  },
  {
    name: 'unknown base: ENTRYPOINT makes the command known (the inherited CMD is reset)',
    dockerfile: 'FROM mycorp/base:1.0\nUSER 10001\nWORKDIR /srv\nENTRYPOINT ["/srv/app"]\n',
    config: { User: '10001', WorkingDir: '/srv', Entrypoint: ['/srv/app'], Cmd: null },
    command: ['/srv/app'],
    unknown: ['Env', 'ExposedPorts', 'Healthcheck', 'StopSignal', 'Labels', 'Volumes', 'Shell'],
  },
  {
    name: 'a base that depends on an ARG without default is unknown',
    dockerfile: 'ARG BASE\nFROM ${BASE}\nCMD ["x"]\n',
    config: { Cmd: ['x'] },
    unknown: ['User', 'Env', 'WorkingDir', 'Entrypoint', 'ExposedPorts', 'Healthcheck', 'StopSignal', 'Labels', 'Volumes', 'Shell'],
  },
];

describe('stage config, as docker inspect shows it', () => {
  it('has at least 20 rows', () => expect(rows.length).toBeGreaterThanOrEqual(20));

  for (const row of rows) {
    it(row.name, () => {
      const c = configOf(row.dockerfile);
      for (const [field, value] of Object.entries(row.config)) {
        expect(c.config[field as keyof ImageConfig], field).toEqual(value);
      }
      const e = env(c);
      for (const [k, v] of Object.entries(row.env ?? {})) expect(e[k], `Env ${k}`).toBe(v);
      for (const k of row.noEnv ?? []) expect(e[k], `Env ${k}`).toBeUndefined();
      if (row.command !== undefined) expect(c.command).toEqual(row.command);
      if (row.unknown !== undefined) expect(c.unknown.map((u) => u.field).sort()).toEqual([...row.unknown].sort());
    });
  }
});

describe('stage config details', () => {
  it('says where each field comes from', () => {
    const c = configOf('FROM nginx:1.27\nUSER 101\n');
    expect(c.origin.User).toBe(1);
    expect(c.origin.Cmd).toBe('base');
  });

  it('marks a shell-form command, whose PID 1 is the shell', () => {
    expect(configOf('FROM python:3.12-slim\nCMD python app.py\n').shellFormCommand).toBe(true);
    expect(configOf('FROM python:3.12-slim\nCMD ["python", "app.py"]\n').shellFormCommand).toBe(false);
  });

  it('notes the inherited CMD an ENTRYPOINT drops', () => {
    expect(configOf('FROM python:3.12-slim\nENTRYPOINT ["python"]\n').notes.join(' ')).toMatch(/resets the CMD/);
  });

  it('keeps a variable of an unknown base as written, and says so', () => {
    const c = configOf('FROM mycorp/base\nENV PATH=/app/bin:$PATH\n');
    expect(env(c).PATH).toBe('/app/bin:${PATH}');
    expect(c.unknown.find((u) => u.field === 'Env')?.partial).toBe(true);
    expect(isKnown(c, 'Env')).toBe(true);
    expect(isKnown(c, 'User')).toBe(false);
  });

  it('lists version variables of the base without inventing their values', () => {
    const c = configOf('FROM python:3.12-slim\n');
    expect(c.envUnknownValues).toEqual(['GPG_KEY', 'PYTHON_VERSION', 'PYTHON_SHA256']);
    expect(c.config.Env.some((e) => e.startsWith('PYTHON_VERSION='))).toBe(false);
  });

  it('collects ONBUILD triggers and notes them for stages built on it', () => {
    const c = configOf('FROM alpine:3.20 AS base\nONBUILD COPY . /app\nFROM base\n');
    expect(configOf('FROM alpine:3.20 AS base\nONBUILD COPY . /app\n').config.OnBuild).toEqual(['COPY . /app']);
    expect(c.config.OnBuild).toEqual([]);
    expect(c.notes.join(' ')).toMatch(/ONBUILD/);
  });

  it('reports a HEALTHCHECK duration Docker would reject', () => {
    const c = configOf('FROM alpine:3.20\nHEALTHCHECK --interval=30 CMD true\n');
    expect(c.notes.join(' ')).toMatch(/not a duration/);
  });

  it('computes any stage, not only the final one', () => {
    const df = 'FROM golang:1.23 AS build\nWORKDIR /src\nFROM gcr.io/distroless/static-debian12\n';
    expect(configOf(df, 0).config.WorkingDir).toBe('/src');
    expect(configOf(df, 1).config.WorkingDir).toBe('/');
  });
});
