#!/usr/bin/env bash
# Runs the Dockerfile's steps on this machine, without a Docker engine, in a temporary copy of the
# repository: build context (minus .dockerignore) → deps (`npm ci` on the files the deps stage copies)
# → build (`npm run build`, `npm prune --omit=dev`) → runtime (only the files the runtime stage copies,
# as an unprivileged user with a read-only app folder and an empty /data) → `biwaq db migrate` →
# `node server/index.js` → GET /login must answer 200 (also through the HEALTHCHECK command) → stop.
# Exits non-zero when any step fails. Keep it in step with the Dockerfile.
#
#   scripts/docker-steps.sh            # PORT defaults to 3302
#   KEEP=1 scripts/docker-steps.sh     # keep the temporary folder for a look afterwards
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-3302}"
WORK="$(mktemp -d /tmp/biwaq-docker-steps.XXXXXX)"
CONTEXT="$WORK/context"   # what `docker build .` would send
APP="$WORK/app"           # the deps/build stages' /app
RUNTIME="$WORK/runtime"   # the runtime stage's /app
DATA="$WORK/data"         # the /data volume
SERVER_PID=""

step() { printf '\n=== docker-steps: %s ===\n' "$*"; }
fail() { printf '\ndocker-steps: FAILED: %s\n' "$*" >&2; exit 1; }

cleanup() {
  local status=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP:-0}" == "1" ]]; then echo "docker-steps: kept $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT

# Run as an unprivileged user like the image's `biwaq` (uid 10001) when we are root and can switch.
AS_USER=()
if [[ "$(id -u)" == "0" ]] && command -v setpriv >/dev/null; then
  AS_USER=(setpriv --reuid=10001 --regid=10001 --clear-groups --)
fi

step "build context (working tree minus .dockerignore)"
mkdir -p "$CONTEXT" "$APP" "$RUNTIME" "$DATA"
# .dockerignore lines: "**/x" matches anywhere, anything else from the context root.
excludes=()
while IFS= read -r line; do
  line="${line%%#*}"; line="${line%"${line##*[![:space:]]}"}"
  [[ -z "$line" ]] && continue
  if [[ "$line" == \*\*/* ]]; then excludes+=(--no-anchored "--exclude=${line#\*\*/}")
  else excludes+=(--anchored "--exclude=./$line"); fi
done < "$REPO/.dockerignore"
tar -C "$REPO" "${excludes[@]}" -cf - . | tar -C "$CONTEXT" -xf -
du -sh "$CONTEXT" | sed 's/^/context size: /'

step "deps stage: npm ci"
cp "$CONTEXT/package.json" "$CONTEXT/package-lock.json" "$CONTEXT/.npmrc" "$CONTEXT/prisma.config.ts" "$APP/"
cp -R "$CONTEXT/prisma" "$APP/prisma"
mkdir -p "$APP/app/utils" && cp "$CONTEXT/app/utils/database-url.ts" "$APP/app/utils/database-url.ts"
(cd "$APP" && npm ci --no-audit --no-fund)

step "build stage: npm run build, npm prune --omit=dev"
cp -R "$CONTEXT/." "$APP/"
(cd "$APP" && npm run build && npm prune --omit=dev --no-audit --no-fund)
# (typescript stays: it is an optional peer of @prisma/client and the Remix packages, so npm keeps it)
for dev_only in vite @remix-run/dev vitest @playwright/test; do
  [[ -e "$APP/node_modules/$dev_only" ]] && fail "dev dependency $dev_only survived npm prune"
done

step "runtime stage: copy what the image keeps"
cp "$APP/package.json" "$APP/package-lock.json" "$APP/tsconfig.json" "$APP/prisma.config.ts" "$RUNTIME/"
for dir in node_modules prisma build app cli bin server; do cp -R "$APP/$dir" "$RUNTIME/$dir"; done
chmod -R a+rX,go-w "$WORK"
chmod 755 "$WORK"
[[ ${#AS_USER[@]} -gt 0 ]] && chown 10001:10001 "$DATA"
du -sh "$RUNTIME" | sed 's/^/runtime size: /'

RUN_ENV=(env -i PATH="$PATH" HOME=/nonexistent NODE_ENV=production PORT="$PORT" DATABASE_URL="file:$DATA/biwaq.db" BIWAQ_DATA_DIR="$DATA" NPM_CONFIG_UPDATE_NOTIFIER=false)

step "biwaq db migrate (as $([[ ${#AS_USER[@]} -gt 0 ]] && echo 'uid 10001, read-only /app' || id -un))"
(cd "$RUNTIME" && "${AS_USER[@]}" "${RUN_ENV[@]}" node bin/biwaq.js db migrate)
[[ -s "$DATA/biwaq.db" ]] || fail "no database file after migrate"

step "node server/index.js on port $PORT"
(cd "$RUNTIME" && exec "${AS_USER[@]}" "${RUN_ENV[@]}" node server/index.js) > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
status=""
for _ in $(seq 1 60); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log"; fail "the server exited"; fi
  status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/login" || true)"
  [[ "$status" == "200" ]] && break
  sleep 1
done
cat "$WORK/server.log"
[[ "$status" == "200" ]] || fail "GET /login answered ${status:-nothing}, expected 200"
echo "GET /login → 200"

step "HEALTHCHECK command"
(cd "$RUNTIME" && "${RUN_ENV[@]}" node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/login').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))") \
  || fail "the HEALTHCHECK command failed"
echo "healthy"

step "stop"
kill "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=""
[[ -f "$DATA/.session-secret" ]] || fail "the session secret was not created in the data folder"
echo "docker-steps: OK"
