#!/usr/bin/env bash
# Installs what is missing, runs the static checks, then the whole customer_care
# test suite (browser tours included) on a fresh throwaway database that already
# holds contacts, crm and sale data, then uninstalls the addon from it.
# Exits non-zero on any failure, error, skipped test or error in the log.
source "$(dirname "$0")/lib.sh"

setup_all
ensure_test_tools
command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 ||
    die "no Chromium: browser tours cannot run (install Debian's chromium)."

LOGDIR="$ROOT/.test-logs"
mkdir -p "$LOGDIR"

log "static checks: ruff"
(cd "$ROOT" && "$TOOLS/bin/ruff" check . && "$TOOLS/bin/ruff" format --check .) ||
    die "ruff found problems (run '.venv-tools/bin/ruff check --fix . && .venv-tools/bin/ruff format .')."
log "static checks: pylint-odoo (mandatory set), OCA's module and translation checks"
(cd "$ROOT" && "$TOOLS/bin/pylint" --rcfile=.pylintrc-mandatory customer_care) ||
    die "pylint-odoo found problems (see above)."
(cd "$ROOT" && "$TOOLS/bin/oca-checks-odoo-module" customer_care &&
    "$TOOLS/bin/oca-checks-po" customer_care/i18n/*.po customer_care/i18n/*.pot) ||
    die "OCA's module checks found problems (see above)."

log "packaging: pip install . into a throwaway folder"
PKG_DIR="$LOGDIR/pip-install-check"
rm -rf "$PKG_DIR" "$ROOT/build" "$ROOT"/*.egg-info
"$PY" -m pip install -q --no-deps --target "$PKG_DIR" "$ROOT" &&
    (cd / && PYTHONPATH="$PKG_DIR" "$PY" "$ROOT/scripts/check_packaging.py" "$PKG_DIR") ||
    die "pip install . does not give Odoo a usable customer_care (see above)."
rm -rf "$PKG_DIR" "$ROOT/build" "$ROOT"/*.egg-info

DB="customer_care_test_$(date +%Y%m%d%H%M%S)_$$"
cleanup() { dropdb --if-exists "$DB" >/dev/null 2>&1 || true; }
trap cleanup EXIT
# A free port for the tours' HTTP server, so a running 'make run' does not clash.
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

log "database $DB: installing contacts, crm and sale_management with their demo data"
run_odoo -d "$DB" -i contacts,crm,sale_management --stop-after-init --log-level=warn \
    --http-port="$PORT" >"$LOGDIR/base.log" 2>&1 ||
    die "installing Odoo's base apps failed: see $LOGDIR/base.log"

log "installing customer_care and running its tests (log: $LOGDIR/tests.log)"
set +e
# The whole log goes to the file; the console shows each test as it starts and
# every warning or error, tracebacks included.
run_odoo -d "$DB" -i customer_care --test-enable --test-tags /customer_care \
    --stop-after-init --http-port="$PORT" --log-level=info 2>&1 | tee "$LOGDIR/tests.log" |
    "$PY" "$ROOT/scripts/test_summary.py" --follow
rc=${PIPESTATUS[0]}
set -e

log "checking the translation template and the translations"
translations_rc=0
run_odoo -d "$DB" --i18n-export="$LOGDIR/exported.pot" --modules=customer_care \
    --stop-after-init --log-level=warn --http-port="$PORT" &&
    "$PY" "$ROOT/scripts/check_translations.py" "$LOGDIR/exported.pot" || translations_rc=1

log "uninstalling customer_care (log: $LOGDIR/uninstall.log)"
uninstall_rc=0
"$PY" "$ROOT/scripts/check_uninstall.py" "$DB" "$ADDONS_PATH" >"$LOGDIR/uninstall.log" 2>&1 || uninstall_rc=$?
tail -n 3 "$LOGDIR/uninstall.log"

"$PY" "$ROOT/scripts/test_summary.py" "$LOGDIR/tests.log" --odoo-rc "$rc" \
    --uninstall-rc "$uninstall_rc" --translations-rc "$translations_rc"
