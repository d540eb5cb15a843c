"""Top-down training and validation samples from a COCO keypoint file, prepared the way the official
deep-high-resolution-net.pytorch code prepares them (lib/dataset/coco.py and JointsDataset.py, read
and re-written here): ground-truth boxes cleaned and turned into centre/scale with the model's aspect
ratio and 1.25 padding; for training, half-body crops, random scale, rotation and horizontal flip; an
OpenCV affine warp of the crop; Gaussian target heatmaps of the config's SIGMA with target weights
from visibility.
"""
import json
import os
import random

import cv2
import numpy as np
import torch

PIXEL_STD = 200.0
FLIP_PAIRS = [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16)]
UPPER_BODY = set(range(11))
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def box_to_center_scale(x, y, w, h, aspect_ratio):
    center = np.array([x + w * 0.5, y + h * 0.5], dtype=np.float32)
    if w > aspect_ratio * h:
        h = w / aspect_ratio
    elif w < aspect_ratio * h:
        w = h * aspect_ratio
    return center, np.array([w / PIXEL_STD, h / PIXEL_STD], dtype=np.float32) * 1.25


def rotate(point, radians):
    s, c = np.sin(radians), np.cos(radians)
    return np.array([point[0] * c - point[1] * s, point[0] * s + point[1] * c], dtype=np.float32)


def third_point(a, b):
    d = a - b
    return b + np.array([-d[1], d[0]], dtype=np.float32)


def affine_transform(center, scale, rotation_deg, output_size, inverse=False):
    """The 2x3 matrix taking the box (centre, scale) rotated by rotation_deg onto output_size (w, h)."""
    src_w = scale[0] * PIXEL_STD
    dst_w, dst_h = output_size
    src = np.zeros((3, 2), dtype=np.float32)
    dst = np.zeros((3, 2), dtype=np.float32)
    src[0] = center
    src[1] = center + rotate(np.array([0, src_w * -0.5], np.float32), np.pi * rotation_deg / 180)
    dst[0] = [dst_w * 0.5, dst_h * 0.5]
    dst[1] = dst[0] + np.array([0, dst_w * -0.5], np.float32)
    src[2] = third_point(src[0], src[1])
    dst[2] = third_point(dst[0], dst[1])
    return cv2.getAffineTransform(dst, src) if inverse else cv2.getAffineTransform(src, dst)


def apply(matrix, points):
    return points @ matrix[:, :2].T + matrix[:, 2]


def load_people(root, aspect_ratio):
    """One record per non-crowd person with a usable box and at least one labelled keypoint."""
    with open(os.path.join(root, 'annotations.json')) as f:
        coco = json.load(f)
    images = {im['id']: im for im in coco['images']}
    people = []
    for ann in coco['annotations']:
        image = images[ann['image_id']]
        width, height = image['width'], image['height']
        x, y, w, h = ann['bbox']
        x1, y1 = max(0, x), max(0, y)
        x2 = min(width - 1, x1 + max(0, w - 1))
        y2 = min(height - 1, y1 + max(0, h - 1))
        if ann.get('iscrowd', 0) or ann['area'] <= 0 or x2 < x1 or y2 < y1:
            continue
        kp = np.array(ann['keypoints'], dtype=np.float32).reshape(-1, 3)
        if kp[:, 2].max() == 0:
            continue
        center, scale = box_to_center_scale(x1, y1, x2 - x1, y2 - y1, aspect_ratio)
        people.append({'file': os.path.join(root, 'images', image['file_name']), 'image_id': ann['image_id'],
                       'joints': kp[:, :2].copy(), 'visible': np.minimum(1, kp[:, 2]),
                       'center': center, 'scale': scale, 'area': ann['area'], 'keypoints': kp})
    return coco, people


class KeypointCrops(torch.utils.data.Dataset):
    def __init__(self, people, cfg, train):
        model, dataset = cfg['MODEL'], cfg['DATASET']
        self.people = people
        self.train = train
        self.image_size = np.array(model['IMAGE_SIZE'])       # (w, h)
        self.heatmap_size = np.array(model['HEATMAP_SIZE'])   # (w, h)
        self.sigma = model['SIGMA']
        self.aspect_ratio = self.image_size[0] / self.image_size[1]
        self.scale_factor = dataset['SCALE_FACTOR']
        self.rotation_factor = dataset['ROT_FACTOR']
        self.flip = dataset['FLIP']
        self.half_body_joints = dataset['NUM_JOINTS_HALF_BODY']
        self.half_body_prob = dataset['PROB_HALF_BODY']

    def __len__(self):
        return len(self.people)

    def half_body(self, joints, visible):
        upper = [j for j in range(len(joints)) if visible[j] > 0 and j in UPPER_BODY]
        lower = [j for j in range(len(joints)) if visible[j] > 0 and j not in UPPER_BODY]
        # The official draw: randn() < 0.5 picks the upper body (about 69% of the time).
        chosen = upper if np.random.randn() < 0.5 and len(upper) > 2 else (lower if len(lower) > 2 else upper)
        if len(chosen) < 2:
            return None
        points = joints[chosen]
        lo, hi = points.min(axis=0), points.max(axis=0)
        w, h = hi[0] - lo[0], hi[1] - lo[1]
        if w > self.aspect_ratio * h:
            h = w / self.aspect_ratio
        elif w < self.aspect_ratio * h:
            w = h * self.aspect_ratio
        return points.mean(axis=0), np.array([w / PIXEL_STD, h / PIXEL_STD], dtype=np.float32) * 1.5

    def __getitem__(self, index):
        person = self.people[index]
        image = cv2.imread(person['file'], cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
        image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        joints = person['joints'].copy()
        visible = person['visible'].copy()
        center, scale = person['center'].copy(), person['scale'].copy()
        rotation = 0.0
        if self.train:
            if visible.sum() > self.half_body_joints and np.random.rand() < self.half_body_prob:
                half = self.half_body(joints, visible)
                if half is not None:
                    center, scale = half
            sf, rf = self.scale_factor, self.rotation_factor
            scale = scale * np.clip(np.random.randn() * sf + 1, 1 - sf, 1 + sf)
            rotation = np.clip(np.random.randn() * rf, -rf * 2, rf * 2) if random.random() <= 0.6 else 0.0
            if self.flip and random.random() <= 0.5:
                width = image.shape[1]
                image = image[:, ::-1, :]
                joints[:, 0] = width - joints[:, 0] - 1
                for a, b in FLIP_PAIRS:
                    joints[[a, b]] = joints[[b, a]]
                    visible[[a, b]] = visible[[b, a]]
                center = center.copy()
                center[0] = width - center[0] - 1
        matrix = affine_transform(center, scale, rotation, self.image_size)
        crop = cv2.warpAffine(np.ascontiguousarray(image), matrix, (int(self.image_size[0]), int(self.image_size[1])),
                              flags=cv2.INTER_LINEAR)
        tensor = torch.from_numpy(((crop.astype(np.float32) / 255.0 - MEAN) / STD).transpose(2, 0, 1).copy())
        joints = apply(matrix, joints)
        target, weight = self.targets(joints, visible)
        return tensor, torch.from_numpy(target), torch.from_numpy(weight), index

    def targets(self, joints, visible):
        """Unnormalised Gaussians centred on the rounded heatmap cell; weight 0 for unlabelled or far-off joints."""
        n = len(joints)
        w, h = int(self.heatmap_size[0]), int(self.heatmap_size[1])
        stride = self.image_size / self.heatmap_size
        target = np.zeros((n, h, w), dtype=np.float32)
        weight = visible.astype(np.float32).reshape(n, 1).copy()
        radius = self.sigma * 3
        size = 2 * radius + 1
        xs = np.arange(0, size, 1, np.float32)
        gaussian = np.exp(-((xs - size // 2) ** 2 + (xs[:, None] - size // 2) ** 2) / (2 * self.sigma ** 2))
        for j in range(n):
            mx = int(joints[j][0] / stride[0] + 0.5)
            my = int(joints[j][1] / stride[1] + 0.5)
            ul = [int(mx - radius), int(my - radius)]
            br = [int(mx + radius + 1), int(my + radius + 1)]
            if ul[0] >= w or ul[1] >= h or br[0] < 0 or br[1] < 0:
                weight[j] = 0
                continue
            if weight[j] > 0.5:
                gx = max(0, -ul[0]), min(br[0], w) - ul[0]
                gy = max(0, -ul[1]), min(br[1], h) - ul[1]
                ix = max(0, ul[0]), min(br[0], w)
                iy = max(0, ul[1]), min(br[1], h)
                target[j, iy[0]:iy[1], ix[0]:ix[1]] = gaussian[gy[0]:gy[1], gx[0]:gx[1]]
        return target, weight
