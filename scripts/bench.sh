#!/usr/bin/env bash
# gwlint's benchmark: end-to-end throughput, peak memory, the largest files,
# the ripgrep floor and startup time, on a generated corpus of 公文 drafts.
#
#   scripts/bench.sh [--size-mb N] [--big-mb M] [--seed S] [--runs R] [--dir DIR] [--threads T]
#                    [--no-shapes]
#
# or the same through the environment: BENCH_SIZE_MB (default 100),
# BENCH_BIG_MB (default 20, or a fifth of the size under 100 MB), BENCH_SEED
# (2024), BENCH_RUNS (timed runs per figure, the best is kept; default 3),
# BENCH_DIR (where the corpus goes; default ${TMPDIR:-/tmp}/gwlint-bench-N-M-S,
# reused when it is already there), BENCH_THREADS (default: all cores),
# BENCH_SHAPES=0 (as --no-shapes: skip the scaling section, which lints each
# repeated structure of examples/gen/shapes.rs at 1 MB and 4 MB, written
# to ${TMPDIR:-/tmp}/gwlint-shapes).
#
# Quick run:  scripts/bench.sh --size-mb 5
#
# It builds with `cargo build --release` first, generates the corpus with
# `cargo run --release --example gen_corpus`, and runs
#   gwlint check --isolated --select ALL --output-format json --threads T PATH > /dev/null
# (every rule, JSON output; exit code 1 means findings and is expected).
#
# Optional tools, used when installed and reported as n/a otherwise:
#   /usr/bin/time  peak resident memory   (apt-get install time)
#   rg             the ripgrep floor      (apt-get install ripgrep, or cargo install ripgrep)
#   hyperfine      startup time           (apt-get install hyperfine; else a loop of 50 runs)
#   taskset        one-thread runs pinned to one CPU (util-linux)
# Without /usr/bin/time, peak memory is VmHWM polled from /proc (marked ~).
#
# This script is not part of `cargo test`: the tests stay deterministic and
# untimed; figures come from here. MB means MiB (1,048,576 bytes).
set -euo pipefail

size_mb=${BENCH_SIZE_MB:-100}
big_mb=${BENCH_BIG_MB:-}
seed=${BENCH_SEED:-2024}
runs=${BENCH_RUNS:-3}
dir=${BENCH_DIR:-}
threads=${BENCH_THREADS:-}
shapes=${BENCH_SHAPES:-1}

while [ $# -gt 0 ]; do
    case "$1" in
        --size-mb) size_mb=$2; shift 2 ;;
        --big-mb) big_mb=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --no-shapes) shapes=0; shift ;;
        -h|--help) sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done

case "$shapes" in
    0|1) ;;
    *) echo "BENCH_SHAPES must be 0 or 1, not '$shapes'" >&2; exit 2 ;;
esac
if [ -z "$big_mb" ]; then
    big_mb=$(awk -v s="$size_mb" 'BEGIN { if (s >= 100) print 20; else print s / 5 }')
fi
if [ -z "$threads" ]; then
    threads=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
fi
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${dir:-${TMPDIR:-/tmp}/gwlint-bench-$size_mb-$big_mb-$seed}

cd "$root"
echo "== building (cargo build --release)" >&2
cargo build --release --quiet --bin gwlint
cargo build --release --quiet --example gen_corpus
target_dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
target_dir=${target_dir:-$root/target}
gwlint=$target_dir/release/gwlint
gen=$target_dir/release/examples/gen_corpus

stamp="size=$size_mb big=$big_mb seed=$seed gen=$(cksum <examples/gen/mod.rs | cut -d' ' -f1)"
if [ ! -f "$dir/.stamp" ] || [ "$(cat "$dir/.stamp")" != "$stamp" ]; then
    echo "== generating $size_mb MB corpus in $dir" >&2
    rm -rf "$dir"
    "$gen" "$dir" --size-mb "$size_mb" --big-mb "$big_mb" --seed "$seed"
    echo "$stamp" >"$dir/.stamp"
else
    echo "== reusing corpus in $dir" >&2
fi

# ---------------------------------------------------------------- helpers

have() { command -v "$1" >/dev/null 2>&1; }
bytes_of() { find "$@" -type f -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
files_of() { find "$@" -type f -name '*.txt' | wc -l | tr -d ' '; }
now_ns() { date +%s%N; }
kib() { if [ "$1" = n/a ]; then echo n/a; else echo "$1 KiB"; fi; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# Peak RSS (KiB) of one run of "$@", or n/a. Output goes to /dev/null.
# GNU time when there is one (BENCH_NO_TIME=1 skips it); otherwise VmHWM
# polled from /proc every 10 ms (approximate: a peak in the last few
# milliseconds can be missed, and a run too short to be sampled is n/a;
# marked with ~).
peak_rss() {
    local out rc=0
    if [ -z "${BENCH_NO_TIME:-}" ] && [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
        out=$(mktemp)
        /usr/bin/time -v -o "$out" "$@" >/dev/null 2>&1 || rc=$?
        check_rc "$rc" "$@"
        sed -n 's/.*Maximum resident set size (kbytes): *//p' "$out"
        rm -f "$out"
    elif [ -r /proc/self/status ]; then
        # Only samples taken after the exec count (Name: is the command's).
        local pid peak="" k v _ name="" want
        want=$(basename "$1" | cut -c1-15)
        "$@" >/dev/null 2>&1 &
        pid=$!
        while [ -r "/proc/$pid/status" ]; do
            while read -r k v _; do
                case "$k" in
                    Name:) name=$v ;;
                    VmHWM:) if [ "$name" = "$want" ] && [ "$v" -gt "${peak:-0}" ]; then peak=$v; fi ;;
                esac
            done <"/proc/$pid/status" 2>/dev/null || true
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.01
        done
        wait "$pid" || rc=$?
        check_rc "$rc" "$@"
        if [ -n "$peak" ]; then echo "~$peak"; else echo n/a; fi
    else
        echo n/a
    fi
}

check_rc() {
    local rc=$1; shift
    if [ "$rc" -gt 1 ]; then
        echo "error: exit code $rc from: $*" >&2
        exit 1
    fi
}

# Best wall time (ns) of $runs runs of "$@"; exit code 0 or 1 is accepted.
best_ns() {
    local best="" t0 t1 rc i
    for ((i = 0; i < runs; i++)); do
        t0=$(now_ns)
        rc=0
        "$@" >/dev/null 2>&1 || rc=$?
        t1=$(now_ns)
        check_rc "$rc" "$@"
        if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
    done
    echo "$best"
}

# One thread means one core: when `taskset` is there, the one-thread runs are
# pinned to a single CPU, printing thread included. Without it the thread that
# writes the JSON would run beside the worker on a second core and flatter the
# per-core figure.
pin1=()
if command -v taskset >/dev/null 2>&1; then
    cpu=$(taskset -pc $$ 2>/dev/null | sed 's/.*: //; s/[,-].*//')
    if [ -n "$cpu" ]; then pin1=(taskset -c "$cpu"); fi
fi

# The CPUs this script may run on, one per line ("0,2-3" -> 0 2 3), for the
# machine's own ceiling on running several threads at once (below).
cpu_list() {
    local spec part a b
    spec=$(taskset -pc $$ 2>/dev/null | sed 's/.*: //') || true
    for part in ${spec//,/ }; do
        a=${part%-*}
        b=${part#*-}
        seq "$a" "$b"
    done
}

gw() { # gw THREADS PATH...
    local t=$1; shift
    local pin=()
    if [ "$t" = 1 ]; then pin=(${pin1[@]+"${pin1[@]}"}); fi
    ${pin[@]+"${pin[@]}"} "$gwlint" check --isolated --select ALL --output-format json --no-summary -q --threads "$t" "$@"
}

# ---------------------------------------------------------------- figures

corpus_bytes=$(bytes_of "$dir")
corpus_files=$(files_of "$dir")
drafts_bytes=$(bytes_of "$dir/drafts")
drafts_files=$(files_of "$dir/drafts")
largest=$(find "$dir" -type f -name '*.txt' -printf '%s\n' | sort -n | tail -1)
cores=$(nproc 2>/dev/null || echo "?")

echo
echo "gwlint benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $(uname -sm)"
echo "corpus:  $dir"
echo "         $corpus_files files, $(mb "$corpus_bytes") MB ($drafts_files drafts, $(mb "$drafts_bytes") MB; largest file $(mb "$largest") MB)"
echo "command: gwlint check --isolated --select ALL --output-format json --threads T PATH > /dev/null"
echo "runs:    best of $runs"
if [ ${#pin1[@]} -gt 0 ]; then
    echo "         one-thread runs pinned to one CPU (${pin1[*]})"
else
    echo "         one-thread runs not pinned (no taskset): the printing thread may use a second core"
fi
echo

printf '%-34s %8s %9s %10s %12s\n' "what" "threads" "wall (s)" "MB/s" "files/s"
row() { # row LABEL THREADS NS BYTES FILES
    awk -v l="$1" -v t="$2" -v ns="$3" -v b="$4" -v f="$5" 'BEGIN {
        s = ns / 1e9; printf "%-34s %8s %9.3f %10.1f %12.0f\n", l, t, s, b / 1048576 / s, f / s }'
}
mbps() { awk -v ns="$1" -v b="$2" 'BEGIN { printf "%.1f", b / 1048576 / (ns / 1e9) }'; }

ns_all_1=$(best_ns gw 1 "$dir")
row "corpus, all rules, JSON" 1 "$ns_all_1" "$corpus_bytes" "$corpus_files"
ns_all_n=$(best_ns gw "$threads" "$dir")
row "corpus, all rules, JSON" "$threads" "$ns_all_n" "$corpus_bytes" "$corpus_files"
# What the machine itself gives to T busy cores: T one-thread runs at once,
# each pinned to a CPU of its own, over the whole corpus. A virtual machine's
# cores share its host (and a physical one's share caches, memory and power),
# so T separate processes with nothing in common often get less than T times
# the work of one done in the same time; no T-thread run can do better.
# Not a target: it tells whether a T-thread figure below 1.8x is gwlint's or
# the machine's.
ns_ceiling=""
if [ "$threads" -ge 2 ] && [ ${#pin1[@]} -gt 0 ]; then
    mapfile -t cpus < <(cpu_list)
    if [ "${#cpus[@]}" -ge "$threads" ]; then
        for ((i = 0; i < runs; i++)); do
            t0=$(now_ns)
            pids=()
            for ((k = 0; k < threads; k++)); do
                taskset -c "${cpus[$k]}" "$gwlint" check --isolated --select ALL --output-format json \
                    --no-summary -q --threads 1 "$dir" >/dev/null 2>&1 &
                pids+=($!)
            done
            for pid in "${pids[@]}"; do
                rc=0
                wait "$pid" || rc=$?
                check_rc "$rc" "$gwlint" check --threads 1 "$dir"
            done
            t1=$(now_ns)
            if [ -z "$ns_ceiling" ] || [ $((t1 - t0)) -lt "$ns_ceiling" ]; then ns_ceiling=$((t1 - t0)); fi
        done
        row "corpus x$threads, one-thread runs at once" "${threads}x1" "$ns_ceiling" \
            $((corpus_bytes * threads)) $((corpus_files * threads))
    fi
fi
ns_drafts_1=$(best_ns gw 1 "$dir/drafts")
row "drafts only (2-200 KB)" 1 "$ns_drafts_1" "$drafts_bytes" "$drafts_files"
ns_par=""
ns_lines=""
if [ -f "$dir/big/paragraph.txt" ]; then
    b=$(bytes_of "$dir/big/paragraph.txt")
    ns_par=$(best_ns gw 1 "$dir/big/paragraph.txt")
    row "big/paragraph.txt (one line)" 1 "$ns_par" "$b" 1
    par_bytes=$b
    b=$(bytes_of "$dir/big/lines.txt")
    ns_lines=$(best_ns gw 1 "$dir/big/lines.txt")
    row "big/lines.txt (short lines)" 1 "$ns_lines" "$b" 1
    lines_bytes=$b
fi

echo
echo "peak resident memory (Maximum resident set size)"
rss_all_1=$(peak_rss "$gwlint" check --isolated --select ALL --output-format json --no-summary -q --threads 1 "$dir")
printf '  %-32s %s\n' "corpus, 1 thread" "$(kib "$rss_all_1")"
rss_all=$(peak_rss "$gwlint" check --isolated --select ALL --output-format json --no-summary -q --threads "$threads" "$dir")
printf '  %-32s %s\n' "corpus, $threads threads" "$(kib "$rss_all")"
rss_drafts=$(peak_rss "$gwlint" check --isolated --select ALL --output-format json --no-summary -q --threads 1 "$dir/drafts")
printf '  %-32s %s\n' "drafts only, 1 thread" "$(kib "$rss_drafts")"
rss_par=n/a
rss_lines=n/a
if [ -n "$ns_par" ]; then
    rss_par=$(peak_rss "$gwlint" check --isolated --select ALL --output-format json --no-summary -q --threads 1 "$dir/big/paragraph.txt")
    printf '  %-32s %s\n' "big/paragraph.txt" "$(kib "$rss_par")"
    rss_lines=$(peak_rss "$gwlint" check --isolated --select ALL --output-format json --no-summary -q --threads 1 "$dir/big/lines.txt")
    printf '  %-32s %s\n' "big/lines.txt" "$(kib "$rss_lines")"
fi
rss_small=$(peak_rss "$gwlint" check --isolated --select ALL --output-format json --no-summary -q "$dir/small/one.txt")
printf '  %-32s %s\n' "one 2 KB file (the constant)" "$(kib "$rss_small")"
# SARIF is one document for the whole run, written a file at a time: its
# peak is the JSON run's plus the outputs waiting to be printed (at most
# 64 MiB of them), not the corpus's findings.
rss_sarif=$(peak_rss "$gwlint" check --isolated --select ALL --output-format sarif --no-summary -q --threads "$threads" "$dir")
printf '  %-32s %s\n' "corpus, SARIF, $threads threads" "$(kib "$rss_sarif")"

echo
ns_rg_1=""
ns_rg_n=""
if have rg; then
    # A handful of the patterns the rules look for: 〔, dates, rates, parts of
    # totals, a half-width comma between Han characters.
    rgp() {
        local t=$1; shift
        rg --no-config --no-ignore --hidden --count-matches -j "$t" \
            -e '〔' -e '\d{4}年\d{1,2}月' -e '率' -e '其中' -e '\p{Han},\p{Han}' "$@"
    }
    ns_rg_1=$(best_ns rgp 1 "$dir")
    ns_rg_n=$(best_ns rgp "$threads" "$dir")
    echo "ripgrep floor (rg --count-matches -e 〔 -e '\\d{4}年\\d{1,2}月' -e 率 -e 其中 -e '\\p{Han},\\p{Han}')"
    printf '  %-32s %9s s  %8s MB/s   gwlint/rg = %s\n' "1 thread" \
        "$(awk -v n="$ns_rg_1" 'BEGIN { printf "%.3f", n / 1e9 }')" "$(mbps "$ns_rg_1" "$corpus_bytes")" \
        "$(awk -v a="$ns_all_1" -v b="$ns_rg_1" 'BEGIN { printf "%.1f", a / b }')"
    printf '  %-32s %9s s  %8s MB/s   gwlint/rg = %s\n' "$threads threads" \
        "$(awk -v n="$ns_rg_n" 'BEGIN { printf "%.3f", n / 1e9 }')" "$(mbps "$ns_rg_n" "$corpus_bytes")" \
        "$(awk -v a="$ns_all_n" -v b="$ns_rg_n" 'BEGIN { printf "%.1f", a / b }')"
else
    echo "ripgrep floor: n/a (rg not installed: apt-get install ripgrep)"
fi

echo
small="$dir/small/one.txt"
if have hyperfine; then
    csv=$(mktemp)
    hyperfine -N -i --warmup 5 --runs 50 --export-csv "$csv" \
        "$gwlint check --isolated --select ALL --output-format json -q $small" >/dev/null 2>&1 || true
    startup_ms=$(awk -F, 'NR == 2 { printf "%.2f", $2 * 1000 }' "$csv")
    rm -f "$csv"
    echo "startup (hyperfine, mean of 50): $startup_ms ms   gwlint check on one $(stat -c %s "$small")-byte file"
else
    for _ in 1 2 3 4 5; do "$gwlint" check --isolated --select ALL -q "$small" >/dev/null 2>&1 || true; done
    t0=$(now_ns)
    for _ in $(seq 50); do
        "$gwlint" check --isolated --select ALL --output-format json -q "$small" >/dev/null 2>&1 || true
    done
    t1=$(now_ns)
    startup_ms=$(awk -v n=$((t1 - t0)) 'BEGIN { printf "%.2f", n / 50 / 1e6 }')
    echo "startup (loop of 50, mean): $startup_ms ms   gwlint check on one $(stat -c %s "$small")-byte file"
fi

# ---------------------------------------------------------------- scaling
# Repeated structures (examples/gen/shapes.rs), each at two sizes: with
# linear work both lint at the same MB/s. The time of linting the 2 KB file
# (start-up) is taken off both before they are compared.
worst_shape="" worst_ratio=0 worst_mem_shape="" worst_mem=0
if [ "$shapes" = 1 ]; then
    cargo build --release --quiet --example gen_shapes
    sdir=${TMPDIR:-/tmp}/gwlint-shapes
    sstamp="shapes=$(cat examples/gen/shapes.rs examples/gen_shapes.rs | cksum | cut -d' ' -f1)"
    if [ ! -f "$sdir/.stamp" ] || [ "$(cat "$sdir/.stamp")" != "$sstamp" ]; then
        echo "== generating repeated structures in $sdir" >&2
        rm -rf "$sdir"
        "$target_dir/release/examples/gen_shapes" "$sdir"
        echo "$sstamp" >"$sdir/.stamp"
    fi
    ns_c=$(runs=5 best_ns gw 1 "$small")
    # gwf FORMAT PATH: one run on one thread (pinned) in FORMAT.
    gwf() {
        local fmt=$1; shift
        ${pin1[@]+"${pin1[@]}"} "$gwlint" check --isolated --select ALL --output-format "$fmt" \
            --no-summary -q --threads 1 "$@"
    }
    # The constant of the memory columns: the 2 KB file's peak, as in the
    # targets (empty when it could not be measured).
    c_kib=${rss_small#\~}
    case "$c_kib" in '' | *[!0-9]*) c_kib="" ;; esac
    # scale_row LABEL FORMAT SMALL LARGE [memory]: MB/s of both, start-up
    # taken off, and their ratio; a pair too quick to tell from start-up is
    # shown, not judged. With `memory`, also the large file's peak resident
    # memory and that peak less the constant as a multiple of the file.
    scale_row() {
        local label=$1 fmt=$2 f=$3 g=$4 mem=${5:-} bs bl ts tl r ms ml judged peak x
        bs=$(stat -c %s "$f"); bl=$(stat -c %s "$g")
        ts=$(best_ns gwf "$fmt" "$f"); tl=$(best_ns gwf "$fmt" "$g")
        read -r r ms ml judged < <(awk -v bs="$bs" -v bl="$bl" -v ts="$ts" -v tl="$tl" -v c="$ns_c" 'BEGIN {
            s = (ts - c > 1e5 ? ts - c : 1e5); l = (tl - c > 1e5 ? tl - c : 1e5)
            ms = bs / 1048576 / (s / 1e9); ml = bl / 1048576 / (l / 1e9)
            printf "%.2f %.1f %.1f %d\n", ms / ml, ms, ml, (ts >= 2 * c) ? 1 : 0 }')
        peak="" x=""
        if [ -n "$mem" ] && [ -n "$c_kib" ]; then
            peak=$(peak_rss "$gwlint" check --isolated --select ALL --output-format "$fmt" \
                --no-summary -q --threads 1 "$g")
            peak=${peak#\~}
            case "$peak" in '' | *[!0-9]*) peak="" ;; esac
        fi
        if [ -n "$peak" ]; then
            read -r x peak < <(awk -v p="$peak" -v c="$c_kib" -v b="$bl" 'BEGIN {
                printf "%.1f %.1f\n", (p - c) * 1024 / b, p / 1024 }')
            printf '  %-36s %12s %12s %7sx %10s %7sx%s\n' "$label" "$ms" "$ml" "$r" "$peak" "$x" \
                "$([ "$judged" = 1 ] || echo ' (too quick to judge)')"
            if awk -v a="$x" -v b="$worst_mem" 'BEGIN { exit !(a > b) }'; then
                worst_mem=$x worst_mem_shape=$label
            fi
        else
            printf '  %-36s %12s %12s %7sx%s\n' "$label" "$ms" "$ml" "$r" \
                "$([ "$judged" = 1 ] || echo ' (too quick to judge)')"
        fi
        if [ "$judged" = 1 ] && awk -v a="$r" -v b="$worst_ratio" 'BEGIN { exit !(a > b) }'; then
            worst_ratio=$r worst_shape=$label
        fi
    }
    echo
    echo "scaling: repeated structures, 1 thread (start-up of $(awk -v n="$ns_c" 'BEGIN { printf "%.1f", n / 1e6 }') ms taken off;"
    echo "  peak: the large file's peak resident memory; x file: that peak less the 2 KB file's, over the file's size)"
    printf '  %-36s %12s %12s %8s %10s %8s\n' "shape" "small MB/s" "large MB/s" "ratio" "peak MiB" "x file"
    for f in "$sdir"/*.small.txt; do
        name=$(basename "$f" .small.txt)
        scale_row "$name" json "$f" "$sdir/$name.large.txt" memory
    done
    # One line of findings in every other output format (each renders the
    # findings of a long line its own way; the start-up taken off is the
    # JSON run's, which the others' differ from by far less than their
    # runs take).
    for fmt in full concise json-lines github sarif junit gitlab rdjson; do
        scale_row "paragraph-of-findings, $fmt" "$fmt" \
            "$sdir/paragraph-of-findings.small.txt" "$sdir/paragraph-of-findings.large.txt"
    done
fi

# ---------------------------------------------------------------- targets

echo
echo "targets"
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
mbs1=$(mbps "$ns_all_1" "$corpus_bytes")
printf '  %-52s %10s  %s\n' ">= 100 MB/s per core (corpus, 1 thread)" "$mbs1" "$(verdict "$mbs1 >= 100")"
if [ "$threads" -ge 2 ]; then
    sp=$(awk -v a="$ns_all_1" -v b="$ns_all_n" 'BEGIN { printf "%.2f", a / b }')
    printf '  %-52s %10s  %s\n' "$threads threads >= 1.8x one thread" "${sp}x" "$(verdict "$sp >= 1.8")"
    if [ -n "$ns_ceiling" ]; then
        # T runs did T times the work in ns_ceiling: that is the speed-up
        # the machine allowed this time.
        cl=$(awk -v a="$ns_all_1" -v b="$ns_ceiling" -v t="$threads" 'BEGIN { printf "%.2f", t * a / b }')
        printf '  %-52s %10s  %s\n' "  (the machine: $threads one-thread runs at once)" "${cl}x" "no target"
    fi
fi
if [ -n "$ns_rg_1" ]; then
    r=$(awk -v a="$ns_all_1" -v b="$ns_rg_1" 'BEGIN { printf "%.2f", a / b }')
    printf '  %-52s %10s  %s\n' "within 4x of rg (1 thread)" "${r}x" "$(verdict "$r <= 4")"
else
    printf '  %-52s %10s\n' "within 4x of rg" "n/a"
fi
if [ -n "$ns_par" ]; then
    d=$(mbps "$ns_drafts_1" "$drafts_bytes")
    p=$(mbps "$ns_par" "$par_bytes")
    l=$(mbps "$ns_lines" "$lines_bytes")
    printf '  %-52s %10s  %s\n' "paragraph MB/s within 2x of drafts ($p vs $d)" \
        "$(awk -v d="$d" -v p="$p" 'BEGIN { printf "%.2fx", d / p }')" "$(verdict "$d / $p <= 2")"
    printf '  %-52s %10s  %s\n' "short lines MB/s within 2x of drafts ($l vs $d)" \
        "$(awk -v d="$d" -v l="$l" 'BEGIN { printf "%.2fx", d / l }')" "$(verdict "$d / $l <= 2")"
fi
if [ "$rss_all" != n/a ] && [ "$rss_all_1" != n/a ] && [ "$rss_small" != n/a ]; then
    rss_all=${rss_all#\~}; rss_all_1=${rss_all_1#\~}; rss_small=${rss_small#\~}; rss_par=${rss_par#\~}
    # Bounded by the largest file: at most 3x the largest file plus the
    # footprint of linting one small file (per thread: T files are in flight).
    bound=$(awk -v l="$largest" -v c="$rss_small" 'BEGIN { printf "%d", 3 * l / 1024 + c }')
    printf '  %-52s %10s  %s\n' "corpus peak RSS, 1 thread <= 3x largest + c ($bound KiB)" \
        "$rss_all_1" "$(verdict "$rss_all_1 <= $bound")"
    bound=$(awk -v l="$largest" -v c="$rss_small" -v t="$threads" 'BEGIN { printf "%d", t * 3 * l / 1024 + c }')
    printf '  %-52s %10s  %s\n' "corpus peak RSS, $threads threads <= ${threads}x3x largest + c ($bound KiB)" \
        "$rss_all" "$(verdict "$rss_all <= $bound")"
    if [ "$rss_par" != n/a ] && [ -n "$ns_par" ]; then
        bound=$(awk -v l="$par_bytes" -v c="$rss_small" 'BEGIN { printf "%d", 3 * l / 1024 + c }')
        printf '  %-52s %10s  %s\n' "paragraph peak RSS <= 3x file + constant ($bound KiB)" \
            "$rss_par" "$(verdict "$rss_par <= $bound")"
    fi
fi
printf '  %-52s %10s  %s\n' "startup < 10 ms" "$startup_ms" "$(verdict "$startup_ms < 10")"
if [ -n "$worst_shape" ]; then
    printf '  %-52s %10s  %s\n' "no superlinear shape: large within 2x of small MB/s" \
        "${worst_ratio}x" "$(verdict "$worst_ratio <= 2")"
    printf '  %-52s\n' "  (worst: $worst_shape)"
fi
if [ -n "$worst_mem_shape" ]; then
    # Not a target: the memory target is set for drafts. A structure that
    # repeats an item every few bytes holds that item, and often a finding,
    # for each; this says how far that goes.
    printf '  %-52s %10s  %s\n' "memory of a repeated structure (no target)" "${worst_mem}x" "file"
    printf '  %-52s\n' "  (largest: $worst_mem_shape)"
fi
