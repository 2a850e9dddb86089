#!/usr/bin/env bash
# Installs what is missing, creates a database with customer_care and its demo
# data (once), and serves the web client on http://localhost:8069.
source "$(dirname "$0")/lib.sh"

DB="${DB:-customer_care}"
PORT="${PORT:-8069}"
setup_all

if ! psql -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    log "creating database '$DB' with customer_care and its demo data"
    run_odoo -d "$DB" -i customer_care --stop-after-init --log-level=warn ||
        die "installing customer_care in '$DB' failed (see the log above)."
else
    log "updating customer_care in the existing database '$DB'"
    run_odoo -d "$DB" -u customer_care --stop-after-init --log-level=warn ||
        die "updating customer_care in '$DB' failed (see the log above)."
fi
log "serving http://localhost:$PORT (database '$DB', login admin / password admin); Ctrl-C stops"
run_odoo -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1 --http-port="$PORT"
