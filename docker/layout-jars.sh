#!/usr/bin/env bash
# Lays out Gantry's jars as the executor image keeps them (see executor.Dockerfile): every jar once
# in DEST/jars, linked from DEST/lib (the launcher's runtime classpath) and DEST/backends/<framework>
# (a job's whole classpath, as Maven resolved it in dist/<framework>/target/classpath). Run from a
# built repository: mvn -DskipTests -pl launcher/cli,dist/tensorflow,dist/dl4j -am package.
#
#   docker/layout-jars.sh DEST SPARK_VERSION SCALA_BINARY_VERSION
set -euo pipefail

dest="$1"
spark_version="$2"
scala_binary_version="$3"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() {
  echo "layout-jars.sh: $*" >&2
  exit 1
}

mkdir -p "$dest/jars" "$dest/lib" "$dest/backends"

# Links JAR into folder DIR, keeping one copy of it in DEST/jars.
add() {
  local jar="$1" dir="$2" name
  name="$(basename "$jar")"
  [ -f "$jar" ] || die "$jar is not a jar file (was the module packaged?)"
  if [ -e "$dest/jars/$name" ]; then
    cmp -s "$jar" "$dest/jars/$name" || die "two different jars are named $name"
  else
    cp "$jar" "$dest/jars/$name"
  fi
  ln -sfn "$dest/jars/$name" "$dir/$name"
}

add "$root/launcher/cli/target/gantry-cli.jar" "$dest/lib"
for jar in "$root"/launcher/cli/target/lib/*.jar; do
  add "$jar" "$dest/lib"
done

for classpath in "$root"/dist/*/target/classpath; do
  framework="$(basename "$(dirname "$(dirname "$classpath")")")"
  mkdir -p "$dest/backends/$framework"
  tr ':' '\n' <"$classpath" | while IFS= read -r jar; do
    [ -n "$jar" ] && add "$jar" "$dest/backends/$framework"
  done
done

# The image promises the build's Spark; a stale dist/ or a changed pom would break that quietly.
for dir in "$dest/lib" "$dest/backends"/*; do
  [ -e "$dir/spark-core_${scala_binary_version}-${spark_version}.jar" ] \
    || die "$dir has no spark-core_${scala_binary_version}-${spark_version}.jar"
done
echo "layout-jars.sh: $(ls "$dest/jars" | wc -l) jars; backends: $(ls "$dest/backends" | tr '\n' ' ')"
