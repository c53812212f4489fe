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
    # The wall to the millisecond (time's %e has hundredths: 0.32 s against a 0.16 s dump could be
    # anything from 1.9x to 2.1x); the CPU as the kernel counts it, in hundredths.
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$out/time" "$@" > /dev/null 2> "$out/err"
    end=$(date +%s%N)
    awk -v l="$label" -v w="$(( (end - start) / 1000000 ))" \
        '{printf "%-28s cpu %.2f s  wall %.3f s\n", l, $1 + $2, w / 1000}' "$out/time" \
        | tee -a "$out/all"
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
# Medians over the rounds, and each as a multiple of the dump's median (wall and CPU).
echo "medians of $rounds round(s):"
awk '{ label = $1; for (i = 2; i <= NF - 6; ++i) label = label " " $i
       cpu[label] = cpu[label] " " $(NF - 4); wall[label] = wall[label] " " $(NF - 1)
       if (!(label in seen)) { seen[label] = 1; order[++n] = label } }
     function median(list,    v, i, j, t, m) { m = split(list, v, " ")
         for (i = 2; i <= m; ++i) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; --j) {
             t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
         return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2 }
     END { dc = median(cpu["dump"]); dw = median(wall["dump"])
           for (i = 1; i <= n; ++i) { l = order[i]; c = median(cpu[l]); w = median(wall[l])
               printf "%-28s cpu %.2f s (%.1fx dump)  wall %.3f s (%.2fx dump)\n", l, c,
                      (dc > 0 ? c / dc : 0), w, (dw > 0 ? w / dw : 0) } }' "$out/all"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
