#!/usr/bin/env bash
# Installs a real VS Code host (code-server 4.100.3 = VS Code 1.100.3) plus playwright-core and
# Debian's chromium, from the npm and Debian registries only (see shared/docs/vscode-host.md).
# Idempotent: a marker file in the host dir skips everything on a reused machine.
set -Eeuo pipefail

CODE_SERVER_VERSION=4.100.3
HOST_DIR="${RUNBOOK_LINT_HOST_DIR:-$HOME/.cache/runbook-lint-host}"
MARKER="$HOST_DIR/.installed-code-server-$CODE_SERVER_VERSION"
APT_PACKAGES=(libkrb5-dev pkg-config ripgrep chromium)

STEP="start"
say() { STEP="$*"; echo "[install-host] $*"; }
die() { echo "[install-host] ERROR: $*" >&2; exit 1; }
trap 'die "step \"$STEP\" failed (line $LINENO: $BASH_COMMAND); rerun to retry, nothing is marked installed"' ERR

# --- Debian packages (only the missing ones; sudo only when not root) ---
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi
command -v rg >/dev/null || die "ripgrep (rg) not on PATH after install"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"

# One installer at a time per host dir (parallel CI steps, two terminals).
mkdir -p "$(dirname "$HOST_DIR")"
exec 9>"$HOST_DIR.lock"
flock 9
if [ -f "$MARKER" ]; then
  say "code-server $CODE_SERVER_VERSION already installed in $HOST_DIR"
  exit 0
fi

# --- code-server + playwright-core into a folder of their own (not the project's deps) ---
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
npm_q() { npm "$@" --loglevel=error >/dev/null; }   # keep logs short; errors still reach stderr
rm -rf "$HOST_DIR"; mkdir -p "$HOST_DIR"; cd "$HOST_DIR"
echo '{"name":"runbook-lint-host","private":true}' > package.json
say "npm install code-server@$CODE_SERVER_VERSION playwright-core (into $HOST_DIR)"
npm_q install --ignore-scripts "code-server@$CODE_SERVER_VERSION" playwright-core@1
say "npm rebuild argon2"
npm_q rebuild argon2

# --- fix-ups in lib/vscode that code-server's postinstall would otherwise do (and download) ---
VS="$HOST_DIR/node_modules/code-server/lib/vscode"
[ -d "$VS" ] || die "$VS missing: code-server package layout changed?"
cd "$VS"
say "lib/vscode: npm install --omit=dev"
npm_q install --omit=dev --ignore-scripts
# @vscode/ripgrep's postinstall downloads a binary; use Debian's rg instead.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
say "lib/vscode: npm rebuild (native modules)"
npm_q rebuild
ln -sfn node_modules node_modules.asar
ln -sf code-linux.sh bin/remote-cli/code-server
ln -sf browser-linux.sh bin/helpers/browser.sh
say "lib/vscode/extensions: npm install --omit=dev (built-in Markdown support)"
(cd extensions && npm_q install --omit=dev --ignore-scripts)

# Smoke check: the entry point runs. (CODE_SERVER_CONFIG: keep its default config out of ~/.config.)
v="$(CODE_SERVER_CONFIG="$HOST_DIR/config.yaml" node "$HOST_DIR/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | grep -m1 'with Code' || true)"
case "$v" in "$CODE_SERVER_VERSION"*) ;; *) die "code-server --version printed '$v'";; esac
touch "$MARKER"
say "done: code-server $v in $HOST_DIR"
