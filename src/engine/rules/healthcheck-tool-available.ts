import { defineRule } from '../rule.ts';
import type { BaseImageFacts } from '../data/base-images.ts';
import { chainInstructions, instructionCommands, lastInChain, rootImageFacts, unwrapCommand } from '../runtime.ts';
import type { DockerfileModel, Stage } from '../model.ts';

const TOOLS = new Set(['curl', 'wget']);
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

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
    default:
      return 'this image has no package manager: build a health check into the app (e.g. `HEALTHCHECK CMD ["/app/server", "healthcheck"]`) or copy a static binary in from a builder stage';
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
      'the check into the app. Base images Shipshape does not know are not judged.',
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
