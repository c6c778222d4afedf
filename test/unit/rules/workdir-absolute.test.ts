import rule from '../../../src/engine/rules/workdir-absolute.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'absolute', code: 'FROM python:3.13-slim\nWORKDIR /app\n' },
    { name: 'relative after an absolute one', code: 'FROM python:3.13-slim\nWORKDIR /app\nWORKDIR src\n' },
    { name: 'quoted absolute', code: 'FROM python:3.13-slim\nWORKDIR "/srv/my app"\n' },
    { name: 'a variable that is absolute', code: 'FROM python:3.13-slim\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\n' },
    { name: 'a path that starts with a variable is the variable\'s business', code: 'FROM python:3.13-slim\nARG DIR=app\nWORKDIR $DIR\n' },
    { name: 'an ARG without a default: unknown, not judged', code: 'FROM python:3.13-slim\nARG DIR\nWORKDIR ${DIR}\n' },
    { name: 'a base stage set the WORKDIR', code: 'FROM python:3.13-slim AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n' },
    { name: 'Windows drive letter', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n' },
    { name: 'a Windows path from ENV, escaped with backslashes', code: 'FROM mcr.microsoft.com/windows/nanoserver:1809\nENV GOPATH C:\\\\gopath\nWORKDIR $GOPATH\n' },
    { name: 'no WORKDIR', code: 'FROM alpine:3.20\nCOPY app /app\n' },
    { name: 'workdir inside RUN is shell', code: 'FROM alpine:3.20\nRUN cd app && make\n' },
  ],
  invalid: [
    {
      name: 'relative to / in a known base: fixed to what it means today',
      code: 'FROM python:3.13-slim\nWORKDIR app\nCOPY . .\n',
      errors: [{ line: 2, column: 9, endLine: 2, endColumn: 12, message: '`WORKDIR app` is relative to the base image\'s working directory (`/` in this base today), so it moves when the base image changes. Write the absolute path: `WORKDIR /app`.' }],
      output: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n',
    },
    {
      name: 'the BuildKit example',
      code: 'FROM nginx:1.27-alpine AS web\nWORKDIR usr/share/nginx/html\nCOPY public .\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM nginx:1.27-alpine AS web\nWORKDIR /usr/share/nginx/html\nCOPY public .\n',
    },
    {
      name: 'golang works in /go',
      code: 'FROM golang:1.27-bookworm\nWORKDIR ./src/app\n',
      errors: [{ line: 2, column: 9, message: '(`/go` in this base today)' }],
      output: 'FROM golang:1.27-bookworm\nWORKDIR /go/src/app\n',
    },
    {
      name: 'an unknown base: reported, no fix',
      code: 'FROM registry.example.com/team/base:1.4\nWORKDIR app\n',
      errors: [{ line: 2, column: 9, message: 'which this Dockerfile does not set' }],
      output: 'FROM registry.example.com/team/base:1.4\nWORKDIR app\n',
    },
    {
      name: 'only the first WORKDIR of the stage',
      code: 'FROM python:3.13-slim\nWORKDIR app\nWORKDIR src\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM python:3.13-slim\nWORKDIR /app\nWORKDIR src\n',
    },
    {
      name: 'every stage starts over',
      code: 'FROM node:24-slim AS build\nWORKDIR /src\nFROM node:24-slim\nWORKDIR app\n',
      errors: [{ line: 4, column: 9 }],
      output: 'FROM node:24-slim AS build\nWORKDIR /src\nFROM node:24-slim\nWORKDIR /app\n',
    },
    {
      name: 'a base stage set a relative one: that stage is reported, not the one built on it',
      code: 'FROM python:3.13-slim AS base\nWORKDIR app\nFROM base\nWORKDIR src\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM python:3.13-slim AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n',
    },
    {
      name: 'lower case and a dot',
      code: 'from alpine:3.20\nworkdir .\n',
      errors: [{ line: 2, column: 9 }],
      output: 'from alpine:3.20\nworkdir /\n',
    },
  ],
});
