#!/usr/bin/env python3
"""Independent PyTorch references (golden files) for ResNet8 of examples/xmap/resnet8.xmap. Not run by tests or CI: the
outputs are committed, and the C# tests compare against them (tools/resnet-golden/README.md). Needs Debian's
python3-torch; from the repository root:

    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 tools/resnet-golden/make_golden.py

1. Builds ResNet8 as nn.Modules whose state_dict names are the .xmap names (`stem.weight`, `r2.a_bn.running_var`,
   `r2.s.weight`, `fc.bias`, ...), seeds torch, and trains it for 2 epochs on the shipped 4,000-image Fashion-MNIST
   slice (SGD lr 0.05, momentum 0.9, batch 64), so that weights and batch-norm running statistics are non-trivial.
   Prints the accuracy on the 1,000 shipped test images.
2. Writes into tests/MapDsl.Generated.Tests/Golden/:
   - resnet8-torch.safetensors: the trained float32 state_dict (without num_batches_tracked);
   - resnet8-golden-logits.npy: float32 [32, 10], eval-mode logits of the first 32 test images, computed in float64;
   - resnet8-train-step.safetensors: one training-mode step in float64 from the exported weights (batch-norm batch
     statistics, dropout off) on the first 16 training images: every parameter's gradient, the running statistics
     after the forward, the logits, and the loss in the metadata.
3. Reads every file back (its own safetensors reader: JSON header + numpy.frombuffer) and compares.

The safetensors files are written here, not by a library: 8-byte little-endian header length, a JSON header (padded
with spaces to a multiple of 8 bytes) of {name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}} plus
"__metadata__" (string -> string), then the tensors' raw little-endian float32 bytes, row-major, back to back.
"""
import argparse
import copy
import gzip
import json
import os
import struct
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data", "fashion-mnist")
GOLDEN = os.path.join(ROOT, "tests", "MapDsl.Generated.Tests", "Golden")
COMMAND = "OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 tools/resnet-golden/make_golden.py"

SEED = 1
THREADS = 2
EPOCHS = 2
BATCH = 64
LR = 0.05
MOMENTUM = 0.9
LOGIT_IMAGES = 32
STEP_IMAGES = 16

os.environ.setdefault("OMP_NUM_THREADS", str(THREADS))
os.environ.setdefault("MKL_NUM_THREADS", str(THREADS))
os.environ.setdefault("OPENBLAS_NUM_THREADS", str(THREADS))

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


# ---------------------------------------------------------------------------------------------------------------------
# The network of examples/xmap/resnet8.xmap. Attribute names are the .xmap layer names, so the state_dict names are the
# qualified .xmap names (a layer `a` in `residual r2` is `r2.a`). Every conv has a bias (the language has no
# bias-free conv). BatchNorm2d defaults: eps 1e-5, momentum 0.1.


class Residual(nn.Module):
    """residual NAME { conv a; batchnorm a_bn; relu; conv b; batchnorm b_bn; [shortcut { conv s 1x1 stride 2;
    batchnorm s_bn; }] }: out = body(x) + shortcut(x), no activation inside (the `relu;` after the block is a layer
    of its own). Registration order (body first, then shortcut) is the state_dict order."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=True)
        self.a_bn = nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1)
        self.b = nn.Conv2d(cout, cout, 3, stride=1, padding=1, bias=True)
        self.b_bn = nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1)
        self.projected = stride != 1 or cin != cout
        if self.projected:
            self.s = nn.Conv2d(cin, cout, 1, stride=stride, padding=0, bias=True)
            self.s_bn = nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1)

    def forward(self, x):
        body = self.b_bn(self.b(F.relu(self.a_bn(self.a(x)))))
        shortcut = self.s_bn(self.s(x)) if self.projected else x
        return body + shortcut


class ResNet8(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, 3, stride=1, padding=1, bias=True)
        self.stem_bn = nn.BatchNorm2d(16, eps=1e-5, momentum=0.1)
        self.r1 = Residual(16, 16, 1)   # identity shortcut, 16 x 28 x 28
        self.r2 = Residual(16, 32, 2)   # 32 x 14 x 14
        self.r3 = Residual(32, 64, 2)   # 64 x 7 x 7
        self.dropout = nn.Dropout(0.2)  # no parameters, no state_dict entry
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = F.relu(self.stem_bn(self.stem(x)))
        x = F.relu(self.r1(x))
        x = F.relu(self.r2(x))
        x = F.relu(self.r3(x))
        x = x.mean(dim=(2, 3))  # global-avgpool: [N, 64, 7, 7] -> [N, 64]
        return self.fc(self.dropout(x))


EXPECTED_NAMES = (
    ["stem.weight", "stem.bias"]
    + [f"stem_bn.{p}" for p in ("weight", "bias", "running_mean", "running_var")]
    + [
        name
        for block, shortcut in (("r1", False), ("r2", True), ("r3", True))
        for layers in [["a", "b"] + (["s"] if shortcut else [])]
        for layer in layers
        for name in [f"{block}.{layer}.weight", f"{block}.{layer}.bias"]
        + [f"{block}.{layer}_bn.{p}" for p in ("weight", "bias", "running_mean", "running_var")]
    ]
    + ["fc.weight", "fc.bias"]
)


def exported_state(model):
    """The state_dict without num_batches_tracked, as contiguous float32 numpy arrays, in state_dict order."""
    state = {
        name: tensor.detach().to(torch.float32).contiguous().numpy().copy()
        for name, tensor in model.state_dict().items()
        if not name.endswith("num_batches_tracked")
    }
    if list(state) != EXPECTED_NAMES:
        raise SystemExit(f"state_dict names differ from the .xmap names:\n{list(state)}\n{EXPECTED_NAMES}")
    return state


# ---------------------------------------------------------------------------------------------------------------------
# Data: gzipped IDX, big-endian header.


def read_idx(path, magic, dims):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    found, = struct.unpack(">I", raw[:4])
    if found != magic:
        raise SystemExit(f"{path}: magic {found:#010x}, expected {magic:#010x}")
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims)
    if data.size != int(np.prod(shape)):
        raise SystemExit(f"{path}: {data.size} bytes of data for shape {shape}")
    return data.reshape(shape)


def load_split(prefix):
    images = read_idx(os.path.join(DATA, f"{prefix}-images-idx3-ubyte.gz"), 0x00000803, 3)
    labels = read_idx(os.path.join(DATA, f"{prefix}-labels-idx1-ubyte.gz"), 0x00000801, 1)
    if images.shape[0] != labels.shape[0] or images.shape[1:] != (28, 28):
        raise SystemExit(f"{prefix}: images {images.shape}, labels {labels.shape}")
    x = torch.from_numpy(images.astype(np.float32) / np.float32(255)).reshape(-1, 1, 28, 28)  # NCHW, no normalisation
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


# ---------------------------------------------------------------------------------------------------------------------
# safetensors, written and read here.


def write_safetensors(path, tensors, metadata):
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        array = np.ascontiguousarray(array, dtype="<f4")
        blob = array.tobytes(order="C")
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # pad so the data starts 8-byte aligned, as the reference implementation does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    n, = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    data = raw[8 + n:]
    tensors, covered = {}, 0
    for name, entry in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0]):
        if entry["dtype"] != "F32":
            raise SystemExit(f"{path}: {name} has dtype {entry['dtype']}")
        begin, end = entry["data_offsets"]
        if begin != covered:
            raise SystemExit(f"{path}: {name} starts at {begin}, expected {covered}")
        array = np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"])
        tensors[name] = array
        covered = end
    if covered != len(data):
        raise SystemExit(f"{path}: tensors cover {covered} of {len(data)} data bytes")
    order = [name for name, _ in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0])]
    return {name: tensors[name] for name in order}, metadata


def check_same(path, written, read):
    if list(written) != list(read):
        raise SystemExit(f"{path}: names read back differ: {list(read)}")
    for name, array in written.items():
        if read[name].shape != array.shape or not np.array_equal(read[name].view(np.uint32), array.view(np.uint32)):
            raise SystemExit(f"{path}: {name} read back differs")


# ---------------------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=GOLDEN, help="output folder (default: tests/MapDsl.Generated.Tests/Golden)")
    args = parser.parse_args()

    torch.set_num_threads(THREADS)
    torch.manual_seed(SEED)
    train_x, train_y = load_split("train")
    test_x, test_y = load_split("t10k")
    print(f"torch {torch.__version__}, numpy {np.__version__}, {torch.get_num_threads()} threads; "
          f"train {tuple(train_x.shape)}, test {tuple(test_x.shape)}")

    # 1. Train (float32).
    model = ResNet8()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    for epoch in range(EPOCHS):
        model.train()
        order = torch.randperm(train_x.shape[0])
        total, correct, loss_sum = 0, 0, 0.0
        for start in range(0, train_x.shape[0], BATCH):
            batch = order[start:start + BATCH]
            logits = model(train_x[batch])
            loss = F.cross_entropy(logits, train_y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += batch.numel()
            correct += (logits.argmax(1) == train_y[batch]).sum().item()
            loss_sum += loss.item() * batch.numel()
        model.eval()
        with torch.no_grad():
            test_correct = (model(test_x).argmax(1) == test_y).sum().item()
        print(f"epoch {epoch + 1}: train loss {loss_sum / total:.4f}, train accuracy {correct / total:.2%} (training "
              f"mode), test accuracy {test_correct / test_x.shape[0]:.2%} ({test_correct}/{test_x.shape[0]}, eval mode)")
    accuracy = test_correct / test_x.shape[0]

    os.makedirs(args.out, exist_ok=True)
    provenance = {
        "command": COMMAND,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "network": "ResNet8 of examples/xmap/resnet8.xmap (namespace Lab.ResNet)",
    }

    # 2a. Trained weights.
    state = exported_state(model)
    weights_path = os.path.join(args.out, "resnet8-torch.safetensors")
    write_safetensors(weights_path, state, {
        **provenance,
        "training": f"seed {SEED}, {EPOCHS} epochs on data/fashion-mnist train slice (4000 images), SGD lr {LR} "
                    f"momentum {MOMENTUM}, batch {BATCH}, {THREADS} threads, float32",
        "test_accuracy": f"{accuracy:.4f} on data/fashion-mnist t10k slice (1000 images)",
    })
    weights_read, _ = read_safetensors(weights_path)
    check_same(weights_path, state, weights_read)

    # The references below start from the weights as exported (float32 values, read back from the file), in float64.
    def reference_model():
        m = ResNet8()
        result = m.load_state_dict({name: torch.from_numpy(a.copy()) for name, a in weights_read.items()}, strict=False)
        if result.unexpected_keys or any(not k.endswith("num_batches_tracked") for k in result.missing_keys):
            raise SystemExit(f"loading the exported weights: {result}")
        return m.double()

    # 2b. Eval-mode logits of the first 32 test images, float64.
    golden = reference_model().eval()
    with torch.no_grad():
        logits64 = golden(test_x[:LOGIT_IMAGES].double())
    logits_path = os.path.join(args.out, "resnet8-golden-logits.npy")
    np.save(logits_path, logits64.numpy().astype(np.float32))
    with torch.no_grad():
        logits32 = copy.deepcopy(model).eval()(test_x[:LOGIT_IMAGES]).numpy()
    read_logits = np.load(logits_path)
    if read_logits.dtype != np.float32 or read_logits.shape != (LOGIT_IMAGES, 10):
        raise SystemExit(f"{logits_path}: {read_logits.dtype} {read_logits.shape}")
    gap = np.abs(logits32 - read_logits).max() / np.abs(read_logits).max()
    print(f"golden logits: {logits_path}, {read_logits.shape}; float32 forward vs float64 golden: max |diff| / max |logit|"
          f" = {gap:.2e}; predictions {read_logits.argmax(1).tolist()[:16]}...")

    # 2c. One training-mode step in float64: batch norms use batch statistics and update their running statistics,
    # dropout is the identity, mean cross-entropy over the first 16 training images, backward.
    step = reference_model().train()
    step.dropout.eval()
    images, labels = train_x[:STEP_IMAGES].double(), train_y[:STEP_IMAGES]
    step_logits = step(images)
    loss = F.cross_entropy(step_logits, labels)
    loss.backward()
    tensors = {}
    for name, parameter in step.named_parameters():
        tensors[f"{name}.grad"] = parameter.grad.detach().to(torch.float32).contiguous().numpy().copy()
    for name, buffer in step.named_buffers():
        if name.endswith("running_mean") or name.endswith("running_var"):
            tensors[f"{name}.after"] = buffer.detach().to(torch.float32).contiguous().numpy().copy()
    tensors["logits"] = step_logits.detach().to(torch.float32).contiguous().numpy().copy()
    step_path = os.path.join(args.out, "resnet8-train-step.safetensors")
    write_safetensors(step_path, tensors, {
        "loss": repr(loss.item()),
        **provenance,
        "step": f"from resnet8-torch.safetensors in float64; train mode (batch statistics, running statistics updated "
                f"with momentum 0.1 and the unbiased batch variance), dropout off; first {STEP_IMAGES} images of the "
                f"data/fashion-mnist train slice with their labels; mean cross-entropy; backward",
    })
    step_read, step_metadata = read_safetensors(step_path)
    check_same(step_path, tensors, step_read)
    if float(step_metadata["loss"]) != loss.item():
        raise SystemExit(f"{step_path}: loss read back differs")
    tiny = [n for n, g in tensors.items() if n.endswith(".grad") and np.abs(g).max() < 1e-12]
    print(f"train step: {step_path}, {len(tensors)} tensors, loss {loss.item()!r}; gradients that vanish "
          f"(max |g| < 1e-12, conv biases before a batch norm in train mode): {tiny}")

    for path in (weights_path, logits_path, step_path):
        print(f"{os.path.relpath(path, ROOT)}: {os.path.getsize(path)} bytes")
    print(f"test accuracy after {EPOCHS} epochs: {accuracy:.2%}")


if __name__ == "__main__":
    sys.exit(main())
