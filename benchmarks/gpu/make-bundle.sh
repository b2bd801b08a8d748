#!/usr/bin/env bash
# Builds the GPU benchmark bundle: a jlink-ed Java runtime (java.base and java.logging only), the
# jars `gantry bench gpu` needs (the CLI and GPU modules, picocli, Jackson, JCuda with only its driver-API
# library; no Spark), run-on-device.sh and the PyTorch peer. A GPU machine with nothing but an
# NVIDIA driver (and glibc 2.34+, as in Ubuntu 22.04 or RHEL 9) runs it as it is: no Java, Maven or
# network. The whole bundle stays under 64 MiB.
#
#   benchmarks/gpu/make-bundle.sh [OUT_DIR]          (default: benchmarks/gpu/target/bundle)
#
# Environment: MVN, the Maven command (default: the repository's ./mvnw; e.g. MVN="mvn -o");
# SKIP_BUILD=1 to take launcher/cli/target as it is; JAVA_HOME, a JDK 17 with jmods (default: the
# javac on the PATH).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here/target/bundle}"
limit_mib=64

die() {
  echo "make-bundle.sh: $*" >&2
  exit 1
}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building the launcher..." >&2
  (cd "$root" && ${MVN:-./mvnw} -q -B -pl launcher/cli -am package -DskipTests) || die "the launcher build failed"
fi
lib="$root/launcher/cli/target/lib"
launcher_jar="$root/launcher/cli/target/gantry-cli.jar"
[ -f "$launcher_jar" ] && [ -d "$lib" ] || die "$launcher_jar or $lib is missing; build the launcher first"

if [ -n "${JAVA_HOME:-}" ]; then
  jdk="$JAVA_HOME"
else
  javac_path="$(command -v javac)" || die "no javac on the PATH; set JAVA_HOME to a JDK 17"
  jdk="$(dirname "$(dirname "$(readlink -f "$javac_path")")")"
fi
[ -d "$jdk/jmods" ] || die "$jdk has no jmods/ to link a runtime from; set JAVA_HOME to a full JDK 17"

rm -rf "$out"
mkdir -p "$out/lib"
cp "$launcher_jar" "$out/lib/"
for prefix in gantry-gpu picocli jackson-core jackson-databind jackson-annotations jcuda; do
  jars=("$lib/$prefix"-[0-9]*.jar)
  [ -e "${jars[0]}" ] || die "no $prefix jar in $lib"
  cp "${jars[@]}" "$out/lib/"
done

# JCuda's natives jar carries four libraries (26 MB); the benchmark loads only the driver API's.
natives=("$lib"/jcuda-natives-*-linux-x86_64.jar)
[ -e "${natives[0]}" ] || die "no jcuda-natives jar in $lib"
unpacked="$(mktemp -d)"
trap 'rm -rf "$unpacked"' EXIT
(cd "$unpacked" && "$jdk/bin/jar" xf "${natives[0]}")
find "$unpacked/lib" -type f ! -name 'libJCudaDriver-*' -delete
[ -n "$(find "$unpacked/lib" -name 'libJCudaDriver-*')" ] || die "${natives[0]} has no libJCudaDriver"
"$jdk/bin/jar" --create --file "$out/lib/$(basename "${natives[0]}")" --no-manifest -C "$unpacked" .

# java.logging: Jackson and JCuda log through it. Everything else Jackson and picocli may use
# (java.sql, java.desktop, java.xml) they look up optionally and do without.
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules java.base,java.logging \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/runtime"

cp "$here/run-on-device.sh" "$here/torch_bench.py" "$here/README.md" "$out/"
chmod +x "$out/run-on-device.sh"
{
  echo "gantry GPU benchmark bundle"
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "runtime: $("$out/runtime/bin/java" -version 2>&1 | head -1) (modules: java.base, java.logging)"
  echo "jars: $(cd "$out/lib" && ls | tr '\n' ' ')"
} >"$out/BUILD.txt"

# The bundle must run `gantry bench gpu` on its own: its runtime, its jars, nothing else.
"$out/runtime/bin/java" -cp "$out/lib/*" dev.gantry.cli.GantryBenchCli bench gpu --help >/dev/null \
  || die "the bundle cannot start 'gantry bench gpu'"

size_kib="$(du -sk "$out" | cut -f1)"
[ "$size_kib" -lt $((limit_mib * 1024)) ] || die "the bundle is $((size_kib / 1024)) MiB, over $limit_mib MiB"
echo "bundle: $out ($((size_kib / 1024)) MiB)"
echo "run it on a GPU machine: $out/run-on-device.sh [--out DIR] [--size MB] [--seconds S] [--device N]"
