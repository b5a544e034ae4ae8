#!/usr/bin/env python3
"""ResNet8 forward (inference) in PyTorch: images/s of examples/xmap/resnet8.xmap's network in eval mode, the peer figure for
the ResNet forward pass (benchmarks/README.md). Not a test; needs Debian's python3-torch:

    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 benchmarks/resnet/resnet_forward.py [--threads 2] [--batch 256]
        [--weights tests/MapDsl.Generated.Tests/Golden/resnet8-torch.safetensors]

The network is the one of tools/resnet-golden/make_golden.py (same module and state_dict names; kept here so the
script stands alone): conv stem 16 3x3 pad 1, batchnorm, relu; residual blocks r1 (16, identity shortcut), r2 (32,
stride 2, 1x1 conv + batchnorm shortcut), r3 (64, likewise), each body conv 3x3, batchnorm, relu, conv 3x3,
batchnorm, a relu after each block; global average pool, dropout 20% (identity in eval mode), dense 64 -> 10. Every
conv has a bias. float32, model.eval(), torch.no_grad() and torch.inference_mode(), one batch of random pixels in
[0, 1) (the speed does not depend on them, nor on the weights: without --weights they are PyTorch's seeded
initialisation). Two batches to warm up, then 5 rounds of 20 batches; prints each round and the median, last line
`resnet8 forward batch 256 img/s: <x>`.
"""
import argparse
import json
import os
import statistics
import struct
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--batches", type=int, default=20, help="batches per timed round (at least 20)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--weights", help="a safetensors file with the ResNet8 state_dict (e.g. the golden one)")
    args = parser.parse_args()
    if args.batches < 20:
        parser.error("--batches must be at least 20")
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[name] = str(args.threads)
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)

    class Residual(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.a = nn.Conv2d(cin, cout, 3, stride=stride, padding=1)
            self.a_bn = nn.BatchNorm2d(cout)
            self.b = nn.Conv2d(cout, cout, 3, padding=1)
            self.b_bn = nn.BatchNorm2d(cout)
            self.projected = stride != 1 or cin != cout
            if self.projected:
                self.s = nn.Conv2d(cin, cout, 1, stride=stride)
                self.s_bn = nn.BatchNorm2d(cout)

        def forward(self, x):
            body = self.b_bn(self.b(F.relu(self.a_bn(self.a(x)))))
            return body + (self.s_bn(self.s(x)) if self.projected else x)

    class ResNet8(nn.Module):
        def __init__(self):
            super().__init__()
            self.stem = nn.Conv2d(1, 16, 3, padding=1)
            self.stem_bn = nn.BatchNorm2d(16)
            self.r1 = Residual(16, 16, 1)
            self.r2 = Residual(16, 32, 2)
            self.r3 = Residual(32, 64, 2)
            self.dropout = nn.Dropout(0.2)
            self.fc = nn.Linear(64, 10)

        def forward(self, x):
            x = F.relu(self.stem_bn(self.stem(x)))
            x = F.relu(self.r1(x))
            x = F.relu(self.r2(x))
            x = F.relu(self.r3(x))
            return self.fc(self.dropout(x.mean(dim=(2, 3))))

    model = ResNet8()
    if args.weights:
        with open(args.weights, "rb") as f:
            raw = f.read()
        n, = struct.unpack("<Q", raw[:8])
        header = json.loads(raw[8:8 + n])
        header.pop("__metadata__", None)
        state = {name: torch.from_numpy(np.frombuffer(raw, dtype="<f4", count=int(np.prod(e["shape"], dtype=np.int64)),
                                                      offset=8 + n + e["data_offsets"][0]).reshape(e["shape"]).copy())
                 for name, e in header.items()}
        result = model.load_state_dict(state, strict=False)
        if result.unexpected_keys or any(not k.endswith("num_batches_tracked") for k in result.missing_keys):
            raise SystemExit(f"{args.weights}: {result}")
    model.eval()

    x = torch.rand(args.batch, 1, 28, 28)
    inference = getattr(torch, "inference_mode", None)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; ResNet8 forward, float32, eval, batch "
          f"{args.batch}, {'inference_mode' if inference else 'no_grad'}, weights: {args.weights or 'random'}")
    rates = []
    with torch.no_grad(), (inference() if inference else torch.no_grad()):
        for _ in range(2):
            model(x)
        for r in range(args.rounds):
            start = time.perf_counter()
            for _ in range(args.batches):
                model(x)
            elapsed = time.perf_counter() - start
            rates.append(args.batches * args.batch / elapsed)
            print(f"round {r + 1}: {args.batches} batches in {elapsed:.3f} s, {rates[-1]:.1f} img/s")
    print(f"resnet8 forward batch {args.batch} img/s: {statistics.median(rates):.1f}")


if __name__ == "__main__":
    main()
