#!/usr/bin/env python3
"""Throughput of the official top-down HRNet (deep-high-resolution-net.pytorch) with random weights.

The reference side of `hrnet-spark bench model`: the same experiment YAML, batch sizes, warm-up and timed
passes, printed in the same line format. The official code is not part of this project: pass the root of
a checkout (the folder holding lib/models/pose_hrnet.py) with --official.

  OMP_NUM_THREADS=2 /usr/bin/python3 tools/bench_official_pose.py --official ~/deep-high-resolution-net.pytorch \
      --config conf/models/w32_256x192_adam_lr1e-3.yaml --batch-sizes 1,8,32 --precision bf16

fp32 runs the model as the official test code does (NCHW); bf16 casts the model and input to bfloat16 in
channels-last memory format (`model.to(torch.bfloat16).to(memory_format=torch.channels_last)`), PyTorch's
fast CPU bfloat16 path (oneDNN).
"""
import argparse
import os
import resource
import sys
import time


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--official', required=True, help='root of a deep-high-resolution-net.pytorch checkout')
    parser.add_argument('--config', required=True, help='official experiment YAML (e.g. w32_256x192_adam_lr1e-3.yaml)')
    parser.add_argument('--batch-sizes', default='1,8,32')
    parser.add_argument('--iterations', type=int, default=5)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--threads', type=int, default=int(os.environ.get('OMP_NUM_THREADS', '2')))
    parser.add_argument('--precision', choices=['fp32', 'bf16'], default='fp32')
    args = parser.parse_args()

    lib = os.path.join(os.path.abspath(args.official), 'lib')
    if not os.path.isfile(os.path.join(lib, 'models', 'pose_hrnet.py')):
        sys.exit(f'--official {args.official}: no lib/models/pose_hrnet.py there; pass the root of the official checkout.')
    sys.path.insert(0, lib)
    import torch
    import yaml
    from models.pose_hrnet import get_pose_net

    torch.set_num_threads(args.threads)
    with open(args.config) as f:
        cfg = yaml.safe_load(f)
    torch.manual_seed(42)
    model = get_pose_net(cfg, is_train=False).eval()
    dtype = torch.float32
    memory_format = torch.contiguous_format
    if args.precision == 'bf16':
        dtype = torch.bfloat16
        memory_format = torch.channels_last
        model = model.to(dtype).to(memory_format=memory_format)
    width, height = cfg['MODEL']['IMAGE_SIZE']
    macs = None
    print(f'official PyTorch {torch.__version__}, input [1, 3, {height}, {width}], {args.precision}'
          f'{" channels-last" if args.precision == "bf16" else ""}, {torch.get_num_threads()} threads', flush=True)
    with torch.no_grad():
        for batch_size in [int(b) for b in args.batch_sizes.split(',')]:
            x = torch.rand(batch_size, 3, height, width).to(dtype).contiguous(memory_format=memory_format)
            for _ in range(args.warmup):
                model(x)
            cpu_start = cpu_seconds()
            start = time.perf_counter()
            for _ in range(args.iterations):
                model(x)
            seconds = time.perf_counter() - start
            cpu = cpu_seconds() - cpu_start
            crops = batch_size * args.iterations
            print(f'batch {batch_size:3d}: {crops / seconds:7.2f} crops/s  {1000 * seconds / args.iterations:8.1f} ms/batch'
                  f'  cpu {1000 * cpu / args.iterations:8.1f} ms/batch  ({args.iterations} batches in {seconds:.1f} s)',
                  flush=True)


if __name__ == '__main__':
    main()
