import { defineRule } from '../rule.ts';
import { addSources } from '../add-sources.ts';

/** A Git source pinned to a commit in the URL: `#<sha>[:subdir]`, `?checksum=<sha>` or `?commit=<sha>`. */
function gitCommitInUrl(src: string): boolean {
  const fragment = /#([^:]*)/.exec(src)?.[1] ?? '';
  if (/^[0-9a-f]{7,40}$/i.test(fragment)) return true;
  return /[?&](checksum|commit)=[0-9a-f]{7,40}(&|#|$)/i.test(src);
}

export default defineRule({
  meta: {
    id: 'add-remote-checksum',
    title: 'Remote ADD sources are pinned by checksum or commit',
    severity: 'warning',
    lesson: '06-know-your-dependencies',
    related: {},
    why:
      '`ADD https://...` downloads at build time and trusts whatever comes back: a replaced release asset, a hijacked ' +
      'domain or a moved `latest` link changes the image without any change to the Dockerfile. BuildKit verifies a download ' +
      'when you give it the expected digest: `ADD --checksum=sha256:<digest> https://...` (Dockerfile 1.6+), and the ' +
      'build fails if the bytes differ. For a Git source, a branch or tag can move; pin the commit with ' +
      '`--checksum=<commit sha>`, `#<commit sha>` or `?commit=<sha>`. (hadolint\'s DL3020 is about ADD versus COPY, a ' +
      'different question.)',
    fixable: false,
    examples: {
      incorrect:
        'FROM debian:12-slim\nADD --chmod=755 https://github.com/krallin/tini/releases/download/v0.19.0/tini-amd64 /usr/local/bin/tini\nENTRYPOINT ["tini", "--"]\n',
      correct:
        'FROM debian:12-slim\nADD --chmod=755 --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c \\\n' +
        '    https://github.com/krallin/tini/releases/download/v0.19.0/tini-amd64 /usr/local/bin/tini\nENTRYPOINT ["tini", "--"]\n',
    },
  },
  create(context) {
    return {
      instruction(ins) {
        if (ins.keyword !== 'ADD') return;
        const checksum = ins.flags.find((f) => f.name === 'checksum')?.value ?? '';
        for (const src of addSources(context.model, ins)) {
          if (src.kind === 'http' && !checksum) {
            context.report({
              range: src.range,
              message:
                'This download is not verified: add `--checksum=sha256:<digest>` (compute it once with `curl -fsSL <url> | sha256sum`), so the build fails if the file changes.',
            });
          } else if (src.kind === 'git' && !checksum && !gitCommitInUrl(src.value)) {
            context.report({
              range: src.range,
              message: 'A branch or tag can move: pin the commit with `--checksum=<commit sha>` (or `#<commit sha>` in the URL).',
            });
          }
        }
      },
    };
  },
});
