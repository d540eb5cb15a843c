#!/usr/bin/python3
"""Trains the project's demo pose model on `hrnet-spark sample` data; see README.md beside this file.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/demo-model/train.py --config conf/models/demo.yaml \
        --train DATA/train --heldout DATA/heldout --output conf/models/demo.pth

The recipe is the official one (deep-high-resolution-net.pytorch tools/train.py with its COCO data
pipeline): the config's augmentation, Gaussian targets of MODEL.SIGMA, target-weighted MSE loss
(LOSS.USE_TARGET_WEIGHT), Adam at TRAIN.LR with the TRAIN.LR_STEP / LR_FACTOR schedule, TRAIN.END_EPOCH
epochs of TRAIN.BATCH_SIZE_PER_GPU. It writes an official-layout state_dict (the keys of pose_hrnet.py),
and a line per epoch (loss, seconds, held-out AP) to the log. As the official AUTO_RESUME does, it keeps
OUTPUT.checkpoint (epoch, weights, optimizer, schedule, random states) after every epoch and continues
from it when started again.
"""
import argparse
import logging
import os
import random
import sys
import time

import numpy as np
import torch
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import KeypointCrops, load_people  # noqa: E402
from heldout import keypoint_ap, predict  # noqa: E402
from network import PoseHighResolutionNet  # noqa: E402


def weighted_mse(output, target, weight):
    """JointsMSELoss with target weights: half the mean squared error per joint, averaged over joints."""
    n, joints = output.shape[:2]
    pred = output.reshape(n, joints, -1) * weight
    gt = target.reshape(n, joints, -1) * weight
    return 0.5 * ((pred - gt) ** 2).mean(dim=(0, 2)).mean()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--config', required=True)
    parser.add_argument('--train', required=True, help='a `hrnet-spark sample` output folder')
    parser.add_argument('--heldout', required=True, help='another `hrnet-spark sample` folder (other seed)')
    parser.add_argument('--output', required=True, help='the .pth to write')
    parser.add_argument('--seed', type=int, default=7)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--heldout-people', type=int, default=400, help='people of the held-out set scored per epoch')
    parser.add_argument('--start-weights', help='a state_dict (.pth) to continue from when there is no checkpoint:'
                        ' its weights, with a new optimizer state, at --start-epoch of the schedule')
    parser.add_argument('--start-epoch', type=int, default=0, help='the epoch --start-weights begins with')
    parser.add_argument('--precision', choices=['bf16', 'fp32'], default='bf16',
                        help='bf16: the training forward under CPU bf16 autocast (fp32 weights, optimizer and loss;'
                        ' needs avx512_bf16 or AMX, about twice as fast here); fp32: everything in fp32')
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(message)s')
    log = logging.getLogger('train')

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    with open(args.config) as f:
        cfg = yaml.safe_load(f)
    train_cfg = cfg['TRAIN']
    aspect = cfg['MODEL']['IMAGE_SIZE'][0] / cfg['MODEL']['IMAGE_SIZE'][1]
    _, train_people = load_people(args.train, aspect)
    heldout_coco, heldout_people = load_people(args.heldout, aspect)
    scored_images = sorted({p['image_id'] for p in heldout_people})
    kept = set(scored_images[:max(1, args.heldout_people * len(scored_images) // max(1, len(heldout_people)))])
    heldout_people = [p for p in heldout_people if p['image_id'] in kept]
    heldout_coco = dict(heldout_coco, annotations=[a for a in heldout_coco['annotations'] if a['image_id'] in kept])
    train_set = KeypointCrops(train_people, cfg, train=True)
    heldout_set = KeypointCrops(heldout_people, cfg, train=False)
    log.info('train: %d people from %s; held-out: %d people of %d images from %s',
             len(train_set), args.train, len(heldout_set), len(kept), args.heldout)

    # channels_last: oneDNN's fast layout for these convolutions on CPU; the weights written are contiguous.
    model = PoseHighResolutionNet(cfg['MODEL']).to(memory_format=torch.channels_last)
    log.info('network: %d parameters; training in %s', sum(p.numel() for p in model.parameters()), args.precision)
    optimizer = torch.optim.Adam(model.parameters(), lr=train_cfg['LR'])
    schedule = torch.optim.lr_scheduler.MultiStepLR(optimizer, train_cfg['LR_STEP'], train_cfg['LR_FACTOR'])
    generator = torch.Generator()
    generator.manual_seed(args.seed)
    loader = torch.utils.data.DataLoader(
        train_set, batch_size=train_cfg['BATCH_SIZE_PER_GPU'], shuffle=train_cfg['SHUFFLE'], num_workers=1,
        drop_last=True, generator=generator, persistent_workers=True,
        worker_init_fn=lambda w: (np.random.seed(args.seed * 1000 + torch.initial_seed() % 1000),
                                  random.seed(torch.initial_seed())))
    checkpoint_file = args.output + '.checkpoint'
    begin = train_cfg['BEGIN_EPOCH']
    if cfg.get('AUTO_RESUME', False) and os.path.exists(checkpoint_file):
        state = torch.load(checkpoint_file)
        model.load_state_dict(state['state_dict'])
        optimizer.load_state_dict(state['optimizer'])
        schedule.load_state_dict(state['schedule'])
        generator.set_state(state['loader_generator'])
        torch.set_rng_state(state['torch_rng'])
        np.random.set_state(state['numpy_rng'])
        random.setstate(state['python_rng'])
        begin = state['epoch']
        log.info('resumed from %s at epoch %d', checkpoint_file, begin)
    elif args.start_weights:
        model.load_state_dict(torch.load(args.start_weights))
        begin = args.start_epoch
        for _ in range(begin):
            schedule.step()
        log.info('continuing from the weights %s at epoch %d (lr %.0e, new optimizer state)', args.start_weights,
                 begin, optimizer.param_groups[0]['lr'])
    started = time.time()
    for epoch in range(begin, train_cfg['END_EPOCH']):
        model.train()
        epoch_start = time.time()
        total, batches = 0.0, 0
        for step, (images, targets, weights, _) in enumerate(loader):
            with torch.autocast('cpu', dtype=torch.bfloat16, enabled=args.precision == 'bf16'):
                heatmaps = model(images.contiguous(memory_format=torch.channels_last))
            loss = weighted_mse(heatmaps.float(), targets, weights)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
            if step % 50 == 0:
                log.info('epoch %d step %d/%d loss %.6f (%.1f samples/s)', epoch, step, len(loader), loss.item(),
                         (step + 1) * images.shape[0] / (time.time() - epoch_start))
        lr = optimizer.param_groups[0]['lr']
        schedule.step()
        train_seconds = time.time() - epoch_start
        ap = keypoint_ap(heldout_coco, predict(model, heldout_set))
        log.info('EPOCH %d loss %.6f lr %.0e train %.0f s held-out AP %.3f (elapsed %.0f s, load %s)', epoch,
                 total / batches, lr, train_seconds, ap, time.time() - started, open('/proc/loadavg').read().split()[0])
        weights_now = {k: v.contiguous() for k, v in model.state_dict().items()}
        torch.save(weights_now, args.output)
        torch.save({'epoch': epoch + 1, 'state_dict': weights_now, 'optimizer': optimizer.state_dict(),
                    'schedule': schedule.state_dict(), 'loader_generator': generator.get_state(),
                    'torch_rng': torch.get_rng_state(), 'numpy_rng': np.random.get_state(),
                    'python_rng': random.getstate()}, checkpoint_file)
    log.info('done in %.0f s; wrote %s', time.time() - started, args.output)


if __name__ == '__main__':
    main()
