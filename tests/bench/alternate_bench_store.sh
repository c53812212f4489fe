#!/bin/bash
# Alternates two builds of bench_store in one run (the machine's mood is shared) and prints, per
# run, raw SQLite DELETE/EXTRA, the store via addNote, the speed ratio and the load average.
#   tests/bench/alternate_bench_store.sh OLD_BENCH NEW_BENCH DIR PAIRS [bench_store args...]
# e.g. /dev/shm 3 1000 5 200 (tmpfs: our code shows) or a folder on the disk with 300 7 100000.
old=$1; new=$2; dir=$3; pairs=$4; shift 4
cd "$dir" || exit 1
for i in $(seq 1 "$pairs"); do
  for b in "$old" "$new"; do
    out=$("$b" "$@" 2>&1) || { echo "$b failed: $out" >&2; exit 1; }
    name=$([ "$b" = "$new" ] && echo new || echo old)
    raw=$(echo "$out" | grep "DELETE, synchronous=EXTRA" | sed 's/.*(now) *//')
    store=$(echo "$out" | grep "addNote" | sed 's/.*addNote *//')
    ratio=$(echo "$out" | grep "store speed" | sed 's/.*settings: //')
    load=$(echo "$out" | grep "load average" | sed 's/.*before: //')
    echo "pair $i $name | raw: $raw | store: $store | $ratio | load $load"
  done
done
