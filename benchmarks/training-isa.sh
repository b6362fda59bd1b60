#!/usr/bin/env bash
# Training throughput with oneDNN's own kernels for this CPU (what `train` runs) vs capped at AVX2
# (ONEDNN_MAX_CPU_ISA=AVX2, the diagnostic in docs/troubleshooting.md), alternated ROUNDS times
# so that both see the same machine load. Also checks that two runs with one seed write identical files.
# Setup: apt-get install -y mate-backgrounds; dotnet build -c Release NeuralStyle.sln
# Usage: benchmarks/training-isa.sh [steps=20] [rounds=2]   (from the repository root)
set -euo pipefail
steps="${1:-20}"; rounds="${2:-2}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
NS=src/NeuralStyle.Cli/bin/Release/net10.0/neural-style
echo "isa: $(grep -o 'avx512[a-z_0-9]*' /proc/cpuinfo | sort -u | tr '\n' ' ')"
run() { # label, env...
  local label=$1; shift
  env "$@" "$NS" train docs/images/starry_night.jpg --images /usr/share/backgrounds/mate/nature -o "$work/$label.safetensors" --overwrite \
    --crop-size 128 --batch 4 --steps "$steps" --threads 2 --seed 5 --json 2>&1 | grep '"event":"training"' | tail -1 | sed -E 's/.*"imagesPerSecond":([0-9.]+).*/\1/'
}
echo "| round | default images/s | AVX2 images/s | ratio |"; echo "|---|---:|---:|---:|"
for ((r = 1; r <= rounds; r++)); do
  a=$(run "default$r" ONEDNN_VERBOSE=0); b=$(run "avx2$r" ONEDNN_MAX_CPU_ISA=AVX2)
  printf '| %s | %.2f | %.2f | %.2f |\n' "$r" "$a" "$b" "$(echo "$b / $a" | bc -l)"
done
cmp -s "$work/default1.safetensors" "$work/default2.safetensors" 2>/dev/null && echo "default: two runs, one seed: identical files" || echo "default: files differ (or one round)"
cmp -s "$work/avx21.safetensors" "$work/avx22.safetensors" 2>/dev/null && echo "AVX2: two runs, one seed: identical files" || echo "AVX2: files differ (or one round)"
