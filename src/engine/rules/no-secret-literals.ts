import { defineRule } from '../rule.ts';

interface SecretPattern {
  kind: string;
  /** The literal is capture group 1 (or the whole match when there is no group). */
  re: RegExp;
  /** Rejects look-alikes: variables, placeholders, documentation examples. */
  accept?: (literal: string) => boolean;
  /**
   * A text the pattern cannot match without (`has` searches the text as written, `lower` the text
   * lower-cased): checked first, so most instructions cost a few substring searches instead of every expression.
   */
  mayMatch: (has: Contains, lower: Contains) => boolean;
}

/** Whether a text (the document, or one instruction of it) contains a substring. */
type Contains = (needle: string) => boolean;

const notVariable = (v: string) => !v.includes('$') && !/^(?:\{\{.*\}\}|<[^>]*>|\*+|x+|%s|%\w+%|\.\.\.)$/i.test(v);

// Formats with a fixed, documented prefix first: they name the kind precisely. Generic shapes (URL passwords, options) last.
const PATTERNS: SecretPattern[] = [
  {
    kind: 'a private key',
    mayMatch: (t) => t('PRIVATE KEY'),
    re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?/g,
  },
  { kind: 'an AWS access key id', mayMatch: (t) => t('AKIA') || t('ASIA'), re: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g, accept: (v) => !v.endsWith('EXAMPLE') },
  { kind: 'an AWS secret access key', mayMatch: (_, l) => l('aws_secret_access_key'), re: /aws_secret_access_key["']?\s*[=:]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi, accept: (v) => !v.includes('EXAMPLEKEY') },
  { kind: 'a GitHub token', mayMatch: (t) => t('gh'), re: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,})\b/g },
  { kind: 'a GitHub token', mayMatch: (t) => t('github_pat_'), re: /\b(github_pat_[A-Za-z0-9_]{22,})\b/g },
  { kind: 'a GitLab token', mayMatch: (t) => t('glpat-'), re: /\b(glpat-[A-Za-z0-9_-]{20,})/g },
  { kind: 'a Slack token', mayMatch: (t) => t('xox'), re: /\b(xox[abposr]-[A-Za-z0-9-]{10,})/g },
  { kind: 'a Slack webhook URL', mayMatch: (t) => t('hooks.slack.com'), re: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+)/g },
  { kind: 'an npm token', mayMatch: (t) => t('npm_'), re: /\b(npm_[A-Za-z0-9]{36})\b/g },
  { kind: 'a Stripe live key', mayMatch: (t) => t('_live_'), re: /\b((?:sk|rk)_live_[A-Za-z0-9]{16,})\b/g },
  { kind: 'a Google API key', mayMatch: (t) => t('AIza'), re: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g },
  { kind: 'an npm registry token', mayMatch: (t) => t(':_'), re: /:_(?:authToken|auth|password)=["']?([^\s"';&|]+)/g, accept: notVariable },
  { kind: 'a password in a URL', mayMatch: (t) => t('://') && t('@'), re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]+:([^\s/@'"]+)@[^\s/'"@]/gi, accept: notVariable },
  {
    kind: 'a literal credential passed as an option',
    mayMatch: (_, l) => l('--') && (l('pass') || l('token') || l('key') || l('secret')),
    re: /(?:^|[\s"'])--(?:[a-z0-9]+-)*(?:password|passwd|token|api-key|apikey|access-key|secret-key|client-secret)(?:=|[ \t]+)(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"';&|)]+))/gi,
    accept: (v) => v !== '' && !v.startsWith('-') && notVariable(v),
  },
  { kind: 'a password passed to curl', mayMatch: (t) => t('curl') && t('-u'), re: /\bcurl\b[^\n]*?\s(?:-u|--user)(?:[ \t]+|=)?["']?[^\s:"'$]+:([^\s"'@]+)/g, accept: notVariable },
  { kind: 'a literal Authorization header', mayMatch: (_, l) => l('authorization'), re: /Authorization:\s*(?:Bearer|Basic|token)\s+([A-Za-z0-9._~+/=-]{8,})/gi, accept: notVariable },
];

export default defineRule({
  meta: {
    id: 'no-secret-literals',
    title: 'No credentials written into the Dockerfile',
    severity: 'error',
    lesson: '14-no-secrets-in-images',
    related: {},
    why:
      'A credential written in a Dockerfile is in the repository for good (git history keeps it after it is deleted), in the image history ' +
      'of every image built from it, and in build logs. Anyone who can read one of them can use it. Treat it as leaked: revoke it, then ' +
      'give build steps their secrets with `RUN --mount=type=secret` and the app its secrets at run time. The rule recognises well-known ' +
      'token formats (AWS, GitHub, GitLab, Slack, npm, Stripe, Google), private key blocks, passwords in URLs (`https://user:pass@host`), ' +
      'literal `--password=...` style options and Authorization headers; variables (`$TOKEN`) are fine. Messages never repeat the secret.',
    fixable: false,
    examples: {
      // assembled so that secret scanners do not flag the rule's own source
      incorrect: 'FROM alpine:3.20\nRUN wget -O /tmp/app.tgz https://deploy:' + ['hunter', '2'].join('') + '@downloads.example.com/app.tgz\n',
      correct:
        'FROM alpine:3.20\nRUN --mount=type=secret,id=download_pass,env=DOWNLOAD_PASS \\\n    wget -O /tmp/app.tgz --user=deploy --password="$DOWNLOAD_PASS" https://downloads.example.com/app.tgz\n',
    },
  },
  create(context) {
    const { doc } = context.model;
    const whole = doc.text;
    const wholeLower = whole.toLowerCase();
    const includes = (t: string): Contains => (needle) => t.includes(needle);
    // a pattern that cannot match anywhere in the file cannot match in one of its instructions
    const candidates = PATTERNS.filter((p) => p.mayMatch(includes(whole), includes(wholeLower)));
    // the instruction being read, lower-cased only when a candidate asks for it
    let text = '';
    let lower: string | undefined;
    const has: Contains = (needle) => text.includes(needle);
    const lowerHas: Contains = (needle) => (lower ??= text.toLowerCase()).includes(needle);
    return {
      instruction(ins) {
        if (candidates.length === 0) return;
        const start = doc.offsetAt(ins.range.start);
        text = whole.slice(start, doc.offsetAt(ins.range.end));
        lower = undefined;
        let taken: [number, number][] | undefined;
        for (const p of candidates) {
          if (!p.mayMatch(has, lowerHas)) continue;
          for (const m of text.matchAll(p.re)) {
            const groupIndex = m.slice(1).findIndex((g) => g !== undefined) + 1;
            const literal = groupIndex > 0 ? m[groupIndex] : m[0];
            if (p.accept && !p.accept(literal)) continue;
            const from = (m.index ?? 0) + (groupIndex > 0 ? m[0].lastIndexOf(literal) : 0);
            const to = from + literal.length;
            taken ??= [];
            if (taken.some(([a, b]) => from < b && a < to)) continue;
            taken.push([from, to]);
            context.report({
              range: doc.range(start + from, start + to),
              message:
                `This looks like ${p.kind}, written into the Dockerfile: it stays in the repository's history, the image history and build logs. ` +
                'Revoke it, then pass it as a build secret (`RUN --mount=type=secret,id=...`) or give it to the container at run time.',
            });
          }
        }
      },
    };
  },
});
