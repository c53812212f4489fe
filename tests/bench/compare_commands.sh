#!/bin/bash
# Two warroom binaries (before/after a change) side by side on one database, rounds alternating,
# against a `sqlite3 -csv` dump of the same events: CPU (user + system) and wall of each whole
# command. On a shared machine only the CPU column compares, and the load average is printed with it.
#   tests/bench/compare_commands.sh OLD_WARROOM NEW_WARROOM DB [rounds] [incident] [formats]
# formats defaults to "md html json csv cdevents pdf"; "pdf-all" is the PDF with --all-events.
# Make DB with `bench_export 100000 0 DB notes` (every event a note) or `... mix` (check samples).
set -euo pipefail
old=$1 new=$2 db=$3 rounds=${4:-2} incident=${5:-1} formats=${6:-md html json csv cdevents pdf}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
timed() {
    local label=$1
    shift
    /usr/bin/time -f "%U %S %e" -o "$out/time" "$@" > /dev/null 2> "$out/err"
    awk -v l="$label" '{printf "%-28s cpu %.2f s  wall %.2f s\n", l, $1 + $2, $3}' "$out/time"
}
for _ in $(seq "$rounds"); do
    timed dump sqlite3 -csv "$db" "SELECT * FROM events WHERE incident_id = $incident ORDER BY seq"
    for side in old new; do
        bin=$old
        [ "$side" = new ] && bin=$new
        timed "$side verify" "$bin" verify --db "$db" --incident "$incident"
        for f in $formats; do
            extra=()
            [ "$f" = pdf-all ] && extra=(--all-events)
            timed "$side export $f" "$bin" export --db "$db" --incident "$incident" \
                --format "${f%-all}" --output "$out/out.${f%-all}" "${extra[@]}"
        done
    done
done
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
