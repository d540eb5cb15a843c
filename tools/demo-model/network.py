"""The top-down HRNet of the official pose_hrnet.py (HRNetV1), built from an experiment YAML.

Written from reading deep-high-resolution-net.pytorch/lib/models/pose_hrnet.py: the module tree
and therefore the state_dict keys are the official ones (conv1/bn1/conv2/bn2, layer1, transitionN,
stageN.M.branches / fuse_layers, final_layer), so the saved weights load wherever an official
checkpoint loads.
"""
import torch
from torch import nn

STEM_CHANNELS = 64
BN_MOMENTUM = 0.1


def conv_bn(in_ch, out_ch, kernel, stride, relu):
    layers = [nn.Conv2d(in_ch, out_ch, kernel, stride, kernel // 2, bias=False),
              nn.BatchNorm2d(out_ch, momentum=BN_MOMENTUM)]
    if relu:
        layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_ch, planes):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, planes, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes, momentum=BN_MOMENTUM)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes, momentum=BN_MOMENTUM)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None if in_ch == planes else conv_bn(in_ch, planes, 1, 1, relu=False)

    def forward(self, x):
        shortcut = x if self.downsample is None else self.downsample(x)
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return self.relu(y + shortcut)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_ch, planes):
        super().__init__()
        out_ch = planes * self.expansion
        self.conv1 = nn.Conv2d(in_ch, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes, momentum=BN_MOMENTUM)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes, momentum=BN_MOMENTUM)
        self.conv3 = nn.Conv2d(planes, out_ch, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_ch, momentum=BN_MOMENTUM)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None if in_ch == out_ch else conv_bn(in_ch, out_ch, 1, 1, relu=False)

    def forward(self, x):
        shortcut = x if self.downsample is None else self.downsample(x)
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return self.relu(y + shortcut)


BLOCKS = {'BASIC': BasicBlock, 'BOTTLENECK': Bottleneck}


def blocks(block, in_ch, planes, count):
    layers = []
    for b in range(count):
        layers.append(block(in_ch if b == 0 else planes * block.expansion, planes))
    return nn.Sequential(*layers)


class FuseDown(nn.Sequential):
    """Branch j to a higher-resolution branch i < j: 1x1 conv + BN, then nearest upsampling."""

    def __init__(self, in_ch, out_ch, factor):
        super().__init__(nn.Conv2d(in_ch, out_ch, 1, 1, 0, bias=False), nn.BatchNorm2d(out_ch),
                         nn.Upsample(scale_factor=factor, mode='nearest'))


def fuse_up(in_ch, out_ch, steps):
    """Branch j to a lower-resolution branch i > j: stride-2 3x3 conv + BN steps, ReLU between."""
    layers = []
    for k in range(steps):
        last = k == steps - 1
        layers.append(conv_bn(in_ch, out_ch if last else in_ch, 3, 2, relu=not last))
    return nn.Sequential(*layers)


class HighResolutionModule(nn.Module):
    def __init__(self, block, num_blocks, channels, all_outputs):
        super().__init__()
        n = len(channels)
        self.branches = nn.ModuleList(
            blocks(block, channels[i] * block.expansion, channels[i], num_blocks[i]) for i in range(n))
        widths = [c * block.expansion for c in channels]
        self.fuse_layers = None
        if n > 1:
            rows = []
            for i in range(n if all_outputs else 1):
                row = []
                for j in range(n):
                    if j > i:
                        row.append(FuseDown(widths[j], widths[i], 2 ** (j - i)))
                    elif j == i:
                        row.append(None)
                    else:
                        row.append(fuse_up(widths[j], widths[i], i - j))
                rows.append(nn.ModuleList(row))
            self.fuse_layers = nn.ModuleList(rows)
        self.relu = nn.ReLU(inplace=False)

    def forward(self, xs):
        xs = [branch(x) for branch, x in zip(self.branches, xs)]
        if self.fuse_layers is None:
            return xs
        out = []
        for i, row in enumerate(self.fuse_layers):
            y = xs[i]
            for j, layer in enumerate(row):
                if j != i:
                    y = y + layer(xs[j])
            out.append(self.relu(y))
        return out


def transition(previous, current):
    """Keeps existing branches (a 3x3 conv where the width changes), makes new ones by stride-2 convs."""
    layers = []
    for i, width in enumerate(current):
        if i < len(previous):
            layers.append(None if width == previous[i] else conv_bn(previous[i], width, 3, 1, relu=True))
        else:
            steps = i + 1 - len(previous)
            chain = [conv_bn(previous[-1], width if k == steps - 1 else previous[-1], 3, 2, relu=True)
                     for k in range(steps)]
            layers.append(nn.Sequential(*chain))
    return nn.ModuleList(layers)


class PoseHighResolutionNet(nn.Module):
    """Stem of two stride-2 convs, layer1 of 4 Bottlenecks (64 planes), STAGE2..4 of the YAML, final_layer."""

    def __init__(self, model_cfg):
        super().__init__()
        extra = model_cfg['EXTRA']
        self.conv1 = nn.Conv2d(3, STEM_CHANNELS, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(STEM_CHANNELS, momentum=BN_MOMENTUM)
        self.conv2 = nn.Conv2d(STEM_CHANNELS, STEM_CHANNELS, 3, 2, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(STEM_CHANNELS, momentum=BN_MOMENTUM)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = blocks(Bottleneck, STEM_CHANNELS, 64, 4)
        previous = [64 * Bottleneck.expansion]
        for s, key in enumerate(('STAGE2', 'STAGE3', 'STAGE4')):
            stage = extra[key]
            block = BLOCKS[stage['BLOCK']]
            widths = [c * block.expansion for c in stage['NUM_CHANNELS']]
            setattr(self, 'transition%d' % (s + 1), transition(previous, widths))
            last_stage = key == 'STAGE4'
            modules = [HighResolutionModule(block, stage['NUM_BLOCKS'], stage['NUM_CHANNELS'],
                                            all_outputs=not (last_stage and m == stage['NUM_MODULES'] - 1))
                       for m in range(stage['NUM_MODULES'])]
            setattr(self, 'stage%d' % (s + 2), nn.Sequential(*modules))
            previous = widths
        kernel = extra['FINAL_CONV_KERNEL']
        self.final_layer = nn.Conv2d(previous[0], model_cfg['NUM_JOINTS'], kernel, 1, 1 if kernel == 3 else 0)
        self.init_weights()

    def init_weights(self):
        # As the official init_weights: normal(0, 0.001) convolutions, BN to identity, zero biases.
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.normal_(m.weight, std=0.001)
                if m.bias is not None:
                    nn.init.constant_(m.bias, 0)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.relu(self.bn2(self.conv2(x)))
        xs = [self.layer1(x)]
        for s in range(3):
            layers = getattr(self, 'transition%d' % (s + 1))
            # New branches grow from the last branch of the previous stage, as in the official forward.
            xs = [(xs[i] if i < len(xs) else None) if layer is None
                  else layer(xs[i] if i < len(xs) else xs[-1])
                  for i, layer in enumerate(layers)]
            xs = getattr(self, 'stage%d' % (s + 2))(xs)
        return self.final_layer(xs[0])
