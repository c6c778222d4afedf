import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/engine/model.ts';
import type { ShellCommand } from '../../src/engine/shell.ts';

/** The simple commands of the first RUN of a Dockerfile. */
function commandsOf(dockerfile: string): ShellCommand[] {
  const model = buildModel(dockerfile);
  const run = model.instructions.find((i) => i.keyword === 'RUN');
  if (!run) throw new Error('no RUN');
  return run.commands;
}

const summary = (cmds: ShellCommand[]) => cmds.map((c) => [c.name, ...c.args.map((a) => a.value)].join(' '));
const at = (doc: string, c: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) => {
  const lines = doc.split('\n');
  const { start, end } = c.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
};

describe('splitCommands', () => {
  it('splits on && || ; and | and keeps the separators', () => {
    const cmds = commandsOf('FROM debian\nRUN a && b || c; d | e\n');
    expect(summary(cmds)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(cmds.map((c) => c.before)).toEqual(['&&', '||', ';', '|', undefined]);
    expect(cmds.map((c) => c.after)).toEqual([undefined, '&&', '||', ';', '|']);
  });

  it('keeps an unquoted command substitution as one word with its range', () => {
    const doc = 'FROM debian\nRUN echo $(date) > /tmp/x 2>&1 && pip install $(cat req.txt)\n';
    const cmds = commandsOf(doc);
    expect(summary(cmds)).toEqual(['echo $(date)', 'pip install $(cat req.txt)']);
    expect(cmds[0].redirects).toEqual([
      { op: '>', target: '/tmp/x' },
      { op: '>&', target: '1' },
    ]);
    expect(at(doc, cmds[1].args[1])).toBe('$(cat req.txt)');
  });

  it('keeps a word around a substitution together (a$(b)c) and restores both', () => {
    const doc = 'FROM debian\nRUN echo a$(b)c$(d) "x$(y)" $((1 + 2))\n';
    const cmds = commandsOf(doc);
    expect(cmds[0].args.map((a) => a.value)).toEqual(['a$(b)c$(d)', 'x$(y)', '$((1 + 2))']);
    expect(cmds[0].args.map((a) => at(doc, a))).toEqual(['a$(b)c$(d)', '"x$(y)"', '$((1 + 2))']);
  });

  it('reads process substitution as one argument', () => {
    const doc = 'FROM debian\nRUN bash <(curl -fsSL https://example.com/install.sh) --yes\n';
    const cmds = commandsOf(doc);
    expect(summary(cmds)).toEqual(['bash <(curl -fsSL https://example.com/install.sh) --yes']);
    expect(at(doc, cmds[0].args[0])).toBe('<(curl -fsSL https://example.com/install.sh)');
  });

  it('skips shell keywords of compound commands', () => {
    const cmds = commandsOf('FROM debian\nRUN if [ -f x ]; then apt-get install y; else apk add z; fi\n');
    expect(summary(cmds)).toEqual(['[ -f x ]', 'apt-get install y', 'apk add z']);
    expect(summary(commandsOf('FROM debian\nRUN for p in a b; do pip install $p; done\n'))).toEqual(['for p in a b', 'pip install ${p}']);
    expect(summary(commandsOf('FROM debian\nRUN { apt-get update; apt-get install -y x; }\n'))).toEqual(['apt-get update', 'apt-get install -y x']);
    expect(summary(commandsOf('FROM debian\nRUN ! grep -q x y && echo ok\n'))).toEqual(['grep -q x y', 'echo ok']);
  });

  it('ends commands at newlines in heredoc scripts, and skips comments and nested heredoc bodies', () => {
    const doc = [
      'FROM debian',
      'RUN <<EOF',
      '# refresh the index',
      'apt-get update',
      'apt-get install -y \\',
      '   curl &&',
      '  echo "a',
      'b" # trailing comment',
      'cat <<EOT > /etc/app.conf',
      'apt-get install nothing',
      'EOT',
      'rm -rf /var/lib/apt/lists/*',
      'EOF',
      '',
    ].join('\n');
    const cmds = commandsOf(doc);
    expect(summary(cmds)).toEqual(['apt-get update', 'apt-get install -y curl', 'echo a\nb', 'cat', 'rm -rf /var/lib/apt/lists/*']);
    expect(cmds.map((c) => c.before)).toEqual(['\n', '&&', '\n', '\n', undefined]);
    expect(cmds[1].range.start.line).toBe(4);
    expect(cmds[1].args[2].range).toEqual({ start: { line: 5, character: 3 }, end: { line: 5, character: 7 } });
  });

  it('keeps a comment from swallowing the commands after it', () => {
    const doc = 'FROM debian\nRUN <<EOF\nset -eux # strict\npip install flask==3.0.3\nEOF\n';
    expect(summary(commandsOf(doc))).toEqual(['set -eux', 'pip install flask==3.0.3']);
  });

  it('does not mistake # inside a word or quotes for a comment', () => {
    const cmds = commandsOf('FROM debian\nRUN echo a#b "c # d" && npm install git+https://x/y.git#v1\n');
    expect(summary(cmds)).toEqual(['echo a#b c # d', 'npm install git+https://x/y.git#v1']);
  });

  it('joins continuations with the escape character from the parser directive', () => {
    const doc = '# escape=`\nFROM debian\nRUN apt-get update && `\n    apt-get install -y curl\n';
    const cmds = commandsOf(doc);
    expect(summary(cmds)).toEqual(['apt-get update', 'apt-get install -y curl']);
    expect(cmds[1].range.start).toEqual({ line: 3, character: 4 });
  });

  it('leaves the comment lines inside a continuation out', () => {
    const doc = 'FROM debian\nRUN apt-get install -y \\\n  # the web client\n  curl \\\n  git\n';
    const cmds = commandsOf(doc);
    expect(summary(cmds)).toEqual(['apt-get install -y curl git']);
    expect(cmds[0].args[3].range.start).toEqual({ line: 4, character: 2 });
  });
});
