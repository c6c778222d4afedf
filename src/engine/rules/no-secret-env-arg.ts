import { defineRule } from '../rule.ts';
import { keyValues } from '../runtime.ts';

// BuildKit's SecretsUsedInArgOrEnv (frontend/dockerfile/dockerfile2llb/convert.go, getSecretsRegex): a token from this
// list as the whole name, or as a `_`-separated word of it, case-insensitive; names with an allowed token are exempt
const SECRET_TOKENS = ['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token'];
const ALLOWED_TOKENS = ['public', 'file', 'version'];
const DENY = new RegExp(`(?:_|^)(?:${SECRET_TOKENS.join('|')})(?:_|$)`, 'i');
const ALLOW = new RegExp(`(?:_|^)(?:${ALLOWED_TOKENS.join('|')})(?:_|$)`, 'i');
// Shipshape's addition to the list: PASSPHRASE (GPG_PASSPHRASE, SSH_KEY_PASSPHRASE), which BuildKit misses
const PASSPHRASE = /(?:_|^)passphrase(?:_|$)/i;
// Shipshape's additions, for names BuildKit flags in official images: a GPG/PGP key id is a public fingerprint (python's GPG_KEY)
const FINGERPRINT = /(?:_|^)(?:gpg|pgp)(?:_|$)/i;
const PRIVATE_WORDS = /private|secret|pass|pword|token|credential|auth/i;
/** Values that cannot be a credential: switches and modes (`AUTH_ENABLED=false`, `AUTH_MODE=none`), absolute paths to a file, URLs without credentials or query. */
const HARMLESS_VALUE = /^(?:true|false|yes|no|on|off|none|enabled|disabled|required|optional|[01]|\/[\w./-]*|https?:\/\/[^\s@?#$]*)$/i;

/** True when BuildKit (and Shipshape) take this ARG/ENV name for a secret. */
export function looksSecret(name: string): boolean {
  if (!(DENY.test(name) || PASSPHRASE.test(name)) || ALLOW.test(name)) return false;
  if (FINGERPRINT.test(name) && !PRIVATE_WORDS.test(name.replace(/(?:_|^)key(?:_|$)/gi, '_'))) return false;
  return true;
}

export default defineRule({
  meta: {
    id: 'no-secret-env-arg',
    title: 'No secrets in ARG or ENV',
    severity: 'error',
    lesson: '14-no-secrets-in-images',
    related: { buildkit: ['SecretsUsedInArgOrEnv'] },
    why:
      'An ENV value is stored in the image config: `docker inspect` and `docker history` show it to anyone who can pull the image, in every ' +
      'layer after it. A build-arg value does not reach the config, but it is recorded in the build history and in provenance attestations, ' +
      'and a builder stage with it may be cached or pushed. Secrets needed by a build step belong in `RUN --mount=type=secret`, which mounts ' +
      'them for that step only; secrets the app needs at run time come from the runtime (`docker run -e`, a Kubernetes Secret, a mounted file). ' +
      "Names are matched with BuildKit's own rule (a word such as TOKEN, PASSWORD, SECRET, KEY, AUTH in the name; PUBLIC, FILE, VERSION " +
      'exempt), plus PASSPHRASE, and two exemptions of Shipshape: GPG/PGP key ids (public fingerprints) and values that cannot be secrets (`false`, `none`, a file path, a URL without credentials).',
    fixable: false,
    examples: {
      incorrect: 'FROM node:22-bookworm-slim\nARG NPM_TOKEN\nENV DB_PASSWORD=changeme\nRUN npm ci\n',
      correct:
        'FROM node:22-bookworm-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\nENV DB_PASSWORD_FILE=/run/secrets/db_password\n',
    },
  },
  create(context) {
    return {
      instruction(ins) {
        if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return;
        for (const kv of keyValues(ins)) {
          if (!looksSecret(kv.name)) continue;
          if (kv.value !== undefined && HARMLESS_VALUE.test(kv.value)) continue;
          // an ENV declared empty bakes nothing in
          if (ins.keyword === 'ENV' && (kv.value === undefined || kv.value === '')) continue;
          const id = kv.name.toLowerCase();
          const message =
            ins.keyword === 'ARG'
              ? `\`${kv.name}\` looks like a secret: build-arg values are recorded in the image's build history and provenance. ` +
                `Pass it as a build secret instead: \`RUN --mount=type=secret,id=${id},env=${kv.name} ...\` and \`docker build --secret id=${id},env=${kv.name}\`.`
              : `\`${kv.name}\` looks like a secret: ENV values are stored in the image config, where \`docker inspect\` shows them. ` +
                `Give it to the container at run time (\`docker run -e ${kv.name}\`, a Kubernetes Secret, or a mounted file); a build step can use \`RUN --mount=type=secret,id=${id}\`.`;
          context.report({ range: kv.nameRange, message });
        }
      },
    };
  },
});
