import { defineRule } from '../rule.ts';
import { keyValues, referencedVariables } from '../runtime.ts';

/** Instructions that only set image metadata. USER, WORKDIR, ENV, SHELL and VOLUME change how later steps run, so they are not here. */
const METADATA = new Set(['LABEL', 'EXPOSE', 'STOPSIGNAL', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'MAINTAINER']);
/** Steps that build layers: the ones a cache miss makes expensive. */
const BUILD_STEPS = new Set(['RUN', 'COPY', 'ADD']);
/** ARGs BuildKit sets itself or keeps out of the cache key. */
const PREDEFINED_ARGS = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
]);

export default defineRule({
  meta: {
    id: 'metadata-late',
    title: 'Metadata comes after the build steps',
    severity: 'info',
    lesson: '10-layer-order-and-cache',
    related: {},
    why:
      'Metadata (LABEL, EXPOSE, CMD, ENTRYPOINT, HEALTHCHECK, STOPSIGNAL) builds no files, so it belongs after the steps that do: readers find ' +
      'it at the end, and changing it never costs a rebuild. With the classic builder, Podman/Buildah and kaniko, editing a LABEL or EXPOSE ' +
      'near the top rebuilds every step after it; BuildKit keeps those caches. One case costs a rebuild with BuildKit too: every RUN after ' +
      'an `ARG` receives it as an environment variable, so an ARG that only feeds a LABEL (a build date, a commit) re-runs all those RUN ' +
      'steps whenever its value changes. USER and WORKDIR before RUN are intended and never reported; ENV is not reported either, since ' +
      'any program in a later RUN may read it.',
    fixable: false,
    examples: {
      incorrect:
        'FROM python:3.13-slim\nARG GIT_COMMIT\nLABEL org.opencontainers.image.revision=$GIT_COMMIT\nEXPOSE 8000\nCOPY requirements.txt .\n' +
        'RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
      correct:
        'FROM python:3.13-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nEXPOSE 8000\n' +
        'ARG GIT_COMMIT\nLABEL org.opencontainers.image.revision=$GIT_COMMIT\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
  },
  create(context) {
    return {
      stageEnd(stage) {
        const list = stage.instructions;
        let lastBuild = list.length - 1;
        while (lastBuild >= 0 && !BUILD_STEPS.has(list[lastBuild].keyword)) lastBuild--;
        list.forEach((ins, k) => {
          if (METADATA.has(ins.keyword) && k < lastBuild) {
            const next = list.slice(k + 1).find((i) => BUILD_STEPS.has(i.keyword));
            context.report({
              range: ins.range,
              message:
                `Move this ${ins.keyword} after the build steps (the ${next?.keyword ?? 'RUN'} on line ${(next?.range.start.line ?? 0) + 1} and later): ` +
                'metadata at the end is where readers look, and changing it then never rebuilds a layer (the classic builder, Podman and kaniko rebuild every later step).',
            });
            return;
          }
          if (ins.keyword !== 'ARG') return;
          for (const kv of keyValues(ins)) {
            if (PREDEFINED_ARGS.has(kv.name)) continue;
            const later = list.slice(k + 1);
            // a text without the name cannot reference it: most are rejected without the regex
            const users = later.filter((i) => i.argumentsText.includes(kv.name) && referencedVariables(i.argumentsText).has(kv.name));
            // only an ARG that feeds LABELs and nothing else, with a RUN after it that does not use it
            if (users.length === 0 || !users.every((i) => i.keyword === 'LABEL')) continue;
            const runs = later.filter((i) => i.keyword === 'RUN');
            if (runs.length === 0) continue;
            context.report({
              range: kv.nameRange,
              message:
                `Every RUN after \`ARG ${kv.name}\` gets it as an environment variable, so each new value (a date, a commit) re-runs ${runs.length === 1 ? 'that RUN' : `those ${runs.length} RUN steps`}, ` +
                `even with BuildKit. It only feeds a LABEL: declare it right before that LABEL, after the build steps.`,
            });
          }
        });
      },
    };
  },
});
