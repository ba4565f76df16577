#!/usr/bin/env bash
# Debian packages the tests need and a clean machine lacks: Chromium for the
# browser end-to-end tests (Playwright drives /usr/bin/chromium; it never
# downloads a browser of its own), and PostgreSQL's server programs for the
# hub's PostgreSQL store tests. Those tests start servers of their own
# (hub/testing/postgres-server.ts): the package's own cluster is not used and
# need not run. Safe to run again: it installs only what is missing.
set -euo pipefail

has_postgres_server() {
  local bindir
  bindir="$(pg_config --bindir 2>/dev/null || true)"
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
has_postgres_server || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && { echo "system packages: all present"; exit 0; }

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system packages: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
