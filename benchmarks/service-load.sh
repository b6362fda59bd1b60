#!/usr/bin/env bash
# Loopback load test of samples/NeuralStyle.WebService with a half-width fast-style model at 256 px:
# starts the service on 127.0.0.1:5099, runs REQUESTS requests from CLIENTS clients, stops it.
# Needs mate-backgrounds (apt-get install -y mate-backgrounds). Usage: benchmarks/service-load.sh [requests=1000] [clients=4]
set -euo pipefail
REQUESTS=${1:-1000}
CLIENTS=${2:-4}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PHOTO=$(ls /usr/share/backgrounds/mate/nature/*.jpg | sort | head -1)
dotnet build -c Release "$ROOT/src/NeuralStyle.Cli" >/dev/null
dotnet build -c Release "$ROOT/samples/NeuralStyle.WebService" >/dev/null
dotnet build -c Release "$ROOT/benchmarks/NeuralStyle.Benchmarks" >/dev/null
WORK=$(mktemp -d /tmp/neuralstyle-service-load.XXXX)
mkdir -p "$WORK/train" && cp /usr/share/backgrounds/mate/nature/*.jpg "$WORK/train/"
"$ROOT/src/NeuralStyle.Cli/bin/Release/net10.0/neural-style" train "$ROOT/docs/images/starry_night.jpg" --images "$WORK/train" -o "$WORK/model.safetensors" --crop-size 64 --steps 2 --batch 1 --width 0.5 -q
cd "$ROOT/samples/NeuralStyle.WebService/bin/Release/net10.0"
NeuralStyle__ModelPath="$WORK/model.safetensors" ASPNETCORE_URLS=http://127.0.0.1:5099 Logging__LogLevel__Default=Warning dotnet NeuralStyle.WebService.dll & SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for i in $(seq 1 100); do curl -sf http://127.0.0.1:5099/health >/dev/null && break; sleep 0.2; done
dotnet "$ROOT/benchmarks/NeuralStyle.Benchmarks/bin/Release/net10.0/NeuralStyle.Benchmarks.dll" service-load http://127.0.0.1:5099 "$REQUESTS" "$CLIENTS" "$SERVER" "$PHOTO"
