#!/usr/bin/env bash
# Installs Debian's chromium (and a colour emoji font, so the cards' status icons show in the
# screenshots) for the sandbox's browser test, unless CHROMIUM_PATH or /usr/bin/chromium already has one. Fails loudly: in CI a skipped browser test would hide a gap.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$CHROMIUM" ]]; then
  echo "browser test: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi
SUDO=""
[[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
echo "installing Debian's chromium for the browser test"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
[[ -x "$CHROMIUM" ]] || { echo "chromium did not install at $CHROMIUM" >&2; exit 1; }
echo "browser test: $("$CHROMIUM" --version 2>/dev/null)"
