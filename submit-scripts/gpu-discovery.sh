#!/usr/bin/env bash
# Spark GPU discovery script (spark.worker/executor.resource.gpu.discoveryScript): prints the GPUs
# this node or container may use, as CUDA device indices, the numbers ND4J binds a task to:
#   {"name": "gpu", "addresses": ["0", "1"]}
# With CUDA_VISIBLE_DEVICES set, CUDA numbers the visible devices 0..n-1; otherwise every GPU
# nvidia-smi lists (set CUDA_DEVICE_ORDER=PCI_BUS_ID on executors so CUDA numbers them the same way).
set -euo pipefail

if [[ -n "${CUDA_VISIBLE_DEVICES:-}" && "${CUDA_VISIBLE_DEVICES}" != "NoDevFiles" ]]; then
  IFS=',' read -r -a visible <<< "$CUDA_VISIBLE_DEVICES"
  count=${#visible[@]}
elif command -v nvidia-smi > /dev/null 2>&1; then
  count=$(nvidia-smi --query-gpu=index --format=csv,noheader | grep -c .)
else
  count=0
fi

addresses=""
for ((i = 0; i < count; i++)); do
  addresses+="${addresses:+, }\"$i\""
done
echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
