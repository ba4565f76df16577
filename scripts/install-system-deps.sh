#!/usr/bin/env bash
# Debian packages the tests need and a clean machine lacks: Chromium for the
# browser end-to-end tests (Playwright drives /usr/bin/chromium; it never
# downloads a browser of its own).
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && { echo "system packages: all present"; exit 0; }

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
