import { defineRule } from '../rule.ts';
import { chainInstructions, effectiveUser, isWindowsImage, resolveText, rootImageFacts, rootStage, variablesAt } from '../runtime.ts';

/** `80`, `80/tcp`, `8000-8010/udp`: the first port of the spec, or undefined when it is not a number. */
function firstPort(spec: string): number | undefined {
  const m = /^(\d+)(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/i.exec(spec);
  return m ? Number(m[1]) : undefined;
}

/** The unprivileged port nginx-unprivileged and friends use instead of a privileged one. */
function suggestion(port: number): number {
  if (port === 443) return 8443;
  if (port === 80) return 8080;
  return 8000 + port;
}

export default defineRule({
  meta: {
    id: 'privileged-port-as-non-root',
    title: 'A non-root image does not expose a privileged port',
    severity: 'warning',
    lesson: '12-run-as-non-root',
    related: {},
    why:
      'Ports below 1024 are privileged on Linux: binding one needs root or the NET_BIND_SERVICE capability, unless the runtime lowers ' +
      '`net.ipv4.ip_unprivileged_port_start`. Docker (20.10+), Podman and containerd 2 do that for containers, but CRI-O (OpenShift), ' +
      'host networking and older runtimes do not, so a non-root server configured for port 80 fails there with "permission denied". ' +
      'Listening on a high port inside the container costs nothing: the outside port is chosen when publishing (`-p 80:8080`), as ' +
      'nginx-unprivileged does with 8080. Only the final image is judged, and only when it is known to run as non-root. Without an EXPOSE of ' +
      "its own, the base image's ports count: `FROM nginx` with `USER nginx` still tries to listen on 80.",
    fixable: false,
    examples: {
      incorrect: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n',
      correct: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 8080\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        if (!stage.isFinal || isWindowsImage(model, stage)) return;
        const user = effectiveUser(model, stage);
        if (!user || user.isRoot) return;
        const who = user.source === 'instruction' ? `\`USER ${user.ins?.args[0].value ?? user.user}\`` : `\`${model.stages[user.stage.index].baseText}\` runs as UID ${user.uid}`;
        const exposes = chainInstructions(model, stage).filter((i) => i.keyword === 'EXPOSE');
        // no EXPOSE of its own: the base image's ports are the ones its server is configured for (nginx: 80)
        if (exposes.length === 0 && user.source === 'instruction' && user.ins) {
          const facts = rootImageFacts(model, stage);
          const port = facts?.expose?.map(firstPort).find((p): p is number => p !== undefined && p > 0 && p < 1024);
          if (port !== undefined) {
            context.report({
              range: user.ins.args[0].range,
              stage: user.stage.index,
              message:
                `\`${rootStage(model, stage).baseText}\` serves port ${port} (its EXPOSE), a privileged port, and ${who} runs it as non-root: the server cannot ` +
                `bind it without extra capabilities on runtimes such as CRI-O/OpenShift. Configure it to listen on ${suggestion(port)} and \`EXPOSE ${suggestion(port)}\`, ` +
                'or start from an image built for it (nginxinc/nginx-unprivileged listens on 8080).',
            });
          }
          return;
        }
        for (const ins of exposes) {
          const s = model.stages[ins.stageIndex];
          const vars = variablesAt(model, s, ins);
          for (const word of ins.args) {
            const spec = resolveText(word.value, vars);
            if (spec === undefined) continue;
            const port = firstPort(spec);
            if (port === undefined || port === 0 || port >= 1024) continue;
            context.report({
              range: word.range,
              stage: s.index,
              message:
                `Port ${port} is privileged, and this image runs as non-root (${who}): the server cannot bind it without extra ` +
                `capabilities on runtimes such as CRI-O/OpenShift. Listen on ${suggestion(port)} instead, \`EXPOSE ${suggestion(port)}\`, and publish it as \`-p ${port}:${suggestion(port)}\`.`,
            });
          }
        }
      },
    };
  },
});
