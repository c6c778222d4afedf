import rule from '../../../src/engine/rules/reserved-stage-name.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM golang:1.27 AS build\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'names that only contain the words', code: 'FROM alpine:3.23 AS scratchpad\nFROM alpine:3.23 AS build-context\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.27 AS scratch\nRUN go build -o /app .\n',
      errors: [
        {
          line: 1,
          column: 21,
          endLine: 1,
          endColumn: 28,
          message: '`scratch` is a reserved word: `FROM scratch` and `--from=scratch` mean the empty image, never this stage. Rename the stage after what it does',
        },
      ],
    },
    { name: 'context, in any case', code: 'FROM alpine:3.23 AS Context\n', errors: [{ line: 1, column: 21, endColumn: 28, message: '`Context` is a reserved word: BuildKit uses `context` for the build context itself.' }] },
  ],
});
