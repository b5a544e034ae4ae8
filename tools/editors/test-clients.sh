#!/usr/bin/env bash
# Tests the language server with editor clients nobody here wrote, and the VS Code extension:
#   - editors/clients/node: vscode-languageserver-protocol over the server's stdio (node:test);
#   - editors/clients/neovim: headless Neovim's built-in client (vim.lsp.start_client, Neovim >= 0.7);
#   - editors/clients/emacs: Emacs in batch mode with eglot, through editors/emacs/xmap-mode.el as users load it;
#   - editors/vscode: the TextMate grammar (vscode-tmgrammar-test, every .xmap of the repository), the
#     extension's settings and package contents, then `vsce package` into a temporary folder.
# Installs the Debian packages neovim, emacs-nox and elpa-eglot if missing (nodejs and npm too if node is), and the npm packages
# of each folder with `npm ci` from their committed package-lock.json. Builds the server (Debug) first.
# The last line on success is "editors: node client, neovim client, emacs client, grammar tests passed". CI runs it (.ci/run).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
started=$SECONDS
# Per step, so that a hung server fails the step instead of the CI job's own limit.
step_timeout=${MAPDSL_EDITORS_TEST_TIMEOUT:-300}

die() {
  echo "editors test FAILED: $*" >&2
  exit 1
}

step() {
  echo "--- $* ($((SECONDS - started)) s)"
}

# -n: fail rather than wait for a password nobody types in CI. Root needs no sudo (and may not have it).
as_root=()
((EUID == 0)) || as_root=(sudo -n)

apt_install() {
  command -v apt-get >/dev/null || die "missing $*, and no apt-get to install it"
  echo "installing $*"
  local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@")
  # A fresh container has no package lists yet; update only then, it is slow.
  if ! "${as_root[@]}" "${install[@]}"; then
    "${as_root[@]}" apt-get update -q
    "${as_root[@]}" "${install[@]}"
  fi
}

# --- tools ------------------------------------------------------------------------------------------------------

step "tools"
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
command -v nvim >/dev/null || apt_install neovim
# eglot is a package before Emacs 29 (Debian 12 has Emacs 28); emacs-nox keeps X11 out.
command -v emacs >/dev/null || apt_install emacs-nox
emacs --batch --eval "(progn (require 'package) (package-initialize) (kill-emacs (if (locate-library \"eglot\") 0 1)))" 2>/dev/null \
  || apt_install elpa-eglot

# @vscode/vsce 3 and node:test's hooks as used here need Node 20; Debian 12's own nodejs is 18.
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || die "Node $(node --version) is too old: the editor tests need Node >= 20 (https://nodejs.org)"
# vim.diagnostic and the client's on_exit code, as test.lua uses them, are there from 0.7 on.
nvim_version=$(nvim --version | sed -n '1s/^NVIM v\([0-9]*\.[0-9]*\).*/\1/p')
if [[ $nvim_version =~ ^0\.([0-9]+)$ ]] && ((BASH_REMATCH[1] < 7)); then
  die "Neovim $nvim_version is too old: the test needs >= 0.7"
fi
echo "node $(node --version), npm $(npm --version), nvim $nvim_version"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mapdsl-editors.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- the server -------------------------------------------------------------------------------------------------

step "building the language server"
dotnet build "$repo/src/LanguageServer/MapDsl.LanguageServer.csproj" -c Debug -v quiet -nologo
export MAPDSL_LSP_DLL=$repo/src/LanguageServer/bin/Debug/net10.0/MapDsl.LanguageServer.dll
[[ -f $MAPDSL_LSP_DLL ]] || die "the build made no $MAPDSL_LSP_DLL"

# --- npm packages -----------------------------------------------------------------------------------------------

for folder in editors/clients/node editors/vscode; do
  step "npm ci in $folder"
  (cd "$repo/$folder" && npm ci --no-audit --no-fund --loglevel=error)
done

# --- the clients ------------------------------------------------------------------------------------------------

step "node client (vscode-languageserver-protocol)"
(cd "$repo/editors/clients/node" && timeout "$step_timeout" npm test --silent) || die "the node client test failed"

step "neovim client (vim.lsp.start_client)"
# Neovim's state, cache and LSP log go to the temporary folder, not to the user's home. nvim prints to
# stderr without a final newline, hence the echo.
nvim_status=0
XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_STATE_HOME=$tmp/state XDG_CACHE_HOME=$tmp/cache \
  timeout "$step_timeout" nvim --headless --noplugin -u NONE -i NONE \
  -c "luafile $repo/editors/clients/neovim/test.lua" </dev/null || nvim_status=$?
echo
((nvim_status == 0)) || die "the neovim client test failed (exit $nvim_status)"

step "emacs client (eglot)"
# Emacs's state goes to the temporary folder, not to the user's home.
HOME=$tmp/emacs-home timeout "$step_timeout" emacs --batch -l "$repo/editors/clients/emacs/test.el" \
  || die "the emacs client test failed"

# --- the VS Code extension --------------------------------------------------------------------------------------

step "VS Code extension: grammar and unit tests"
(cd "$repo/editors/vscode" && timeout "$step_timeout" npm test --silent) || die "the VS Code extension tests failed"
node --check "$repo/editors/vscode/extension.js" || die "editors/vscode/extension.js does not parse"

step "VS Code extension: vsce package"
(cd "$repo/editors/vscode" && timeout "$step_timeout" npm run package -- --out "$tmp/mapdsl-xmap.vsix" >"$tmp/vsce.log" 2>&1) || { cat "$tmp/vsce.log" >&2; die "vsce package failed"; }
echo "mapdsl-xmap.vsix: $(stat -c %s "$tmp/mapdsl-xmap.vsix") bytes"

echo "editors: node client, neovim client, emacs client, grammar tests passed ($((SECONDS - started)) s)"
