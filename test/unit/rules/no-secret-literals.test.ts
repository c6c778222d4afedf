import rule from '../../../src/engine/rules/no-secret-literals.ts';
import { lint } from '../../../src/engine/index.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';
import { describe, expect, it } from 'vitest';

// Credential-shaped test data is assembled at run time, never written whole, so secret scanners
// and push protection do not take this repository for a leak (see FIELD-NOTES).
const githubToken = ['gh', 'p_', 'x1Y2'.repeat(9)].join('');
const githubPat = ['github', '_pat_', '11ABCDEFG0', 'x'.repeat(40)].join('');
const awsKeyId = ['AK', 'IA', 'Q3EGRLXV7Z4P2M5N'].join('');
const awsSecret = ['wJalrXUtnFEMI', '/K7MDENG/bPxRfiCY', 'zQ9rT3vW8y'].join('');
const slackToken = ['xo', 'xb-', '1234567890-', 'abcdefghijklmnop'].join('');
const npmToken = ['np', 'm_', 'a1B2c3D4'.repeat(4), 'zz9Y'].join('');
const beginKey = ['-----BEGIN ', 'OPENSSH PRIVATE', ' KEY-----'].join('');
const endKey = ['-----END ', 'OPENSSH PRIVATE', ' KEY-----'].join('');
const password = ['hun', 'ter2'].join('');

describe('no-secret-literals test data', () => {
  it('is the shape the rule must catch', () => {
    expect(githubToken).toHaveLength(40);
    expect(awsKeyId).toMatch(/^AKIA[0-9A-Z]{16}$/);
    expect(awsSecret).toHaveLength(40);
  });
  it('never repeats the secret in a message', () => {
    const found = lint(`FROM alpine:3.20\nENV GH=${githubToken}\n`, { rules: [rule] });
    expect(found).toHaveLength(1);
    expect(found[0].message).not.toContain(githubToken);
  });
});

runRuleTests(rule, {
  valid: [
    { name: 'variables, not literals', code: 'FROM alpine:3.20\nRUN git clone https://oauth2:${GITLAB_TOKEN}@gitlab.example.com/team/app.git\n' },
    { name: 'a password variable option', code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=pw,env=PW mysql --password="$PW" -e "select 1"\n' },
    { name: 'docker login reads stdin', code: 'FROM docker:27\nRUN --mount=type=secret,id=tok cat /run/secrets/tok | docker login --password-stdin -u ci registry.example.com\n' },
    { name: 'an npmrc built from a variable', code: 'FROM node:22-alpine\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\n' },
    { name: 'the AWS documentation example key', code: `FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=${['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('')}\n` },
    { name: 'a URL with a user but no password', code: 'FROM alpine:3.20\nRUN git clone ssh://git@github.com/acme/app.git\n' },
    { name: 'a public key block', code: 'FROM alpine:3.20\nRUN echo "-----BEGIN PUBLIC KEY-----" > /etc/app/pub.pem\n' },
    { name: 'a token file option', code: 'FROM alpine:3.20\nRUN vault login --token-file=/run/secrets/vault\n' },
    { name: 'a placeholder', code: 'FROM alpine:3.20\nRUN app configure --password=<password>\n' },
    { name: 'Authorization from a variable', code: 'FROM alpine:3.20\nRUN curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com\n' },
    { name: 'a comment is not an instruction', code: `FROM alpine:3.20\n# old token: ${githubToken}\nRUN true\n` },
  ],
  invalid: [
    {
      name: 'GitHub token in ENV',
      code: `FROM alpine:3.20\nENV GH_TOKEN=${githubToken}\n`,
      errors: [{ line: 2, column: 14, endLine: 2, endColumn: 54, message: 'This looks like a GitHub token' }],
    },
    {
      name: 'fine-grained GitHub token in a clone URL (reported once, as the token)',
      code: `FROM alpine:3.20\nRUN git clone https://${githubPat}@github.com/acme/app.git\n`,
      errors: [{ line: 2, column: 23, endColumn: 23 + githubPat.length, message: 'a GitHub token' }],
    },
    {
      name: 'AWS access key id and secret',
      code: `FROM amazon/aws-cli:2.17\nENV AWS_ACCESS_KEY_ID=${awsKeyId} \\\n    AWS_SECRET_ACCESS_KEY=${awsSecret}\n`,
      errors: [
        { line: 2, column: 23, endColumn: 43, message: 'an AWS access key id' },
        { line: 3, column: 27, endColumn: 67, message: 'an AWS secret access key' },
      ],
    },
    {
      name: 'password in a URL',
      code: `FROM alpine:3.20\nRUN wget -O /tmp/app.tgz https://deploy:${password}@downloads.example.com/app.tgz\n`,
      errors: [{ line: 2, column: 41, endColumn: 48, message: 'a password in a URL' }],
    },
    {
      name: 'pip index URL with a password, continued line',
      code: `FROM python:3.13-slim\nRUN pip install \\\n    --index-url https://ci:${password}@pypi.example.com/simple app\n`,
      errors: [{ line: 3, column: 28, endColumn: 35 }],
    },
    {
      name: '--password=value and --token value',
      code: `FROM alpine:3.20\nRUN app login --password=${password} && app deploy --token 'abc123def456'\n`,
      errors: [
        { line: 2, column: 26, endColumn: 33, message: 'a literal credential passed as an option' },
        { line: 2, column: 57, endColumn: 69 },
      ],
    },
    {
      name: 'Slack and npm tokens',
      code: `FROM node:22-alpine\nRUN echo "//registry.npmjs.org/:_authToken=${npmToken}" > .npmrc \\\n && curl -d 'token=${slackToken}' https://slack.com/api/chat.postMessage\n`,
      errors: [
        { line: 2, column: 44, endColumn: 44 + npmToken.length, message: 'an npm token' },
        { line: 3, column: 20, endColumn: 20 + slackToken.length, message: 'a Slack token' },
      ],
    },
    {
      name: 'private key block in a heredoc: the whole block',
      code: `FROM alpine:3.20\nCOPY <<EOF /root/.ssh/id_ed25519\n${beginKey}\nb3BlbnNzaC1rZXktdjEAAAAA\n${endKey}\nEOF\n`,
      errors: [{ line: 3, column: 1, endLine: 5, endColumn: 1 + endKey.length, message: 'a private key' }],
    },
    {
      name: 'literal Authorization header',
      code: 'FROM alpine:3.20\nRUN curl -H "Authorization: Bearer 9f8e7d6c5b4a39281706" https://api.example.com/deploy\n',
      errors: [{ line: 2, column: 36, endColumn: 56, message: 'Authorization header' }],
    },
    {
      name: 'builder stage and global ARG too',
      code: `ARG TOKEN=${githubToken}\nFROM alpine:3.20 AS build\nRUN curl -u ci:${password} https://ci.example.com\nFROM alpine:3.20\n`,
      errors: [
        { line: 1, column: 11, message: 'a GitHub token' },
        { line: 3, column: 16, endColumn: 23, message: 'a password passed to curl' },
      ],
    },
    {
      name: '# escape=` file',
      code: `# escape=\`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN git clone https://build:${password}@git.example.com/app.git\n`,
      errors: [{ line: 3, column: 29, endColumn: 36 }],
    },
  ],
});
