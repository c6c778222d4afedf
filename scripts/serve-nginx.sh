#!/usr/bin/env bash
# Serves the built site (dist/) with the production nginx configuration in deploy/nginx, the way the
# container does, for the end-to-end tests: a non-root user, a high port, loopback only.
#   bash scripts/serve-nginx.sh [port]
# Differences from the image, and why: the listen address (loopback and a test port) and the document
# root (a copy of dist/ the non-root user can read); everything else is the same files.
set -euo pipefail
port="${1:-18080}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nginx_bin="$(command -v nginx || true)"
[ -n "$nginx_bin" ] || nginx_bin=/usr/sbin/nginx
[ -x "$nginx_bin" ] || { echo "serve-nginx: nginx is not installed (apt-get install nginx)" >&2; exit 2; }
[ -d "$root/dist" ] || { echo "serve-nginx: build the site first (npm run build)" >&2; exit 2; }

prefix="$(mktemp -d "${TMPDIR:-/tmp}/shipshape-nginx.XXXXXX")"
mkdir -p "$prefix/conf/conf.d" "$prefix/tmp"
cp -r "$root/dist" "$prefix/html"
node "$root/scripts/csp.ts" "$prefix/html" "$prefix/conf/conf.d/shipshape-csp.inc" >&2
cp "$root/deploy/nginx/shipshape-headers.inc" "$prefix/conf/conf.d/"
sed -e "s#^    listen 8080;#    listen 127.0.0.1:$port;#" -e '/listen \[::\]:8080;/d' \
    -e "s#root /usr/share/nginx/html;#root $prefix/html;#" \
    "$root/deploy/nginx/default.conf" > "$prefix/conf/conf.d/default.conf"
mime=/etc/nginx/mime.types
[ -f "$mime" ] || mime="$(dirname "$nginx_bin")/../conf/mime.types"
# The main configuration mirrors nginx-unprivileged's: pid and temp files somewhere the user can write.
cat > "$prefix/conf/nginx.conf" <<CONF
worker_processes 1;
error_log stderr notice;
pid $prefix/tmp/nginx.pid;
events { worker_connections 512; }
http {
    include $mime;
    types { application/manifest+json webmanifest; }
    default_type application/octet-stream;
    client_body_temp_path $prefix/tmp/client_temp;
    proxy_temp_path $prefix/tmp/proxy_temp;
    fastcgi_temp_path $prefix/tmp/fastcgi_temp;
    uwsgi_temp_path $prefix/tmp/uwsgi_temp;
    scgi_temp_path $prefix/tmp/scgi_temp;
    sendfile on;
    keepalive_timeout 65;
    include conf.d/*.conf;
}
CONF
cleanup() { rm -rf "$prefix"; }
trap cleanup EXIT
run_as=()
if [ "$(id -u)" = 0 ]; then
  # never serve as root: drop to nobody, which then owns the copy it serves
  chown -R nobody:nogroup "$prefix"
  run_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
echo "serve-nginx: http://127.0.0.1:$port/ (prefix $prefix)" >&2
# nginx opens /dev/stdout itself (the production config logs there): the pipe it writes to must belong
# to the user nginx runs as, so that user's shell creates it
"${run_as[@]}" bash -c 'exec 3>&1 4>&2; "$1" -p "$2/" -c "$2/conf/nginx.conf" -e stderr -g "daemon off;" 2> >(cat >&4) | cat >&3' _ "$nginx_bin" "$prefix" &
pid=$!
stop() {
  # nginx runs under a wrapper shell: stop nginx itself through its pid file, then the wrapper
  [ -f "$prefix/tmp/nginx.pid" ] && kill -TERM "$(cat "$prefix/tmp/nginx.pid")" 2>/dev/null
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  cleanup
}
trap stop EXIT INT TERM
wait $pid
