#!/usr/bin/env bash
# Runs `gantry bench gpu` from this bundle (built by make-bundle.sh) on a GPU machine that has the
# NVIDIA driver and nothing else: the bundle brings its own Java runtime and jars, and needs no
# network. Where PyTorch is installed (python3 -c 'import torch'), torch_bench.py measures the same
# things with the same sizes, and the two sets of figures are printed side by side.
#
#   ./run-on-device.sh [--out DIR] [--size MB] [--seconds S] [--device N]
#
# Writes DIR/gantry-gpu.json (and DIR/torch-gpu.json) and DIR/commands.txt, the exact commands run.
# DIR defaults to $OUT when that is set (a device runner's folder that comes back), else ./results.
# Exits with gantry's code: 0, or 3 with one line on stderr when there is no NVIDIA driver or GPU.
# JAVA=/path/to/java runs the jars on another Java 17+ (e.g. where the bundled runtime's glibc
# 2.34 is too new).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-$PWD/results}"
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out)
      [ $# -ge 2 ] || { echo "run-on-device.sh: --out needs a folder" >&2; exit 2; }
      out="$2"; shift 2 ;;
    --size | --seconds | --device)
      [ $# -ge 2 ] || { echo "run-on-device.sh: $1 needs a value" >&2; exit 2; }
      bench_args+=("$1" "$2"); shift 2 ;;
    *)
      echo "run-on-device.sh: unknown option $1 (use --out DIR, --size MB, --seconds S, --device N)" >&2
      exit 2 ;;
  esac
done

java="${JAVA:-$here/runtime/bin/java}"

# A command as a shell would need it typed again.
quoted() {
  local word out=""
  for word in "$@"; do out+="$(printf '%q' "$word") "; done
  echo "${out% }"
}

gantry=("$java" -cp "$here/lib/*" dev.gantry.cli.GantryBenchCli bench gpu ${bench_args[@]+"${bench_args[@]}"}
  --json "$out/gantry-gpu.json")
echo "+ $(quoted "${gantry[@]}")"
"${gantry[@]}"
status=$?
if [ "$status" -ne 0 ]; then
  # 3: no driver or no GPU, already said in one line; nothing was written.
  exit "$status"
fi
quoted "${gantry[@]}" >"$out/commands.txt"

if python3 -c 'import torch' >/dev/null 2>&1; then
  torch=(python3 "$here/torch_bench.py" ${bench_args[@]+"${bench_args[@]}"} --json "$out/torch-gpu.json"
    --compare "$out/gantry-gpu.json")
  echo "+ $(quoted "${torch[@]}")"
  quoted "${torch[@]}" >>"$out/commands.txt"
  "${torch[@]}" || echo "run-on-device.sh: the PyTorch benchmark failed; Gantry's figures above stand" >&2
else
  echo "PyTorch is not installed here (python3 -c 'import torch' fails): Gantry's figures only."
fi
exit 0
