import rule from '../../../src/engine/rules/no-latest-tag.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM node:22.11-bookworm-slim\n' },
    { name: 'no tag is the other rule', code: 'FROM node\n' },
    { name: 'a digest pins it whatever the tag says', code: 'FROM node:latest@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419\n' },
    { name: 'a stage named latest', code: 'FROM node:22 AS latest\nFROM latest\n' },
  ],
  invalid: [
    { code: 'FROM node:latest\n', errors: [{ line: 1, column: 6, endColumn: 17, message: '`latest` moves' }] },
    { name: 'upper case', code: 'FROM node:LATEST\n', errors: [{ line: 1, column: 6 }] },
    {
      name: 'through an ARG default',
      code: 'ARG TAG=latest\nFROM python:${TAG}\n',
      errors: [{ line: 2, column: 6, endColumn: 19, message: 'resolves to `python:latest`' }],
    },
    { name: 'a builder stage too', code: 'FROM golang:latest AS build\nFROM alpine:3.20\n', errors: [{ line: 1, column: 6 }] },
    { name: 'with a registry', code: 'FROM ghcr.io/acme/api:latest\n', errors: [{ line: 1, column: 6, message: 'acme/api:<version>' }] },
  ],
});
