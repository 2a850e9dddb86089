#!/usr/bin/env bash
# Runs the benchmarks of benchmarks/ on a database of their own (kept between
# runs, so that filling it is paid once): make bench.
source "$(dirname "$0")/lib.sh"

DB="${BENCH_DB:-customer_care_bench}"
setup_all
if ! psql -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    log "creating database '$DB' with customer_care, without demo data"
    run_odoo -d "$DB" -i customer_care --without-demo=all --stop-after-init --log-level=warn ||
        die "creating '$DB' failed (see above)."
else
    run_odoo -d "$DB" -u customer_care --stop-after-init --log-level=warn ||
        die "updating customer_care in '$DB' failed (see above)."
fi
# The same modules as customer_care's dependencies, without customer_care: the
# reference of referral_invoices.
DB_WITHOUT="${DB}_without"
DEPENDS=contacts,mail,crm,sale_management,account
# make bench BENCH=cascade_reviews runs one benchmark; by default, all of them.
benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(birthday_cron cascade_reviews referral_invoices)
for name in "${benches[@]}"; do
    name="${name%.py}"
    log "benchmark $name"
    if [ "$name" = referral_invoices ]; then
        if ! psql -d postgres -tAc "select 1 from pg_database where datname = '$DB_WITHOUT'" | grep -q 1; then
            log "creating database '$DB_WITHOUT' with $DEPENDS, without customer_care"
            run_odoo -d "$DB_WITHOUT" -i "$DEPENDS" --without-demo=all --stop-after-init --log-level=warn ||
                die "creating '$DB_WITHOUT' failed (see above)."
        fi
        (cd / && "$PY" "$ROOT/benchmarks/$name.py" "$DB" "$DB_WITHOUT" "$ADDONS_PATH")
    else
        (cd / && "$PY" "$ROOT/benchmarks/$name.py" "$DB" "$ADDONS_PATH")
    fi
done
