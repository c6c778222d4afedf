import { defineRule } from '../rule.ts';
import type { Instruction } from '../model.ts';
import { chainInstructions, containerProcess, instructionCommands, unwrapCommand } from '../runtime.ts';
import type { Word } from '../shell.ts';
import { comparePositions } from '../text.ts';
import type { Range } from '../types.ts';

/** Where a log can go and still reach `docker logs`, or be dropped on purpose. */
const STREAMS = /^(?:\/dev\/(?:stdout|stderr|null|fd\/[12]|console)|\/proc\/(?:self|1)\/fd\/[12]|-|stdout|stderr)$/;
/** nginx's default log paths: the official images link them to stdout/stderr; elsewhere they are files, so Shipshape cannot tell. */
const NGINX_DEFAULTS = new Set(['/var/log/nginx/access.log', '/var/log/nginx/error.log']);
/** Options that name a log file, as gunicorn, uwsgi, celery, redis-server, mongod and others spell them. */
const LOG_FILE_OPTIONS = new Set([
  '--log-file', '--logfile', '--log-path', '--logpath', '--logto', '--access-logfile', '--error-logfile', '--access-log', '--error-log',
  '--log-file-path', '--daemonize',
]);

/** nginx and Apache directives that name a log file. */
const LOG_DIRECTIVE = /\b(access_log|error_log|CustomLog|ErrorLog)\s+(["']?)(\/[^\s;'"#|@,\\]+)\2/g;

const looksLikeFile = (v: string) => !v.includes('$') && !STREAMS.test(v) && (v.startsWith('/') || v.startsWith('./') || /\.log$/.test(v));

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default defineRule({
  meta: {
    id: 'logs-to-stdout',
    title: 'The app logs to stdout and stderr, not to files in the container',
    severity: 'info',
    lesson: '17-pid1-signals-logs',
    related: {},
    why:
      'Containers are expected to write logs to stdout and stderr: that is what `docker logs`, Kubernetes and every log collector read. ' +
      'A log file inside the container is invisible to them, is lost with the container, and grows in its writable layer until the disk ' +
      'fills. The official nginx image links its log files to /dev/stdout and /dev/stderr for this reason. The rule looks at what the ' +
      'final image starts (`>> /var/log/app.log` redirections, `--log-file /path` style options) and at nginx/Apache log directives ' +
      'written by its build steps; default nginx paths, paths linked to /dev/stdout, and anything with variables are left alone.',
    fixable: false,
    examples: {
      incorrect: 'FROM python:3.13-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "--access-logfile", "/var/log/app/access.log", "app:app"]\n',
      correct: 'FROM python:3.13-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "--access-logfile", "-", "app:app"]\n',
    },
  },
  create(context) {
    const { model } = context;
    const { doc } = model;

    /** Range of `text` inside an instruction, searched after `from` (redirect targets have no range of their own). */
    const locate = (ins: Instruction, pattern: RegExp, group: number, from?: Range): Range | undefined => {
      const start = doc.offsetAt(from?.start ?? ins.range.start);
      const text = doc.text.slice(start, doc.offsetAt(ins.range.end));
      const m = pattern.exec(text);
      if (!m) return undefined;
      const at = start + (m.index ?? 0) + m[0].lastIndexOf(m[group]);
      return doc.range(at, at + m[group].length);
    };

    return {
      stageEnd(stage) {
        if (!stage.isFinal) return;
        const chain = chainInstructions(model, stage);
        // `ln -sf /dev/stdout /var/log/app.log` turns a log file into the stream
        const linked = new Set<string>();
        for (const ins of chain) {
          if (ins.keyword !== 'RUN') continue;
          for (const cmd of instructionCommands(ins, doc)) {
            if (cmd.name !== 'ln') continue;
            const operands = cmd.args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
            if (operands.length === 2 && STREAMS.test(operands[0])) linked.add(operands[1]);
          }
        }
        const fileLog = (v: string) => looksLikeFile(v) && !linked.has(v);
        const seen = new Set<string>();
        const report = (range: Range, stageIndex: number, message: string) => {
          const key = `${range.start.line}:${range.start.character}`;
          if (seen.has(key)) return;
          seen.add(key);
          context.report({ range, stage: stageIndex, message });
        };

        // what the container starts
        const proc = containerProcess(model, stage);
        const homes = [proc.entrypoint, proc.cmd].filter((i): i is Instruction => i !== undefined);
        const homeOf = (r: Range) =>
          homes.find((i) => comparePositions(i.range.start, r.start) <= 0 && comparePositions(r.end, i.range.end) <= 0) ?? homes[0];
        for (const cmd of proc.commands) {
          const home = homeOf(cmd.range);
          for (const r of cmd.redirects) {
            if ((r.op !== '>' && r.op !== '>>' && r.op !== '>|') || !fileLog(r.target) || !home) continue;
            const range = locate(home, new RegExp(`>[>|]?\\s*(["']?)(${escapeRegExp(r.target)})\\1`), 2, cmd.range);
            if (!range) continue;
            report(
              range,
              home.stageIndex,
              `The output goes to ${r.target} inside the container, where \`docker logs\` and log collectors never see it and the file grows until the disk fills. ` +
                'Drop the redirection and let the app write to stdout/stderr.',
            );
          }
          const u = unwrapCommand(cmd);
          const args: Word[] = u.args;
          for (let i = 0; i < args.length; i++) {
            const a = args[i].value;
            const eq = a.indexOf('=');
            const name = eq > 0 ? a.slice(0, eq) : a;
            if (!LOG_FILE_OPTIONS.has(name)) continue;
            const value = eq > 0 ? a.slice(eq + 1) : args[i + 1]?.value;
            const word = eq > 0 ? args[i] : args[i + 1];
            if (value === undefined || !word || !fileLog(value)) continue;
            // the value inside the word: after a JSON quote, after `name=`, after a shell quote
            const wordStart = doc.offsetAt(word.range.start);
            const isQuote = (c: string | undefined) => c === '"' || c === "'";
            let from = wordStart + (isQuote(doc.text[wordStart]) ? 1 : 0) + (eq > 0 ? eq + 1 : 0);
            if (isQuote(doc.text[from])) from++;
            const range = doc.text.slice(from, from + value.length) === value ? doc.range(from, from + value.length) : word.range;
            const stdout = u.name === 'gunicorn' ? ` (gunicorn: \`${name} -\`)` : '';
            report(
              range,
              homeOf(word.range)?.stageIndex ?? stage.index,
              `\`${name}\` sends the log to ${value} inside the container, where \`docker logs\` and log collectors never see it and the file grows until the disk fills. ` +
                `Log to stdout/stderr instead${stdout}.`,
            );
          }
        }

        // nginx and Apache log directives written by the image's own steps; every directive has `_log` or `Log`
        // in its name, so a file (or an instruction) without either has none
        const mayHaveDirectives = doc.text.includes('_log') || doc.text.includes('Log');
        for (const ins of mayHaveDirectives ? chain : []) {
          if (ins.keyword !== 'RUN' && ins.keyword !== 'COPY' && ins.keyword !== 'ADD' && ins !== proc.cmd && ins !== proc.entrypoint) continue;
          const start = doc.offsetAt(ins.range.start);
          const text = doc.text.slice(start, doc.offsetAt(ins.range.end));
          if (!text.includes('_log') && !text.includes('Log')) continue;
          for (const m of text.matchAll(LOG_DIRECTIVE)) {
            const path = m[3];
            if (!fileLog(path) || NGINX_DEFAULTS.has(path)) continue;
            const at = start + (m.index ?? 0) + m[0].lastIndexOf(path);
            const nginx = m[1] === 'access_log' || m[1] === 'error_log';
            const instead = nginx ? (m[1] === 'access_log' ? '`access_log /dev/stdout;`' : '`error_log /dev/stderr;`') : m[1] === 'CustomLog' ? '`CustomLog /proc/self/fd/1 combined`' : '`ErrorLog /proc/self/fd/2`';
            report(
              doc.range(at, at + path.length),
              ins.stageIndex,
              `\`${m[1]}\` writes to ${path} inside the container, where \`docker logs\` and log collectors never see it. Use ${instead}, or link the file to the stream (\`ln -sf /dev/stdout ${path}\`).`,
            );
          }
        }
      },
    };
  },
});
