import rule from '../../../src/engine/rules/maintainer-deprecated.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'the OCI label', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="ops@example.com"\n' },
    { name: 'a label called maintainer is a label', code: 'FROM alpine:3.20\nLABEL maintainer="ops@example.com"\n' },
    { name: 'MAINTAINER inside a RUN is text', code: 'FROM alpine:3.20\nRUN echo "MAINTAINER ops@example.com" > /about.txt\n' },
    { name: 'no stage', code: 'ARG MAINTAINER=ops\n' },
  ],
  invalid: [
    {
      name: 'a name and an address',
      code: 'FROM python:3.13-slim\nMAINTAINER Invoices team <invoices@example.com>\nCOPY . /app\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 48, message: 'MAINTAINER is deprecated: name the authors with the OCI label instead, `LABEL org.opencontainers.image.authors="Invoices team <invoices@example.com>"`' }],
      output: 'FROM python:3.13-slim\nLABEL org.opencontainers.image.authors="Invoices team <invoices@example.com>"\nCOPY . /app\n',
    },
    {
      name: 'quotes and dollars stay literal: MAINTAINER expands nothing',
      code: 'FROM alpine:3.20\nMAINTAINER "Ops" $TEAM\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="\\"Ops\\" \\$TEAM"\n',
    },
    {
      name: 'lower-case files stay lower case',
      code: 'from alpine:3.20\nmaintainer ops@example.com\n',
      errors: [{ line: 2, column: 1 }],
      output: 'from alpine:3.20\nlabel org.opencontainers.image.authors="ops@example.com"\n',
    },
    {
      name: 'the label is already there: delete the line',
      code: 'FROM alpine:3.20\nMAINTAINER ops@example.com\nLABEL org.opencontainers.image.authors="ops@example.com"\n',
      errors: [{ line: 2, column: 1, message: 'already names its authors' }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="ops@example.com"\n',
    },
    {
      name: 'Windows escape character',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nMAINTAINER C:\\ops "x"\n',
      errors: [{ line: 3, column: 1 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nLABEL org.opencontainers.image.authors="C:\\ops `"x`""\n',
    },
    {
      name: 'every stage',
      code: 'FROM golang:1.27 AS build\nMAINTAINER a@example.com\nFROM alpine:3.20\nMAINTAINER b@example.com\n',
      errors: [{ line: 2, column: 1 }, { line: 4, column: 1 }],
      output: 'FROM golang:1.27 AS build\nLABEL org.opencontainers.image.authors="a@example.com"\nFROM alpine:3.20\nLABEL org.opencontainers.image.authors="b@example.com"\n',
    },
  ],
});
