#!/usr/bin/env python3
"""LeNet-5 masked training in PyTorch: the step `dotnet run -c Release --project benchmarks/MapDsl.Benchmarks -- training`
times in MapDsl, for a side-by-side figure (benchmarks/README.md). Not a test; needs Debian's python3-torch:

    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 benchmarks/training/lenet5_training.py [--threads 2]

One step: forward of a batch through LeNet-5 (conv 6 5x5 pad 2, relu, maxpool 2, conv 16 5x5, relu, maxpool 2,
dense 120, relu, dense 84, relu, dense 10), softmax cross-entropy, backward, the gradients of the masked tenth of
every layer's weights zeroed, SGD with Nesterov momentum 0.9 at lr 0.003, the masked weights kept at 0. 4,000 images
per epoch (random pixels: the speed does not depend on them), batches of 32 and 128, median of 3 epochs after one to
warm up. Prints `torch masked training images/s at batch <b>: <x>`.
"""
import argparse
import os
import statistics
import time


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

    images, count = torch.rand(4000, 1, 28, 28), 4000
    labels = torch.randint(0, 10, (count,))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; LeNet-5 masked training, {count} images per epoch")
    for batch in (32, 128):
        times = []
        for run in range(4):
            model = LeNet5()
            weights = [m.weight for m in (model.c1, model.c2, model.f1, model.f2, model.f3)]
            masks = [(torch.rand_like(w) >= 0.1).float() for w in weights]
            with torch.no_grad():
                for w, m in zip(weights, masks):
                    w.mul_(m)
            optimizer = torch.optim.SGD(model.parameters(), lr=0.003, momentum=0.9, nesterov=True)
            order = torch.randperm(count)
            start = time.perf_counter()
            for b in range(count // batch):
                index = order[b * batch:(b + 1) * batch]
                loss = F.cross_entropy(model(images[index]), labels[index])
                optimizer.zero_grad(set_to_none=False)
                loss.backward()
                for w, m in zip(weights, masks):
                    w.grad.mul_(m)
                optimizer.step()
                with torch.no_grad():
                    for w, m in zip(weights, masks):
                        w.mul_(m)
            times.append(time.perf_counter() - start)
        median = statistics.median(times[1:])
        print(f"torch masked training images/s at batch {batch}: {count // batch * batch / median:.0f}")


if __name__ == "__main__":
    main()
