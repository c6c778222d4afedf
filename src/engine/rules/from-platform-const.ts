import { defineRule } from '../rule.ts';

/** `os[/arch[/variant]]` as containerd reads it; the words are checked loosely, as BuildKit only needs them to parse. */
const PLATFORM = /^([a-z0-9_-]+)(?:\/([a-z0-9_-]+)(?:\/([a-z0-9_.-]+))?)?$/i;

export default defineRule({
  meta: {
    id: 'from-platform-const',
    title: 'FROM does not pin a constant platform',
    severity: 'warning',
    lesson: '02-pin-base-images',
    related: { hadolint: ['DL3029'], buildkit: ['FromPlatformFlagConstDisallowed'] },
    why:
      '`FROM --platform=linux/amd64 ...` builds that stage for amd64 whatever platform you ask for. On an arm64 laptop or a Graviton ' +
      'server the image then runs under emulation, slowly, or not at all, and `docker buildx build --platform linux/amd64,linux/arm64` ' +
      'produces two images that both contain amd64 binaries. It is usually added to make one machine build, and then stays. Leave ' +
      'the platform to the build command (`docker build --platform ...`); in a builder stage, `--platform=$BUILDPLATFORM` runs the ' +
      'compiler natively and cross-compiles for `$TARGETARCH`. A stage that really exists for one platform says so in its name ' +
      '(`AS build-amd64`), which silences the rule.',
    fixable: false,
    examples: {
      incorrect: 'FROM --platform=linux/amd64 nginx:1.30-alpine\nCOPY dist/ /usr/share/nginx/html/\n',
      correct: 'FROM nginx:1.30-alpine\nCOPY dist/ /usr/share/nginx/html/\n',
    },
  },
  create(context) {
    return {
      stage(stage) {
        const flag = stage.from.flags.find((f) => f.name === 'platform');
        const value = flag?.value;
        if (!flag || !value || value.includes('$')) return;
        const m = PLATFORM.exec(value);
        if (!m) return;
        const [, os, arch] = m;
        const name = stage.name ?? '';
        if (name.includes(os.toLowerCase()) || (arch && name.includes(arch.toLowerCase()))) return;
        context.report({
          range: flag.range,
          message:
            `\`--platform=${value}\` builds this stage for ${value} whatever platform the build asks for, so on other machines it runs ` +
            'under emulation or not at all, and a multi-platform build ships this platform\'s binaries for every one. Delete it and pass ' +
            '`--platform` to `docker build` when you need to; a builder stage can use `--platform=$BUILDPLATFORM`. If the stage is meant ' +
            `for ${value} only, say so in its name (e.g. \`AS build-${arch ?? os}\`).`,
        });
      },
    };
  },
});
