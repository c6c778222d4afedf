import { defineRule } from '../rule.ts';
import type { Fix } from '../types.ts';

interface PortSpec {
  /** `127.0.0.1:80` of `127.0.0.1:80:8080`: what EXPOSE cannot use; '' when there is none. */
  host: string;
  /** `8080/tcp`: the container side with its protocol as written. */
  container: string;
  /** The protocol as written after `/`, or ''. */
  proto: string;
}

/** Splits a port word at its `:` and `/`, skipping those inside `${...}` (`${PORT:-8080}`). */
function splitPort(word: string): PortSpec {
  let depth = 0;
  let lastColon = -1;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === '$' && word[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (c === ':' && depth === 0) lastColon = i;
  }
  const host = lastColon >= 0 ? word.slice(0, lastColon) : '';
  const container = word.slice(lastColon + 1);
  depth = 0;
  let slash = -1;
  for (let i = 0; i < container.length && slash < 0; i++) {
    const c = container[i];
    if (c === '$' && container[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (c === '/' && depth === 0) slash = i;
  }
  return { host, container, proto: slash >= 0 ? container.slice(slash + 1) : '' };
}

export default defineRule({
  meta: {
    id: 'expose-format',
    title: 'EXPOSE names container ports only, with a lower-case protocol',
    severity: 'warning',
    lesson: '12-run-as-non-root',
    related: { buildkit: ['ExposeInvalidFormat', 'ExposeProtoCasing'] },
    why:
      'EXPOSE documents the port the process inside the container listens on; it publishes nothing. `EXPOSE 80:8080` and ' +
      '`EXPOSE 127.0.0.1:80:8080` look like `docker run -p`, but Docker keeps only the container side (`8080`) and ignores the ' +
      'host port and the address, so the line promises a mapping that never happens; BuildKit warns that it will become an error. ' +
      'Which host port and interface to publish on is decided where the container runs (`docker run -p`, Compose `ports:`, a ' +
      'Kubernetes Service). Protocols are written in lower case, `53/udp`. The quick fix keeps the container side, as Docker does.',
    fixable: true,
    examples: {
      incorrect: 'FROM nginxinc/nginx-unprivileged:1.30-alpine\nCOPY dist/ /usr/share/nginx/html/\nEXPOSE 80:8080\n',
      correct: 'FROM nginxinc/nginx-unprivileged:1.30-alpine\nCOPY dist/ /usr/share/nginx/html/\nEXPOSE 8080\n',
    },
  },
  create(context) {
    const { doc } = context.model;
    return {
      instruction(ins) {
        if (ins.keyword !== 'EXPOSE') return;
        for (const word of ins.args) {
          if (/["']/.test(word.value)) continue;
          const { host, container, proto } = splitPort(word.value);
          const upper = proto !== '' && !proto.includes('$') && proto !== proto.toLowerCase();
          if (!host && !upper) continue;
          const port = upper ? `${container.slice(0, container.length - proto.length)}${proto.toLowerCase()}` : container;
          const fix: Fix | undefined =
            doc.rangeText(word.range) === word.value && port !== '' ? { title: `Write ${port}`, edits: [{ range: word.range, newText: port }] } : undefined;
          const message = host
            ? `EXPOSE takes the container's port only: Docker ignores \`${host}:\` here, so nothing is published on it. ` +
              `Write \`EXPOSE ${port || '<port>'}\`, and choose the host side where the container runs (\`docker run -p ${host}:${container || '<port>'}\`).`
            : `Protocols in EXPOSE are lower case: write \`${port}\`.`;
          context.report({ range: word.range, message, ...(fix ? { fix } : {}) });
        }
      },
    };
  },
});
