import rule from '../../../src/engine/rules/package-pin-versions.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { name: 'gem with -v or name:version', code: 'FROM ruby:3.3-slim\nRUN gem install bundler -v 2.5.22 && gem install rake:13.2.1 --no-document\n' },
    { name: 'gem --version= form', code: 'FROM ruby:3.3-slim\nRUN gem install rails --version=7.2.1\n' },
    { name: 'go install with versions or commits', code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2 github.com/org/tool@3f2a9c1d\n' },
    { name: 'go install of local packages', code: 'FROM golang:1.23\nWORKDIR /src\nRUN go install ./cmd/... && go install -v .\n' },
    { name: 'go install after copying go.mod uses its versions', code: 'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go install github.com/a-h/templ/cmd/templ\n' },
    { name: 'dnf and yum with versions, groups and module streams', code: 'FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57-5.el9 @development && dnf module install -y nodejs:20 && yum install -y ./local.rpm\n' },
    { name: 'microdnf with a full NEVRA', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5\nRUN microdnf install -y --nodocs shadow-utils-4.9-9.el9.x86_64\n' },
    { name: 'zypper with versions', code: "FROM opensuse/leap:15.6\nRUN zypper --non-interactive in -y curl=8.6.0 'git<2.44'\n" },
    { name: 'apt, pip and npm are other rules', code: 'FROM debian:12\nRUN apt-get install -y curl && pip install flask && npm install -g pm2\n' },
    { name: 'removals and updates', code: 'FROM rockylinux:9\nRUN dnf remove -y vim && dnf update -y && zypper rm -y curl && gem uninstall rake\n' },
  ],
  invalid: [
    {
      code: 'FROM ruby:3.3-slim\nRUN gem install bundler\n',
      errors: [{ line: 2, column: 17, endLine: 2, endColumn: 24, message: '`gem install bundler -v <version>`' }],
    },
    {
      name: 'go install @latest and without a version',
      code: 'FROM golang:1.23 AS tools\nRUN go install github.com/go-delve/delve/cmd/dlv@latest \\\n && go install golang.org/x/tools/cmd/goimports\n',
      errors: [
        { line: 2, column: 16, endColumn: 56, message: '`@latest` moves' },
        { line: 3, column: 16, endColumn: 48, message: 'without a version' },
      ],
    },
    {
      name: 'a go.mod does not pin @latest',
      code: 'FROM golang:1.23\nCOPY go.mod ./\nRUN go install github.com/a-h/templ/cmd/templ@latest\n',
      errors: [{ line: 3, column: 16 }],
    },
    {
      name: 'dnf, yum and microdnf: a dash inside the name is not a version',
      code: 'FROM rockylinux:9\nRUN dnf install -y python3-pip httpd-2.4.57 && yum install -y java-17-openjdk && microdnf install -y tar\n',
      errors: [
        { line: 2, column: 20, endColumn: 31, message: '`python3-pip-<version>`' },
        { line: 2, column: 63, endColumn: 78 },
        { line: 2, column: 102, endColumn: 105, message: '`dnf list --showduplicates tar`' },
      ],
    },
    {
      name: 'dnf module without a stream',
      code: 'FROM rockylinux:9\nRUN dnf module install -y nodejs\n',
      errors: [{ line: 2, column: 27, endColumn: 33, message: 'Name the module stream' }],
    },
    {
      name: 'zypper without a version or with a lower bound only',
      code: "FROM opensuse/leap:15.6\nRUN zypper -n install -y curl 'git>=2.40'\n",
      errors: [
        { line: 2, column: 26, endColumn: 30 },
        { line: 2, column: 31, endColumn: 42 },
      ],
    },
  ],
});
