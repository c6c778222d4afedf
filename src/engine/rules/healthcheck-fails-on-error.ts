import { defineRule } from '../rule.ts';
import { instructionCommands, lastInChain, unwrapCommand } from '../runtime.ts';
import type { ShellCommand } from '../shell.ts';
import type { TextEdit } from '../types.ts';

/** curl's short options that take a value: in a cluster (`-sSo file`) everything after one of them is its value. */
const CURL_VALUE_SHORTS = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));
const CURL_VALUE_LONGS = new Set([
  '--output', '--header', '--request', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--user', '--user-agent', '--max-time',
  '--connect-timeout', '--write-out', '--proxy', '--cookie', '--cookie-jar', '--referer', '--form', '--config', '--retry', '--retry-delay',
  '--resolve', '--cacert', '--cert', '--key', '--unix-socket', '--url', '--range', '--upload-file', '--interface', '--dump-header',
]);

/** True when curl is told to fail on HTTP errors (-f, --fail, --fail-with-body, or -f inside a cluster like -fsS). */
function curlFails(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a === '--fail' || a === '--fail-with-body') return true;
    if (a.startsWith('--')) {
      if (!a.includes('=') && CURL_VALUE_LONGS.has(a)) i++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        if (a[k] === 'f') return true;
        if (CURL_VALUE_SHORTS.has(a[k])) {
          if (k === a.length - 1) i++;
          break;
        }
      }
    }
  }
  return false;
}

function judge(cmd: ShellCommand): boolean {
  if (cmd.name !== 'curl') return false;
  // `curl ... | grep ok` judges the body: the pipeline's status is grep's
  if (cmd.before === '|') return false;
  return !curlFails(cmd.args.map((a) => a.value));
}

export default defineRule({
  meta: {
    id: 'healthcheck-fails-on-error',
    title: 'A curl health check fails on HTTP errors',
    severity: 'warning',
    lesson: '16-health-checks',
    related: {},
    why:
      'Docker marks a container unhealthy when the HEALTHCHECK command exits non-zero. Plain `curl` exits 0 whenever the server answers, ' +
      'even with `500 Internal Server Error`, so a broken app looks healthy. `curl -f` (`--fail`, or `--fail-with-body`) exits 22 on an ' +
      'HTTP status of 400 or more. `wget` already exits non-zero on HTTP errors. A trailing `|| exit 1` is optional: Docker treats any ' +
      "non-zero status as a failure, and `exit 1` only maps curl's own codes to the 1 that Docker's documentation asks for (2 is reserved). " +
      'Only the HEALTHCHECK in effect in the final image is judged; a curl piped into another command (`| grep ok`) is left alone.',
    fixable: true,
    examples: {
      incorrect: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl http://localhost/ || exit 1\n',
      correct: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        if (!stage.isFinal) return;
        const hc = lastInChain(model, stage, 'HEALTHCHECK');
        if (!hc) return;
        const doc = model.doc;
        for (const cmd of instructionCommands(hc, doc)) {
          const u = unwrapCommand(cmd);
          const target: ShellCommand = u.name === cmd.name ? cmd : { ...cmd, name: u.name, program: u.program.value, programRange: u.program.range, args: u.args, readings: undefined };
          if (!judge(target)) continue;
          // a word of the JSON form includes its quotes: add a new JSON string after it; in shell text (or a `sh -c` string) add ` -f`
          const jsonWord = hc.execForm !== null && doc.text[doc.offsetAt(target.programRange.start)] === '"';
          const at = target.programRange.end;
          const edit: TextEdit = { range: { start: at, end: at }, newText: jsonWord ? ', "-f"' : ' -f' };
          context.report({
            range: target.programRange,
            stage: hc.stageIndex,
            message:
              'curl exits 0 for any HTTP answer, 500 included, so this check passes while the app is failing. ' +
              'Add `-f` (`--fail`) so HTTP errors fail the check; `|| exit 1` is optional.',
            fix: { title: 'Add -f to curl', edits: [edit] },
          });
        }
      },
    };
  },
});
