/**
 * JSON output: one array of findings over every linted file, positions one-based, for scripts and
 * for the test that compares the CLI with the browser's grading.
 */
import { rulesById, type Finding, type RelatedChecks, type Severity } from '../../engine/index.ts';
import { findingPath, oneBased, type ReportedFile } from '../report.ts';
import { lessonUrl } from '../site.ts';

export interface JsonFinding {
  /** The file the finding is in: the Dockerfile or its .dockerignore, as shown paths. */
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** URL of the lesson that teaches the rule; null for engine-error and parse-error. */
  lesson: string | null;
  related: RelatedChecks;
  /** True when this finding carries a fix that --fix applies. */
  fixable: boolean;
}

export function jsonFinding(file: ReportedFile, finding: Finding): JsonFinding {
  return {
    file: findingPath(file, finding),
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    ...oneBased(finding.range),
    lesson: lessonUrl(finding.lesson) ?? null,
    related: rulesById.get(finding.rule)?.meta.related ?? {},
    fixable: finding.fix !== undefined,
  };
}

export function formatJson(files: readonly ReportedFile[]): string {
  return `${JSON.stringify(files.flatMap((file) => file.findings.map((f) => jsonFinding(file, f))), null, 2)}\n`;
}
