#!/usr/bin/env bash
# Training throughput by kernels and precision, alternated ROUNDS times so that every arm sees the same
# machine load: float32 with oneDNN capped at AVX2 (ONEDNN_MAX_CPU_ISA=AVX2: what `train` ran before the
# AVX-512 route, and the diagnostic in docs/troubleshooting.md), float32 with the CPU's own kernels, and
# bfloat16 with them (`--precision bfloat16`: what the default `auto` picks on a CPU with AVX512_BF16).
# Images/s is the trainer's rate over the last 20 steps. Also checks that two runs with one seed write
# identical files, per arm.
# Setup: apt-get install -y mate-backgrounds; dotnet build -c Release NeuralStyle.sln
# Usage: benchmarks/training-isa.sh [steps=30] [rounds=2] [width=0.5] [blocks=5] [crop=128]   (from the repository root)
set -euo pipefail
steps="${1:-30}"; rounds="${2:-2}"; width="${3:-0.5}"; blocks="${4:-5}"; crop="${5:-128}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
NS=src/NeuralStyle.Cli/bin/Release/net10.0/neural-style
echo "isa: $(grep -o 'avx512[a-z_0-9]*' /proc/cpuinfo | sort -u | tr '\n' ' '); width $width, $blocks blocks, $crop px crops, batch 4, $steps steps"
run() { # label, precision, env...
  local label=$1 precision=$2; shift 2
  env "$@" "$NS" train docs/images/starry_night.jpg --images /usr/share/backgrounds/mate/nature -o "$work/$label.safetensors" --overwrite \
    --crop-size "$crop" --batch 4 --width "$width" --blocks "$blocks" --steps "$steps" --threads 2 --seed 5 --precision "$precision" --json 2>&1 \
    | grep '"event":"training"' | tail -1 | sed -E 's/.*"imagesPerSecond":([0-9.]+).*/\1/'
}
echo "| round | AVX2 float32 | own float32 | own bfloat16 | own float32 / AVX2 | own bfloat16 / AVX2 |"; echo "|---|---:|---:|---:|---:|---:|"
for ((r = 1; r <= rounds; r++)); do
  a=$(run "avx2-$r" float32 ONEDNN_MAX_CPU_ISA=AVX2); b=$(run "f32-$r" float32 ONEDNN_VERBOSE=0); c=$(run "bf16-$r" bfloat16 ONEDNN_VERBOSE=0)
  printf '| %s | %.2f | %.2f | %.2f | %.2fx | %.2fx |\n' "$r" "$a" "$b" "$c" "$(echo "$b / $a" | bc -l)" "$(echo "$c / $a" | bc -l)"
done
for arm in avx2 f32 bf16; do
  cmp -s "$work/$arm-1.safetensors" "$work/$arm-2.safetensors" 2>/dev/null && echo "$arm: two runs, one seed: identical files" || echo "$arm: files differ (or one round)"
done
