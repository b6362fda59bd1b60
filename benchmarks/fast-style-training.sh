#!/usr/bin/env bash
# Training throughput of fast style networks: images/s and peak RSS per width and crop size.
# Setup: apt-get install -y mate-backgrounds; dotnet build -c Release NeuralStyle.sln
# Usage: benchmarks/fast-style-training.sh [steps]   (from the repository root; 2 threads)
set -euo pipefail
steps="${1:-12}"
photos="$(mktemp -d)"
trap 'rm -rf "$photos"' EXIT
dotnet run -c Release --no-build --project benchmarks/NeuralStyle.Benchmarks -- fast-demo-photos "$photos" > /dev/null
echo "| width | crop | batch | images/s | steps/s | peak RSS |"
echo "|---|---|---|---:|---:|---:|"
for size in 128 256; do
  for width in 1 0.5 0.25; do
    log="$(mktemp)"
    /usr/bin/time -v dotnet run -c Release --no-build --project src/NeuralStyle.Cli -- train docs/images/starry_night.jpg \
      --images "$photos" -o "$photos/model.safetensors" --overwrite --steps "$steps" --crop-size "$size" --width "$width" --threads 2 --json > "$log" 2>&1
    rate="$(grep '"event":"training"' "$log" | tail -1 | sed -E 's/.*"imagesPerSecond":([0-9.]+).*/\1/')"
    rss="$(grep 'Maximum resident set size' "$log" | awk '{print $6}')"
    echo "| $width | $size | 4 | $(printf '%.2f' "$rate") | $(echo "$rate / 4" | bc -l | xargs printf '%.2f') | $((rss / 1024)) MB |"
    rm -f "$log"
  done
done
