/**
 * The commands and files the "Use it in CI" page shows. They live here, not in the page, so a test
 * runs every one of them against a real Dockerfile: documentation that cannot drift from the CLI.
 */
export interface CiCommand {
  /** As a user types it. The test replaces `npx shipshape` with the local CLI. */
  command: string;
  explanation: string;
  /** Exit code on the sample project the test builds (a Dockerfile with warnings and errors). */
  expectedExit: number;
}

export const CI_COMMANDS: CiCommand[] = [
  { command: 'npx shipshape lint Dockerfile', explanation: 'Compiler-style output; exit code 1 when an error or warning remains.', expectedExit: 1 },
  { command: 'npx shipshape lint --format json Dockerfile', explanation: 'One JSON array of findings, for scripts.', expectedExit: 1 },
  { command: 'npx shipshape lint --format sarif Dockerfile > shipshape.sarif', explanation: 'SARIF 2.1.0, for code-scanning dashboards.', expectedExit: 1 },
  { command: 'npx shipshape lint --config .shipshape.json Dockerfile', explanation: 'Severities, disabled rules and your registry allow-list from a file.', expectedExit: 1 },
  { command: 'npx shipshape lint --fix Dockerfile', explanation: 'Apply the safe, mechanical fixes in place, then report what is left.', expectedExit: 1 },
  { command: 'npx shipshape rules --format json', explanation: 'Every rule with its severity, lesson and related hadolint ids.', expectedExit: 0 },
];

export const GITHUB_WORKFLOW = `name: Dockerfile checks
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
jobs:
  shipshape:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - name: Lint the Dockerfile
        run: npx shipshape lint --format sarif Dockerfile > shipshape.sarif
      - name: Upload the findings to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: shipshape.sarif
`;

export const PRE_COMMIT_HOOK = `#!/bin/sh
# .git/hooks/pre-commit: refuse a commit whose Dockerfiles have errors or warnings
files=$(git diff --cached --name-only --diff-filter=ACM | grep -E '(^|/)(Dockerfile|[^/]*\\.Dockerfile)$')
[ -z "$files" ] && exit 0
exec npx shipshape lint $files
`;

export const SAMPLE_CONFIG = `{
  "rules": {
    "prefer-digest": "off",
    "healthcheck-present": "info"
  },
  "trustedRegistries": ["docker.io/library", "registry.example.com/mirror"]
}
`;
