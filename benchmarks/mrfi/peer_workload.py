#!/usr/bin/python3
"""The peer workload of the `campaign` bench, run in MRFI (github.com/fffasttime/MRFI) with Debian's PyTorch.

Not part of the tests and not shipped: a measuring script. See benchmarks/mrfi/README.md for how to get MRFI and
what differs from MapDsl's trial.

One nn.Linear(1024, 1024) with seeded weights, one fixed batch of 256 inputs in [-1, 1). A trial is one forward
call of the MRFI-wrapped model: MRFI's pre-hook puts the clean weights back from its copy, draws the faulty weights
(selector RandomPositionByRate: a Poisson count at rate p per weight, positions uniform), sets them (error mode),
then the layer runs. Trials run for --seconds per rate; each thread count runs in a fresh process so that the
OpenMP/BLAS thread count is fixed before torch loads.

Usage (MRFI checkout on the path given by --mrfi or $MRFI_PATH):
    /usr/bin/python3 benchmarks/mrfi/peer_workload.py --mrfi /tmp/mrfi
Last lines: `mrfi trials/s at <p>% (<mode>, <t> thread(s)): <x>`.
"""

import argparse
import os
import subprocess
import sys
import time

BATCH = 256
WIDTH = 1024

# MRFI rejects a selection rate of exactly 0.1 (selector._check_rate_zero raises for 0.1, accepts 0.099): the 10%
# row of the one-injector mode runs at 0.099, as the peers' notes did.
MRFI_MAX_RATE = 0.099


def parse():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mrfi", default=os.environ.get("MRFI_PATH"), help="MRFI checkout (the directory holding mrfi/); default $MRFI_PATH")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="thread counts to run, each in its own process (default 1 2)")
    parser.add_argument("--rates", type=float, nargs="+", default=[0.1, 1, 10], help="fault rates in percent (default 0.1 1 10)")
    parser.add_argument("--modes", nargs="+", default=["setvalue", "stuck"], choices=["setvalue", "stuck"],
                        help="setvalue: one SetValue(+w_max) injector at rate p per weight (the peers' configuration); "
                             "stuck: one injector at rate p whose error mode sets half the chosen weights to +w_max (stuck-on) "
                             "and half to 0 (stuck-off)")
    parser.add_argument("--seconds", type=float, default=2.0, help="measuring time per row (default 2)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


def main():
    args = parse()
    if not args.mrfi or not os.path.isdir(os.path.join(args.mrfi, "mrfi")):
        sys.exit("MRFI not found: pass --mrfi <checkout> or set MRFI_PATH (see benchmarks/mrfi/README.md)")
    if args.child is not None:
        child(args)
        return

    summary = []
    for threads in args.threads:
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
        command = [sys.executable, os.path.abspath(__file__), "--mrfi", args.mrfi, "--child", str(threads), "--seconds", str(args.seconds),
                   "--rates", *map(str, args.rates), "--modes", *args.modes]
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
        for line in output.splitlines():
            if line.startswith("mrfi trials/s"):
                summary.append(line)
            else:
                print(line)
    for line in summary:
        print(line)


def child(args):
    sys.path.insert(0, args.mrfi)
    import logging
    import torch
    from mrfi import MRFI, EasyConfig, add_function

    logging.disable(logging.WARNING)  # MRFI logs a warning per trial for rates above 0.1
    torch.set_num_threads(args.child)
    torch.manual_seed(1)
    torch.set_grad_enabled(False)

    def stuck_half(x, high):
        """Stuck-at on the chosen weights: half read +w_max (stuck-on), half read 0 (stuck-off)."""
        on = torch.rand(x.shape, device=x.device) < 0.5
        return torch.where(on, torch.full_like(x, high), torch.zeros_like(x))

    add_function("StuckHalf", stuck_half)

    def layer():
        linear = torch.nn.Linear(WIDTH, WIDTH)
        with torch.no_grad():
            linear.weight.uniform_(-0.5, 0.5)
            linear.bias.uniform_(-0.1, 0.1)
        return linear.eval()

    x = torch.rand(BATCH, WIDTH) * 2 - 1
    plain = layer()
    w_max = float(plain.weight.abs().max())
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}; "
          f"Linear({WIDTH}, {WIDTH}), batch {BATCH}, w_max {w_max:.4f}")
    forward = median_ms(lambda: plain(x), args.seconds / 2)
    print(f"plain torch forward (F.linear, batch {BATCH}): {forward:.3f} ms median")
    print(f"{'mode':>9} {'rate':>7} {'MRFI rate':>9} {'trials':>7} {'trials/s':>9} {'ms/trial':>9} {'faulty w':>9}")

    for mode in args.modes:
        for percent in args.rates:
            rate = percent / 100
            used = min(rate, MRFI_MAX_RATE) if mode == "setvalue" or rate >= 0.1 else rate
            error_mode = {"method": "SetValue", "value": w_max} if mode == "setvalue" else {"method": "StuckHalf", "high": w_max}
            config = EasyConfig({"faultinject": [{
                "type": "weight",
                "name": ["weight"],
                "selector": {"method": "RandomPositionByRate", "poisson": True, "rate": used},
                "error_mode": error_mode,
                "module_type": ["Linear"],
            }]})
            model = MRFI(layer(), config)
            clean = model.model.weight.detach().clone()
            for _ in range(3):  # warm-up; the first call also takes MRFI's copy of the clean weights
                model(x)
            trials = 0
            start = time.perf_counter()
            while True:
                model(x)
                trials += 1
                elapsed = time.perf_counter() - start
                if elapsed >= args.seconds and trials >= 3:
                    break
            faulty = int((model.model.weight != clean).sum())  # of the last trial
            print(f"{mode:>9} {percent:>6g}% {used:>9g} {trials:>7} {trials / elapsed:>9.1f} {1000 * elapsed / trials:>9.3f} {faulty:>9}")
            print(f"mrfi trials/s at {percent:g}% ({mode}, {args.child} thread{'s' if args.child > 1 else ''}): {trials / elapsed:.1f}")


def median_ms(run, seconds):
    for _ in range(3):
        run()
    times = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or len(times) < 5:
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    times.sort()
    return 1000 * times[len(times) // 2]


if __name__ == "__main__":
    main()
