/**
 * Colour only where a person reads it: on a terminal, unless NO_COLOR says no (https://no-color.org),
 * and wherever FORCE_COLOR says yes (CI logs that render ANSI). FORCE_COLOR wins, as in Node.
 */
import { styleText } from 'node:util';

export function colorEnabled(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

type Style = Parameters<typeof styleText>[0];

export interface Paint {
  error(text: string): string;
  warning(text: string): string;
  info(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function painter(enabled: boolean): Paint {
  // the decision is made above, so styleText must not second-guess it from process.stdout
  const style = (format: Style) => (text: string) => (enabled ? styleText(format, text, { validateStream: false }) : text);
  return { error: style(['red', 'bold']), warning: style(['yellow', 'bold']), info: style('cyan'), dim: style('dim'), bold: style('bold') };
}
