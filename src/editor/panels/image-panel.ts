/**
 * The "Image" panel: the stage's Config as `docker inspect` would show it, each field with the line
 * that set it (or the base image). Cmd and Entrypoint say whether they are in exec form or wrapped in
 * `/bin/sh -c`; the healthcheck shows Docker's defaults for the options not written, marked as such;
 * what Shipshape cannot know is shown as unknown, with why.
 */
import type { ConfigField, ConfigUnknown } from '../../engine/image/config.ts';
import { code, codeText, fill, h, type Child } from './dom.ts';
import { imageBytes, jsonArray, lineLabel, splitShellForm } from './format.ts';
import type { ImagePanelData } from './preview-data.ts';

const FIELDS: ConfigField[] = ['User', 'Env', 'WorkingDir', 'Entrypoint', 'Cmd', 'ExposedPorts', 'Healthcheck', 'StopSignal', 'Labels', 'Volumes', 'Shell'];
const HEALTH_OPTIONS = ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const;

function muted(text: string): HTMLElement {
  return h('span', { class: 'ex-pv-muted' }, text);
}

function badge(text: string, tone: string, kind?: string): HTMLElement {
  return h('span', { class: 'ex-pv-badge', 'data-tone': tone, ...(kind ? { 'data-kind': kind } : {}) }, text);
}

function objectKeys(value: Record<string, unknown>): string {
  const keys = Object.keys(value);
  return `{${keys.map((k) => `${JSON.stringify(k)}: {}`).join(', ')}}`;
}

/** A Cmd/Entrypoint array, with the shell of a shell-form command marked. */
function command(values: string[], form: 'exec' | 'shell' | undefined): Child[] {
  const split = form === 'shell' ? splitShellForm(values) : null;
  const text = split
    ? h('code', { class: 'ex-pv-value' }, '[', h('mark', { class: 'ex-pv-shell' }, split.shell.map((s) => JSON.stringify(s)).join(', ')), `, ${JSON.stringify(split.script)}]`)
    : h('code', { class: 'ex-pv-value' }, jsonArray(values));
  return [
    text,
    ' ',
    form === 'shell'
      ? badge(`shell form: runs under ${split?.shell.join(' ') ?? '/bin/sh -c'}`, 'warn', 'shell')
      : form === 'exec'
        ? badge('exec form', 'pass', 'exec')
        : null,
  ];
}

function value(image: ImagePanelData, field: ConfigField, unknown: ConfigUnknown | undefined): Child[] {
  const c = image.config;
  if (unknown && !unknown.partial) return [badge('unknown', 'muted', 'unknown'), ' ', h('span', { class: 'ex-pv-why' }, codeText(unknown.detail))];
  const more: Child = unknown?.partial ? h('span', { class: 'ex-pv-why' }, codeText(unknown.detail)) : null;
  switch (field) {
    case 'User': {
      const u = image.user;
      return [
        h('code', { class: 'ex-pv-value' }, JSON.stringify(c.User)),
        ' ',
        u.root === true ? badge('root', 'fail', 'root') : u.root === false ? badge('not root', 'pass', 'non-root') : badge('UID unknown', 'muted', 'unknown'),
        h('span', { class: 'ex-pv-why' }, codeText(u.detail)),
      ];
    }
    case 'Env': {
      const unknownValues = new Set(image.envUnknownValues);
      return [
        h(
          'ul',
          { class: 'ex-pv-values' },
          c.Env.map((e) => h('li', null, h('code', { class: 'ex-pv-value' }, e))),
          image.envUnknownValues.map((k) => h('li', null, h('code', { class: 'ex-pv-value' }, `${k}=`), muted(' value depends on the release'))),
        ),
        c.Env.length === 0 && unknownValues.size === 0 ? muted('none') : null,
        // the variables listed above already say their values are unknown
        unknownValues.size === 0 ? more : null,
      ];
    }
    case 'WorkingDir':
      return [h('code', { class: 'ex-pv-value' }, JSON.stringify(c.WorkingDir)), c.WorkingDir === '' ? muted(' not set: commands run in /') : null];
    case 'Entrypoint':
    case 'Cmd': {
      const v = c[field];
      return v ? command(v, image.forms[field]) : [h('code', { class: 'ex-pv-value' }, 'null'), muted(' not set')];
    }
    case 'ExposedPorts':
      return [Object.keys(c.ExposedPorts).length > 0 ? h('code', { class: 'ex-pv-value' }, objectKeys(c.ExposedPorts)) : muted('none'), more];
    case 'Healthcheck': {
      const hc = c.Healthcheck;
      if (!hc) return [h('code', { class: 'ex-pv-value' }, 'null'), muted(' none: Docker never checks whether the app still answers')];
      if (hc.Test[0] === 'NONE') return [h('code', { class: 'ex-pv-value' }, jsonArray(hc.Test)), muted(' disabled (HEALTHCHECK NONE)')];
      return [
        h(
          'dl',
          { class: 'ex-pv-health' },
          h('dt', null, 'Test'),
          h('dd', null, h('code', { class: 'ex-pv-value' }, jsonArray(hc.Test)), ' ', hc.Test[0] === 'CMD-SHELL' ? badge('shell form: runs under /bin/sh -c', 'warn', 'shell') : badge('exec form', 'pass', 'exec')),
          HEALTH_OPTIONS.map((o) => [
            h('dt', null, o),
            h('dd', { 'data-default': hc.defaults.includes(o) ? 'true' : null }, h('code', { class: 'ex-pv-value' }, String(hc[o])), hc.defaults.includes(o) ? [' ', badge("Docker's default", 'muted', 'default')] : null),
          ]),
        ),
      ];
    }
    case 'StopSignal':
      return c.StopSignal ? [h('code', { class: 'ex-pv-value' }, c.StopSignal)] : [h('code', { class: 'ex-pv-value' }, 'null'), ' ', muted('not set: docker stop sends SIGTERM'), ' ', badge("Docker's default", 'muted', 'default')];
    case 'Labels': {
      const entries = Object.entries(c.Labels);
      return [
        entries.length > 0 ? h('ul', { class: 'ex-pv-values' }, entries.map(([k, v]) => h('li', null, h('code', { class: 'ex-pv-value' }, `${k}=${v}`)))) : muted('none'),
        more,
      ];
    }
    case 'Volumes':
      return [Object.keys(c.Volumes).length > 0 ? h('code', { class: 'ex-pv-value' }, objectKeys(c.Volumes)) : muted('none'), more];
    case 'Shell':
      return c.Shell ? [h('code', { class: 'ex-pv-value' }, jsonArray(c.Shell))] : [muted('default: '), h('code', { class: 'ex-pv-value' }, '["/bin/sh", "-c"]')];
  }
}

function isEmpty(v: unknown): boolean {
  return v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
}

function origin(image: ImagePanelData, field: ConfigField): string {
  const o = image.origin[field];
  if (o === undefined) return '';
  if (o === 'base' && field !== 'User' && isEmpty(image.config[field])) return '';
  if (o === 'base') return image.base.kind === 'stage' ? `stage ${image.base.reference}` : image.base.kind === 'scratch' ? 'scratch' : 'base image';
  return lineLabel(o);
}

export function renderImage(into: HTMLElement, image: ImagePanelData | null): void {
  if (!image) {
    fill(into, h('p', { class: 'ex-pv-note' }, 'There is no image yet: write a FROM instruction first.'));
    return;
  }
  const unknown = new Map(image.unknown.map((u) => [u.field, u]));
  // Volumes and Shell only matter when something sets them
  const fields = FIELDS.filter((f) => (f !== 'Volumes' || Object.keys(image.config.Volumes).length > 0 || unknown.has(f)) && (f !== 'Shell' || image.config.Shell !== null));
  const b = image.base;
  const baseText: Child[] =
    b.kind === 'scratch'
      ? ['Built ', code('FROM scratch'), ': an empty image, nothing but what this Dockerfile adds.']
      : b.kind === 'stage'
        ? ['Built on stage ', code(b.reference), b.known && b.label ? `, which starts from ${b.label}` : '', '.']
        : b.known
          ? ['Built on ', code(b.reference), `: ${b.label ?? 'a known image'}${b.sizeMB !== null ? `, about ${imageBytes(b.sizeMB * 1_000_000)}` : ''}.`]
          : ['Built on ', code(b.reference), ', an image Shipshape does not know: what it sets is shown as unknown.'];
  const cmd = image.command;
  const pid1: Child[] | null = !cmd
    ? unknown.has('Cmd') || unknown.has('Entrypoint')
      ? null
      : ['Nothing to run: neither ENTRYPOINT nor CMD is set.']
    : image.shellFormCommand
      ? ['The container starts ', code(cmd.join(' ')), ': the shell ', code(cmd[0]), ' is PID 1, and the signals of ', code('docker stop'), ' reach it, not your app.']
      : ['The container starts ', code(cmd[0]), ' directly, as PID 1.'];

  fill(into, 
    h('p', { class: 'ex-pv-lead' }, baseText),
    h(
      'table',
      { class: 'ex-pv-table ex-img-config' },
      h('caption', null, 'Config, as ', code('docker inspect'), ' would show it'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Set by'))),
      h(
        'tbody',
        null,
        fields.map((f) =>
          h(
            'tr',
            { 'data-field': f, 'data-unknown': unknown.has(f) && !unknown.get(f)?.partial ? 'true' : null },
            h('th', { scope: 'row' }, f),
            h('td', null, value(image, f, unknown.get(f))),
            h('td', { class: 'ex-pv-origin' }, origin(image, f)),
          ),
        ),
      ),
    ),
    pid1 ? h('p', { class: 'ex-pv-lead ex-img-pid1', 'data-shell-form': String(image.shellFormCommand) }, pid1) : null,
    image.accounts.length > 0
      ? h(
          'p',
          { class: 'ex-pv-note' },
          'Accounts this Dockerfile creates: ',
          image.accounts.map((a, i) => [i > 0 ? ', ' : '', code(a.name), ` (UID ${a.uid ?? 'picked automatically'}, ${lineLabel(a.line)})`]),
          '.',
        )
      : null,
    image.notes.length > 0 ? h('ul', { class: 'ex-pv-notes', 'aria-label': 'Notes' }, image.notes.map((n) => h('li', null, codeText(n)))) : null,
  );
}
