/**
 * What Shipshape knows about well-known base images, in one dated module. The rules (non-root
 * bases, images without a shell, minimal bases, EOL) and the image preview all read it from here,
 * so a fact is corrected in one place.
 *
 * Checked: 2026-11-24. Sources are named per entry. Sizes are approximate compressed sizes for
 * linux/amd64 as a registry reports them; they drift with every rebuild and are for teaching.
 * An image not listed here is unknown: callers must show it as unknown, never guess.
 */
import type { ImageReference } from '../image-ref.ts';

export const BASE_IMAGES_CHECKED = '2026-11-24';

export interface BaseImageFacts {
  /** Human name of the variant: "python slim (Debian 12)". */
  label: string;
  /** Approximate compressed size in MB (linux/amd64). */
  sizeMB: number;
  /** Default user as `docker inspect` shows Config.User ('' means root). */
  user: string;
  /** Numeric UID the default user runs as (0 for root). */
  uid: number;
  hasShell: boolean;
  /** The package manager present, if any. */
  packageManager: 'apt' | 'apk' | 'dnf' | 'microdnf' | 'yum' | 'zypper' | null;
  libc: 'glibc' | 'musl' | 'none';
  /** Tools worth knowing about for HEALTHCHECK (curl, wget). */
  tools: string[];
  cmd?: string[];
  entrypoint?: string[];
  workdir?: string;
  expose?: string[];
  stopSignal?: string;
  env?: Record<string, string>;
  /** Minimal image (alpine, slim, distroless, scratch, chainguard) as the minimal-base lesson counts it. */
  minimal: boolean;
  /** Where the facts came from. */
  source: string;
}

interface Entry {
  /** Repository paths this entry covers, canonical (`library/python`, `gcr.io/distroless/static-debian12`). */
  repositories: string[];
  /** Tag pattern (anchored regular expression source); absent matches any tag. */
  tag?: string;
  facts: BaseImageFacts;
}

/** Most specific entries first: the first match wins. */
export const BASE_IMAGE_TABLE: Entry[] = [
  // The table is filled in by the image-preview work (issue 5); entries here are the ones the rules rely on.
];

/** The key a reference is looked up by: `library/python` for Docker Hub, `gcr.io/distroless/static` elsewhere. */
export function repositoryKey(ref: ImageReference): string {
  return ref.registry === 'docker.io' ? ref.canonicalPath.toLowerCase() : `${ref.registry}/${ref.path}`.toLowerCase();
}

/** Facts about a base image, or undefined when Shipshape does not know it. */
export function lookupBaseImage(ref: ImageReference): BaseImageFacts | undefined {
  const key = repositoryKey(ref);
  const tag = ref.tag ?? 'latest';
  for (const entry of BASE_IMAGE_TABLE) {
    if (!entry.repositories.includes(key)) continue;
    if (entry.tag && !new RegExp(`^(?:${entry.tag})$`).test(tag)) continue;
    return entry.facts;
  }
  return undefined;
}
