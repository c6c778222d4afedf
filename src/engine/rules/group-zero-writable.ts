import { defineRule } from '../rule.ts';
import type { Instruction } from '../model.ts';
import {
  absolutePath,
  chainInstructions,
  createdUsers,
  effectiveUser,
  isWindowsImage,
  lacksShell,
  resolveText,
  rootImageFacts,
  splitUserSpec,
  stageChain,
  variablesAt,
  workdirs,
  type UserSpec,
} from '../runtime.ts';
import type { ShellCommand } from '../shell.ts';
import { compareRanges } from '../text.ts';
import type { Range, TextEdit } from '../types.ts';

/** A place where the Dockerfile hands files to the app's user: `COPY --chown=...` or `RUN chown ...`. */
interface ChownSite {
  ins: Instruction;
  /** The owner spec as written, with ranges of its parts. */
  spec: UserSpec;
  /** Resolved group; undefined when none is written. */
  group: string | undefined;
  /** COPY --chown without a group uses the UID as GID; `chown user` keeps the group; `chown user:` uses the login group. */
  groupMissingMeans: 'uid' | 'unchanged';
  paths: string[];
  /** Where to report. */
  range: Range;
  /** COPY/ADD: the `--chmod` flag, when there is one. */
  chmod?: { value: string; range: Range };
}

/** An octal mode with the group given the owner's rights (`chmod g=u`): 755 -> 775, 0640 -> 0660. */
function groupLikeOwner(mode: string): string | undefined {
  if (!/^[0-7]{3,4}$/.test(mode)) return undefined;
  const k = mode.length - 3;
  return mode.slice(0, k + 1) + mode[k] + mode.slice(k + 2);
}

/** True when a chmod mode gives the group write access (`g=u`, `g+w`, `ug+rwX`, `775`, `2770`). */
function grantsGroupWrite(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) return (Number(mode[mode.length - 2]) & 2) !== 0;
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m || !(m[1].includes('g') || m[1].includes('a'))) return false;
    return [...m[2].matchAll(/([-+=])([rwxXstugo]*)/g)].some(([, op, perms]) => op !== '-' && (perms.includes('w') || perms.includes('u')));
  });
}

function splitOptions(cmd: ShellCommand): { options: string[]; operands: ShellCommand['args'] } {
  const options: string[] = [];
  let k = 0;
  while (k < cmd.args.length && cmd.args[k].value.startsWith('-') && !/^-[rwxXst]+$/.test(cmd.args[k].value)) {
    if (cmd.args[k].value === '--') {
      k++;
      break;
    }
    options.push(cmd.args[k].value);
    k++;
  }
  return { options, operands: cmd.args.slice(k) };
}

const isRecursive = (options: string[]) => options.some((o) => o === '--recursive' || /^-[a-zA-Z]*R/.test(o));

/** Where group-write chmods happen, by path: the latest position of any, and of recursive ones. */
class ChmodIndex {
  private readonly any = new Map<string, number>();
  private readonly recursive = new Map<string, number>();

  add(path: string, position: number, recursive: boolean): void {
    this.any.set(path, Math.max(position, this.any.get(path) ?? -1));
    if (recursive) this.recursive.set(path, Math.max(position, this.recursive.get(path) ?? -1));
  }

  /** True when a chmod at or after `position` makes `path` group-writable: on it, on a parent with -R, or on a directory inside it. */
  covers(path: string, position: number): boolean {
    if ((this.any.get(path) ?? -1) >= position) return true;
    for (let p = path; p !== '/'; ) {
      p = p.slice(0, p.lastIndexOf('/')) || '/';
      if ((this.recursive.get(p) ?? -1) >= position) return true;
    }
    // the author made a directory below it writable: that is where the app writes
    const prefix = path === '/' ? '/' : `${path}/`;
    for (const [p, at] of this.any) if (at >= position && p.startsWith(prefix)) return true;
    return false;
  }
}

export default defineRule({
  meta: {
    id: 'group-zero-writable',
    title: 'Files the app writes belong to group 0 and are group-writable',
    severity: 'info',
    lesson: '13-arbitrary-and-high-uids',
    related: {},
    why:
      'OpenShift (and any platform that sets `runAsUser`) starts the container with an arbitrary UID that is not the one in USER, but always ' +
      'with group 0. Files owned by `10001:10001` are then read-only to the process, and the app fails on its first write. The portable ' +
      'pattern: hand the directories the app writes to group 0 (`COPY --chown=10001:0`, `chown -R 10001:0`) and give the group the ' +
      "owner's rights (`chmod -R g=u`); in an image without a shell (scratch, distroless) both happen as the files are copied, " +
      '`COPY --chown=10001:0 --chmod=775`. The rule looks only at a final image with a numeric USER, and only at directories the Dockerfile ' +
      'hands to that user with `--chown` or `chown`; without those it does not know what the app writes and stays silent.',
    fixable: true,
    examples: {
      incorrect:
        'FROM python:3.13-slim\nRUN useradd --uid 10001 app\nWORKDIR /app\nCOPY --chown=10001:10001 . .\nUSER 10001\nCMD ["python", "app.py"]\n',
      correct:
        'FROM python:3.13-slim\nRUN useradd --uid 10001 app\nWORKDIR /app\nCOPY --chown=10001:0 . .\nRUN chmod -R g=u /app\nUSER 10001\nCMD ["python", "app.py"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        if (!stage.isFinal || isWindowsImage(model, stage)) return;
        const user = effectiveUser(model, stage);
        if (!user || user.source !== 'instruction' || user.isRoot || !/^\d+$/.test(user.user)) return;
        const uid = user.user;
        // the names that mean this UID: accounts the Dockerfile creates, or the base image has
        const names = new Set([uid, String(Number(uid))]);
        for (const [name, u] of createdUsers(model, stage)) if (u.uid === Number(uid)) names.add(name);
        for (const [name, u] of Object.entries(rootImageFacts(model, stage)?.users ?? {})) if (u === Number(uid)) names.add(name);

        // without a shell there is no `RUN chmod`: COPY --chmod sets the mode as the files arrive
        const noShell = lacksShell(model, stage);
        const wd = workdirs(model, stage);
        const position = new Map(chainInstructions(model, stage).map((ins, k) => [ins, k]));
        const chowns: ChownSite[] = [];
        const chmods = new ChmodIndex();
        const stageOf = new Map<Instruction, number>();
        for (const s of stageChain(model, stage)) for (const ins of s.instructions) stageOf.set(ins, s.index);

        for (const ins of chainInstructions(model, stage)) {
          // only COPY, ADD and RUN hand files over
          if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD' && ins.keyword !== 'RUN') continue;
          if (ins.keyword === 'RUN' && !ins.commands.some((c) => c.name === 'chmod' || c.name === 'chown')) continue;
          const s = model.stages[ins.stageIndex];
          const vars = variablesAt(model, s, ins);
          const workdir = wd.get(ins);
          const resolvePath = (p: string): string | undefined => {
            const r = resolveText(p, vars);
            if (r === undefined) return undefined;
            return r.startsWith('/') ? absolutePath(r, '/') : workdir === undefined ? undefined : absolutePath(r, workdir);
          };
          if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
            const dest = ins.args[ins.args.length - 1]?.value;
            const path = dest !== undefined && ins.args.length >= 2 && !ins.argumentsText.trim().startsWith('[') ? resolvePath(dest) : undefined;
            if (!path) continue;
            const chown = ins.flags.find((f) => f.name === 'chown');
            const chmod = ins.flags.find((f) => f.name === 'chmod');
            if (chmod?.value && grantsGroupWrite(chmod.value)) chmods.add(path, position.get(ins) ?? 0, true);
            if (!chown?.value) continue;
            const valueStart = chown.range.start.character + '--chown='.length;
            const valueRange: Range = { start: { line: chown.range.start.line, character: valueStart }, end: chown.range.end };
            const spec = splitUserSpec(chown.value, valueRange);
            const owner = resolveText(spec.user, vars);
            if (owner === undefined || !names.has(owner)) continue;
            chowns.push({
              ins,
              spec,
              group: spec.group === undefined ? undefined : resolveText(spec.group, vars),
              groupMissingMeans: 'uid',
              paths: [path],
              range: chown.range,
              ...(chmod?.value ? { chmod: { value: chmod.value, range: chmod.range } } : {}),
            });
            continue;
          }
          if (ins.keyword !== 'RUN') continue;
          // a `cd` makes relative paths unknowable from here
          let cdSeen = false;
          for (const cmd of ins.commands) {
            if (cmd.name === 'cd') cdSeen = true;
            const resolveRunPath = (p: string) => (cdSeen && !p.startsWith('/') ? undefined : resolvePath(p));
            if (cmd.name === 'chmod') {
              const { options, operands } = splitOptions(cmd);
              if (operands.length < 2 || !grantsGroupWrite(operands[0].value)) continue;
              for (const o of operands.slice(1)) {
                const p = resolveRunPath(o.value);
                if (p !== undefined) chmods.add(p, position.get(ins) ?? 0, isRecursive(options));
              }
            } else if (cmd.name === 'chown') {
              const { options, operands } = splitOptions(cmd);
              if (operands.length < 2 || options.some((o) => o.startsWith('--reference'))) continue;
              const spec = splitUserSpec(operands[0].value, operands[0].range);
              const owner = resolveText(spec.user, vars);
              if (owner === undefined || !names.has(owner)) continue;
              const paths = operands.slice(1).map((o) => resolveRunPath(o.value)).filter((p): p is string => p !== undefined);
              if (paths.length === 0) continue;
              chowns.push({
                ins,
                spec,
                group: spec.group === undefined ? undefined : resolveText(spec.group, vars),
                groupMissingMeans: 'unchanged',
                paths,
                range: operands[0].range,
              });
            }
          }
        }

        for (const site of chowns) {
          // COPY creates its files: only a later chmod (or its own --chmod) changes them; inside one RUN the order does not matter
          const at = position.get(site.ins) ?? 0;
          const notWritable = site.paths.filter((p) => !chmods.covers(p, at));
          let groupWrong: boolean;
          if (site.spec.group === undefined) groupWrong = site.groupMissingMeans === 'uid';
          else if (site.group === undefined) continue;
          else groupWrong = !(site.group === '0' || site.group === 'root');
          if (!groupWrong && notWritable.length === 0) continue;

          const ownerText = `${site.spec.user}:0`;
          const parts: string[] = [];
          if (groupWrong) parts.push(site.ins.keyword === 'RUN' ? `give them group 0 (\`chown ${ownerText}\`)` : `give them group 0 (\`--chown=${ownerText}\`)`);
          const copied = site.ins.keyword !== 'RUN';
          const chmodTo = site.chmod ? groupLikeOwner(site.chmod.value) : '775';
          if (notWritable.length > 0) {
            parts.push(
              noShell && copied
                ? `give the group write access as they are copied (\`--chmod=${chmodTo ?? '775'}\`): the image has no shell, so there is no \`RUN chmod\``
                : `give the group the owner's rights (\`RUN chmod -R g=u ${notWritable.join(' ')}\`)`,
            );
          }
          const current = site.spec.group === undefined ? (site.groupMissingMeans === 'uid' ? `group ${site.spec.user}` : 'their group') : `group ${site.spec.group}`;
          const problem = groupWrong
            ? `The files in ${site.paths.join(', ')} will belong to UID ${uid} and ${current}, so an arbitrary UID (OpenShift runs the image with one, always in group 0) cannot write there`
            : `The files in ${site.paths.join(', ')} belong to group 0, but the group cannot write them, so an arbitrary UID in group 0 cannot write there either`;
          const edits: TextEdit[] = [];
          if (groupWrong && !site.spec.user.includes('$') && !(site.spec.group ?? '').includes('$')) {
            edits.push(
              site.spec.groupRange
                ? { range: site.spec.groupRange, newText: '0' }
                : { range: { start: site.spec.userRange.end, end: site.spec.userRange.end }, newText: ':0' },
            );
          }
          // in an image without a shell the mode can only be set on the COPY itself
          let chmodEdit: TextEdit | undefined;
          if (noShell && copied && notWritable.length > 0 && chmodTo) {
            chmodEdit = site.chmod
              ? { range: site.chmod.range, newText: `--chmod=${chmodTo}` }
              : { range: { start: site.range.end, end: site.range.end }, newText: ` --chmod=${chmodTo}` };
          }
          let fix: { title: string; edits: TextEdit[] } | undefined;
          if (edits.length > 0 || chmodEdit) {
            const title = edits.length > 0 ? (chmodEdit ? 'Give the files group 0 and group write access' : 'Give the files group 0') : 'Give the group write access';
            // `--chown=10001` gets `:0` and the new flag at the same place: one insertion keeps their order
            const same = chmodEdit && edits.find((e) => compareRanges(e.range, chmodEdit.range) === 0);
            if (same && chmodEdit) same.newText += chmodEdit.newText;
            fix = { title, edits: chmodEdit && !same ? [...edits, chmodEdit] : edits };
          }
          context.report({
            range: site.range,
            stage: stageOf.get(site.ins),
            message: `${problem}: ${parts.join(' and ')}.`,
            ...(fix ? { fix } : {}),
          });
        }
      },
    };
  },
});
