#!/usr/bin/env bash
# Fleet throughput (docs/fleets.md): `strata migrate --env FLEET` over N small databases
# (default 200) of one local cluster, at --parallel 1, 4 and 16 (each level on databases of its
# own, all created the same way). Every target gets three migrations (two tables, an index).
# Reports per level: wall time, targets per second, the most server connections seen
# (pg_stat_activity, sampled every 50 ms) and strata's peak memory (/usr/bin/time's max RSS).
# Baseline, measured in the same run: one `strata migrate --url` of one database, so each level
# is also given as a multiple of N single-database runs.
# Run from the repository root: bench/fleet_bench.sh [databases=200] (STRATA=path/to/strata).
set -euo pipefail
count=${1:-200}
strata=$(realpath "${STRATA:-build/generator/strata}")
psql=/usr/lib/postgresql/15/bin/psql
work=$(mktemp -d /tmp/strata-fleet-bench-XXXXXX)
chmod 755 "$work"
trap '(cd "$work" && STRATA_DEV_DIR="$work/.strata/dev" "$strata" dev stop >/dev/null 2>&1); rm -rf "$work"' EXIT
cd "$work"
export STRATA_DEV_DIR="$work/.strata/dev"
mkdir -p schema/migrations
printf 'CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\n' > schema/migrations/20260101000001_accounts.sql
printf 'DROP TABLE accounts;\n' > schema/migrations/20260101000001_accounts.down.sql
printf 'CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts, total numeric);\n' > schema/migrations/20260101000002_orders.sql
printf 'DROP TABLE orders;\n' > schema/migrations/20260101000002_orders.down.sql
printf 'CREATE INDEX orders_by_account ON orders (account_id);\n' > schema/migrations/20260101000003_orders_index.sql
printf 'DROP INDEX orders_by_account;\n' > schema/migrations/20260101000003_orders_index.down.sql
"$strata" hash --migrations schema/migrations >/dev/null
url=$("$strata" dev url)
# postgresql:///strata_dev?host=...: the database name is between the last / before ? and the ?.
prefix=${url%%\?*}
base=${prefix%/*}
query=""
[[ "$url" == *\?* ]] && query="?${url#*\?}"

for level in 1 4 16; do
  : > "fleet$level.txt"
  for ((i = 0; i < count; i++)); do
    echo "CREATE DATABASE f${level}_$i STRATEGY FILE_COPY;"
    echo "${base}/f${level}_$i${query}" >> "fleet$level.txt"
  done | "$psql" -q "$url" >/dev/null
done
"$psql" -q "$url" -c "CREATE DATABASE single STRATEGY FILE_COPY" >/dev/null
cat > strata.json <<JSON
{"environments": [{"name": "f1", "fleet": {"urls_file": "fleet1.txt"}},
                  {"name": "f4", "fleet": {"urls_file": "fleet4.txt"}},
                  {"name": "f16", "fleet": {"urls_file": "fleet16.txt"}}]}
JSON

now() { date +%s%N; }
start=$(now)
"$strata" migrate --url "${base}/single${query}" >/dev/null
single=$(( ($(now) - start) / 1000000 ))
echo "baseline: one database, strata migrate --url: ${single} ms"
for level in 1 4 16; do
  peak_file="$work/peak$level"
  echo 0 > "$peak_file"
  ( while :; do
      n=$("$psql" -qAt "$url" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'strata%' AND datname LIKE 'f${level}_%'" 2>/dev/null || echo 0)
      [ "$n" -gt "$(cat "$peak_file")" ] && echo "$n" > "$peak_file"
      sleep 0.05
    done ) &
  sampler=$!
  start=$(now)
  /usr/bin/time -f "%M" -o "rss$level" "$strata" migrate --env "f$level" --parallel "$level" >/dev/null
  ms=$(( ($(now) - start) / 1000000 ))
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  echo "parallel $level: $count targets in $ms ms: $(awk -v n="$count" -v ms="$ms" 'BEGIN {printf "%.1f", n * 1000 / ms}') targets/s," \
       "$(awk -v ms="$ms" -v s="$single" -v n="$count" 'BEGIN {printf "%.2f", ms / (s * n)}')x of $count single runs," \
       "peak connections $(cat "$peak_file"), peak RSS $(( $(cat "rss$level") / 1024 )) MiB"
done
