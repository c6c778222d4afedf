import rule from '../../../src/engine/rules/dockerignore-syntax.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const code = 'FROM alpine:3.21\nCOPY . /srv\n';

runRuleTests(rule, {
  valid: [
    { name: 'no .dockerignore', code },
    { name: 'valid patterns, escapes and classes', code, dockerignore: '# deps\nnode_modules\n**/*.log\n!keep.log\n[Bb]uild\n\\[draft\\]*\n[[:digit:]]*.tmp\n' },
    { name: 'a hash that is not in column 1 is a pattern, not an error', code, dockerignore: '  # notes\n' },
  ],
  invalid: [
    {
      name: 'an unclosed class: Docker rejects the file',
      code,
      dockerignore: '.git\n  [abc  \n',
      errors: [
        {
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 7,
          file: '.dockerignore',
          message: '`[abc` is not a valid pattern (unterminated character class `[`): Docker rejects the whole .dockerignore and the build fails.',
        },
      ],
    },
    {
      name: 'a lone exclamation mark',
      code,
      dockerignore: 'dist\n!\n! \n',
      errors: [
        { line: 2, column: 1, endColumn: 2, file: '.dockerignore', message: '`!` is a `!` with no path, which Docker rejects (`illegal exclusion pattern: "!"`)' },
        { line: 3, column: 1, endColumn: 2, file: '.dockerignore', message: 'Write the path to re-include after the `!`' },
      ],
    },
    {
      name: 'a reversed range passes the syntax check but not Go regexp',
      code,
      dockerignore: 'logs/[z-a]*\n',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 12,
          file: '.dockerignore',
          message: 'Docker turns `logs/[z-a]*` into the regular expression `^logs/[z-a][^/]*$`, which Go cannot compile (invalid character class range: `z-a`)',
        },
      ],
    },
    {
      name: 'bad ranges and escapes',
      code,
      dockerignore: '[-x]\nfoo\\\n[[:word]]x]\n\\q*\n',
      errors: [
        { line: 1, column: 1, message: 'a `-` inside `[...]` needs a character on each side' },
        { line: 2, column: 1, message: 'trailing backslash' },
        { line: 4, column: 1, message: 'invalid escape sequence: `\\q`' },
      ],
    },
  ],
});
