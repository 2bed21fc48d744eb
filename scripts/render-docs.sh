#!/usr/bin/env bash
# Renders the Mermaid diagram(s) of a `strata docs` Markdown file to PNG with mermaid-cli and
# Debian's Chromium, to look at what GitHub will draw.
#
#   scripts/render-docs.sh --install            # once: npm mermaid-cli into .tools/, apt chromium
#   scripts/render-docs.sh SCHEMA.md [OUT_DIR]  # writes OUT_DIR/SCHEMA-1.png, -2.png ... (one per block)
#
# The devloop tests (tests/cli_runner/devloop_test.cpp) render too when .tools/ holds mmdc
# (or STRATA_MMDC names one), and skip that step otherwise.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
mmdc="${STRATA_MMDC:-$tools/node_modules/.bin/mmdc}"
chromium="${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}"

if [[ "${1:-}" == "--install" ]]; then
  if [[ ! -x "$chromium" ]]; then
    sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get install -y --no-install-recommends chromium
  fi
  mkdir -p "$tools"
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund @mermaid-js/mermaid-cli)
  echo "installed: $mmdc"
  exit 0
fi

markdown="${1:?usage: scripts/render-docs.sh SCHEMA.md [OUT_DIR] | --install}"
out_dir="${2:-$(dirname "$markdown")}"
[[ -x "$mmdc" ]] || { echo "mermaid-cli not found at $mmdc: run scripts/render-docs.sh --install" >&2; exit 1; }
[[ -x "$chromium" ]] || { echo "chromium not found at $chromium (apt-get install chromium)" >&2; exit 1; }
mkdir -p "$out_dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Chromium refuses to run as root without --no-sandbox.
printf '{"executablePath": "%s", "args": ["--no-sandbox"]}\n' "$chromium" > "$work/puppeteer.json"
# One .mmd per ```mermaid block.
awk -v dir="$work" '
  /^```mermaid$/ { n++; file = sprintf("%s/%d.mmd", dir, n); inside = 1; next }
  /^```$/ && inside { inside = 0; close(file); next }
  inside { print > file }' "$markdown"
shopt -s nullglob
blocks=("$work"/*.mmd)
[[ ${#blocks[@]} -gt 0 ]] || { echo "no mermaid block in $markdown" >&2; exit 1; }
base="$(basename "$markdown" .md)"
for block in "${blocks[@]}"; do
  n="$(basename "$block" .mmd)"
  png="$out_dir/$base-$n.png"
  "$mmdc" -q -p "$work/puppeteer.json" -i "$block" -o "$png" -b white -s 2
  echo "$png"
done
