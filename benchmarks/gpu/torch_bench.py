#!/usr/bin/env python3
"""PyTorch's figures for what `gantry bench gpu` measures, with the same sizes and sampling.

A peer, so that Gantry's JCuda numbers can be read against a framework everyone trusts:

  d2d   device-to-device copy, dst.copy_(src); counts bytes read + bytes written
  h2d   pinned host-to-device copy, dst.copy_(pinned); counts bytes copied
  d2h   device-to-host copy into pinned memory; counts bytes copied
  fp32  FP32 matrix product (cuBLAS SGEMM, TF32 off); counts 2 n^3 per product. Gantry's own
        figure comes from a kernel of pure FMAs; a GEMM also loads and stores, so expect it lower.

Each rate is timed with CUDA events in batches of about 0.1 s after a warm-up, for --seconds per
measurement; "best" is the fastest batch, as in Gantry's report.

  python3 torch_bench.py [--size MB] [--seconds S] [--device N] [--json FILE] [--compare GANTRY.json]

--compare prints the two tools' figures side by side, against the peaks in Gantry's report.
Exits 3 when PyTorch sees no CUDA device.
"""

import argparse
import datetime
import json
import platform
import statistics
import sys
import time

MIN_SAMPLES = 3
MAX_SAMPLES = 1000
MAX_REPETITIONS = 1 << 20
MATMUL_N = 8192


def sample(timed, seconds):
    """Seconds per operation for each batch; timed(repetitions) returns a batch's seconds."""
    batch_seconds = min(0.1, seconds / (MIN_SAMPLES * 2))
    timed(1)
    one = timed(1)
    repetitions = MAX_REPETITIONS if one <= 0 else max(1, min(MAX_REPETITIONS, round(batch_seconds / one)))
    deadline = time.monotonic() + seconds
    per_operation = []
    while len(per_operation) < MAX_SAMPLES and (len(per_operation) < MIN_SAMPLES or time.monotonic() < deadline):
        per_operation.append(timed(repetitions) / repetitions)
    return per_operation


def result(measurement_id, name, unit, per_operation, amount, counted):
    return {
        "id": measurement_id,
        "name": name,
        "unit": unit,
        "best": amount / min(per_operation),
        "median": amount / statistics.median(per_operation),
        "samples": len(per_operation),
        "counted": counted,
    }


def measure(torch, ordinal, size_bytes, seconds):
    device = torch.device("cuda", ordinal)
    torch.cuda.set_device(device)

    def timed(operation):
        def run(repetitions):
            start = torch.cuda.Event(enable_timing=True)
            stop = torch.cuda.Event(enable_timing=True)
            start.record()
            for _ in range(repetitions):
                operation()
            stop.record()
            stop.synchronize()
            return start.elapsed_time(stop) / 1e3

        return run

    source = torch.ones(size_bytes, dtype=torch.uint8, device=device)
    target = torch.zeros(size_bytes, dtype=torch.uint8, device=device)
    host = torch.empty(size_bytes, dtype=torch.uint8, pin_memory=True)
    results = [
        result("d2d", "device-to-device copy (tensor.copy_)", "bytes",
               sample(timed(lambda: target.copy_(source)), seconds), 2 * size_bytes, "bytes read + bytes written"),
        result("h2d", "host-to-device copy (pinned)", "bytes",
               sample(timed(lambda: target.copy_(host)), seconds), size_bytes, "bytes copied"),
        result("d2h", "device-to-host copy (pinned)", "bytes",
               sample(timed(lambda: host.copy_(source)), seconds), size_bytes, "bytes copied"),
    ]
    del source, target, host

    # Full FP32: no TF32 shortcut, which would multiply at a third of the precision.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    a = torch.rand(MATMUL_N, MATMUL_N, dtype=torch.float32, device=device)
    b = torch.rand(MATMUL_N, MATMUL_N, dtype=torch.float32, device=device)
    c = torch.empty(MATMUL_N, MATMUL_N, dtype=torch.float32, device=device)
    results.append(result("fp32", "FP32 matrix product (SGEMM)", "flop",
                          sample(timed(lambda: torch.matmul(a, b, out=c)), seconds), 2.0 * MATMUL_N ** 3,
                          "2 x %d^3 per product" % MATMUL_N))
    del a, b, c
    torch.cuda.empty_cache()
    properties = torch.cuda.get_device_properties(device)
    return {
        "ordinal": ordinal,
        "name": properties.name,
        "computeCapability": "%d.%d" % (properties.major, properties.minor),
        "memoryBytes": properties.total_memory,
        "multiprocessors": properties.multi_processor_count,
        "measurements": results,
    }


def rate(per_second, unit):
    if per_second is None:
        return "-"
    return "%.2f TFLOP/s" % (per_second / 1e12) if unit == "flop" else "%.1f GB/s" % (per_second / 1e9)


def percent(value, peak):
    return "-" if value is None or not peak else "%.1f%%" % (100 * value / peak)


def comparison(gantry, torch_report):
    """The two reports side by side, per device and measurement, against Gantry's peaks."""
    lines = []
    row = "  %-30s %15s %8s %15s %8s %15s"
    torch_devices = {d["ordinal"]: d for d in torch_report["devices"]}
    for device in gantry["devices"]:
        theirs = {m["id"]: m for m in torch_devices.get(device["ordinal"], {}).get("measurements", [])}
        lines.append("GPU %d: %s: gantry (JCuda) vs PyTorch %s" % (device["ordinal"], device["name"],
                                                                 torch_report.get("torch", "")))
        lines.append(row % ("measurement", "gantry", "of peak", "pytorch", "of peak", "peak"))
        for ours in device["measurements"]:
            peer = theirs.get(ours["id"])
            peak = ours.get("peak")
            peer_best = peer["best"] if peer else None
            lines.append(row % (ours["name"], rate(ours["best"], ours["unit"]), percent(ours["best"], peak),
                                rate(peer_best, ours["unit"]), percent(peer_best, peak), rate(peak, ours["unit"])))
    return "\n".join(lines)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=256, metavar="MB", help="size of each copy in MiB (256)")
    parser.add_argument("--seconds", type=float, default=2.0, metavar="S", help="seconds per measurement (2)")
    parser.add_argument("--device", type=int, metavar="N", help="only CUDA device N (default: every device)")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--compare", metavar="GANTRY_JSON", help="print beside `gantry bench gpu --json` figures")
    args = parser.parse_args(argv)
    if args.size < 1 or not 0 < args.seconds <= 3600:
        parser.error("--size must be at least 1 and --seconds in (0, 3600]")

    try:
        import torch  # only here: --help and the comparison need no PyTorch
    except ImportError:
        print("torch_bench.py: PyTorch is not installed (python3 -c 'import torch' fails)", file=sys.stderr)
        return 2

    if not torch.cuda.is_available():
        print("torch_bench.py: PyTorch sees no CUDA device", file=sys.stderr)
        return 3
    ordinals = [args.device] if args.device is not None else list(range(torch.cuda.device_count()))
    if any(o < 0 or o >= torch.cuda.device_count() for o in ordinals):
        parser.error("--device %d: PyTorch sees %d GPU(s)" % (args.device, torch.cuda.device_count()))
    report = {
        "tool": "pytorch",
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "command": "python3 torch_bench.py " + " ".join(argv),
        "startedAt": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "host": platform.node(),
        "bufferBytes": args.size << 20,
        "secondsPerMeasurement": args.seconds,
        "devices": [],
    }
    for ordinal in ordinals:
        device = measure(torch, ordinal, args.size << 20, args.seconds)
        report["devices"].append(device)
        for m in device["measurements"]:
            print("GPU %d %-38s best %15s  median %15s" % (ordinal, m["name"], rate(m["best"], m["unit"]),
                                                            rate(m["median"], m["unit"])))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
        print("wrote " + args.json)
    if args.compare:
        with open(args.compare) as f:
            print(comparison(json.load(f), report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
