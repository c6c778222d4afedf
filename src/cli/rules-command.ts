/** `shipshape rules`: the rule list, as a table or as JSON. */
import { allRules, type RelatedChecks, type Severity } from '../engine/index.ts';
import type { RulesFormat } from './args.ts';
import { SITE_URL, lessonUrl } from './site.ts';

export interface RuleListing {
  id: string;
  title: string;
  severity: Severity;
  /** URL of the lesson that teaches the rule. */
  lesson: string | null;
  related: RelatedChecks;
  fixable: boolean;
}

export function ruleListing(): RuleListing[] {
  return allRules.map(({ meta }) => ({
    id: meta.id,
    title: meta.title,
    severity: meta.severity,
    lesson: lessonUrl(meta.lesson) ?? null,
    related: meta.related,
    fixable: meta.fixable,
  }));
}

export function formatRules(format: RulesFormat): string {
  if (format === 'json') return `${JSON.stringify(ruleListing(), null, 2)}\n`;
  const rows = [
    ['RULE', 'SEVERITY', 'FIX', 'LESSON', 'TITLE'],
    ...allRules.map(({ meta }) => [meta.id, meta.severity, meta.fixable ? 'yes' : '', meta.lesson, meta.title]),
  ];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const lines = rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join('  '));
  return `${lines.join('\n')}\n\n${allRules.length} rules. Each lesson is at ${SITE_URL}/<LESSON>/; --format json lists related hadolint and BuildKit checks.\n`;
}
