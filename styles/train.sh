#!/usr/bin/env bash
# Trains a built-in style with this library's `neural-style train`, resumably, and records the recipe.
# Setup (once): apt-get install -y mate-backgrounds lomiri-wallpapers-20.04   (the training photos; never committed)
# Usage: [FROM=MODEL] styles/train.sh NAME [STEPS...]     NAME: starry-night | the-scream | shipwreck
#   FROM: start from a trained model (warm start, e.g. FROM=starry-night after that one is built in).
#   Trains to each STEPS milestone in turn (default: 250 500 1000 2000 3000), resuming from the checkpoint
#   in $WORK (default /var/tmp/neuralstyle-styles), and keeps a copy of the model at each milestone
#   (quality against crops seen). The recipes below are the ones the shipped models were trained with;
#   SEED (default 1, the recipes') seeds the weights and crops. The record ($WORK/NAME.training.json) gives
#   the recipe, seed, photos, steps and the training's wall time, summed over the invocations that resumed it.
set -euo pipefail
NAME=$1; shift
[ $# -gt 0 ] && MILESTONES=("$@") || MILESTONES=(250 500 1000 2000 3000)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/var/tmp/neuralstyle-styles}
case "$NAME" in
  starry-night) PAINTING=starry_night.jpg ;;
  the-scream) PAINTING=the_scream.jpg ;;
  shipwreck) PAINTING=shipwreck.jpg ;;
  *) echo "unknown style '$NAME': starry-night, the-scream or shipwreck" >&2; exit 2 ;;
esac
# Training photos: the photographic wallpapers of mate-backgrounds and lomiri-wallpapers-20.04, less the
# four held out for the quality benchmark (Dune, Garden, Aqua, Storm).
PHOTOS=(
  /usr/share/backgrounds/mate/nature/{Blinds,FreshFlower,GreenMeadow,LadyBird,RainDrops,TwoWings,Wood,YellowFlower}.jpg
  /usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg
)
# The built-in recipes (src/NeuralStyle.Styles/BuiltInRecipes.cs): FromScratch, and WarmStart for a start from a trained
# model (in float32 here, as the shipped styles were: the same seed, threads and machine give the same bits).
if [ -n "${FROM:-}" ]; then RECIPE=(--recipe warm-start --precision float32); else RECIPE=(--recipe built-in); fi
SEED=${SEED:-1}
RECIPE+=(--seed "$SEED" --checkpoint-every 100 --threads 2)
mkdir -p "$WORK/photos" "$WORK/bin"
for p in "${PHOTOS[@]}"; do [ -f "$p" ] || { echo "missing $p: run the setup step" >&2; exit 2; }; ln -sf "$p" "$WORK/photos/"; done
if [ ! -x "$WORK/bin/neural-style" ]; then
  dotnet build -c Release "$ROOT/src/NeuralStyle.Cli" >/dev/null   # a private copy: later builds do not touch a running training
  cp -r "$ROOT/src/NeuralStyle.Cli/bin/Release/net10.0/." "$WORK/bin/"
fi
MODEL="$WORK/$NAME.safetensors"
# Training seconds so far, over every run of this script (an interrupted one included): a fresh start is 0; a
# checkpoint without the count (left by an older version of this script) makes it unknown, written as null.
SECONDS_FILE="$WORK/$NAME.seconds"
if [ ! -f "$WORK/$NAME.checkpoint.safetensors" ]; then echo 0 > "$SECONDS_FILE"; elif [ ! -f "$SECONDS_FILE" ]; then echo null > "$SECONDS_FILE"; fi
start=$(date +%s)
count_time() { # adds the time since $start to the count, once per run of train, whatever way it ends
  local total; total=$(cat "$SECONDS_FILE")
  [ "$total" = null ] || echo $(( total + $(date +%s) - start )) > "$SECONDS_FILE"
  start=$(date +%s)
}
trap count_time EXIT
for steps in "${MILESTONES[@]}"; do
  resume=(); [ -f "$WORK/$NAME.checkpoint.safetensors" ] && resume=(--resume)
  from=(); [ -n "${FROM:-}" ] && from=(--from "$FROM")
  start=$(date +%s)
  "$WORK/bin/neural-style" train "$ROOT/docs/images/$PAINTING" --images "$WORK/photos" -o "$MODEL" --overwrite \
    --checkpoint "$WORK/$NAME.checkpoint.safetensors" "${RECIPE[@]}" --steps "$steps" "${resume[@]}" "${from[@]}" --json >> "$WORK/$NAME.log" 2>&1
  count_time
  cp "$MODEL" "$WORK/$NAME.$steps.safetensors"
  cat > "$WORK/$NAME.training.json" <<JSON
{"style": "$NAME", "painting": "docs/images/$PAINTING", "command": "styles/train.sh", "recipe": "${RECIPE[*]}", "seed": $SEED,
 "from": $([ -n "${FROM:-}" ] && printf '"%s"' "$FROM" || printf null), "steps": $steps, "crops": $((steps * 4)), "trainingSeconds": $(cat "$SECONDS_FILE"),
 "photos": [$(printf '"%s",' "${PHOTOS[@]##*/}" | sed 's/,$//')], "heldOut": ["Dune", "Garden", "Aqua", "Storm"],
 "machine": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores", "date": "$(date -u +%F)"}
JSON
done
