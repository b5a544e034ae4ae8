#!/usr/bin/env python3
"""Bit error robustness in PyTorch: the two workloads `dotnet run -c Release --project benchmarks/MapDsl.Benchmarks --
bit-errors` times in MapDsl, for a side-by-side figure (benchmarks/README.md). Not a test; needs Debian's python3-torch:

    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 benchmarks/bit-errors/bit_errors.py [--threads 2]

Both use the MLP 784-256-10 and LeNet-5 of examples/xmap with 8-bit RQuant codes (w_max 0.1) of every weight tensor,
written after the authors' code (davidstutz/random-bit-error-robustness, common/quantization.py): clamp to ±0.1,
map [min, max] to [-1, 1], q = round(x / Δ) + 128 with Δ = 1.001 / 127 clamped to 0..255, decode with their clamps.

1. Evaluations per second: 50 patterns x 10 rates (0.1% .. 20%), 1,000 test images. A pattern draws one uniform per
   stored bit (torch.manual_seed(100 + n)); at rate p a bit flips when its uniform is below p (nested across rates).
   Each evaluation flips the codes, decodes, runs the test set through the network and counts the images the clean
   and the perturbed network both get right (the clean predictions are computed once).
2. RandBET training images/s at batch 128 on 4,000 images: clip, quantize, forward and backward on the quantized
   weights, a fresh pattern at p = 1%, forward and backward on the perturbed weights, perturbed gradients clamped to
   ±0.05, averaged, Nesterov SGD with weight decay 5e-4; median of 3 epochs. Random pixels: the speed does not depend
   on them.
"""
import argparse
import os
import statistics
import time

RATES = [0.001, 0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.1, 0.15, 0.2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[name] = str(args.threads)
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    step = 1.001 / 127

    def quantize(w):
        w = w.clamp(-0.1, 0.1)
        lo, hi = w.min(), w.max()
        x = (w - lo) / (hi - lo) * 2 - 1
        return torch.clamp(torch.round(x / step) + 128, 0, 255).to(torch.int32), lo, hi

    def dequantize(codes, lo, hi):
        x = torch.clamp((codes.to(torch.float32) - 128) * step, -1, 1)
        return torch.clamp((x + 1) / 2 * (hi - lo) + lo, lo, hi)

    def flips(uniforms, rate):
        # uniforms: [n, 8]; the flipped bits of each code as a mask
        bits = (uniforms < rate).to(torch.int32)
        return (bits * (2 ** torch.arange(8, dtype=torch.int32))).sum(dim=1)

    class Mlp(nn.Module):
        def __init__(self):
            super().__init__()
            self.hidden = nn.Linear(784, 256)
            self.out = nn.Linear(256, 10)

        def forward(self, x):
            return self.out(F.relu(self.hidden(torch.flatten(x, 1))))

    class LeNet5(nn.Module):
        def __init__(self):
            super().__init__()
            self.c1 = nn.Conv2d(1, 6, 5, padding=2)
            self.c2 = nn.Conv2d(6, 16, 5)
            self.f1 = nn.Linear(400, 120)
            self.f2 = nn.Linear(120, 84)
            self.f3 = nn.Linear(84, 10)

        def forward(self, x):
            x = F.max_pool2d(F.relu(self.c1(x)), 2)
            x = F.max_pool2d(F.relu(self.c2(x)), 2)
            x = torch.flatten(x, 1)
            return self.f3(F.relu(self.f2(F.relu(self.f1(x)))))

    def weights_of(model):
        return [p for n, p in model.named_parameters() if n.endswith("weight")]

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    for name, make in (("mlp", Mlp), ("lenet5", LeNet5)):
        model = make()
        test = torch.rand(1000, 1, 28, 28)
        labels = torch.randint(0, 10, (1000,))
        with torch.no_grad():
            stored = [quantize(w) for w in weights_of(model)]
            for w, (codes, lo, hi) in zip(weights_of(model), stored):
                w.copy_(dequantize(codes, lo, hi))
            clean_right = model(test).argmax(1) == labels
            perturbed = make()
            perturbed.load_state_dict(model.state_dict())
            start = time.perf_counter()
            evaluations = 0
            for pattern in range(50):
                torch.manual_seed(100 + pattern)
                uniforms = [torch.rand(codes.numel(), 8) for codes, _, _ in stored]
                for rate in RATES:
                    for w, (codes, lo, hi), u in zip(weights_of(perturbed), stored, uniforms):
                        w.copy_(dequantize(codes ^ flips(u, rate).view(codes.shape), lo, hi))
                    both = ((perturbed(test).argmax(1) == labels) & clean_right).sum().item()
                    evaluations += 1
            seconds = time.perf_counter() - start
        print(f"torch {name} bit-error evaluations/s, 50 patterns x 10 rates: {evaluations / seconds:.1f} (grid in {seconds:.2f} s)")

        images = torch.rand(4000, 1, 28, 28)
        train_labels = torch.randint(0, 10, (4000,))
        times = []
        for run in range(4):
            master, forward, noisy = make(), make(), make()
            optimizer = torch.optim.SGD(master.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)
            order = torch.randperm(4000)
            start = time.perf_counter()
            for b in range(4000 // 128):
                index = order[b * 128:(b + 1) * 128]
                x, y = images[index], train_labels[index]
                with torch.no_grad():
                    for p in master.parameters():
                        p.clamp_(-0.1, 0.1)
                    stored = [quantize(w) for w in weights_of(master)]
                    forward.load_state_dict(master.state_dict())
                    for w, (codes, lo, hi) in zip(weights_of(forward), stored):
                        w.copy_(dequantize(codes, lo, hi))
                    noisy.load_state_dict(forward.state_dict())
                    for w, (codes, lo, hi) in zip(weights_of(noisy), stored):
                        mask = flips(torch.rand(codes.numel(), 8), 0.01).view(codes.shape)
                        w.copy_(dequantize(codes ^ mask, lo, hi))
                forward.zero_grad()
                noisy.zero_grad()
                F.cross_entropy(forward(x), y).backward()
                F.cross_entropy(noisy(x), y).backward()
                for p, g, gn in zip(master.parameters(), forward.parameters(), noisy.parameters()):
                    p.grad = (g.grad + gn.grad.clamp(-0.05, 0.05)) / 2
                optimizer.step()
            times.append(time.perf_counter() - start)
        median = statistics.median(times[1:])
        print(f"torch {name} randbet training images/s at batch 128: {4000 // 128 * 128 / median:.0f}")


if __name__ == "__main__":
    main()
