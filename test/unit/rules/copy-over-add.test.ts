import rule from '../../../src/engine/rules/copy-over-add.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'local tar archives are what ADD is for', code: 'FROM debian:12\nADD rootfs.tar.xz /\nADD vendor.tgz /opt/\nADD "data.tar" /srv/\n' },
    { name: 'remote sources', code: 'FROM debian:12\nADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c https://example.com/tool /usr/local/bin/tool\nADD https://github.com/org/repo.git#2f71a1a3c5b1 /repo\n' },
    { name: 'ADD-only flags mean ADD on purpose', code: 'FROM debian:12\nADD --unpack=false bundle.bin /opt/\n' },
    { name: 'a glob or variable that could name an archive', code: 'FROM debian:12\nARG BUNDLE\nADD * /app/\nADD dist/*.t* /opt/\nADD $BUNDLE /opt/\nADD pkg/${NAME} /opt/\n' },
    { name: 'COPY already', code: 'FROM debian:12\nCOPY . /app\n' },
    { name: 'a mix with an archive is left alone', code: 'FROM debian:12\nADD conf.yaml layer.tar.gz /opt/\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.13-slim\nADD . /app\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 4, message: 'use COPY' }],
      output: 'FROM python:3.13-slim\nCOPY . /app\n',
    },
    {
      name: 'every ADD of plain files, flags COPY shares are kept, builder stages too',
      code: 'FROM node:22-slim AS build\nADD --chown=node:node --link package.json package-lock.json ./\nFROM nginx:1.27\nADD --chmod=644 nginx.conf /etc/nginx/conf.d/default.conf\n',
      errors: [
        { line: 2, column: 1, endColumn: 4, message: '`COPY package.json package-lock.json ...`' },
        { line: 4, column: 1, endColumn: 4 },
      ],
      output: 'FROM node:22-slim AS build\nCOPY --chown=node:node --link package.json package-lock.json ./\nFROM nginx:1.27\nCOPY --chmod=644 nginx.conf /etc/nginx/conf.d/default.conf\n',
    },
    {
      name: 'lower-case keyword, JSON form, a zip is not unpacked, a glob with a plain extension',
      code: 'FROM python:3.13-slim\nadd ["app files/", "/app/"]\nAdd assets.zip *.py /srv/\n',
      errors: [{ line: 2, column: 1 }, { line: 3, column: 1 }],
      output: 'FROM python:3.13-slim\ncopy ["app files/", "/app/"]\nCopy assets.zip *.py /srv/\n',
    },
    {
      name: 'escape directive and a continuation',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nADD app.exe `\n    C:/app/\n',
      errors: [{ line: 3, column: 1, endColumn: 4 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app.exe `\n    C:/app/\n',
    },
  ],
});
