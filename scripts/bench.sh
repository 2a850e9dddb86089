#!/usr/bin/env bash
# Runs the benchmarks of benchmarks/ on a database of their own (kept between
# runs, so that filling it is paid once): make bench.
source "$(dirname "$0")/lib.sh"

DB="${BENCH_DB:-customer_care_bench}"
# The same modules as customer_care's dependencies, without customer_care: the
# reference of referral_invoices and side_by_side.
DEPENDS=contacts,mail,crm,sale_management,account

db_exists() {
    psql -d postgres -tAc "select 1 from pg_database where datname = '$1'" | grep -q 1
}

# A database with customer_care, without demo data; updated when it exists.
ensure_with() {
    if ! db_exists "$1"; then
        log "creating database '$1' with customer_care, without demo data"
        run_odoo -d "$1" -i customer_care --without-demo=all --stop-after-init --log-level=warn ||
            die "creating '$1' failed (see above)."
    else
        run_odoo -d "$1" -u customer_care --stop-after-init --log-level=warn ||
            die "updating customer_care in '$1' failed (see above)."
    fi
}

# A database with $DEPENDS but not customer_care, without demo data.
ensure_without() {
    if ! db_exists "$1"; then
        log "creating database '$1' with $DEPENDS, without customer_care"
        run_odoo -d "$1" -i "$DEPENDS" --without-demo=all --stop-after-init --log-level=warn ||
            die "creating '$1' failed (see above)."
    fi
}

setup_all
# make bench BENCH=cascade_reviews runs one benchmark; by default, all of them.
benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(birthday_cron cascade_reviews complaints referral_invoices side_by_side)
DB_READY=
for name in "${benches[@]}"; do
    name="${name%.py}"
    log "benchmark $name"
    if [ "$name" = complaints_workers ]; then
        # Starts Odoo with --workers on 127.0.0.1 (port 8099 by default): run on
        # demand only, not with the others.
        ensure_with "${DB}_workers"
        # shellcheck disable=SC2086
        (cd / && "$PY" "$ROOT/benchmarks/$name.py" "${DB}_workers" "$ADDONS_PATH" ${BENCH_ARGS:-})
        continue
    fi
    if [ "$name" = side_by_side ]; then
        # A pair of its own: the fixtures of the other benchmarks (100,000
        # contacts, 10,000 invoices in $DB only) would weigh on one side.
        SBS_DB="${BENCH_SBS_DB:-${DB}_sbs}"
        SBS_DB_WITHOUT="${BENCH_SBS_DB_WITHOUT:-${SBS_DB}_without}"
        ensure_with "$SBS_DB"
        ensure_without "$SBS_DB_WITHOUT"
        # BENCH_ARGS="--rounds 5 --orders 500" passes options to side_by_side.
        # shellcheck disable=SC2086
        (cd / && "$PY" "$ROOT/benchmarks/$name.py" "$SBS_DB" "$SBS_DB_WITHOUT" "$ADDONS_PATH" ${BENCH_ARGS:-})
        continue
    fi
    if [ "$name" = complaints ]; then
        # A pair of its own too: 100,000 complaints against 100,000 leads, each
        # with 500,000 messages, filled once and kept.
        CMP_DB="${BENCH_CMP_DB:-${DB}_cmp}"
        CMP_DB_WITHOUT="${BENCH_CMP_DB_WITHOUT:-${CMP_DB}_without}"
        ensure_with "$CMP_DB"
        ensure_without "$CMP_DB_WITHOUT"
        # shellcheck disable=SC2086
        (cd / && "$PY" "$ROOT/benchmarks/$name.py" "$CMP_DB" "$CMP_DB_WITHOUT" "$ADDONS_PATH" ${BENCH_ARGS:-})
        continue
    fi
    if [ "$name" = retention ]; then
        # A database of its own: its million invoices in one sales journal would
        # slow the numbering that referral_invoices measures.
        RET_DB="${BENCH_RET_DB:-${DB}_retention}"
        ensure_with "$RET_DB"
        # shellcheck disable=SC2086
        (cd / && "$PY" "$ROOT/benchmarks/$name.py" "$RET_DB" "$ADDONS_PATH" ${BENCH_ARGS:-})
        continue
    fi
    if [ -z "$DB_READY" ]; then
        ensure_with "$DB"
        DB_READY=1
    fi
    if [ "$name" = referral_invoices ]; then
        ensure_without "${DB}_without"
        (cd / && "$PY" "$ROOT/benchmarks/$name.py" "$DB" "${DB}_without" "$ADDONS_PATH")
    else
        # shellcheck disable=SC2086
        (cd / && "$PY" "$ROOT/benchmarks/$name.py" "$DB" "$ADDONS_PATH" ${BENCH_ARGS:-})
    fi
done
