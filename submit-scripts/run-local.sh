#!/usr/bin/env bash
# README's first command: generates a small synthetic people dataset, annotates it with the Spark job
# on an embedded local[*] Spark, draws a few results, and prints where everything is.
#   submit-scripts/run-local.sh [OUTPUT_DIR]          (default runs/quickstart)
# Until the project ships trained default weights this runs RANDOM weights (--random-weights): the job,
# its Parquet outputs and their layout are real, the keypoints are not. Pass a checkpoint with
# HRNET_SPARK_WEIGHTS=/path/pose_hrnet_w32_256x192.pth for real keypoints.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out="$(mkdir -p "${1:-$HRNET_SPARK_ROOT/runs/quickstart}" && cd "${1:-$HRNET_SPARK_ROOT/runs/quickstart}" && pwd)"
config="${HRNET_SPARK_CONFIG:-$HRNET_SPARK_ROOT/conf/models/w32_256x192_adam_lr1e-3.yaml}"
hrnet="$HRNET_SPARK_ROOT/submit-scripts/hrnet-spark"
if [[ -n "${HRNET_SPARK_WEIGHTS:-}" ]]; then
  weights=(--weights "$HRNET_SPARK_WEIGHTS")
else
  weights=(--random-weights)
fi

"$hrnet" sample --output "$out/sample" --images "${HRNET_SPARK_SAMPLE_IMAGES:-12}"
"$hrnet" annotate --images "$out/sample/images" --annotations "$out/sample/annotations.json" \
  --config "$config" "${weights[@]}" --output "$out/annotations" --overwrite
"$hrnet" render --predictions "$out/annotations/predictions" --images "$out/sample/images" \
  --output "$out/rendered" --limit 4

cat <<SUMMARY

Quick start finished.
  sample data:  $out/sample (images/, annotations.json, detections.json)
  predictions:  $out/annotations/predictions   (Parquet, one row per person)
  errors:       $out/annotations/errors        (Parquet, only when an input failed)
  run record:   $out/annotations/run           (Parquet, one row per run)
  drawings:     $out/rendered/*.png
$( [[ -z "${HRNET_SPARK_WEIGHTS:-}" ]] && echo "  These keypoints come from RANDOM weights: set HRNET_SPARK_WEIGHTS to an official checkpoint for real ones." )
SUMMARY
