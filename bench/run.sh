#!/usr/bin/env bash
# Runs the performance benchmarks against the platform jar and writes bench/results/latest.md and latest.json.
#   bench/run.sh            the full run (about 15 minutes on 2 cores); its results file is committed
#   bench/run.sh --quick    every phase, small, in a few minutes; results in bench/results/tmp/ (gitignored)
#   bench/run.sh --no-build use the jars as they are
#   bench/run.sh --compare BEFORE.jar [AFTER.jar]
#                           ingest before/after of a change: two platform jars and the baseline, run by run
#                           (AFTER defaults to platform/target); results in bench/results/tmp/compare.md
# Everything runs on this machine, on loopback: PostgreSQL, the platform, the baseline app, the fake SMS provider and
# the load generators. Not part of `mvn -B verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

build=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    *) args+=("$a") ;;
  esac
done

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need pgbench; then
  if [ "$(id -u)" = 0 ] && need apt-get; then
    apt-get update -qq && apt-get install -y -qq wrk postgresql-client >/dev/null
  fi
  need wrk && need pgbench || { echo "bench needs wrk and pgbench (Debian: apt-get install wrk postgresql-client)" >&2; exit 1; }
fi

JAR=platform/target/switchboard-platform.jar
if [ "$build" = 1 ]; then
  if [ ! -f "$JAR" ] || [ -z "$(ls plugins/*.jar 2>/dev/null)" ]; then
    echo "building the product (mvn -B -DskipTests package)"
    mvn -B -q -DskipTests package
  elif [ -n "$(find platform/src/main connector-api/src/main -newer "$JAR" -type f | head -1)" ]; then
    echo "platform sources changed since the jar was built: rebuilding it"
    mvn -B -q -DskipTests package -pl platform -am
  fi
  mvn -B -q -DskipTests package -f bench/pom.xml
fi

rm -rf bench/results/tmp
mkdir -p bench/results/tmp
main=io.switchboard.bench.BenchMain
if [ "${args[0]:-}" = "--compare" ]; then
  main=io.switchboard.bench.CompareMain
  args=("${args[@]:1}")
fi
exec java -Dbench.repo="$ROOT" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  "$main" ${args[@]+"${args[@]}"}
