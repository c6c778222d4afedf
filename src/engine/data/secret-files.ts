/**
 * Files that hold credentials, by name (and, when the content is known, by content), for the
 * secrets lesson and the build-context rules. Checked: 2026-11-24.
 *
 * Deliberately not secrets: templates (`.env.example`, `secrets.sample.yaml`), public keys
 * (`id_rsa.pub`, `authorized_keys`, `known_hosts`), CA bundles and certificates (`ca.pem`,
 * `fullchain.pem`, or any `.pem` whose known content has no private key), `.npmrc`/`.pypirc`
 * whose known content has no credential.
 */

export interface SecretFileKind {
  /** What the file is, for messages: "an environment file". */
  what: string;
  /** How to give the build the secret instead (a RUN --mount suggestion). */
  instead: string;
}

const SECRET_MOUNT = 'pass it with `RUN --mount=type=secret,id=<name>,target=<path> ...`, which never writes it to a layer';

const ENV: SecretFileKind = {
  what: 'an environment file',
  instead: 'give the values at run time (`docker run --env-file`), or at build time with `RUN --mount=type=secret,id=env,target=/app/.env ...`',
};
const PRIVATE_KEY: SecretFileKind = { what: 'a private key', instead: SECRET_MOUNT };
const SSH_KEY: SecretFileKind = {
  what: 'an SSH private key',
  instead: 'forward your SSH agent with `RUN --mount=type=ssh ...` (and `docker build --ssh default`)',
};
const NPMRC: SecretFileKind = {
  what: 'an npm credentials file',
  instead: 'mount it for the install only: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`',
};
const PYPIRC: SecretFileKind = {
  what: 'a PyPI credentials file',
  instead: 'mount it where it is needed: `RUN --mount=type=secret,id=pypirc,target=/root/.pypirc ...`',
};
const NETRC: SecretFileKind = { what: 'a netrc credentials file', instead: SECRET_MOUNT };
const CREDENTIALS: SecretFileKind = { what: 'a credentials file', instead: SECRET_MOUNT };
const AWS: SecretFileKind = {
  what: 'AWS credentials',
  instead: 'mount them for the step that needs them: `RUN --mount=type=secret,id=aws,target=/root/.aws/credentials ...`',
};
const DOCKER_CONFIG: SecretFileKind = { what: 'Docker registry credentials', instead: SECRET_MOUNT };
const TFSTATE: SecretFileKind = { what: 'Terraform state, which stores secrets in plain text', instead: 'keep state in a remote backend, never in the image' };
const SECRETS: SecretFileKind = { what: 'a secrets file', instead: SECRET_MOUNT };
const KEYSTORE: SecretFileKind = { what: 'a certificate keystore with its private key', instead: SECRET_MOUNT };

/** `.env.example`, `secrets.sample.yml`, `config.template.json`: documentation, not secrets. */
const TEMPLATE = /(?:^|[._-])(?:example|examples|sample|samples|template|templates|tmpl|tpl|dist|defaults?|schema)(?:[._-]|$)/i;

export function isTemplateFile(basename: string): boolean {
  return TEMPLATE.test(basename.replace(/^\./, ''));
}

/** `.pem` files that are certificates or CA bundles by name. */
const CERTIFICATE_NAME = /(?:cert|chain|bundle|ca|root|pub|public)/i;

/** A cheap filter that every secret path passes (case-insensitively). */
const MAYBE_SECRET = /(?:^|\/)(?:\.ssh|\.aws|\.docker|\.env|id_|\.npmrc|\.pypirc|[._]netrc|credentials\.json|\.git-credentials|secrets\.)|\.(?:tfstate|tfstate\.backup|p12|pfx|key|pem)$/i;

/**
 * What kind of secret a context path is, or undefined. `content`, when known, refines the
 * answer for files that are secrets only by content (.pem, .npmrc, .pypirc). A directory path
 * (`.ssh`, `.aws`) is judged by its name.
 */
export function secretFileKind(path: string, content?: string): SecretFileKind | undefined {
  // the common case, a file no rule below can match, is answered without splitting the path
  if (!MAYBE_SECRET.test(path)) return undefined;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const base = parts[parts.length - 1] ?? '';
  if (base === '') return undefined;
  const lower = base.toLowerCase();

  const sshAt = parts.lastIndexOf('.ssh');
  if (sshAt >= 0) {
    if (sshAt === parts.length - 1) return SSH_KEY;
    if (lower.endsWith('.pub') || lower === 'known_hosts' || lower === 'authorized_keys' || lower === 'config') return undefined;
    return SSH_KEY;
  }
  const awsAt = parts.lastIndexOf('.aws');
  if (awsAt >= 0) return awsAt === parts.length - 1 || lower === 'credentials' ? AWS : undefined;
  if (lower === 'config.json' && parts[parts.length - 2] === '.docker') return DOCKER_CONFIG;

  if (isTemplateFile(base)) return undefined;
  if (lower === '.env' || lower.startsWith('.env.')) return ENV;
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/.test(lower)) return SSH_KEY;
  if (lower === '.npmrc') return content === undefined || /_authToken|_auth\b|_password|:_|\btoken\b/i.test(content) ? NPMRC : undefined;
  if (lower === '.pypirc') return content === undefined || /password|token/i.test(content) ? PYPIRC : undefined;
  if (lower === '.netrc' || lower === '_netrc') return NETRC;
  if (lower === 'credentials.json' || lower === '.git-credentials') return CREDENTIALS;
  if (lower === 'terraform.tfstate' || lower.endsWith('.tfstate') || lower.endsWith('.tfstate.backup')) return TFSTATE;
  if (lower.startsWith('secrets.')) return SECRETS;
  if (lower.endsWith('.p12') || lower.endsWith('.pfx')) return KEYSTORE;
  if (lower.endsWith('.key')) return PRIVATE_KEY;
  if (lower.endsWith('.pem')) {
    if (content !== undefined) return /PRIVATE KEY-----/.test(content) ? PRIVATE_KEY : undefined;
    return CERTIFICATE_NAME.test(base.slice(0, -4)) ? undefined : PRIVATE_KEY;
  }
  return undefined;
}
