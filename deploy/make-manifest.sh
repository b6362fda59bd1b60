#!/bin/bash
# Writes a JOBS.jsonl for every photo of a folder: one fast-style job each (paths relative to the manifest).
# Usage: deploy/make-manifest.sh DATA_DIR MODEL_NAME [SIZE] > DATA_DIR/jobs.jsonl   (photos in DATA_DIR/photos, model in DATA_DIR/models)
set -euo pipefail
data=$1; model=$2; size=${3:-1024}
cd "$data"
find photos -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) | sort | while read -r photo; do
  name=${photo#photos/}
  printf '{"content": "%s", "model": "models/%s", "output": "out/%s.png", "size": %s}\n' "$photo" "$model" "${name%.*}" "$size"
done
