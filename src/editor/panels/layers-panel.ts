/**
 * The "Layers" panel, like `docker history`: one row per instruction with its estimated size and
 * notes, the image's estimated total next to its base's size, and which stages of a multi-stage
 * build end up in the image. Estimates say so (≈); sizes Shipshape cannot know say "unknown".
 */
import { code, codeText, fill, h, type Child } from './dom.ts';
import { imageBytes, layerSize, lineLabel, percent, plural } from './format.ts';
import type { ImagePanelData } from './preview-data.ts';
import { stageTitle } from './stage-picker.ts';


export function renderLayers(into: HTMLElement, image: ImagePanelData | null): void {
  if (!image) {
    fill(into, h('p', { class: 'ex-pv-note' }, 'There is no image yet: write a FROM instruction first.'));
    return;
  }
  const t = image.totals;
  const largest = Math.max(1, ...image.layers.map((l) => l.bytes ?? 0));
  const unknownSizes = image.layers.filter((l) => l.bytes === null);
  const total: Child =
    t.totalBytes === null
      ? h('span', { class: 'ex-pv-figure-value' }, 'unknown')
      : h('span', { class: 'ex-pv-figure-value' }, `${t.lowerBound ? 'at least ' : '≈ '}${imageBytes(t.totalBytes)}`);
  const stageTarget = image.stage.isFinal ? 'the final image' : `stage ${image.stage.name ?? image.stage.index}`;
  const finalIndex = image.stageOptions.find((s) => s.isFinal)?.index;

  const multi = image.stages.length > 1;
  fill(into, 
    h(
      'div',
      { class: 'ex-pv-summary', 'data-total-bytes': t.totalBytes ?? '' },
      h('p', { class: 'ex-pv-figure ex-lay-total' }, total, h('span', { class: 'ex-pv-figure-label' }, image.stage.isFinal ? 'the final image, estimated' : `${stageTarget}, estimated`)),
      h(
        'p',
        { class: 'ex-pv-figure ex-lay-base' },
        h('span', { class: 'ex-pv-figure-value' }, t.baseBytes === null ? 'unknown' : `≈ ${imageBytes(t.baseBytes)}`),
        h('span', { class: 'ex-pv-figure-label' }, image.base.kind === 'scratch' ? 'base: scratch (empty)' : `base: ${image.base.reference}`),
      ),
      h(
        'p',
        { class: 'ex-pv-figure ex-lay-added' },
        h('span', { class: 'ex-pv-figure-value' }, `${unknownSizes.length > 0 ? 'at least ' : '+ '}${imageBytes(t.addedBytes)}`),
        h('span', { class: 'ex-pv-figure-label' }, 'added by this Dockerfile'),
      ),
      t.totalBytes !== null
        ? h(
            'div',
            { class: 'ex-pv-bar', 'aria-hidden': 'true' },
            h('span', { class: 'ex-pv-bar-part', 'data-part': 'base', style: `width: ${percent(t.baseBytes ?? 0, t.totalBytes)}%` }),
            h('span', { class: 'ex-pv-bar-part', 'data-part': 'added', style: `width: ${percent(t.addedBytes, t.totalBytes)}%` }),
          )
        : null,
    ),
    t.baseBytes === null && image.base.kind !== 'scratch'
      ? h('p', { class: 'ex-pv-note' }, 'The base image is one Shipshape does not know, so its size, and the total, are unknown.')
      : null,
    multi
      ? h(
          'div',
          { class: 'ex-lay-stages' },
          h('h5', { class: 'ex-pv-subheading' }, `Stages and ${stageTarget}`),
          h(
            'ul',
            { class: 'ex-pv-list' },
            image.stages.map((s) => {
              const role = s.inFinalImage
                ? [s.index === image.stage.index ? 'the image itself' : 'in the image: the image is built FROM it, so all its layers are in it']
                : s.copiedIntoFinal
                  ? ['not in the image: ', code('COPY --from'), ' takes only some files from it']
                  : s.built
                    ? ['built, but not in the image']
                    : ['not built: nothing the target needs comes from it, so BuildKit skips it'];
              return h(
                'li',
                { 'data-in-image': s.inFinalImage ? 'true' : s.copiedIntoFinal ? 'copied' : 'false' },
                h('strong', null, stageTitle(s, s.index === finalIndex)),
                ' ',
                h('span', { class: 'ex-pv-muted' }, `FROM ${s.base}`),
                ': ',
                role,
                s.addedBytes !== null ? h('span', { class: 'ex-pv-muted' }, ` (its own layers: ≈ ${imageBytes(s.addedBytes)})`) : null,
              );
            }),
          ),
        )
      : null,
    h(
      'table',
      { class: 'ex-pv-table ex-lay-table' },
      h('caption', null, `Layers of ${stageTarget}, in build order (`, code('docker history'), ' lists the newest first)'),
      h(
        'thead',
        null,
        h('tr', null, h('th', { scope: 'col', class: 'ex-pv-num' }, 'Line'), h('th', { scope: 'col' }, 'Created by'), h('th', { scope: 'col', class: 'ex-pv-num' }, 'Size')),
      ),
      h(
        'tbody',
        null,
        image.layers.map((l) =>
          h(
            'tr',
            { 'data-keyword': l.keyword, 'data-kind': l.kind, 'data-certainty': l.certainty, 'data-empty': l.metadataOnly ? 'true' : null },
            h('td', { class: 'ex-pv-num' }, l.line + 1),
            // notes go under the instruction, so the table keeps three columns on a phone
            h(
              'td',
              null,
              h('code', { class: 'ex-pv-created' }, l.createdBy),
              h(
                'span',
                { class: 'ex-lay-notes' },
                l.packages.length > 0 ? h('span', null, `${plural(l.packages.length, 'package')}: ${l.packages.slice(0, 6).join(', ')}${l.packages.length > 6 ? ', …' : ''}`) : null,
                l.contextFiles.length > 0 && l.keyword !== 'FROM' ? h('span', null, `${plural(l.contextFiles.length, 'file')} from the context`) : null,
                l.notes.map((n) => h('span', null, codeText(n))),
              ),
            ),
            h(
              'td',
              { class: 'ex-pv-num ex-lay-size' },
              layerSize(l.bytes, l.certainty),
              l.bytes ? h('span', { class: 'ex-lay-bar', 'aria-hidden': 'true', style: `width: ${percent(l.bytes, largest)}%` }) : null,
            ),
          ),
        ),
      ),
    ),
    unknownSizes.length > 0
      ? h(
          'p',
          { class: 'ex-pv-note' },
          `${plural(unknownSizes.length, 'layer')} of unknown size (${unknownSizes.map((l) => lineLabel(l.line)).join(', ')}): the total counts them as 0, so it is a lower bound.`,
        )
      : null,
  );
}
