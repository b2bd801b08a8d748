#!/usr/bin/env bash
# Gantry on a real Apache Mesos master and two agents against the embedded cluster, in one run:
# executors registered and first job (SparkStartupBenchmark's rounds, all three modes interleaved),
# then the TensorFlow example job's wall time on each master, alternating.
# Mesos comes from $MESOS_HOME or ../shared/mesos; run after `./mvnw verify` (or install) built Gantry.
#   benchmarks/real-mesos.sh [rounds] [training-rounds]      (rounds 0: the training part only)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
training_rounds=${2:-2}
mesos=${MESOS_HOME:-../shared/mesos}
[ -x "$mesos/mesos.sh" ] || { echo "no Mesos bundle in \$MESOS_HOME or ../shared/mesos" >&2; exit 2; }
mesos=$(cd "$mesos" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do pkill -9 -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
master_port=$(free_port)
GLOG_logtostderr=1 "$mesos/mesos.sh" master --ip=127.0.0.1 --port="$master_port" --work_dir="$work/master" \
  --registry=in_memory --allocation_interval=200ms >"$work/master.log" 2>&1 &
pids+=($!)
# One agent per executor of 1 cpu, as the embedded mode and local-cluster have; a GPU each (unisolated).
for i in 1 2; do
  GLOG_logtostderr=1 "$mesos/mesos.sh" agent --master="127.0.0.1:$master_port" --ip=127.0.0.1 --port="$(free_port)" \
    --work_dir="$work/agent$i" --isolation=posix/cpu,posix/mem --launcher=posix --no-systemd_enable_support \
    --no-switch_user --resources='cpus:1;mem:3000;disk:1000;gpus:1' --attributes=gpu_model:simulated \
    --executor_environment_variables="{\"LD_LIBRARY_PATH\":\"$mesos/lib\",\"PATH\":\"$PATH\",\"HOME\":\"$HOME\"}" \
    >"$work/agent$i.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 1 300); do
  agents=$(curl -s "http://127.0.0.1:$master_port/state" | python3 -c 'import json,sys; print(int(json.load(sys.stdin).get("activated_slaves",0)))' 2>/dev/null || echo 0)
  [ "$agents" = 2 ] && break
  sleep 0.2
done
[ "$agents" = 2 ] || { echo "real Mesos did not start; logs:" >&2; tail -5 "$work"/*.log >&2; exit 1; }
echo "real Mesos at mesos://127.0.0.1:$master_port, 2 agents; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"

if [ "$rounds" -gt 0 ]; then
  java $(cat launcher/cli/target/jvm-options) -Dgantry.benchmarks.realMesos="mesos://127.0.0.1:$master_port" \
    -cp benchmarks/target/benchmarks.jar dev.gantry.benchmarks.spark.SparkStartupBenchmark 2 "$rounds"
fi
# ./gantry builds first when its sources changed: once here, so that no timed run pays for it.
./gantry --version >/dev/null

echo
echo "training: ./gantry run examples/jobs/digits-tensorflow-mlp.yaml, wall seconds (build excluded)"
for round in $(seq 1 "$training_rounds"); do
  order=(embedded real)
  [ $((round % 2)) = 0 ] && order=(real embedded)
  for where in "${order[@]}"; do
    args=(--set "output.directory=$work/run-$where-$round")
    [ "$where" = real ] && args+=(--master "mesos://127.0.0.1:$master_port" --set spark.spark.gantry.test.assignGpuIds=true)
    start=$(date +%s.%N)
    ./gantry run examples/jobs/digits-tensorflow-mlp.yaml "${args[@]}" >"$work/run-$where-$round.log" 2>&1 \
      || { echo "the $where run failed:" >&2; tail -20 "$work/run-$where-$round.log" >&2; exit 1; }
    end=$(date +%s.%N)
    accuracy=$(python3 -c "import json; e=json.load(open('$work/run-$where-$round/metrics.json'))['epochs']; print('%.2f%%' % (100*e[-1]['accuracy']))")
    printf 'round %d, %-8s: %.1f s, final validation accuracy %s\n' "$round" "$where" "$(python3 -c "print($end - $start)")" "$accuracy"
  done
done
