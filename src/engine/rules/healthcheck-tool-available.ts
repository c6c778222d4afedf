import { defineRule } from '../rule.ts';
import type { BaseImageFacts } from '../data/base-images.ts';
import { chainInstructions, instructionCommands, lastInChain, rootImageFacts, rootStage, unwrapCommand, variablesAt } from '../runtime.ts';
import type { DockerfileModel, Stage } from '../model.ts';

const TOOLS = new Set(['curl', 'wget']);
/** Language runtimes a HEALTHCHECK may call, judged where the image states its runtimes (distroless, scratch). */
const RUNTIME = /^(?:node|nodejs|python(?:\d+(?:\.\d+)?)?|java|ruby|perl|php|bun|deno)$/;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const dirName = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';

/** A health check written with the image's own runtime, for the message. */
function runtimeCheck(runtime: string): string {
  const name = baseName(runtime);
  if (name.startsWith('python')) return `\`HEALTHCHECK CMD ["${runtime}", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"]\``;
  if (name === 'node') return `\`HEALTHCHECK CMD ["${runtime}", "healthcheck.js"]\` (a script that requests the app and exits 1 on failure)`;
  return `\`${runtime}\` with a health-check class or endpoint built into the app`;
}

/**
 * Whether a runtime the HEALTHCHECK names is found: a bare name through PATH, an absolute path by its
 * name (`elsewhere`: where the image has it instead); undefined when PATH is unknown.
 */
function findRuntime(program: string, runtimes: readonly string[], path: string | undefined): { found: true } | { found: false; elsewhere: string[] } | undefined {
  const name = baseName(program);
  const sameName = runtimes.filter((r) => baseName(r) === name);
  if (program.includes('/')) {
    // another path to a runtime the image has (a link Shipshape does not list) is not judged
    return sameName.length > 0 ? { found: true } : { found: false, elsewhere: [] };
  }
  if (path === undefined) return undefined;
  const trimmed = (d: string) => {
    let end = d.length;
    while (end > 1 && d[end - 1] === '/') end--;
    return d.slice(0, end);
  };
  const dirs = new Set(path.split(':').map(trimmed));
  return sameName.some((r) => dirs.has(dirName(r))) ? { found: true } : { found: false, elsewhere: sameName };
}

/** Whether a package manager command installs (true) or removes (false) the named package, or neither (undefined). */
function packageChange(name: string, args: string[], pkg: string): boolean | undefined {
  const sub = args.find((a) => !a.startsWith('-'));
  const mentions = args.some((a) => a === pkg || new RegExp(`^${pkg}[=~<>]`).test(a));
  if (!mentions) return undefined;
  const apt = name === 'apt-get' || name === 'apt' || name === 'aptitude';
  const rpm = name === 'dnf' || name === 'yum' || name === 'microdnf' || name === 'tdnf';
  if ((apt && sub === 'install') || (name === 'apk' && sub === 'add') || (rpm && sub === 'install') || (name === 'zypper' && (sub === 'install' || sub === 'in'))) return true;
  if ((apt && (sub === 'purge' || sub === 'remove')) || (name === 'apk' && sub === 'del') || (rpm && (sub === 'remove' || sub === 'erase')) || (name === 'zypper' && (sub === 'remove' || sub === 'rm'))) {
    return false;
  }
  return undefined;
}

/** True when the image's own steps put the tool in (package install, or a copied binary) and do not remove it again. */
function installedInChain(model: DockerfileModel, stage: Stage, tool: string): boolean {
  let present = false;
  for (const ins of chainInstructions(model, stage)) {
    if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && ins.args.some((a) => a.value.replace(/(?<!\/)\/+$/, '').split('/').pop() === tool)) present = true;
    if (ins.keyword !== 'RUN') continue;
    for (const cmd of instructionCommands(ins, model.doc)) {
      const change = packageChange(cmd.name, cmd.args.map((a) => a.value), tool);
      if (change !== undefined) present = change;
    }
  }
  return present;
}

/**
 * True when the chain may have copied a runtime in: a COPY/ADD naming it in a path (`/usr/local/bin/node`,
 * `/opt/python3.13/`), or copying from an image or stage built on it (`--from=node:22`, a `python` builder).
 * Then Shipshape cannot tell what is on PATH, and the check is not judged.
 */
function mayCopyRuntime(model: DockerfileModel, stage: Stage, name: string): boolean {
  // python3.13 -> python (trimmed by hand: an anchored `[\d.]+$` backtracks on long digit runs)
  let end = name.length;
  while (end > 1 && /[\d.]/.test(name[end - 1])) end--;
  const stem = name.slice(0, end);
  for (const ins of chainInstructions(model, stage)) {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
    if (ins.args.some((a) => a.value.split('/').some((seg) => seg.startsWith(stem)))) return true;
    const from = ins.flags.find((f) => f.name === 'from')?.value?.toLowerCase();
    if (!from) continue;
    const source = model.stages.find((s) => s.index < stage.index && (s.name === from || String(s.index) === from));
    const image = source ? rootStage(model, source).base.path.toLowerCase() : from;
    if (image.includes(stem)) return true;
  }
  return false;
}

function installHint(facts: BaseImageFacts, tool: string): string {
  switch (facts.packageManager) {
    case 'apt':
      return `install it in this stage: \`RUN apt-get update && apt-get install -y --no-install-recommends ${tool} && rm -rf /var/lib/apt/lists/*\``;
    case 'apk':
      return `install it in this stage: \`RUN apk add --no-cache ${tool}\``;
    case 'dnf':
    case 'microdnf':
    case 'yum':
      return `install it in this stage: \`RUN ${facts.packageManager} install -y ${tool}\``;
    case 'zypper':
      return `install it in this stage: \`RUN zypper --non-interactive install ${tool}\``;
    default: {
      const runtime = facts.runtimes?.find((r) => /\/(?:node|python3|java)$/.test(r));
      if (runtime) return `this image has no package manager, but it has its runtime: check with it, e.g. ${runtimeCheck(runtime)}`;
      return 'this image has no package manager: build a health check into the app (e.g. `HEALTHCHECK CMD ["/app/server", "healthcheck"]`) or copy a static binary in from a builder stage';
    }
  }
}

export default defineRule({
  meta: {
    id: 'healthcheck-tool-available',
    title: 'The HEALTHCHECK uses a tool the image has',
    severity: 'error',
    lesson: '16-health-checks',
    related: {},
    why:
      'A HEALTHCHECK runs inside the container. If it calls curl in an image without curl, every check fails with "not found" and the ' +
      'container is marked unhealthy forever, while the app is fine; Compose waits for it in vain and Swarm restarts it in a loop. ' +
      'Slim and minimal images leave these tools out: debian-slim and python-slim have neither curl nor wget, Alpine has only the busybox ' +
      'wget, distroless and scratch have neither (and no shell). Install the tool in the final stage, use the one that is there, or build ' +
      'the check into the app. Distroless language images carry their runtime, so a check can use it, but at its real path: ' +
      'distroless nodejs has node only at `/nodejs/bin/node`, which is not on PATH, so `["CMD", "node", ...]` is never found. ' +
      'Base images Shipshape does not know are not judged.',
    fixable: false,
    examples: {
      incorrect: 'FROM python:3.13-slim\nEXPOSE 8000\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
      correct:
        'FROM python:3.13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nEXPOSE 8000\n' +
        'HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        if (!stage.isFinal) return;
        const hc = lastInChain(model, stage, 'HEALTHCHECK');
        if (!hc) return;
        const facts = rootImageFacts(model, stage);
        if (!facts) return;
        for (const cmd of instructionCommands(hc, model.doc)) {
          const u = unwrapCommand(cmd);
          // the program Docker starts (`python3 -m mod` starts python3), else the one a wrapper runs
          const run = RUNTIME.test(cmd.name) ? { name: cmd.name, program: { value: cmd.program, range: cmd.programRange } } : RUNTIME.test(u.name) ? u : undefined;
          if (run && facts.runtimes) {
            if (mayCopyRuntime(model, stage, run.name)) continue;
            const where = findRuntime(run.program.value, facts.runtimes, variablesAt(model, stage, hc).get('PATH'));
            if (!where || where.found) continue;
            const runtime = facts.runtimes.find((r) => /\/(?:node|python3|java)$/.test(r));
            const message =
              where.elsewhere.length > 0
                ? `\`${run.name}\` is not on the PATH of ${facts.label}: the runtime is at \`${where.elsewhere[0]}\`, so this check always fails ("executable file not found in $PATH") and the container is reported unhealthy. Write the full path: \`${where.elsewhere[0]}\`.`
                : `${run.name} is not in ${facts.label}, so this check always fails and the container is reported unhealthy. ` +
                  (runtime ? `Use the runtime the image has, e.g. ${runtimeCheck(runtime)}.` : 'Build the check into the app (e.g. `HEALTHCHECK CMD ["/app/server", "healthcheck"]`) or copy a static binary in from a builder stage.');
            context.report({ range: run.program.range, stage: hc.stageIndex, message });
            continue;
          }
          if (!TOOLS.has(u.name)) continue;
          if (facts.tools.includes(u.name) || installedInChain(model, stage, u.name)) continue;
          const other = u.name === 'curl' ? 'wget' : 'curl';
          const otherThere = facts.tools.includes(other) || installedInChain(model, stage, other);
          const url = u.args.find((a) => /^https?:\/\//.test(a.value))?.value ?? 'http://localhost:8080/';
          const alternative = otherThere
            ? other === 'wget'
              ? `use wget, which the image has (\`wget -q --spider ${url}\`), or `
              : `use curl, which the image has (\`curl -f ${url}\`), or `
            : '';
          const noShell = !facts.hasShell && !hc.execForm ? ' It also has no shell, so a shell-form HEALTHCHECK cannot run at all: use the JSON form.' : '';
          context.report({
            range: u.program.range,
            stage: hc.stageIndex,
            message: `${u.name} is not in ${facts.label}, so this check always fails and the container is reported unhealthy. ${capitalize(alternative + installHint(facts, u.name))}.${noShell}`,
          });
        }
      },
    };
  },
});
