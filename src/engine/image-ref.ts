/**
 * Image references as Docker reads them: `[registry/]path[:tag][@digest]`. The registry is the first
 * path component when it looks like a host (has a dot or a colon, or is `localhost`); otherwise the
 * image is on Docker Hub, where a single-component path lives in the `library/` namespace.
 */
import type { BaseImageFacts } from './data/base-images.ts';

export interface ImageReference {
  /** The reference with ARG defaults substituted. */
  resolved: string;
  /** Registry host; `docker.io` when none is written. */
  registry: string;
  /** True when the registry was written out in the reference. */
  explicitRegistry: boolean;
  /** Repository path as written, without registry: `node`, `nginxinc/nginx-unprivileged`. */
  path: string;
  /** The path Docker Hub uses: `library/node` for official images. */
  canonicalPath: string;
  tag?: string;
  digest?: string;
  /**
   * What other modules have read from this reference (is it a Windows image, the base-image facts),
   * kept on it because several rules ask about every stage's base. Not part of the reference's meaning.
   */
  readings?: ReferenceReadings;
}

/** Memo slots on an ImageReference; `undefined` means not read yet, `null` means not known. */
export interface ReferenceReadings {
  windows?: boolean;
  facts?: BaseImageFacts | null;
}

const DOCKER_HUB = 'docker.io';

export function parseImageReference(ref: string): ImageReference {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry = DOCKER_HUB;
  let explicitRegistry = false;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first === 'index.docker.io' || first === 'registry-1.docker.io' ? DOCKER_HUB : first;
      explicitRegistry = true;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const path = rest;
  const canonicalPath = registry === DOCKER_HUB && path !== '' && !path.includes('/') ? `library/${path}` : path;
  return { resolved: ref, registry, explicitRegistry, path, canonicalPath, tag: tag || undefined, digest: digest || undefined, readings: undefined };
}

export interface Substitution {
  text: string;
  /** Variables referenced but not defined by any ARG in scope. */
  undefinedVariables: string[];
  /** Variables defined by an ARG without a default value (or with an empty one). */
  emptyVariables: string[];
}

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` and `${VAR+alt}`
 * with the values known at build time from ARG defaults. Unknown variables become ''.
 */
export function substituteVariables(text: string, values: ReadonlyMap<string, string | undefined>): Substitution {
  const undefinedVariables: string[] = [];
  const emptyVariables: string[] = [];
  const lookup = (name: string): string | undefined => {
    if (!values.has(name)) {
      if (!undefinedVariables.includes(name)) undefinedVariables.push(name);
      return undefined;
    }
    const v = values.get(name);
    if (v === undefined || v === '') {
      if (!emptyVariables.includes(name)) emptyVariables.push(name);
    }
    return v;
  };
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?[-+])?/.exec(body);
      if (!m) {
        out += text.slice(i, close + 1);
      } else {
        const name = m[1];
        const op = m[0].slice(name.length);
        const word = body.slice(m[0].length);
        if (op === '') out += lookup(name) ?? '';
        else {
          const has = values.has(name);
          const v = has ? values.get(name) : undefined;
          const set = op.startsWith(':') ? v !== undefined && v !== '' : has && v !== undefined;
          if (op.endsWith('-')) out += set ? (v as string) : word;
          else out += set ? word : '';
        }
      }
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, i + 256));
    if (m) {
      out += lookup(m[0]) ?? '';
      i += 1 + m[0].length;
    } else {
      out += ch;
      i++;
    }
  }
  return { text: out, undefinedVariables, emptyVariables };
}
