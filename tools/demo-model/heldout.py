"""Held-out predictions and a COCO-style keypoint AP for the learning curve.

Predictions follow the official test path with ground-truth boxes: crop, forward with the flip test
(flipped heatmaps swapped back and shifted one pixel), argmax with the quarter-pixel shift, mapped back
to the image, instance score = mean of the keypoint maxima above 0.2. The AP is the COCO keypoint AP
(OKS thresholds 0.50:0.05:0.95, 101-point precision, area range all) written from the COCO definition
here to follow training; the number to report comes from the project's own `hrnet-spark evaluate`.
"""
import numpy as np
import torch

from data import FLIP_PAIRS, affine_transform, apply

SIGMAS = np.array([.26, .25, .25, .35, .35, .79, .79, .72, .72, .62, .62, 1.07, 1.07, .87, .87, .89, .89]) / 10.0
IN_VIS_THRESHOLD = 0.2


def decode(heatmaps, centers, scales):
    n, joints, h, w = heatmaps.shape
    flat = heatmaps.reshape(n, joints, -1)
    index = flat.argmax(axis=2)
    maxima = flat.max(axis=2)
    coords = np.stack([index % w, index // w], axis=2).astype(np.float32)
    coords[maxima <= 0] = 0
    for i in range(n):
        for j in range(joints):
            hm = heatmaps[i, j]
            px, py = int(coords[i, j, 0] + 0.5), int(coords[i, j, 1] + 0.5)
            if 1 < px < w - 1 and 1 < py < h - 1:
                coords[i, j] += np.sign([hm[py, px + 1] - hm[py, px - 1], hm[py + 1, px] - hm[py - 1, px]]) * 0.25
    preds = np.zeros_like(coords)
    for i in range(n):
        preds[i] = apply(affine_transform(centers[i], scales[i], 0, (w, h), inverse=True), coords[i])
    return preds, maxima


@torch.no_grad()
def predict(model, dataset, batch_size=64):
    model.eval()
    loader = torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=False, num_workers=0)
    flip_index = list(range(17))
    for a, b in FLIP_PAIRS:
        flip_index[a], flip_index[b] = b, a
    results = []
    for images, _, _, indices in loader:
        heatmaps = model(images)
        flipped = model(torch.flip(images, dims=[3])).flip(dims=[3])[:, flip_index]
        flipped[:, :, :, 1:] = flipped.clone()[:, :, :, :-1]
        heatmaps = ((heatmaps + flipped) * 0.5).numpy()
        people = [dataset.people[i] for i in indices.tolist()]
        preds, maxima = decode(heatmaps, [p['center'] for p in people], [p['scale'] for p in people])
        for person, kp, conf in zip(people, preds, maxima):
            kept = conf[conf > IN_VIS_THRESHOLD]
            results.append({'image_id': person['image_id'], 'keypoints': np.concatenate([kp, conf[:, None]], 1),
                            'score': float(kept.mean()) if len(kept) else 0.0})
    return results


def oks(det, gt):
    kg = gt['keypoints']
    visible = kg[:, 2] > 0
    d2 = ((det[:, :2] - kg[:, :2]) ** 2).sum(1)
    e = d2 / ((2 * SIGMAS) ** 2) / (gt['area'] + np.spacing(1)) / 2
    return float(np.exp(-e[visible]).sum() / visible.sum())


def keypoint_ap(coco, results, max_dets=20):
    gts_by_image = {}
    for ann in coco['annotations']:
        if ann.get('iscrowd', 0):
            continue
        kp = np.array(ann['keypoints'], np.float32).reshape(-1, 3)
        gts_by_image.setdefault(ann['image_id'], []).append(
            {'keypoints': kp, 'area': ann['area'], 'ignore': ann['num_keypoints'] == 0})
    dets_by_image = {}
    for r in results:
        dets_by_image.setdefault(r['image_id'], []).append(r)
    thresholds = np.linspace(0.5, 0.95, 10)
    scores, matched = [], [[] for _ in thresholds]
    positives = sum(1 for gts in gts_by_image.values() for g in gts if not g['ignore'])
    for image_id, gts in gts_by_image.items():
        dets = sorted(dets_by_image.get(image_id, []), key=lambda d: -d['score'])[:max_dets]
        order = sorted(range(len(gts)), key=lambda g: gts[g]['ignore'])
        table = np.array([[oks(d['keypoints'], gts[g]) for g in order] for d in dets]).reshape(len(dets), len(gts))
        for t, threshold in enumerate(thresholds):
            taken = [False] * len(order)
            for d in range(len(dets)):
                best, best_oks = -1, min(threshold, 1 - 1e-10)
                for g in range(len(order)):
                    if taken[g]:
                        continue
                    if best > -1 and not gts[order[best]]['ignore'] and gts[order[g]]['ignore']:
                        break
                    if table[d, g] < best_oks:
                        continue
                    best, best_oks = g, table[d, g]
                if best > -1:
                    taken[best] = True
                    matched[t].append(None if gts[order[best]]['ignore'] else True)
                else:
                    matched[t].append(False)
        scores.extend(d['score'] for d in dets)
    order = np.argsort(-np.array(scores), kind='mergesort')
    recall_points = np.linspace(0, 1, 101)
    aps = []
    for t in range(len(thresholds)):
        outcome = [matched[t][i] for i in order if matched[t][i] is not None]
        tp = np.cumsum([1 if m else 0 for m in outcome])
        fp = np.cumsum([0 if m else 1 for m in outcome])
        recall = tp / max(positives, 1)
        precision = tp / np.maximum(tp + fp, np.spacing(1))
        for i in range(len(precision) - 1, 0, -1):
            precision[i - 1] = max(precision[i - 1], precision[i])
        sampled = [precision[np.searchsorted(recall, r, side='left')] if np.searchsorted(recall, r, side='left') < len(recall)
                   else 0.0 for r in recall_points]
        aps.append(np.mean(sampled))
    return float(np.mean(aps))
