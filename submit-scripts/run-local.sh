#!/usr/bin/env bash
# README's first command: generates a small synthetic people dataset, annotates it with the Spark job on
# an embedded local[*] Spark using the project's demo model, scores the result against the sample's
# ground truth (COCO keypoint AP), draws a few results, and prints where everything is.
#   submit-scripts/run-local.sh [OUTPUT_DIR]          (default runs/quickstart)
# The demo model (conf/models/demo.yaml + demo.pth) knows synthetic figures only. For photos use an
# official checkpoint: HRNET_SPARK_WEIGHTS=/path/pose_hrnet_w32_256x192.pth (its config defaults to
# conf/models/w32_256x192_adam_lr1e-3.yaml; HRNET_SPARK_CONFIG overrides it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out="$(mkdir -p "${1:-$HRNET_SPARK_ROOT/runs/quickstart}" && cd "${1:-$HRNET_SPARK_ROOT/runs/quickstart}" && pwd)"
if [[ -n "${HRNET_SPARK_WEIGHTS:-}" ]]; then
  weights="$HRNET_SPARK_WEIGHTS"
  config="${HRNET_SPARK_CONFIG:-$HRNET_SPARK_ROOT/conf/models/w32_256x192_adam_lr1e-3.yaml}"
else
  weights="$HRNET_SPARK_ROOT/conf/models/demo.pth"
  config="${HRNET_SPARK_CONFIG:-$HRNET_SPARK_ROOT/conf/models/demo.yaml}"
fi
hrnet="$HRNET_SPARK_ROOT/submit-scripts/hrnet-spark"

"$hrnet" sample --output "$out/sample" --images "${HRNET_SPARK_SAMPLE_IMAGES:-12}" --seed "${HRNET_SPARK_SAMPLE_SEED:-1}"
"$hrnet" annotate --images "$out/sample/images" --annotations "$out/sample/annotations.json" \
  --config "$config" --weights "$weights" --output "$out/annotations" --overwrite --evaluate
"$hrnet" render --predictions "$out/annotations/predictions" --images "$out/sample/images" \
  --output "$out/rendered" --limit 4

ap="$(sed -n 's/^ *"AP" *: *\([0-9.eE-]*\).*/\1/p' "$out/annotations/evaluation/metrics.json")"
cat <<SUMMARY

Quick start finished.
  model:        $config
                $weights
  keypoint AP:  $ap  (COCO keypoint AP of these predictions against the sample's ground truth,
                      ground-truth boxes; the full summary is printed above)
  sample data:  $out/sample (images/, annotations.json, detections.json)
  predictions:  $out/annotations/predictions   (Delta table, one row per person)
  errors:       $out/annotations/errors        (Delta table, one row per failed input; empty when none failed)
  images:       $out/annotations/images        (Delta table, each image's outcome)
  run record:   $out/annotations/run           (Delta table, one row per run)
  evaluation:   $out/annotations/evaluation    (metrics.json and the metrics Delta table)
  drawings:     $out/rendered/*.png
SUMMARY
