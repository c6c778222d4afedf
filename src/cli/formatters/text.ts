/**
 * Text output, compiler-style so editors and CI problem matchers can jump to it:
 *   path:line:col: severity rule-id message (lesson URL)
 * then one summary line.
 */
import type { Finding } from '../../engine/index.ts';
import type { Paint } from '../color.ts';
import { findingPath, oneBased, type ReportedFile } from '../report.ts';
import { lessonUrl } from '../site.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function line(file: ReportedFile, finding: Finding, paint: Paint): string {
  const { line, column } = oneBased(finding.range);
  const severity = paint[finding.severity](finding.severity);
  const url = lessonUrl(finding.lesson);
  // one finding, one line: a message never spans lines here
  const message = finding.message.replace(/\s*\n\s*/g, ' ');
  return `${paint.bold(`${findingPath(file, finding)}:${line}:${column}:`)} ${severity} ${paint.dim(finding.rule)} ${message}${url ? ` ${paint.dim(`(${url})`)}` : ''}`;
}

export function summary(files: readonly ReportedFile[]): string {
  const all = files.flatMap((f) => f.findings);
  const count = (s: Finding['severity']) => all.filter((f) => f.severity === s).length;
  const linted = plural(files.length, 'file');
  if (all.length === 0) return `No problems in ${linted}.`;
  const fixable = all.filter((f) => f.fix !== undefined).length;
  const tail = fixable > 0 ? `; ${fixable} can be fixed with --fix` : '';
  return `${plural(all.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) in ${linted}${tail}.`;
}

export function formatText(files: readonly ReportedFile[], paint: Paint): string {
  const lines = files.flatMap((file) => file.findings.map((f) => line(file, f, paint)));
  const all = files.flatMap((f) => f.findings);
  const failing = all.some((f) => f.severity === 'error' || f.severity === 'warning');
  const text = summary(files);
  lines.push(all.length === 0 ? text : failing ? paint.bold(text) : text);
  return `${lines.join('\n')}\n`;
}
