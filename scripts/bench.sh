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
# make bench BENCH=cascade_reviews runs one benchmark; by default, all of them.
benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(birthday_cron cascade_reviews)
for name in "${benches[@]}"; do
    log "benchmark $name"
    (cd / && "$PY" "$ROOT/benchmarks/${name%.py}.py" "$DB" "$ADDONS_PATH")
done
