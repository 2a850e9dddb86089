#!/usr/bin/env bash
# Installs what is missing, runs the static checks, then the whole customer_care
# test suite (browser tours included) on a fresh throwaway database that already
# holds contacts, crm and sale data, the same suite again under pytest-odoo on a
# second database without demo data, the External API example against a server on
# the first, then uninstalls the addon from it.
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
DB_NODEMO="${DB}_nodemo"
SERVER_PIDFILE="$LOGDIR/server.pid"
rm -f "$SERVER_PIDFILE"
stop_server() {
    # The server of the External API example, when it runs: its pid file holds the
    # pid of Odoo's own process.
    if [ -s "$SERVER_PIDFILE" ]; then
        kill "$(cat "$SERVER_PIDFILE")" 2>/dev/null || true
        rm -f "$SERVER_PIDFILE"
    fi
    if [ -n "${server_pid:-}" ]; then
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
cleanup() {
    stop_server
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    dropdb --if-exists "$DB_NODEMO" >/dev/null 2>&1 || true
}
trap cleanup EXIT
free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# A free port for the tours' HTTP server, so a running 'make run' does not clash.
PORT=$(free_port)

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

log "database $DB_NODEMO: the same apps and customer_care without demo data (log: $LOGDIR/nodemo.log)"
pytest_rc=0
run_odoo -d "$DB_NODEMO" -i contacts,crm,sale_management,customer_care --without-demo=all \
    --stop-after-init --log-level=warn --http-port="$PORT" >"$LOGDIR/nodemo.log" 2>&1 ||
    pytest_rc=1
log "running the tests again under pytest-odoo, without demo data (log: $LOGDIR/pytest.log)"
# Post-install, on the database without demo data where the addon is installed;
# from the repository, outside Odoo's tree. --odoo-http serves the browser tours;
# test-enable, as under Odoo's runner, also keeps odoo.tests from logging an error.
[ "$pytest_rc" = 0 ] && (cd "$ROOT" && "$PY" -m pytest -p no:cacheprovider -ra --odoo-database="$DB_NODEMO" \
    --odoo-addons-path="$ADDONS_PATH" --odoo-extra=test-enable --odoo-http \
    --odoo-log-level=warn customer_care/tests) >"$LOGDIR/pytest.log" 2>&1 || pytest_rc=$?
# pytest's own summary: exit 5 (no test collected) counts as a failure too.
grep -E "^(FAILED|ERROR|SKIPPED) " "$LOGDIR/pytest.log" | head -n 20 || true
tail -n 1 "$LOGDIR/pytest.log"

log "External API example: examples/external_api.py against a server on $DB (log: $LOGDIR/server.log)"
api_rc=0
API_PORT=$(free_port)
run_odoo -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1 --http-port="$API_PORT" \
    --max-cron-threads=0 --pidfile="$SERVER_PIDFILE" --log-level=warn >"$LOGDIR/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
    "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' \
        "http://127.0.0.1:$API_PORT/web/login" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 1
done
"$PY" "$ROOT/examples/external_api.py" --url "http://127.0.0.1:$API_PORT" --db "$DB" \
    --login admin --password admin || api_rc=$?
stop_server

log "uninstalling customer_care (log: $LOGDIR/uninstall.log)"
uninstall_rc=0
"$PY" "$ROOT/scripts/check_uninstall.py" "$DB" "$ADDONS_PATH" >"$LOGDIR/uninstall.log" 2>&1 || uninstall_rc=$?
tail -n 3 "$LOGDIR/uninstall.log"

# UPGRADE_VERSIONS=all (or 18.0.1.1.0,...) checks more released versions than the first.
log "upgrading a database of the first release to today's code (logs: $LOGDIR/upgrade)"
upgrade_rc=0
"$PY" "$ROOT/scripts/check_upgrade.py" "$ODOO_ADDONS" --versions "${UPGRADE_VERSIONS:-first}" \
    --jobs 2 --keep-logs "$LOGDIR/upgrade" || upgrade_rc=$?

[ "$pytest_rc" = 0 ] || echo "FAILED: pytest-odoo exited with code $pytest_rc (see .test-logs/pytest.log)"
[ "$api_rc" = 0 ] || echo "FAILED: the External API example exited with code $api_rc (see .test-logs/server.log)"
[ "$upgrade_rc" = 0 ] || echo "FAILED: upgrading a released version failed (see above and .test-logs/upgrade)"
summary_rc=0
"$PY" "$ROOT/scripts/test_summary.py" "$LOGDIR/tests.log" --odoo-rc "$rc" \
    --uninstall-rc "$uninstall_rc" --translations-rc "$translations_rc" || summary_rc=$?
[ "$summary_rc" = 0 ] && [ "$pytest_rc" = 0 ] && [ "$api_rc" = 0 ] && [ "$upgrade_rc" = 0 ]
