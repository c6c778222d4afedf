/**
 * SARIF 2.1.0 output (one run), for GitHub code scanning and other SARIF viewers. Artifact URIs are
 * relative to the working directory through the SRCROOT base id; rules carry the lesson as helpUri;
 * results carry their fixes as artifact changes. Severities map without merging: error -> error,
 * warning -> warning, info -> note.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { allRules, fileOfFix, type Finding, type Range, type RuleMeta, type Severity } from '../../engine/index.ts';
import { findingAbsolutePath, oneBased, type ReportedFile } from '../report.ts';
import { SITE_URL, TOOL_NAME, lessonUrl, toolVersion } from '../site.ts';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = 'SRCROOT';

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

/** Findings the engine itself reports; they have no rule module, so they get descriptors here. */
const ENGINE_DESCRIPTORS: Record<string, { title: string; why: string }> = {
  'engine-error': {
    title: 'A rule failed on this file',
    why: 'A rule threw an error on this input and was skipped; every other rule ran. This is a bug in the rule, not in the Dockerfile: please report it with the file.',
  },
  'parse-error': {
    title: 'The Dockerfile could not be parsed',
    why: 'The parser could not read the file, so no rule could judge it. Check that the file is a Dockerfile.',
  },
};

function descriptor(meta: Pick<RuleMeta, 'id' | 'title' | 'why' | 'severity'> & Partial<RuleMeta>): Sarif.ReportingDescriptor {
  const url = meta.lesson ? lessonUrl(meta.lesson) : undefined;
  return {
    id: meta.id,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.why },
    ...(url ? { helpUri: url, help: { text: `${meta.why}\n\nLesson: ${url}`, markdown: `${meta.why}\n\n[Lesson: ${meta.title}](${url})` } } : {}),
    defaultConfiguration: { level: LEVELS[meta.severity] },
    ...(meta.lesson ? { properties: { lesson: meta.lesson, related: meta.related ?? {}, fixable: meta.fixable ?? false } } : {}),
  };
}

function region(range: Range): Sarif.Region {
  const r = oneBased(range);
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** A URI for a local file: relative to the working directory (through SRCROOT) when inside it, else file://. */
export function artifactLocationOf(absolutePath: string, cwd: string): Sarif.ArtifactLocation {
  const rel = relative(cwd, absolutePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(absolutePath).href };
  const segments = sep === '/' ? rel.split('/') : rel.split(sep);
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

const STDIN_LOCATION: Sarif.ArtifactLocation = { description: { text: 'standard input' } };

export function formatSarif(files: readonly ReportedFile[], cwd: string): string {
  const descriptors = allRules.map((r) => descriptor(r.meta));
  const ruleIndex = new Map(allRules.map((r, i) => [r.meta.id, i]));
  const indexOf = (finding: Finding): number => {
    let index = ruleIndex.get(finding.rule);
    if (index === undefined) {
      const engine = ENGINE_DESCRIPTORS[finding.rule] ?? { title: finding.rule, why: finding.message };
      index = descriptors.push(descriptor({ id: finding.rule, title: engine.title, why: engine.why, severity: finding.severity })) - 1;
      ruleIndex.set(finding.rule, index);
    }
    return index;
  };

  // artifacts: every Dockerfile linted and every .dockerignore read, once each
  const artifacts: Sarif.Artifact[] = [];
  const artifactIndex = new Map<string, number>();
  const locate = (absolutePath: string | undefined, register: boolean): Sarif.ArtifactLocation => {
    if (absolutePath === undefined) return STDIN_LOCATION;
    const location = artifactLocationOf(absolutePath, cwd);
    const key = location.uri as string;
    let index = artifactIndex.get(key);
    if (index === undefined && register) {
      index = artifacts.push({ location, roles: ['analysisTarget'] }) - 1;
      artifactIndex.set(key, index);
    }
    return index === undefined ? location : { ...location, index };
  };
  for (const file of files) {
    locate(file.absolutePath, file.absolutePath !== undefined);
    if (file.dockerignore?.exists) locate(file.dockerignore.absolutePath, true);
  }

  const results: Sarif.Result[] = [];
  for (const file of files) {
    for (const finding of file.findings) {
      const location = locate(findingAbsolutePath(file, finding), false);
      const result: Sarif.Result = {
        ruleId: finding.rule,
        ruleIndex: indexOf(finding),
        level: LEVELS[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(finding.range) } }],
      };
      const fix = finding.fix;
      if (fix && fix.edits.length > 0) {
        const target = fileOfFix(fix) === '.dockerignore' ? locate(file.dockerignore?.absolutePath, false) : locate(file.absolutePath, false);
        result.fixes = [
          {
            description: { text: fix.title },
            artifactChanges: [
              {
                artifactLocation: target,
                replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
              },
            ],
          },
        ];
      }
      results.push(result);
    }
  }

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: TOOL_NAME,
        informationUri: `${SITE_URL}/`,
        version: toolVersion(),
        semanticVersion: toolVersion(),
        rules: descriptors,
      },
    },
    originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
    ...(artifacts.length > 0 ? { artifacts } : {}),
    results,
    // the engine counts columns as JavaScript strings do
    columnKind: 'utf16CodeUnits',
  };
  const log: Sarif.Log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
