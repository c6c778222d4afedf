import { describe, expect, it } from 'vitest';
import { BASE_IMAGE_TABLE, lookupBaseImage, repositoryKey } from '../../src/engine/data/base-images.ts';
import { parseImageReference } from '../../src/engine/image-ref.ts';

const lookup = (ref: string) => lookupBaseImage(parseImageReference(ref));

describe('lookupBaseImage', () => {
  it.each([
    // reference, label fragment, size range, user, uid, shell, package manager, libc
    ['debian:bookworm-slim', 'bookworm-slim', [20, 35], '', 0, true, 'apt', 'glibc'],
    ['debian:12-slim', 'bookworm-slim', [20, 35], '', 0, true, 'apt', 'glibc'],
    ['debian:bookworm-20241016-slim', 'bookworm-slim', [20, 35], '', 0, true, 'apt', 'glibc'],
    ['debian:bookworm', 'bookworm (12)', [40, 60], '', 0, true, 'apt', 'glibc'],
    ['debian:trixie-slim', 'trixie-slim', [20, 35], '', 0, true, 'apt', 'glibc'],
    ['debian:stable', 'trixie (13)', [40, 60], '', 0, true, 'apt', 'glibc'],
    ['debian', 'trixie (13)', [40, 60], '', 0, true, 'apt', 'glibc'],
    ['debian:bullseye-slim', 'bullseye-slim', [20, 35], '', 0, true, 'apt', 'glibc'],
    ['ubuntu:24.04', '24.04', [20, 40], '', 0, true, 'apt', 'glibc'],
    ['ubuntu:jammy', '22.04', [20, 40], '', 0, true, 'apt', 'glibc'],
    ['alpine:3.21', 'alpine', [2, 6], '', 0, true, 'apk', 'musl'],
    ['alpine:3.19.4', 'alpine', [2, 6], '', 0, true, 'apk', 'musl'],
    ['python:3.12-slim', 'python slim', [30, 60], '', 0, true, 'apt', 'glibc'],
    ['python:3.13.1-slim-bookworm', 'python slim', [30, 60], '', 0, true, 'apt', 'glibc'],
    ['python:slim', 'python slim', [30, 60], '', 0, true, 'apt', 'glibc'],
    ['python:3.12-alpine3.20', 'python alpine', [10, 30], '', 0, true, 'apk', 'musl'],
    ['python:3.12', 'python (Debian', [300, 500], '', 0, true, 'apt', 'glibc'],
    ['python:3.11-bookworm', 'python (Debian', [300, 500], '', 0, true, 'apt', 'glibc'],
    ['node:22-slim', 'node slim', [50, 100], '', 0, true, 'apt', 'glibc'],
    ['node:22-bookworm-slim', 'node slim', [50, 100], '', 0, true, 'apt', 'glibc'],
    ['node:lts-alpine', 'node alpine', [30, 80], '', 0, true, 'apk', 'musl'],
    ['node:22', 'node (Debian', [300, 500], '', 0, true, 'apt', 'glibc'],
    ['golang:1.23', 'golang (Debian', [200, 400], '', 0, true, 'apt', 'glibc'],
    ['golang:1.23-alpine', 'golang alpine', [50, 120], '', 0, true, 'apk', 'musl'],
    ['nginx:1.27', 'nginx (Debian', [50, 90], '', 0, true, 'apt', 'glibc'],
    ['nginx:1.27-alpine', 'nginx alpine', [10, 30], '', 0, true, 'apk', 'musl'],
    ['nginx:stable-alpine-slim', 'alpine-slim', [2, 10], '', 0, true, 'apk', 'musl'],
    ['nginxinc/nginx-unprivileged:1.28', 'nginx-unprivileged', [50, 90], '101', 101, true, 'apt', 'glibc'],
    ['nginxinc/nginx-unprivileged:1.28-alpine', 'nginx-unprivileged alpine', [10, 30], '101', 101, true, 'apk', 'musl'],
    ['httpd:2.4', 'httpd', [40, 80], '', 0, true, 'apt', 'glibc'],
    ['gcr.io/distroless/static-debian12', 'static', [1, 4], '0', 0, false, null, 'none'],
    ['gcr.io/distroless/static-debian12:nonroot', 'static (nonroot)', [1, 4], '65532', 65532, false, null, 'none'],
    ['gcr.io/distroless/base-debian12:debug', 'base :debug', [5, 30], '0', 0, true, null, 'glibc'],
    ['gcr.io/distroless/python3-debian12:debug-nonroot', 'python3 :debug (nonroot)', [10, 60], '65532', 65532, true, null, 'glibc'],
    ['gcr.io/distroless/nodejs22-debian12:nonroot', 'nodejs', [20, 150], '65532', 65532, false, null, 'glibc'],
    ['gcr.io/distroless/java21-debian12', 'java', [50, 250], '0', 0, false, null, 'glibc'],
    ['gcr.io/distroless/static:nonroot-arm64', 'static (nonroot)', [1, 4], '65532', 65532, false, null, 'none'],
    ['cgr.dev/chainguard/static:latest', 'Chainguard static', [0, 3], '65532', 65532, false, null, 'none'],
    ['cgr.dev/chainguard/python:latest', 'Chainguard python', [5, 60], '65532', 65532, false, null, 'glibc'],
    ['cgr.dev/chainguard/python:latest-dev', 'Chainguard python (-dev)', [5, 80], '65532', 65532, true, 'apk', 'glibc'],
    ['scratch', 'scratch', [0, 0], '', 0, false, null, 'none'],
    ['registry.access.redhat.com/ubi9/ubi-minimal:9.5', 'UBI 9 minimal', [20, 60], '', 0, true, 'microdnf', 'glibc'],
  ] as const)('%s', (ref, label, [min, max], user, uid, hasShell, packageManager, libc) => {
    const facts = lookup(ref);
    expect(facts, ref).toBeDefined();
    expect(facts!.label).toContain(label);
    expect(facts!.sizeMB).toBeGreaterThanOrEqual(min);
    expect(facts!.sizeMB).toBeLessThanOrEqual(max);
    expect(facts!.user).toBe(user);
    expect(facts!.uid).toBe(uid);
    expect(facts!.hasShell).toBe(hasShell);
    expect(facts!.packageManager).toBe(packageManager);
    expect(facts!.libc).toBe(libc);
  });

  it('reads Docker Hub references written with the registry or the library namespace', () => {
    const plain = lookup('python:3.12-slim');
    expect(lookup('docker.io/python:3.12-slim')).toBe(plain);
    expect(lookup('docker.io/library/python:3.12-slim')).toBe(plain);
    expect(lookup('index.docker.io/library/python:3.12-slim')).toBe(plain);
    expect(lookup('library/python:3.12-slim')).toBe(plain);
    expect(lookup('docker.io/nginxinc/nginx-unprivileged:1.28')?.uid).toBe(101);
  });

  it('ignores the digest and matches the tag next to it', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    expect(lookup(`python:3.12-slim@${digest}`)).toBe(lookup('python:3.12-slim'));
    expect(lookup(`gcr.io/distroless/static-debian12:nonroot@${digest}`)?.uid).toBe(65532);
    // a digest without a tag is the `latest` entry of that repository
    expect(lookup(`gcr.io/distroless/static-debian12@${digest}`)?.uid).toBe(0);
  });

  it('anchors tag patterns: a tag that only contains a known one is not known', () => {
    expect(lookup('debian:bookworm-slim-custom')).toBeUndefined();
    expect(lookup('python:my-slim')).toBeUndefined();
    expect(lookup('nginx:1.27-alpine-extra')).toBeUndefined();
    expect(lookup('gcr.io/distroless/static-debian12:nonroot-foo')).toBeUndefined();
  });

  it('returns undefined for images it does not know', () => {
    expect(lookup('mycompany/app:1.0')).toBeUndefined();
    expect(lookup('registry.example.com/python:3.12-slim')).toBeUndefined();
    expect(lookup('ghcr.io/library/node:22')).toBeUndefined();
    expect(lookup('ubuntu:18.04')).toBeUndefined();
    expect(lookup('gcr.io/distroless/unknown-debian12')).toBeUndefined();
  });

  it('keeps LANG only where the python image still sets it', () => {
    expect(lookup('python:3.12-slim')?.env?.LANG).toBe('C.UTF-8');
    expect(lookup('python:3.10')?.env?.LANG).toBe('C.UTF-8');
    expect(lookup('python:3.13-slim')?.env?.LANG).toBeUndefined();
    expect(lookup('python:slim')?.env?.LANG).toBeUndefined();
    expect(lookup('python:3.12-slim')?.cmd).toEqual(['python3']);
    expect(lookup('python:3.12-slim')?.versionEnv).toContain('PYTHON_VERSION');
  });

  it('states the config docker inspect shows for nginx', () => {
    const nginx = lookup('nginx:1.27')!;
    expect(nginx.entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(nginx.cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(nginx.expose).toEqual(['80/tcp']);
    expect(nginx.stopSignal).toBe('SIGQUIT');
    expect(nginx.tools).toContain('curl');
    expect(nginx.users?.nginx).toBe(101);
    const unprivileged = lookup('nginxinc/nginx-unprivileged:1.28-alpine')!;
    expect(unprivileged.expose).toEqual(['8080/tcp']);
    expect(unprivileged.tools).toContain('curl');
    expect(lookup('nginx:alpine-slim')!.tools).not.toContain('curl');
  });

  it('knows which tools a HEALTHCHECK can use', () => {
    expect(lookup('debian:bookworm-slim')!.tools).toEqual([]);
    expect(lookup('python:3.12-slim')!.tools).toEqual([]);
    expect(lookup('node:22-slim')!.tools).toEqual([]);
    expect(lookup('alpine:3.20')!.tools).toEqual(['wget']);
    expect(lookup('python:3.12')!.tools).toContain('curl');
    expect(lookup('gcr.io/distroless/static-debian12')!.tools).toEqual([]);
  });

  it('knows the runtime of distroless language images, where it really is', () => {
    expect(lookup('gcr.io/distroless/nodejs22-debian12:nonroot')!.runtimes).toEqual(['/nodejs/bin/node']);
    expect(lookup('gcr.io/distroless/python3-debian12')!.runtimes).toContain('/usr/bin/python3');
    expect(lookup('gcr.io/distroless/java21-debian12:debug')!.runtimes).toEqual(['/usr/bin/java']);
    expect(lookup('gcr.io/distroless/static-debian12')!.runtimes).toEqual([]);
    expect(lookup('scratch')!.runtimes).toEqual([]);
    // not stated where the image's programs are not all known
    expect(lookup('node:22-slim')!.runtimes).toBeUndefined();
    // the runtime's directory is not on distroless nodejs's PATH
    const node = lookup('gcr.io/distroless/nodejs22-debian12')!;
    expect(node.env!.PATH.split(':')).not.toContain('/nodejs/bin');
  });

  it('describes distroless config by variant', () => {
    const nonroot = lookup('gcr.io/distroless/static-debian12:nonroot')!;
    expect(nonroot.workdir).toBe('/home/nonroot');
    expect(nonroot.entrypoint).toBeUndefined();
    const debug = lookup('gcr.io/distroless/static-debian12:debug')!;
    expect(debug.entrypoint).toEqual(['/busybox/sh']);
    expect(debug.shellPath).toBe('/busybox/sh');
    expect(debug.env?.PATH.endsWith(':/busybox')).toBe(true);
    expect(lookup('gcr.io/distroless/nodejs22-debian12:debug')!.entrypoint).toEqual(['/nodejs/bin/node']);
    expect(lookup('gcr.io/distroless/python3-debian12')!.entrypoint).toEqual(['/usr/bin/python3.11']);
  });

  it('node images carry a node user that is not the default', () => {
    const node = lookup('node:22-alpine')!;
    expect(node.user).toBe('');
    expect(node.users?.node).toBe(1000);
    expect(node.entrypoint).toEqual(['docker-entrypoint.sh']);
  });

  it('marks minimal images', () => {
    expect(lookup('python:3.12-slim')!.minimal).toBe(true);
    expect(lookup('python:3.12')!.minimal).toBe(false);
    expect(lookup('gcr.io/distroless/base-debian12')!.minimal).toBe(true);
    expect(lookup('scratch')!.minimal).toBe(true);
  });
});

describe('BASE_IMAGE_TABLE', () => {
  it('compiles every tag pattern and names a source for every entry', () => {
    for (const entry of BASE_IMAGE_TABLE) {
      if (entry.tag) expect(() => new RegExp(`^(?:${entry.tag})$`)).not.toThrow();
      expect(entry.facts.source.length).toBeGreaterThan(10);
      expect(entry.facts.uid === 0).toBe(entry.facts.user === '' || entry.facts.user === '0' || entry.facts.user === 'root');
      for (const r of entry.repositories) expect(r).toBe(r.toLowerCase());
    }
  });

  it('keys Docker Hub images by their library path', () => {
    expect(repositoryKey(parseImageReference('python:3'))).toBe('library/python');
    expect(repositoryKey(parseImageReference('gcr.io/distroless/static'))).toBe('gcr.io/distroless/static');
  });
});
