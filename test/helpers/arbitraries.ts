/**
 * fast-check arbitraries for Dockerfiles, shared by the quick property tests
 * (test/unit/robustness/fuzz.test.ts) and the long run (`npm run fuzz`, scripts/fuzz.ts).
 *
 * Three layers, from plausible to hostile:
 * - `dockerfile`: instruction sequences a person could write (every keyword, flags, JSON and shell
 *   forms, ARG/ENV with and without defaults, named stages, heredocs, continuations, comments,
 *   `# escape=` switches), with random quoting and junk words mixed in;
 * - `mutated`: such a file, or a real one from test/fixtures/dockerfiles, put through byte-level
 *   mutations (control bytes, NUL, lone surrogates, BOM, CR/CRLF, huge runs, truncation, splicing);
 * - `lintInput`: either of the above with an optional .dockerignore and build context, so the
 *   build-context rules run too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { ContextFile, LintInput } from '../../src/engine/types.ts';

const CORPUS_DIR = new URL('../fixtures/dockerfiles/', import.meta.url);

/** Every `*.Dockerfile` of the fixture corpus, read once, sorted by name (stable seeds). */
export const realDockerfiles: readonly string[] = readdirSync(CORPUS_DIR)
  .filter((n) => n.endsWith('.Dockerfile'))
  .sort()
  .map((n) => readFileSync(new URL(n, CORPUS_DIR), 'utf8'));

export const KEYWORDS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME',
  'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
] as const;

// ---------------------------------------------------------------------------------------------
// words

/** Characters that matter to one of the parsers, plus some that matter to none. */
const SPECIAL_CHARS = [
  '"', "'", '`', '\\', '$', '{', '}', '(', ')', '[', ']', '<', '>', '|', '&', ';', '#', '=', ':', '@',
  '/', '*', '?', '!', '~', ',', '-', '.', ' ', '\t', 'a', 'Z', '0', '_', 'é', '😀', '\u00a0', '\u2028',
];

/** A short word of characters that are special somewhere (quotes, escapes, operators). */
export const junkWord = fc.string({ unit: fc.constantFrom(...SPECIAL_CHARS), minLength: 1, maxLength: 12 });

const identifier = fc.constantFrom(
  'APP', 'VERSION', 'TARGETARCH', 'TARGETPLATFORM', 'BUILDPLATFORM', 'NODE_VERSION', 'PY', 'BASE', 'TAG',
  'PASSWORD', 'API_KEY', 'GITHUB_TOKEN', 'DEBIAN_FRONTEND', 'HOME', 'PATH', 'a', '_x1', 'REGISTRY',
);

const simpleValue = fc.constantFrom(
  '1', '3.13', 'bookworm', 'alpine', 'noninteractive', 'secret123', '', '/usr/local/bin:$PATH',
  'python:${PY}', '${TAG:-latest}', 'hunter2', 'a b', 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
);

/** A value in one of the quotings Docker accepts (and some it does not). */
const quoted = (inner: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(inner, fc.constantFrom('', '"', "'", '"unterminated', "'unterminated", '\\')).map(([v, q]) =>
    q === '' ? v : q === '\\' ? v.replace(/ /g, '\\ ') : q.length > 1 ? `${q[0]}${v}` : `${q}${v}${q}`,
  );

const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });

const stageName = fc.constantFrom('build', 'builder', 'deps', 'test', 'final', 'runtime', 'Build', 'scratch', 'context', '0', 'a-b_c.d');

const knownImage = fc.constantFrom(
  'python:3.13-slim', 'python', 'python:latest', 'node:22-bookworm-slim', 'node:latest', 'alpine', 'alpine:3.20',
  'ubuntu:22.04', 'debian:bookworm-slim', 'golang:1.23', 'rust:1.82', 'eclipse-temurin:21-jre', 'nginx:1.27',
  'gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/python3', 'cgr.dev/chainguard/static',
  'scratch', 'busybox', 'mcr.microsoft.com/windows/servercore:ltsc2022', 'registry.example.com:5000/team/app:v1',
  'localhost/app', 'docker.io/library/redis:7', 'centos:7', 'node:14', 'php:8.3-fpm-alpine', 'ruby:3.3',
);

const generatedImage = fc
  .tuple(
    fc.option(fc.constantFrom('docker.io', 'ghcr.io', 'quay.io', 'my.registry:5000', 'localhost:5000', '127.0.0.1'), { nil: undefined }),
    fc.constantFrom('library/ubuntu', 'org/app', 'a', 'team/sub/image', 'UPPER', 'x--y', 'ns/'),
    fc.option(fc.constantFrom('1', '1.2.3', 'latest', 'v1-alpine', '', 'sha256', 'a'.repeat(130)), { nil: undefined }),
    fc.option(hex64.map((h) => `sha256:${h}`), { nil: undefined }),
  )
  .map(([reg, path, tag, digest]) => `${reg ? `${reg}/` : ''}${path}${tag !== undefined ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`);

const variableImage = fc.constantFrom(
  '${BASE}', '$BASE', '${BASE:-alpine}', '${REGISTRY}/app:${TAG}', 'python:${PY}', 'node:${NODE_VERSION}-alpine',
  'base-${TARGETARCH}', '${UNDEFINED}', '${BASE:?required}', '${BASE:+x}', '$', '${', '${}', '${BASE',
);

export const image = fc.oneof(
  { weight: 4, arbitrary: knownImage },
  { weight: 2, arbitrary: generatedImage },
  { weight: 2, arbitrary: variableImage },
  { weight: 2, arbitrary: stageName },
  { weight: 1, arbitrary: junkWord },
);

const path = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(
    '.', './', '/app', '/app/', 'src/', 'package.json', 'package*.json', 'requirements.txt', '*.py', '**/*.go',
    'go.mod', 'go.sum', '.env', 'id_rsa', '/root/.ssh/', 'C:\\app', 'C:/app', '$HOME/bin', '${APP}/x',
    '"/with space"', 'https://example.com/file.tar.gz', 'git@github.com:org/repo.git#v1', '/etc/passwd',
    '[abc].txt', 'dir/../..', '/', '~', '-', '--', '.dockerignore', 'Dockerfile', 'node_modules',
  ) },
  { weight: 1, arbitrary: junkWord },
);

// ---------------------------------------------------------------------------------------------
// flags

const mountFlag = fc.constantFrom(
  '--mount=type=cache,target=/root/.cache/pip',
  '--mount=type=cache,target=/var/cache/apt,sharing=locked',
  '--mount=type=bind,from=build,source=/out,target=/in',
  '--mount=type=bind,target=.',
  '--mount=type=secret,id=npmrc,target=/root/.npmrc',
  '--mount=type=secret,id=token,env=TOKEN',
  '--mount=type=ssh',
  '--mount=type=tmpfs,target=/tmp',
  '--mount=from=0,target=/x',
  '--mount=from=nginx:1.27,target=/x',
  '--mount',
  '--mount=',
  '--mount=type=cache,target="/quoted dir"',
);

const flag = fc.oneof(
  { weight: 3, arbitrary: mountFlag },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '--from=build', '--from=builder', '--from=0', '--from=9', '--from=nginx:1.27', '--from=', '--from',
      '--chown=1000:1000', '--chown=app:app', '--chown=root', '--chown=${UID}', '--chmod=755', '--chmod=0644', '--chmod=u+x',
      '--platform=$BUILDPLATFORM', '--platform=linux/amd64', '--platform=${TARGETPLATFORM}', '--platform=',
      '--link', '--link=false', '--network=none', '--network=host', '--security=insecure', '--parents',
      '--exclude=*.md', '--keep-git-dir=true', '--checksum=sha256:0123', '--interval=30s', '--timeout=3s',
      '--start-period=5s', '--start-interval=1s', '--retries=3', '--', '--=', '---x', '--unknown-flag=1', '-x',
    ),
  },
);

const flags = fc.array(flag, { maxLength: 3 }).map((fs) => fs.join(' '));

// ---------------------------------------------------------------------------------------------
// shell

const program = fc.constantFrom(
  'apt-get update', 'apt-get install -y curl', 'apt-get install -y --no-install-recommends ca-certificates=20230311',
  'apt-get -y install build-essential', 'rm -rf /var/lib/apt/lists/*', 'apt-get clean', 'apt install vim',
  'apk add curl', 'apk add --no-cache git=2.45.2-r0', 'apk update', 'yum install -y gcc', 'dnf install -y make',
  'pip install flask', 'pip install --no-cache-dir -r requirements.txt', 'pip3 install requests==2.32.3', 'python -m pip install .',
  'npm install', 'npm ci --omit=dev', 'npm install -g nodemon', 'yarn install --frozen-lockfile', 'npm run dev',
  'go build -o /out/app ./cmd/app', 'cargo build --release', 'mvn -B package', 'gradle build', 'make -j4',
  'curl -fsSL https://example.com/install.sh | sh', 'wget -qO- https://example.com/x | bash', 'curl -o /tmp/x https://e.com/x',
  'sudo apt-get install -y git', 'su - app', 'useradd -u 10001 -r app', 'adduser -D -u 100000 app', 'groupadd -g 0 app',
  'chmod -R 777 /app', 'chmod g=u /app', 'chown -R 0:0 /app', 'echo "$SECRET" > /run/secret', 'cat /etc/passwd',
  'cd /app', 'export PATH=/opt/bin:$PATH', 'ln -sf /dev/stdout /var/log/nginx/access.log', 'tee /var/log/app.log',
  'git clone https://github.com/org/repo.git', 'ssh-keyscan github.com >> ~/.ssh/known_hosts', 'nc -l 8080',
  'gosu app true', 'setcap cap_net_bind_service=+ep /usr/bin/node', 'strace -f true', 'gdb --version', 'vim x',
  'set -eux', 'true', 'exit 0', ':', 'echo $(( 1 + 2 ))', 'for f in *.txt; do echo "$f"; done',
  'if [ -f x ]; then echo y; fi', 'case "$(uname -m)" in x86_64) arch=amd64 ;; *) exit 1 ;; esac', '{ echo a; echo b; }',
  '(cd /tmp && ls)', 'python - <<EOF', 'VAR=1 env', 'echo `date`', 'echo "unterminated', "echo 'unterminated",
  'echo $(uname', 'echo <(ls)', 'ls 2>&1 >/dev/null', 'exec "$@"', '/usr/local/bin/docker-entrypoint.sh', 'node server.js',
  'nginx -g "daemon off;"', 'gunicorn app:app', 'flask run --host 0.0.0.0', 'npm start', 'java -jar app.jar',
);

const separator = fc.constantFrom(' && ', ' || ', '; ', ' | ', ' & ', ' \\\n    ', ' && \\\n    ', ';\\\n', '\n', ' ;; ', ' |& ');

export const shellScript = fc
  .tuple(fc.array(fc.oneof({ weight: 6, arbitrary: program }, { weight: 1, arbitrary: junkWord }), { minLength: 1, maxLength: 5 }), fc.array(separator, { minLength: 5, maxLength: 5 }))
  .map(([cmds, seps]) => cmds.map((c, i) => (i === 0 ? c : `${seps[i]}${c}`)).join(''));

const jsonArray = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom('node', 'server.js', 'python', '-m', 'app', 'sh', '-c', 'echo hi', '/bin/bash', 'powershell', '-Command', 'curl', '-f', 'http://localhost/'), junkWord), { minLength: 0, maxLength: 4 }).map((a) => JSON.stringify(a)),
  fc.constantFrom('[]', '[ ]', "['single', 'quotes']", '["unterminated', '["a",]', '[1, 2]', '["a" "b"]', '[', '["\\u0000"]', '["a\\\\\nb"]', '[ "x" ] trailing'),
);

// ---------------------------------------------------------------------------------------------
// instructions

const assignment = fc.tuple(identifier, fc.option(quoted(simpleValue), { nil: undefined })).map(([k, v]) => (v === undefined ? k : `${k}=${v}`));

const heredoc = fc
  .tuple(
    fc.constantFrom('EOF', 'EOT', '"EOF"', "'EOF'", '-EOF', 'END_OF_SCRIPT'),
    fc.array(fc.oneof(shellScript, junkWord), { maxLength: 3 }),
    fc.constantFrom('terminated', 'unterminated', 'wrong'),
  )
  .map(([marker, body, end]) => {
    const name = marker.replace(/^-/, '').replace(/["']/g, '');
    const close = end === 'terminated' ? `\n${marker.startsWith('-') ? '\t' : ''}${name}` : end === 'wrong' ? `\n${name}X` : '';
    return { head: `<<${marker}`, tail: `\n${body.join('\n')}${close}` };
  });

function instruction(stageNames: readonly string[]): fc.Arbitrary<string> {
  const from = fc
    .tuple(fc.option(fc.constantFrom('--platform=$BUILDPLATFORM', '--platform=linux/arm64', '--platform='), { nil: undefined }), stageNames.length ? fc.oneof(image, fc.constantFrom(...stageNames)) : image, fc.option(fc.tuple(fc.constantFrom('AS', 'as', 'As'), stageName), { nil: undefined }), fc.option(junkWord, { nil: undefined }))
    .map(([p, img, as, junk]) => ['FROM', p, img, as?.join(' '), junk].filter((x) => x !== undefined).join(' '));
  const run = fc.oneof(
    fc.tuple(flags, shellScript).map(([f, s]) => `RUN ${f ? `${f} ` : ''}${s}`),
    fc.tuple(flags, jsonArray).map(([f, j]) => `RUN ${f ? `${f} ` : ''}${j}`),
    fc.tuple(flags, heredoc, fc.constantFrom('', 'bash ', 'python3 ', 'cat > /x ')).map(([f, h, p]) => `RUN ${f ? `${f} ` : ''}${p}${h.head}${h.tail}`),
  );
  const copy = fc.oneof(
    fc.tuple(fc.constantFrom('COPY', 'ADD'), flags, fc.array(path, { minLength: 1, maxLength: 3 }), path).map(([k, f, src, dst]) => `${k} ${f ? `${f} ` : ''}${src.join(' ')} ${dst}`),
    fc.tuple(fc.constantFrom('COPY', 'ADD'), flags, fc.array(path, { minLength: 1, maxLength: 3 })).map(([k, f, p]) => `${k} ${f ? `${f} ` : ''}${JSON.stringify(p)}`),
    fc.tuple(fc.constantFrom('COPY', 'ADD'), heredoc, path).map(([k, h, dst]) => `${k} ${h.head} ${dst}${h.tail}`),
  );
  const execOrShell = (kw: string) => fc.oneof(jsonArray.map((j) => `${kw} ${j}`), shellScript.map((s) => `${kw} ${s}`));
  const healthcheck = fc.oneof(
    fc.constant('HEALTHCHECK NONE'),
    fc.tuple(flags, fc.oneof(jsonArray, shellScript)).map(([f, c]) => `HEALTHCHECK ${f ? `${f} ` : ''}CMD ${c}`),
    fc.constantFrom('HEALTHCHECK', 'HEALTHCHECK CMD', 'HEALTHCHECK --interval=5s', 'HEALTHCHECK cmd curl -f http://localhost/ || exit 1'),
  );
  const kv = (kw: string) =>
    fc.oneof(
      fc.array(assignment, { minLength: 1, maxLength: 3 }).map((a) => `${kw} ${a.join(' ')}`),
      fc.tuple(identifier, simpleValue).map(([k, v]) => `${kw} ${k} ${v}`),
    );
  const simple = fc.oneof(
    fc.tuple(fc.constantFrom('USER', 'WORKDIR', 'EXPOSE', 'STOPSIGNAL', 'VOLUME', 'MAINTAINER'), fc.oneof(fc.constantFrom('root', '0', '0:0', 'app', '10001', '10001:10001', '65534', 'nobody', '${UID}', '/app', 'C:\\app', '80', '8080/tcp', '22', '443/udp', '3000-3005', 'SIGTERM', '9', '["/data"]', '/data /logs', 'someone@example.com', ''), junkWord)).map(([k, v]) => `${k} ${v}`),
    fc.array(fc.tuple(fc.constantFrom('org.opencontainers.image.source', 'maintainer', 'version', '"quoted key"'), quoted(simpleValue)), { minLength: 1, maxLength: 3 }).map((ls) => `LABEL ${ls.map(([k, v]) => `${k}=${v}`).join(' ')}`),
    fc.constantFrom('SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]', 'SHELL /bin/sh', 'SHELL []'),
  );
  return fc.oneof(
    { weight: 3, arbitrary: from },
    { weight: 6, arbitrary: run },
    { weight: 3, arbitrary: copy },
    { weight: 2, arbitrary: fc.oneof(execOrShell('CMD'), execOrShell('ENTRYPOINT')) },
    { weight: 1, arbitrary: healthcheck },
    { weight: 2, arbitrary: fc.oneof(kv('ENV'), kv('ARG')) },
    { weight: 2, arbitrary: simple },
    { weight: 1, arbitrary: fc.oneof(run, copy, simple).map((i) => `ONBUILD ${i}`) },
    { weight: 1, arbitrary: fc.constantFrom('ONBUILD', 'ONBUILD ONBUILD RUN x', 'ONBUILD FROM alpine', 'NOTAKEYWORD arg', 'from alpine', 'rUn echo hi', 'FROM', 'RUN', 'COPY', 'ARG', 'ENV', 'ENV =x', 'ARG =', 'USER', 'EXPOSE abc') },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS), fc.array(junkWord, { maxLength: 4 })).map(([k, w]) => `${k} ${w.join(' ')}`) },
  );
}

/** Continuations inserted between words: escape + newline, with blank, comment and indented lines. */
function continued(line: string, escape: string, breaks: readonly number[]): string {
  if (line.includes('\n') || breaks.length === 0) return line;
  const words = line.split(' ');
  if (words.length < 2) return line;
  const cont = [` ${escape}\n  `, `${escape}\n`, ` ${escape}  \n\t`, ` ${escape}\n# a comment inside\n  `, ` ${escape}\n\n  `, ` ${escape}\r\n  `];
  return words.map((w, i) => (i === 0 ? w : `${breaks.includes(i) ? cont[i % cont.length] : ' '}${w}`)).join('');
}

const directive = fc.constantFrom(
  '# syntax=docker/dockerfile:1',
  '# syntax=docker/dockerfile:1.7-labs',
  '# escape=`',
  '# escape=\\',
  '#escape=`',
  '# ESCAPE=`',
  '# escape=x',
  '# check=skip=JSONArgsRecommended;error=true',
  '# shipshape file-ignore=no-latest-tag',
  '# hadolint ignore=DL3007',
);

const commentLine = fc.constantFrom(
  '# a comment', '#', '   # indented comment', '# shipshape ignore=no-latest-tag', '# shipshape ignore=apt-pin-versions,no-sudo',
  '# shipshape stage-ignore=user-not-root', '# hadolint ignore=DL3008,DL3015', '# shipshape ignore=', '# shipshape ignore=not-a-rule', '',
);

/** A plausible Dockerfile: directives, then 1..n stages of instructions, comments and blank lines. */
export const dockerfile: fc.Arbitrary<string> = fc
  .record({
    directives: fc.array(directive, { maxLength: 2 }),
    globalArgs: fc.array(assignment.map((a) => `ARG ${a}`), { maxLength: 3 }),
    stages: fc.array(
      fc.tuple(
        fc.tuple(fc.option(fc.constantFrom('--platform=$BUILDPLATFORM', '--platform=linux/amd64'), { nil: undefined }), image, fc.option(stageName, { nil: undefined })),
        fc.array(fc.oneof({ weight: 8, arbitrary: instruction(['build', 'builder', 'deps']) }, { weight: 1, arbitrary: commentLine }), { maxLength: 10 }),
      ),
      { minLength: 0, maxLength: 4 },
    ),
    breaks: fc.array(fc.nat(8), { maxLength: 3 }),
    finalNewline: fc.boolean(),
  })
  .map(({ directives, globalArgs, stages, breaks, finalNewline }) => {
    // the first line decides: an escape=` directive there switches continuations to backticks
    const escape = /^# ?escape=`$/i.test(directives[0] ?? '') ? '`' : '\\';
    const lines = [...directives, ...globalArgs];
    for (const [[platform, base, name], body] of stages) {
      lines.push(['FROM', platform, base, name ? `AS ${name}` : undefined].filter((x) => x !== undefined).join(' '));
      for (const line of body) lines.push(continued(escape === '`' ? line.replace(/\\\n/g, '`\n') : line, escape, breaks));
    }
    return lines.join('\n') + (finalNewline ? '\n' : '');
  });

// ---------------------------------------------------------------------------------------------
// mutations

/** Strings that break things when spliced in anywhere. */
const hostile = fc.oneof(
  fc.constantFrom(
    '\u0000', '\u0000\u0000\u0000', '\u0001\u0002\u0003\u0007\u0008\u000b\u000c\u001b[31m', '\u007f', '\ufeff', '\ufffe', '\uffff',
    '\ud800', '\udc00', '\udfff\ud800', '\ud83d', '😀', '\u0085', '\u2028', '\u2029', '\u200b', '\u202e',
    '\r', '\r\n', '\n\r', '\r\r', '\\\n', '\\\r\n', '\\\r', '`\n', '\\', '`', '"', "'", '${', '$(', '<<EOF', '<<-EOF\n', '<<',
    '\n# escape=`\n', '# escape=`\n', '# escape=\\\n', '\nFROM scratch AS x\n', '\nRUN ', '\nONBUILD ', ' --mount=type=cache,target=/x ', '--from=',
    '\t', '  ', '#', '\n\n\n', '[', ']', '{"a":', '%s%n', '\\u0000', 'é', '\u0301',
  ),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
);

/** A long run of one repeated unit: long lines, many continuations, deep nesting bait. */
export const hugeRun = fc
  .tuple(
    fc.constantFrom('a', ' ', '\t', '\\', '\\\n', '`\n', '$', '${', '$(', '(', '"', "'", '-', '=', 'a=', '/', '*', '**/', '#', '\n', '\r\n', '\r', 'x ', '&& ', '| ', '<<', '[', '{', ',', '\u0000', '😀', '\ud800'),
    fc.integer({ min: 100, max: 20_000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'eol'; style: '\r\n' | '\r' | 'mixed' }
  | { kind: 'bom' }
  | { kind: 'swapLines'; a: number; b: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: hostile }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: hugeRun }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: junkWord }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 200 }), to: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('eol' as const), style: fc.constantFrom('\r\n' as const, '\r' as const, 'mixed' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swapLines' as const), a: position, b: position }) },
);

function applyMutation(text: string, m: Mutation): string {
  const at = (p: number) => Math.min(text.length, Math.floor(p * (text.length + 1)));
  switch (m.kind) {
    case 'insert': {
      const i = at(m.at);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'delete': {
      const i = at(m.at);
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'duplicate': {
      const i = at(m.at);
      const piece = text.slice(i, i + m.length);
      const j = at(m.to);
      return text.slice(0, j) + piece + text.slice(j);
    }
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'eol': {
      let k = 0;
      return text.replace(/\r\n|\r|\n/g, () => (m.style === 'mixed' ? ['\n', '\r\n', '\r'][k++ % 3] : m.style));
    }
    case 'bom':
      return `\ufeff${text}`;
    case 'swapLines': {
      const lines = text.split('\n');
      const a = Math.min(lines.length - 1, Math.floor(m.a * lines.length));
      const b = Math.min(lines.length - 1, Math.floor(m.b * lines.length));
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
  }
}

/** Applies mutations in order; exported so a failure report can be replayed. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}

export const realDockerfile = fc.constantFrom(...realDockerfiles);

/** A generated or real Dockerfile after 1..4 mutations. */
export const mutated: fc.Arbitrary<string> = fc
  .tuple(fc.oneof({ weight: 2, arbitrary: dockerfile }, { weight: 1, arbitrary: realDockerfile }), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([text, ms]) => mutate(text, ms));

/** Anything a learner could paste: plausible, mutated, real, or plain garbage. */
export const anyDockerfileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: dockerfile },
  { weight: 5, arbitrary: mutated },
  { weight: 1, arbitrary: realDockerfile },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...SPECIAL_CHARS, '\n', '\r', 'FROM ', 'RUN ', 'COPY ', '\\\n', '<<EOF\n'), maxLength: 200 }) },
);

// ---------------------------------------------------------------------------------------------
// .dockerignore and build context

const ignoreLine = fc.oneof(
  fc.constantFrom(
    '.git', 'node_modules', '**/*.log', '*.log', '!important.log', '.env', '.env*', '!.env.example', '**/.DS_Store', 'dist/',
    '/build', './src', '#comment', '', '   ', '[', '[a-', '\\', '*', '**', '!', '!*', '**/**/**/**/a', '?', 'a/**/b/**/c', '[^a]*',
    '[[:alpha:]]', '\\*', 'Dockerfile', '.dockerignore', '..', '../x', 'src/**/test/**', '*/*/*/*',
  ),
  junkWord,
);

export const dockerignore = fc.array(ignoreLine, { maxLength: 8 }).map((ls) => ls.join('\n'));

const contextPath = fc.constantFrom(
  'package.json', 'package-lock.json', 'server.js', 'src/app.py', 'requirements.txt', 'go.mod', 'go.sum', 'main.go', '.env',
  '.env.example', 'id_rsa', '.git/config', 'node_modules/x/index.js', 'logs/app.log', 'app.log', 'important.log', 'Dockerfile',
  '.dockerignore', 'dist/app', 'README.md', 'secrets/prod.key', 'a/b/c/d/e/f.txt', 'weird name.txt', 'é.txt',
);

/**
 * A build context. It always holds the app's own source (`main.py`), as a real project does: a
 * context of nothing but `.git` and `.env` would make `COPY . .` copy nothing once they are
 * excluded, which copy-ignored-file rightly reports, though no fix is at fault.
 */
export const contextFiles: fc.Arbitrary<ContextFile[]> = fc
  .uniqueArray(fc.record({ path: contextPath, size: fc.nat(5_000_000) }, { requiredKeys: ['path', 'size'] }), { maxLength: 10, selector: (f) => f.path })
  .map((files) => [{ path: 'main.py', size: 120 }, ...files]);

/** A full lint input: the Dockerfile text, and sometimes a .dockerignore and a build context. */
export const lintInput: fc.Arbitrary<LintInput> = fc
  .record({ dockerfile: anyDockerfileText, dockerignore: fc.option(fc.oneof(dockerignore, fc.string({ maxLength: 50 })), { nil: undefined }), context: fc.option(contextFiles, { nil: undefined }) })
  .map(({ dockerfile, dockerignore, context }) => ({
    dockerfile,
    ...(dockerignore !== undefined ? { dockerignore } : {}),
    ...(context !== undefined ? { context } : {}),
  }));
