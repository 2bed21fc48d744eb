#!/usr/bin/env bash
# Build time of typed queries (docs/queries.md): N queries (default 200) over bench/accessor_schema
# in F query files (default 10), four shapes in turn (a join, an aggregate over an outer join, a
# page with an optional filter, an UPDATE). Reports:
#   codegen   `strata codegen --queries` (replay + prepare and describe every query + write)
#   codegen0  the same without queries (the replay and the table accessors alone)
#   compile   g++ -O2 of the generated query sources, one after the other
#   baseline  g++ -O2 of one file that includes only what every generated source includes
# Run from the repository root: bench/query_build_time.sh [queries=200] [files=10]
# (STRATA=path/to/strata, default build/generator/strata).
set -euo pipefail
queries=${1:-200}
files=${2:-10}
strata=${STRATA:-build/generator/strata}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/queries"
for ((i = 0; i < queries; i++)); do
  file="$work/queries/q$((i % files)).sql"
  case $((i % 4)) in
    0) printf -- '-- name: EventsOfItem%d :many\nSELECT e.id, e.kind, e.amount + %d AS amount, i.name FROM public.events e JOIN public.items i ON i.id = e.item_id WHERE e.item_id = @item_id ORDER BY e.id;\n\n' "$i" "$i" >>"$file" ;;
    1) printf -- '-- name: ItemSummary%d :one\nSELECT i.sku, count(e.id) AS events, coalesce(sum(e.amount), %d) AS total, max(e.happened_at) AS last FROM public.items i LEFT JOIN public.events e ON e.item_id = i.id WHERE i.id = @id GROUP BY i.id;\n\n' "$i" "$i" >>"$file" ;;
    2) printf -- '-- name: ItemsPage%d :many\nSELECT id, sku, price FROM public.items WHERE id > @after AND active = @active? ORDER BY id LIMIT %d;\n\n' "$i" "$((i + 1))" >>"$file" ;;
    3) printf -- '-- name: Restock%d :execrows\nUPDATE public.items SET quantity = quantity + @amount WHERE sku = @sku AND quantity < %d;\n\n' "$i" "$i" >>"$file" ;;
  esac
done

seconds() { local start=$1; echo "$(($(date +%s%N) - start))" | awk '{printf "%.2f", $1 / 1e9}'; }
includes=(-std=c++20 -O2 -DNDEBUG -I"$work/out/include" -Iruntime/client/include -I/usr/include/postgresql)

start=$(date +%s%N)
"$strata" codegen --migrations bench/accessor_schema --out "$work/out0" --namespace bench::db >/dev/null
codegen0=$(seconds "$start")
start=$(date +%s%N)
"$strata" codegen --migrations bench/accessor_schema --queries "$work/queries" --out "$work/out" --namespace bench::db >/dev/null
codegen=$(seconds "$start")

printf '#include "strata/accessors/support.h"\n#include <optional>\n#include <string>\n#include <vector>\n' >"$work/baseline.cpp"
start=$(date +%s%N)
g++ "${includes[@]}" -c "$work/baseline.cpp" -o "$work/baseline.o"
baseline=$(seconds "$start")
start=$(date +%s%N)
for source in "$work"/out/src/queries/*.cpp; do g++ "${includes[@]}" -c "$source" -o "${source%.cpp}.o"; done
compile=$(seconds "$start")

echo "$queries queries in $files files"
echo "codegen with queries: ${codegen} s (without: ${codegen0} s; the queries add $(echo "$codegen $codegen0" | awk '{printf "%.2f", $1 - $2}') s)"
echo "compile of the query sources: ${compile} s ($files files; baseline file ${baseline} s, so $(echo "$compile $baseline $files" | awk '{printf "%.1f", $1 / ($2 * $3)}')x of $files baseline files)"
