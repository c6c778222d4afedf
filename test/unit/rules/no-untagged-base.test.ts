import rule from '../../../src/engine/rules/no-untagged-base.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM python:3.13-slim\n' },
    { code: 'FROM python@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419\n' },
    { name: 'a stage name is not an image', code: 'FROM golang:1.23 AS build\nFROM build\n' },
    { name: 'stage names are case-insensitive', code: 'FROM golang:1.23 AS Build\nFROM BUILD\n' },
    { code: 'FROM scratch\n' },
    { name: 'ARG default supplies the tag', code: 'ARG PY=3.13\nFROM python:${PY}-slim\n' },
    { name: 'registry with port is not a tag', code: 'FROM registry.example.com:5000/team/app:1.4\n' },
    { name: 'undefined variable is left to another rule', code: 'FROM python:${MISSING}\n' },
  ],
  invalid: [
    { code: 'FROM python\n', errors: [{ line: 1, column: 6, endLine: 1, endColumn: 12, message: 'has no tag' }] },
    {
      name: 'registry port is not a tag',
      code: 'FROM registry.example.com:5000/team/app\n',
      errors: [{ line: 1, column: 6, message: '`registry.example.com:5000/team/app` has no tag' }],
    },
    {
      name: 'ARG default without a tag',
      code: 'ARG IMAGE=node\nFROM ${IMAGE} AS web\n',
      errors: [{ line: 2, column: 6, endColumn: 14, message: 'resolves to `node`' }],
    },
    {
      name: 'every stage is judged',
      code: 'FROM golang AS build\nFROM alpine\n',
      errors: [
        { line: 1, column: 6 },
        { line: 2, column: 6 },
      ],
    },
    { name: 'flags before the image', code: 'FROM --platform=$BUILDPLATFORM node AS deps\n', errors: [{ line: 1, column: 32, endColumn: 36 }] },
  ],
});
