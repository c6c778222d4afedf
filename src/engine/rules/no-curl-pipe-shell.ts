import { defineRule } from '../rule.ts';
import { unwrapCommand, type UnwrappedCommand } from '../package-managers.ts';
import type { ShellCommand } from '../shell.ts';

const DOWNLOADERS = new Set(['curl', 'wget']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const INTERPRETER = /^(python(\d+(\.\d+)?)?|perl|ruby|node|php)$/;
/** A command substitution or backquote that runs a downloader: `$(curl ...)`, `` `wget -qO- ...` ``. */
// the directory part excludes `` ` ``, `$` and `(`: with `\S*` a long run of `` ` `` backtracked quadratically
const DOWNLOAD_SUBSTITUTION = /(\$\(|`)\s*([^\s`$(]*\/)?(curl|wget)\s/;
const DOWNLOAD_PROCESS = /^<\(\s*(\S*\/)?(curl|wget)\s/;

/** True when a shell or interpreter runs the script it reads on standard input. */
function readsScriptFromStdin(u: UnwrappedCommand): boolean {
  const shell = SHELLS.has(u.name);
  if (!shell && !INTERPRETER.test(u.name)) return false;
  let stdinFlag = false;
  for (const a of u.args) {
    const v = a.value;
    if (v === '-' || v === '/dev/stdin') return true;
    if (v === '--') continue;
    if (v.startsWith('-')) {
      // -c runs the next word; -e/-m/-r (interpreters) run code given on the command line
      if (shell && /^-[a-z]*c/i.test(v) && !v.startsWith('--')) return false;
      if (!shell && /^-(c|e|m|r|E)$/.test(v)) return false;
      if (shell && /^-[a-z]*s/.test(v) && !v.startsWith('--')) stdinFlag = true;
      continue;
    }
    // the first operand is a script file, unless -s made the operands arguments
    return stdinFlag;
  }
  return true;
}

function describeSink(u: UnwrappedCommand): string {
  return u.wrappers.includes('sudo') ? `sudo ${u.name}` : u.name;
}

export default defineRule({
  meta: {
    id: 'no-curl-pipe-shell',
    title: 'Downloaded scripts are verified before they run',
    severity: 'error',
    lesson: '06-know-your-dependencies',
    related: {},
    why:
      '`curl https://example.com/install.sh | sh` runs whatever the server (or anyone between you and it) sends at build ' +
      'time, as root, with nothing recorded about what ran. A compromised download site, a hijacked domain or a truncated ' +
      'transfer ends up executed in your image. Download the script to a file, check it against a checksum or signature you ' +
      'pinned in the Dockerfile (`sha256sum -c`, `gpg --verify`), then run it; better still, install the tool from a package ' +
      'or copy the binary from a pinned image. The same goes for `bash <(curl ...)` and `sh -c "$(curl ...)"`. hadolint\'s ' +
      'DL4006 (pipefail) is about pipes in general and is not mapped, so its ignore comments do not silence this rule.',
    fixable: false,
    examples: {
      incorrect: 'FROM node:22-bookworm-slim\nRUN curl -fsSL https://get.pnpm.io/install.sh | sh -\n',
      correct:
        'FROM node:22-bookworm-slim\n' +
        'ARG PNPM_SHA256=9d6bc2ad8dd8fb7f730984988e57b8ac0a82d81c7b3b8ae795378718733a509d\n' +
        'RUN curl -fsSLo /tmp/install.sh https://get.pnpm.io/v9.12.0/install.sh \\\n' +
        ' && echo "${PNPM_SHA256}  /tmp/install.sh" | sha256sum -c - \\\n' +
        ' && sh /tmp/install.sh && rm /tmp/install.sh\n',
    },
  },
  create(context) {
    const message = (how: string) =>
      `${how} runs whatever the server sends, unverified. Download it to a file, check it against a pinned checksum or signature (\`echo "<sha256>  install.sh" | sha256sum -c -\`), then run the file.`;
    return {
      instruction(ins) {
        if (ins.keyword !== 'RUN') return;
        const cmds: ShellCommand[] = ins.commands;
        for (let i = 0; i < cmds.length; i++) {
          const u = unwrapCommand(cmds[i]);
          if (!u) continue;
          // curl ... | sh: look along the pipeline that starts here
          if (DOWNLOADERS.has(u.name)) {
            for (let j = i; j < cmds.length - 1 && cmds[j].before === '|'; j++) {
              const sink = unwrapCommand(cmds[j + 1]);
              if (sink && readsScriptFromStdin(sink)) {
                context.report({
                  range: { start: cmds[i].range.start, end: cmds[j + 1].range.end },
                  message: message(`Piping \`${u.name}\` into \`${describeSink(sink)}\``),
                });
                break;
              }
            }
            continue;
          }
          const runsCode = SHELLS.has(u.name) || u.name === 'eval' || u.name === 'source' || u.name === '.' || INTERPRETER.test(u.name);
          if (!runsCode) continue;
          const process = u.args.find((a) => DOWNLOAD_PROCESS.test(a.value));
          const substituted = u.args.find((a) => DOWNLOAD_SUBSTITUTION.test(a.value));
          if (process) {
            context.report({ range: cmds[i].range, message: message(`\`${describeSink(u)} <(${process.value.slice(2).trim().split(/\s/)[0]} ...)\``) });
          } else if (substituted) {
            context.report({ range: cmds[i].range, message: message(`Running the output of a download with \`${describeSink(u)}\``) });
          }
        }
      },
    };
  },
});
