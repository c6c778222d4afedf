import { defineRule } from '../rule.ts';
import type { Instruction } from '../model.ts';
import {
  appendToRunEdit,
  coversPath,
  flagValue,
  packageManagerCommands,
  removedPaths,
  runMounts,
  type PackageManagerCommand,
} from '../package-managers.ts';

type Family = 'rpm' | 'zypper' | 'npm' | 'yarn';

interface FamilyRules {
  /** Does this invocation download packages into the cache? */
  fills(pm: PackageManagerCommand): boolean;
  /** Does this invocation clean the cache? */
  cleans(pm: PackageManagerCommand): boolean;
  /** Is this path (deleted by rm, or a cache mount target) the cache? */
  isCache(path: string, pm: PackageManagerCommand): boolean;
  /** The command appended by the quick fix. */
  cleanup(pm: PackageManagerCommand): string;
  where: string;
}

const FAMILIES: Record<Family, FamilyRules> = {
  rpm: {
    fills: (pm) => (pm.manager === 'yum' || pm.manager === 'dnf') && (pm.action === 'install' || pm.action === 'upgrade'),
    cleans: (pm) => (pm.manager === 'yum' || pm.manager === 'dnf') && pm.action === 'clean',
    isCache: (p) => ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'].some((c) => coversPath(p, c)),
    cleanup: (pm) => `${pm.tool} clean all`,
    where: '/var/cache/dnf (or /var/cache/yum)',
  },
  zypper: {
    fills: (pm) => pm.manager === 'zypper' && (pm.action === 'install' || pm.action === 'upgrade'),
    cleans: (pm) => pm.manager === 'zypper' && pm.action === 'clean',
    isCache: (p) => coversPath(p, '/var/cache/zypp'),
    cleanup: () => 'zypper clean --all',
    where: '/var/cache/zypp',
  },
  npm: {
    fills: (pm) => pm.manager === 'npm' && pm.action === 'install',
    cleans: (pm) => pm.manager === 'npm' && pm.subcommand === 'cache clean',
    isCache: (p, pm) => /(^|\/)\.npm$/.test(p) || p === (flagValue(pm, '--cache') ?? '').replace(/(?<!\/)\/+$/, ''),
    cleanup: () => 'npm cache clean --force',
    where: '~/.npm',
  },
  yarn: {
    fills: (pm) => pm.manager === 'yarn' && pm.action === 'install',
    cleans: (pm) => pm.manager === 'yarn' && pm.subcommand === 'cache clean',
    isCache: (p) => /(^|\/)(\.cache\/yarn|\.yarn\/cache|\.yarn-cache|yarn-cache)$/.test(p) || coversPath(p, '/usr/local/share/.cache/yarn'),
    cleanup: () => 'yarn cache clean',
    where: 'the yarn cache (/usr/local/share/.cache/yarn)',
  },
};

const FAMILY_LIST = Object.values(FAMILIES);

/** The last invocation of a family in the RUN that fills its cache with nothing cleaning up after it, if any. */
function uncleaned(ins: Instruction, pms: PackageManagerCommand[], family: FamilyRules): PackageManagerCommand | undefined {
  let last: PackageManagerCommand | undefined;
  for (const pm of pms) if (family.fills(pm)) last = pm;
  if (!last) return undefined;
  const from = ins.commands.indexOf(last.command);
  const later = ins.commands.slice(from + 1);
  if (pms.some((pm) => family.cleans(pm) && ins.commands.indexOf(pm.command) > from)) return undefined;
  if (later.some((c) => removedPaths(c).some((p) => family.isCache(p, last)))) return undefined;
  const pm = last;
  if (runMounts(ins).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && family.isCache(m.target, pm))) return undefined;
  return last;
}

export default defineRule({
  meta: {
    id: 'package-cache-cleanup',
    title: 'dnf/yum, zypper, npm and yarn caches are cleaned in the same RUN',
    severity: 'warning',
    lesson: '08-install-only-what-you-need',
    related: { hadolint: ['DL3032', 'DL3040', 'DL3036', 'DL3060'] },
    why:
      'Package managers keep metadata and downloads in a cache so the next install is faster; in an image the cache is ' +
      'only size, and it is baked into the layer of the RUN that wrote it, so it must be cleaned in that same RUN: ' +
      '`dnf clean all` / `yum clean all`, `zypper clean --all`, `npm cache clean --force`, `yarn cache clean`, or a build ' +
      'cache mount on the cache directory. apt, apk and pip have their own rules (apt-lists-cleanup, apk-no-cache, ' +
      'pip-no-cache-dir). gem is left out: whether it writes documentation depends on the image\'s gemrc (the official ruby ' +
      'images already turn it off), which the Dockerfile does not show; pnpm\'s store is hard-linked into node_modules, so ' +
      'pruning it saves little. Only stages that end up in the final image are judged.',
    fixable: true,
    examples: {
      incorrect:
        'FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      correct:
        'FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev && npm cache clean --force\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  create(context) {
    return {
      instruction(ins, stage) {
        if (ins.keyword !== 'RUN' || !stage?.inFinalImage) return;
        const pms = packageManagerCommands(ins);
        if (pms.length === 0) return;
        const found: { pm: PackageManagerCommand; family: FamilyRules }[] = [];
        for (const family of FAMILY_LIST) {
          const pm = uncleaned(ins, pms, family);
          if (pm) found.push({ pm, family });
        }
        if (found.length === 0) return;
        // one edit for the whole RUN, so the fixes of several managers do not collide
        const commands = found.map(({ pm, family }) => (pm.wrappers.includes('sudo') ? `sudo ${family.cleanup(pm)}` : family.cleanup(pm)));
        const edit = appendToRunEdit(context.model.doc, context.model.escapeChar, ins, commands.join(' && '));
        for (const { pm, family } of found) {
          const anchor = pm.subcommandWords[pm.subcommandWords.length - 1];
          context.report({
            range: { start: pm.toolWord.range.start, end: anchor.range.end },
            message: `\`${pm.tool} ${pm.subcommand}\` leaves its cache in ${family.where} in this layer: end the same RUN with \`${family.cleanup(pm)}\`, or use a cache mount.`,
            ...(edit ? { fix: { title: `Clean the cache: ${commands.join(' && ')}`, edits: [edit] } } : {}),
          });
        }
      },
    };
  },
});
