#!/usr/bin/env bash
# Times the backup and the restore drill on a generated data set:
#   perf/drill/run.sh SCALE [prepare|time|all]   (SCALE 1 = the standard 10,000 products; 10 = ten times that)
# `prepare` builds the database drillbench_x<SCALE>; `time` backs it up and runs the drill (repeatable).
# Needs: the jar (mvn -B -pl api -am package -DskipTests), a PostgreSQL whose user may CREATEDB
# (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres) and an S3-compatible server named by the
# S3_* / BACKUP_BUCKET settings (e.g. the one `LocalS3` in the api test classes prints).
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALE=${1:-1}
STEP=${2:-all}
DB=drillbench_x${SCALE}
HOST=${PGHOST:-127.0.0.1}; PORT=${PGPORT:-5432}; USER_=${PGUSER:-postgres}
export DATABASE_URL="postgresql://${USER_}@${HOST}:${PORT}/${DB}"
JAR=api/target/storefront-api.jar

if [ "$STEP" != time ]; then
  psql -q "postgresql://${USER_}@${HOST}:${PORT}/postgres" -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" \
    -c "CREATE DATABASE ${DB}"
  java -jar "$JAR" seed --products $((10000 * SCALE)) >/dev/null
  psql -q "$DATABASE_URL" -v scale="$SCALE" -f perf/drill/orders.sql >/dev/null
  psql -q "$DATABASE_URL" -c "VACUUM ANALYZE"
fi
[ "$STEP" = prepare ] && exit 0
psql -At "$DATABASE_URL" -c "SELECT 'products ' || (SELECT count(*) FROM products) || ', users ' || (SELECT count(*) FROM users)
  || ', orders ' || (SELECT count(*) FROM orders) || ', order items ' || (SELECT count(*) FROM order_items)
  || ', ledger rows ' || (SELECT count(*) FROM points_ledger) || ', database ' || pg_size_pretty(pg_database_size(current_database()))"

java -jar "$JAR" backup
/usr/bin/time -f 'restore-drill wall %e s, max RSS %M KB' java -jar "$JAR" restore-drill
# The database stays for further runs: `time` again, or drop it with DROP DATABASE drillbench_x<SCALE>.
