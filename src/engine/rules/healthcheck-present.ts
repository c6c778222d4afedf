import { defineRule } from '../rule.ts';
import { chainInstructions, lastInChain, resolveText, rootImageFacts, variablesAt } from '../runtime.ts';

export default defineRule({
  meta: {
    id: 'healthcheck-present',
    title: 'A service image declares a HEALTHCHECK',
    severity: 'warning',
    lesson: '16-health-checks',
    related: {},
    why:
      'Without a HEALTHCHECK, Docker only knows whether the process is running, not whether it still answers: a server stuck in a deadlock ' +
      'or with a broken database connection stays "Up" and keeps receiving traffic. With one, `docker ps` shows `unhealthy`, Compose can wait ' +
      'for `service_healthy`, and Swarm replaces the container. The rule judges the final image, and only one that serves something (it ' +
      'EXPOSEs a port, or its base image does): a CLI or batch image has nothing to probe. `HEALTHCHECK NONE` counts as a decision, ' +
      'for instance when Kubernetes probes (which ignore HEALTHCHECK) do the job, and silences the rule.',
    fixable: false,
    examples: {
      incorrect: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      correct:
        'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nHEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        if (!stage.isFinal) return;
        if (lastInChain(model, stage, 'HEALTHCHECK')) return;
        const facts = rootImageFacts(model, stage);
        // the first port the image serves: EXPOSE in the Dockerfile, else the base image's
        let port: string | undefined;
        for (const ins of chainInstructions(model, stage)) {
          if (ins.keyword !== 'EXPOSE' || ins.args.length === 0 || port) continue;
          const value = resolveText(ins.args[0].value, variablesAt(model, model.stages[ins.stageIndex], ins));
          port = value?.split('/')[0] ?? ins.args[0].value;
        }
        port ??= facts?.expose?.[0]?.split('/')[0];
        if (!port) return;
        const url = `http://localhost:${/^\d+$/.test(port) ? port : '8080'}/`;
        let probe: string;
        if (facts && !facts.hasShell) probe = `a check built into the app in exec form, e.g. \`HEALTHCHECK CMD ["/app/server", "healthcheck"]\` (this image has no shell, curl or wget)`;
        else if (facts && !facts.tools.includes('curl') && facts.tools.includes('wget')) probe = `\`HEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider ${url} || exit 1\``;
        else if (facts && facts.tools.length === 0) probe = `\`HEALTHCHECK --interval=30s --timeout=3s CMD curl -f ${url} || exit 1\` after installing curl, or a check built into the app`;
        else probe = `\`HEALTHCHECK --interval=30s --timeout=3s CMD curl -f ${url} || exit 1\``;
        context.report({
          range: stage.from.range,
          message:
            `The final image serves port ${port} but has no HEALTHCHECK, so a hung server still looks healthy. Add one that probes it; for an HTTP server, e.g. ${probe}. ` +
            'If an orchestrator probes it instead, say so with `HEALTHCHECK NONE`.',
        });
      },
    };
  },
});
