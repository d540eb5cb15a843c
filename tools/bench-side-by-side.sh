#!/usr/bin/env bash
# Network throughput of hrnet-spark (fp32 DIRECT and ONEDNN, bf16) and of the official PyTorch code (fp32,
# bf16: model and input cast to bfloat16, channels-last), side by side in one run. Final figures count only on an idle
# machine (load average below 0.5): the load average is printed before and after.
#   tools/bench-side-by-side.sh OFFICIAL_CHECKOUT [CONFIG] [BATCH_SIZES] [THREADS]
# OFFICIAL_CHECKOUT is the root of a deep-high-resolution-net.pytorch checkout (lib/models/pose_hrnet.py);
# PyTorch is Debian's python3-torch at /usr/bin/python3. Iterations: ITERATIONS (default 5), WARMUP (2).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
official="${1:?usage: tools/bench-side-by-side.sh OFFICIAL_CHECKOUT [CONFIG] [BATCH_SIZES] [THREADS]}"
config="${2:-$root/conf/models/w32_256x192_adam_lr1e-3.yaml}"
batches="${3:-1,8,32}"
threads="${4:-2}"
iterations="${ITERATIONS:-5}"
warmup="${WARMUP:-2}"
export OMP_NUM_THREADS="$threads"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc --all) cores; OMP_NUM_THREADS=$threads"
for precision in fp32 bf16; do
  for mode in DIRECT ONEDNN; do
    if [[ $precision == bf16 && $mode == DIRECT ]]; then continue; fi  # bf16 always runs in ONEDNN
    echo "== hrnet-spark $precision $mode"
    "$root/submit-scripts/hrnet-spark" bench model --config "$config" --batch-sizes "$batches" \
      --iterations "$iterations" --warmup "$warmup" --threads "$threads" --precision "$precision" --mode "$mode"
  done
  echo "== official PyTorch $precision"
  /usr/bin/python3 "$root/tools/bench_official_pose.py" --official "$official" --config "$config" \
    --batch-sizes "$batches" --iterations "$iterations" --warmup "$warmup" --threads "$threads" \
    --precision "$precision"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
