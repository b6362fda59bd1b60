#!/usr/bin/env bash
# Batch measurements on the mate-backgrounds photos (apt-get install -y mate-backgrounds):
#   1. throughput: one process (2 threads) vs two shard processes (--shard 0/2 and 1/2, 1 thread each);
#   2. the kill test: SIGKILL at random moments, KILLS times, then a last run; counts every output
#      (present once, decodable, never written twice, no temporary file left).
# Usage: benchmarks/batch.sh [jobs=24] [kills=10]
set -euo pipefail
JOBS=${1:-24}
KILLS=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PHOTOS=/usr/share/backgrounds/mate/nature
[ -d "$PHOTOS" ] || { echo "no $PHOTOS: apt-get install -y mate-backgrounds" >&2; exit 2; }
dotnet build -c Release "$ROOT/src/NeuralStyle.Cli" >/dev/null
NS="$ROOT/src/NeuralStyle.Cli/bin/Release/net10.0/neural-style"
WORK=$(mktemp -d /tmp/neuralstyle-batch-bench.XXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/train"
cp "$PHOTOS"/*.jpg "$WORK/train/"
# Speed does not depend on training: a 2-step half-width model is enough here.
"$NS" train "$ROOT/docs/images/starry_night.jpg" --images "$WORK/train" -o "$WORK/model.safetensors" --crop-size 64 --steps 2 --batch 1 --width 0.5 -q
mapfile -t photos < <(ls "$PHOTOS"/*.jpg | sort)
for ((i = 0; i < JOBS; i++)); do
  p=${photos[$((i % ${#photos[@]}))]}
  echo "{\"content\": \"$p\", \"model\": \"model.safetensors\", \"output\": \"out/$i.png\", \"size\": 512, \"strength\": 0.$((9 - i / ${#photos[@]} % 9))}"
done > "$WORK/jobs.jsonl"

now() { date +%s.%N; }
t0=$(now); "$NS" batch "$WORK/jobs.jsonl" --threads 2 -q; t1=$(now)
one=$(echo "$t1 - $t0" | bc)
rm -rf "$WORK/out"
t0=$(now)
"$NS" batch "$WORK/jobs.jsonl" --shard 0/2 --threads 1 -q & a=$!
"$NS" batch "$WORK/jobs.jsonl" --shard 1/2 --threads 1 -q & b=$!
wait $a $b; t1=$(now)
two=$(echo "$t1 - $t0" | bc)
echo "throughput: $JOBS jobs at 512 px, one process ${one} s ($(echo "scale=2; $JOBS / $one" | bc) jobs/s), two shard processes ${two} s ($(echo "scale=2; $JOBS / $two" | bc) jobs/s), ratio two/one $(echo "scale=2; $one / $two" | bc)"

rm -rf "$WORK/out"
: > "$WORK/events"
survived=0
for ((k = 0; k < KILLS; k++)); do
  "$NS" batch "$WORK/jobs.jsonl" --json --threads 2 >> "$WORK/events" 2>/dev/null & pid=$!
  sleep "$(awk -v s=$RANDOM 'BEGIN { srand(s); printf "%.2f", 0.8 + rand() * 2.5 }')"
  if kill -9 "$pid" 2>/dev/null; then survived=$((survived + 1)); fi
  wait "$pid" 2>/dev/null || true
done
"$NS" batch "$WORK/jobs.jsonl" --json --threads 2 >> "$WORK/events"
present=$(ls "$WORK/out"/*.png | wc -l)
temporary=$(find "$WORK/out" -name '*.tmp' | wc -l)
done_events=$(grep -c '"state":"done"' "$WORK/events" || true)
twice=$(grep '"state":"done"' "$WORK/events" | sed 's/.*"output":"\([^"]*\)".*/\1/' | sort | uniq -d | wc -l)
broken=0
for f in "$WORK/out"/*.png; do python3 -c "import sys,zlib,struct
d=open(sys.argv[1],'rb').read(); assert d[:8]==b'\x89PNG\r\n\x1a\n' and d.endswith(b'IEND\xaeB\x60\x82')" "$f" || broken=$((broken + 1)); done
echo "kill test: $survived SIGKILLs mid-batch, then one more run: $present/$JOBS outputs, $broken broken, $temporary temporary files left, $done_events jobs written (outputs written twice: $twice)"
