#!/usr/bin/env bash
# The service's worst case under hostile uploads: starts samples/NeuralStyle.WebService (built-in
# starry-night, default settings) on 127.0.0.1:5098, then for each case sends N uploads at once and
# reports the service's peak resident size (VmHWM, reset between cases), how the jobs ended and
# whether /health kept answering. Needs python3 and ImageMagick (apt-get install -y imagemagick).
# Usage: benchmarks/service-hostile.sh [parallel=4]
set -euo pipefail
N=${1:-4}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
dotnet build -c Release "$ROOT/samples/NeuralStyle.WebService" >/dev/null
WORK=$(mktemp -d /tmp/neuralstyle-service-hostile.XXXX)
# 1. A 5 KB 128x96 JPEG (asked for at ?size=2048). 2. A flat 4000x3999 PNG (tens of KB, 16 MP).
# 3. A 1 MB PNG whose zTXt chunk inflates to 1 GiB.
convert -size 128x96 plasma:fractal -quality 80 "$WORK/small.jpg"
convert -size 4000x3999 xc:'#4a7ab0' -define png:compression-level=9 "$WORK/huge.png"
python3 - "$WORK/bomb.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
raw = b''.join(b'\0' + b'\x80\x80\x80' * 32 for _ in range(24))
compressor = zlib.compressobj(9)
text = b''.join(compressor.compress(b' ' * (1 << 20)) for _ in range(1024)) + compressor.flush()
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 32, 24, 8, 2, 0, 0, 0)) \
    + chunk(b'zTXt', b'Comment\0\0' + text) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
PY
ls -l "$WORK"/small.jpg "$WORK"/huge.png "$WORK"/bomb.png | awk '{print $5, $9}'
cd "$ROOT/samples/NeuralStyle.WebService/bin/Release/net10.0"
NeuralStyle__ModelPath=starry-night ASPNETCORE_URLS=http://127.0.0.1:5098 Logging__LogLevel__Default=Warning dotnet NeuralStyle.WebService.dll > "$WORK/service.log" 2>&1 & SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for i in $(seq 1 150); do curl -sf http://127.0.0.1:5098/health >/dev/null && break; sleep 0.2; done
kb() { awk -v f="$1:" '$1 == f { print $2 }' /proc/$SERVER/status; }
echo "idle: resident $(( $(kb VmRSS) / 1024 )) MB"
echo "| case | uploads | answers | jobs | peak resident | health during |"
echo "|---|---:|---|---|---:|---|"
run_case() { # name file content-type query
  echo 5 > /proc/$SERVER/clear_refs
  local ids=() answers=()
  for i in $(seq 1 "$N"); do
    local reply; reply=$(curl -s -w ' %{http_code}' -H "Content-Type: $3" --data-binary "@$2" "http://127.0.0.1:5098/stylize$4")
    answers+=("${reply##* }")
    local id; id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$reply"); [ -n "$id" ] && ids+=("$id")
  done
  local healthy=yes states=()
  for id in "${ids[@]}"; do
    while true; do
      local state; state=$(curl -s "http://127.0.0.1:5098/jobs/$id" | sed -n 's/.*"state":"\([^"]*\)".*/\1/p')
      curl -sf -m 5 http://127.0.0.1:5098/health >/dev/null || healthy=no
      case "$state" in succeeded|failed|cancelled) states+=("$state"); break;; esac
      sleep 1
    done
  done
  echo "| $1 | $N | $(printf '%s\n' "${answers[@]}" | sort | uniq -c | awk '{printf "%s x%s ", $2, $1}') | $(printf '%s\n' "${states[@]}" | sort | uniq -c | awk '{printf "%s x%s ", $2, $1}') | $(( $(kb VmHWM) / 1024 )) MB | $healthy |"
}
run_case "128x96 JPEG, ?size=2048" "$WORK/small.jpg" image/jpeg "?size=2048"
run_case "1 MB PNG, zTXt of 1 GiB" "$WORK/bomb.png" image/png ""
run_case "4000x3999 PNG, no size" "$WORK/huge.png" image/png ""
grep -c "Exception" "$WORK/service.log" | sed 's/^/exceptions logged: /' || true
