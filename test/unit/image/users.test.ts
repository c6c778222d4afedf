import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model.ts';
import { createImageContext, resolveUser, stageConfig, stageUsers, type StageUsers } from '../../../src/engine/image/index.ts';

function usersOf(dockerfile: string): { users: StageUsers; user: ReturnType<typeof resolveUser> } {
  const model = buildModel(dockerfile);
  const ctx = createImageContext(model, { dockerfile });
  const last = model.stages.length - 1;
  const users = stageUsers(ctx, last);
  const config = stageConfig(ctx, last);
  const userUnknown = config.unknown.some((u) => u.field === 'User' && !u.partial);
  return { users, user: resolveUser(users, userUnknown ? null : config.config.User) };
}

interface Row {
  name: string;
  dockerfile: string;
  /** The account created, with the IDs it gets (null: Shipshape cannot know). */
  account?: { name: string; uid: number | null; gid: number | null; group?: string | null; shell?: string | null; home?: string | null };
  group?: { name: string; gid: number | null };
  /** What the final USER resolves to. */
  user?: { uid: number | null; exists: boolean | null; numeric?: boolean; root?: boolean | null };
}

const rows: Row[] = [
  {
    name: 'Debian useradd with a fixed UID gets a same-name group with the same GID',
    dockerfile: 'FROM python:3.12-slim\nRUN useradd --create-home --uid 10001 app\nUSER app\n',
    account: { name: 'app', uid: 10001, gid: 10001, group: 'app', shell: '/bin/sh', home: '/home/app' },
    group: { name: 'app', gid: 10001 },
    user: { uid: 10001, exists: true, numeric: false, root: false },
  },
  {
    name: 'Debian useradd without -u takes the first regular UID, 1000',
    dockerfile: 'FROM debian:bookworm-slim\nRUN useradd app\nUSER app\n',
    account: { name: 'app', uid: 1000, gid: 1000 },
    user: { uid: 1000, exists: true },
  },
  {
    name: 'useradd -r allocates system IDs downwards from 999',
    dockerfile: 'FROM debian:bookworm-slim\nRUN useradd -r -s /usr/sbin/nologin app\n',
    account: { name: 'app', uid: 999, gid: 999, shell: '/usr/sbin/nologin' },
  },
  {
    name: 'groupadd -r then useradd -r -g: the group is taken, not created',
    dockerfile: 'FROM debian:bookworm-slim\nRUN groupadd -r app && useradd -r -g app app\n',
    account: { name: 'app', uid: 999, gid: 999, group: 'app' },
    group: { name: 'app', gid: 999 },
  },
  {
    name: 'the node image already has node (1000): the next user is 1001',
    dockerfile: 'FROM node:22-slim\nRUN useradd -m app\n',
    account: { name: 'app', uid: 1001, gid: 1001 },
  },
  {
    name: 'Debian adduser --system --group with a UID',
    dockerfile: 'FROM debian:bookworm-slim\nRUN adduser --system --uid 10001 --group app\nUSER app\n',
    account: { name: 'app', uid: 10001, gid: 10001, group: 'app', shell: '/usr/sbin/nologin', home: '/nonexistent' },
    user: { uid: 10001, exists: true },
  },
  {
    name: 'Debian adduser for a regular user: first free from 1000, bash, own group',
    dockerfile: "FROM debian:bookworm-slim\nRUN adduser --disabled-password --gecos '' app\n",
    account: { name: 'app', uid: 1000, gid: 1000, shell: '/bin/bash' },
  },
  {
    name: 'Debian adduser --system without --group: first free system UID, in nogroup',
    dockerfile: 'FROM debian:bookworm-slim\nRUN adduser --system app\n',
    account: { name: 'app', uid: 100, gid: 65534, group: 'nogroup' },
  },
  {
    name: 'busybox addgroup -S / adduser -S -G on alpine: users (100) is taken, so the group is 101',
    dockerfile: 'FROM python:3.12-alpine\nRUN addgroup -S app && adduser -S app -G app\nUSER app\n',
    account: { name: 'app', uid: 100, gid: 101, group: 'app' },
    group: { name: 'app', gid: 101 },
    user: { uid: 100, exists: true },
  },
  {
    name: 'busybox adduser -D -u: -g would be the GECOS, the group is its own',
    dockerfile: 'FROM alpine:3.20\nRUN adduser -D -u 10001 -g "App user" app\n',
    account: { name: 'app', uid: 10001, gid: 10001, group: 'app' },
  },
  {
    name: 'busybox addgroup -g then adduser -G with numeric IDs',
    dockerfile: 'FROM node:22-alpine\nRUN addgroup -g 10001 app && adduser -D -H -u 10001 -G app -s /sbin/nologin app\nUSER app:app\n',
    account: { name: 'app', uid: 10001, gid: 10001, group: 'app', shell: '/sbin/nologin' },
    user: { uid: 10001, exists: true },
  },
  {
    name: 'busybox adduser -S without -G: a system UID, no home shell, the group left to the version',
    dockerfile: 'FROM alpine:3.20\nRUN adduser -S app\n',
    account: { name: 'app', uid: 100, gid: null, group: null, shell: null, home: '/home/app' },
  },
  {
    name: 'Debian adduser --ingroup, --home and --shell',
    dockerfile: 'FROM debian:bookworm-slim\nRUN adduser --ingroup users --home /srv/app --shell /bin/sh app\n',
    account: { name: 'app', uid: 1000, gid: 100, group: 'users', shell: '/bin/sh', home: '/srv/app' },
  },
  {
    name: 'a build argument gives the UID',
    dockerfile: 'FROM debian:bookworm-slim\nARG UID=10001\nRUN useradd -u ${UID} app\nUSER app\n',
    account: { name: 'app', uid: 10001, gid: 10001 },
  },
  {
    name: 'a line appended to /etc/passwd is an account',
    dockerfile: "FROM alpine:3.20\nRUN echo 'app:x:10001:10001::/app:/sbin/nologin' >> /etc/passwd\nUSER app\n",
    account: { name: 'app', uid: 10001, gid: 10001, home: '/app', shell: '/sbin/nologin' },
    user: { uid: 10001, exists: true },
  },
  {
    name: 'usermod changes the UID of an existing account',
    dockerfile: 'FROM node:22-slim\nRUN usermod -u 2000 node\nUSER node\n',
    user: { uid: 2000, exists: true },
  },
  {
    name: 'Ubuntu 24.04 accounts are not all known: an automatic UID is unknown',
    dockerfile: 'FROM ubuntu:24.04\nRUN useradd app\nUSER app\n',
    account: { name: 'app', uid: null, gid: null },
    user: { uid: null, exists: true },
  },
  {
    name: 'USER names an account the base image has (node)',
    dockerfile: 'FROM node:22-alpine\nUSER node\n',
    user: { uid: 1000, exists: true, numeric: false, root: false },
  },
  {
    name: 'USER nonroot on distroless',
    dockerfile: 'FROM gcr.io/distroless/static-debian12\nUSER nonroot:nonroot\n',
    user: { uid: 65532, exists: true },
  },
  {
    name: 'USER of a user never created fails at start on a known base',
    dockerfile: 'FROM python:3.12-slim\nUSER appuser\n',
    user: { uid: null, exists: false },
  },
  {
    name: 'USER of a name on an unknown base: cannot tell',
    dockerfile: 'FROM mycorp/python:3\nUSER appuser\n',
    user: { uid: null, exists: null },
  },
  {
    name: 'a numeric USER always works, with or without an account',
    dockerfile: 'FROM python:3.12-slim\nUSER 10001:10001\n',
    user: { uid: 10001, exists: true, numeric: true, root: false },
  },
  {
    name: 'no USER: root',
    dockerfile: 'FROM python:3.12-slim\n',
    user: { uid: 0, exists: true, root: true },
  },
  {
    name: 'the default user of the base image (nginx-unprivileged, 101)',
    dockerfile: 'FROM nginxinc/nginx-unprivileged:1.28-alpine\n',
    user: { uid: 101, exists: true, numeric: true, root: false },
  },
  {
    name: 'scratch with /etc/passwd copied from a builder stage',
    dockerfile: [
      'FROM alpine:3.20 AS build',
      'RUN adduser -D -u 10001 app',
      'FROM scratch',
      'COPY --from=build /etc/passwd /etc/passwd',
      'USER app',
      '',
    ].join('\n'),
    account: { name: 'app', uid: 10001, gid: 10001 },
    user: { uid: 10001, exists: true },
  },
  {
    name: 'scratch without /etc/passwd has no account of that name',
    dockerfile: 'FROM scratch\nCOPY app /app\nUSER app\n',
    user: { uid: null, exists: false },
  },
  {
    name: 'the accounts of a stage carry into a stage built FROM it',
    dockerfile: 'FROM debian:bookworm-slim AS base\nRUN useradd -u 10001 app\nFROM base\nUSER app\n',
    user: { uid: 10001, exists: true },
  },
];

describe('users and groups in the image', () => {
  it('has at least 20 rows', () => expect(rows.length).toBeGreaterThanOrEqual(20));

  for (const row of rows) {
    it(row.name, () => {
      const { users, user } = usersOf(row.dockerfile);
      if (row.account) {
        const a = users.accounts.find((x) => x.name === row.account!.name);
        expect(a, `account ${row.account.name}`).toBeDefined();
        expect(a!.uid).toBe(row.account.uid);
        expect(a!.gid).toBe(row.account.gid);
        if (row.account.group !== undefined) expect(a!.group).toBe(row.account.group);
        if (row.account.shell !== undefined) expect(a!.shell).toBe(row.account.shell);
        if (row.account.home !== undefined) expect(a!.home).toBe(row.account.home);
      }
      if (row.group) expect(users.groups.find((g) => g.name === row.group!.name)?.gid).toBe(row.group.gid);
      if (row.user) {
        expect(user.uid, 'uid').toBe(row.user.uid);
        expect(user.exists, 'exists').toBe(row.user.exists);
        if (row.user.numeric !== undefined) expect(user.numeric).toBe(row.user.numeric);
        if (row.user.root !== undefined) expect(user.root).toBe(row.user.root);
      }
    });
  }
});

describe('adduser, busybox and Debian', () => {
  it('busybox -S without -G notes that the group depends on the version', () => {
    expect(usersOf('FROM alpine:3.20\nRUN adduser -S app\n').users.notes.join(' ')).toMatch(/adduser -S app` without -G/);
    expect(usersOf('FROM alpine:3.20\nRUN adduser -S -G nogroup app\n').users.notes).toEqual([]);
  });

  it('`adduser USER GROUP` adds an existing user to a group, in both dialects', () => {
    for (const base of ['alpine:3.20', 'debian:bookworm-slim']) {
      const create = base.startsWith('alpine') ? 'adduser -D app' : "adduser --disabled-password --gecos '' app";
      const { users } = usersOf(`FROM ${base}\nRUN ${create} && adduser app audio\n`);
      expect(users.accounts.find((a) => a.name === 'app')?.groups).toEqual(['audio']);
    }
  });

  it('an unknown base: the dialect is read from the flags, the IDs stay unknown', () => {
    const busybox = usersOf('FROM registry.example.com/base:1\nRUN adduser -D app\n').users.accounts.find((a) => a.name === 'app');
    expect(busybox).toMatchObject({ uid: null, shell: '/bin/sh', home: '/home/app' });
    const debian = usersOf('FROM registry.example.com/base:1\nRUN adduser --system app\n').users.accounts.find((a) => a.name === 'app');
    expect(debian).toMatchObject({ uid: null, gid: 65534, group: 'nogroup', shell: '/usr/sbin/nologin', home: '/nonexistent' });
  });
});

describe('ownership', () => {
  it('records COPY --chown and chown -R with resolved paths', () => {
    const { users } = usersOf('FROM python:3.12-slim\nRUN useradd -u 10001 app\nWORKDIR /app\nCOPY --chown=app:app . .\nRUN chown -R app data\n');
    expect(users.ownership.map((o) => [o.via, o.path, o.user, o.group, o.recursive])).toEqual([
      ['COPY --chown', '/app', 'app', 'app', true],
      ['chown', '/app/data', 'app', null, true],
    ]);
    expect(users.notes).toEqual([]);
  });

  it('notes a chown to a user that does not exist yet', () => {
    const { users } = usersOf('FROM python:3.12-slim\nCOPY --chown=app:app . /app\nRUN useradd app\n');
    expect(users.notes.join(' ')).toMatch(/before it exists/);
  });

  it('explains the failure of a USER that is missing', () => {
    const { user } = usersOf('FROM python:3.12-slim\nUSER appuser\n');
    expect(user.detail).toMatch(/unable to find user appuser/);
  });
});
