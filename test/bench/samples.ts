/** Generated and hand-written Dockerfiles the benchmarks share. */
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * A 2,000-line Dockerfile of the kind big projects keep: global ARGs, many stages built from a few
 * shapes seen in official images (long apt-get chains with one package a line, `case` on the
 * architecture, checksum checks, cache mounts, a heredoc, COPY --from, HEALTHCHECK, USER).
 */
export function generateLargeDockerfile(lines = 2000): string {
  const out: string[] = ['# syntax=docker/dockerfile:1.7', 'ARG DEBIAN_VERSION=bookworm', 'ARG NODE_VERSION=22.11.0', 'ARG PYTHON_VERSION=3.13.1', 'ARG GO_VERSION=1.23.4', ''];
  const packages = ['ca-certificates', 'curl', 'git', 'gnupg', 'libssl-dev', 'libffi-dev', 'libpq-dev', 'libxml2-dev', 'libyaml-dev', 'make', 'openssh-client', 'pkg-config', 'procps', 'tzdata', 'unzip', 'xz-utils', 'zlib1g-dev'];
  const stage = (n: number): string[] => {
    const pk = packages.slice(n % 5, (n % 5) + 9 + (n % 4));
    const name = `stage${n}`;
    const prev = n > 0 ? `stage${n - 1}` : '';
    switch (n % 4) {
      case 0:
        return [
          `# ---- ${name}: system packages ----`,
          `FROM debian:\${DEBIAN_VERSION}-slim AS ${name}`,
          'ENV LANG=C.UTF-8 \\',
          '    DEBIAN_FRONTEND=noninteractive \\',
          `    APP_HOME=/opt/app${n}`,
          'RUN set -eux; \\',
          '    apt-get update; \\',
          '    apt-get install -y --no-install-recommends \\',
          ...pk.map((p) => `        ${p} \\`),
          '    ; \\',
          '    rm -rf /var/lib/apt/lists/*',
          'RUN groupadd --system --gid 10001 app \\',
          ' && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home app',
          `WORKDIR /opt/app${n}`,
          '',
        ];
      case 1:
        return [
          `# ---- ${name}: a toolchain, checked against its checksum ----`,
          `FROM ${prev} AS ${name}`,
          'ARG TARGETARCH',
          'RUN set -eux; \\',
          '    case "${TARGETARCH:-amd64}" in \\',
          "        amd64) arch='x64'; sha256='f2d7b6d5c4a3b2a1908172635445362718190a0b1c2d3e4f5a6b7c8d9e0f1a2b';; \\",
          "        arm64) arch='arm64'; sha256='0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';; \\",
          '        *) echo >&2 "unsupported architecture: ${TARGETARCH}"; exit 1 ;; \\',
          '    esac; \\',
          '    curl -fsSLo /tmp/node.tar.xz "https://nodejs.org/dist/v${NODE_VERSION}/node-v${NODE_VERSION}-linux-${arch}.tar.xz"; \\',
          '    echo "${sha256}  /tmp/node.tar.xz" | sha256sum -c -; \\',
          '    tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1 --no-same-owner; \\',
          '    rm /tmp/node.tar.xz; \\',
          '    # smoke tests',
          '    node --version; \\',
          '    npm --version',
          'COPY package.json package-lock.json ./',
          'RUN --mount=type=cache,target=/root/.npm \\',
          '    npm ci --omit=dev --no-audit --no-fund',
          'COPY src/ ./src/',
          `RUN npm run build --workspace=pkg${n} && npm prune --omit=dev`,
          '',
        ];
      case 2:
        return [
          `# ---- ${name}: Python dependencies in a virtual environment ----`,
          `FROM python:\${PYTHON_VERSION}-slim-bookworm AS ${name}`,
          'ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1',
          'RUN python -m venv /opt/venv',
          'ENV PATH="/opt/venv/bin:$PATH"',
          'COPY requirements.txt .',
          'RUN --mount=type=cache,target=/root/.cache/pip \\',
          '    pip install --no-cache-dir -r requirements.txt',
          'RUN <<EOF',
          'set -eux',
          'python - <<PY',
          'import compileall, sys',
          'sys.exit(0 if compileall.compile_dir("/opt/venv", quiet=1) else 1)',
          'PY',
          'find /opt/venv -name "*.pyc" -delete',
          'EOF',
          'COPY --chown=10001:10001 app/ /app/',
          '',
        ];
      default:
        return [
          `# ---- ${name}: the runtime image of service ${n} ----`,
          `FROM gcr.io/distroless/python3-debian12:nonroot AS ${name}`,
          `LABEL org.opencontainers.image.title="service-${n}" \\`,
          '      org.opencontainers.image.source="https://example.com/acme/services" \\',
          `      org.opencontainers.image.version="1.${n}.0"`,
          `COPY --from=stage${n - 1} /opt/venv /opt/venv`,
          `COPY --from=stage${n - 3} --chown=10001:10001 /opt/app${n - 3} /app`,
          'ENV PATH="/opt/venv/bin:$PATH"',
          'WORKDIR /app',
          'USER 10001:10001',
          `EXPOSE ${8000 + n}`,
          `HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${8000 + n}/health')"]`,
          `ENTRYPOINT ["python", "-m", "service${n}"]`,
          'CMD ["--workers", "2"]',
          '',
        ];
    }
  };
  for (let n = 0; out.length < lines; n++) {
    const next = stage(n);
    if (out.length + next.length > lines) {
      while (out.length < lines) out.push(`# padding to ${lines} lines`);
      break;
    }
    out.push(...next);
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** A 30-line exercise answer, the size of the course's exercises, graded as the page grades it. */
export const EXERCISE_DIR = join(ROOT, 'lessons/07-multi-stage-builds/exercises/02-finish-a-half-done-split');
export const EXERCISE_TEXT = `# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.13

FROM python:\${PYTHON_VERSION}-slim-bookworm AS builder
RUN apt-get update \\
 && apt-get install -y --no-install-recommends build-essential=12.9 libpq-dev=15.10-0+deb12u1 \\
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM python:\${PYTHON_VERSION}-slim-bookworm
LABEL org.opencontainers.image.title="ledger"
ENV PYTHONUNBUFFERED=1 \\
    PATH="/opt/venv/bin:$PATH"
RUN apt-get update \\
 && apt-get install -y --no-install-recommends libpq5=15.10-0+deb12u1 \\
 && rm -rf /var/lib/apt/lists/* \\
 && useradd --create-home --uid 10001 app
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY ledger/ ledger/
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \\
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"]
STOPSIGNAL SIGTERM
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "ledger.wsgi:app"]
`;
