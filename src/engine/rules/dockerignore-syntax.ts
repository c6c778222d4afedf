import { dockerignoreOf } from '../context.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  meta: {
    id: 'dockerignore-syntax',
    title: 'Every .dockerignore line is a pattern Docker accepts',
    severity: 'error',
    lesson: '11-dockerignore-and-build-context',
    related: {},
    why:
      'Docker reads the whole .dockerignore before it sends anything: one malformed line (an unclosed `[`, a lone `!`) makes it ' +
      'reject the file and the build fails. Some lines pass that check but become regular expressions Go cannot compile ' +
      '(`[z-a]`), and fail the build later. Unlike .gitignore, Docker does not skip bad lines.',
    fixable: false,
    examples: {
      incorrect: 'FROM alpine:3.21\nCOPY . /srv\n',
      correct: 'FROM alpine:3.21\nCOPY . /srv\n',
      dockerignore: { incorrect: '.git\n[Bb]uild\n!\n', correct: '.git\n[Bb]uild\n!README.md\n' },
    },
  },
  create(context) {
    return {
      end() {
        const text = context.input.dockerignore;
        if (text === undefined) return;
        for (const problem of dockerignoreOf(text).problems) {
          context.report({ range: problem.range, file: '.dockerignore', message: problem.message });
        }
      },
    };
  },
});
