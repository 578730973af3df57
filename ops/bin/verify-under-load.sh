#!/usr/bin/env bash
# Runs the build's tests several times in a row while two busy loops keep both cores loaded, as
# CI machines and users' clusters are: every integration test must pass like this.
#
#   ops/bin/verify-under-load.sh [RUNS] [maven arguments...]
#
#   ops/bin/verify-under-load.sh                      # the whole `mvn verify`, 3 runs
#   ops/bin/verify-under-load.sh 3 -pl ops/app -am -Dtest=none -Dit.test='CrashRecovery*,Rebalance*'
#   ops/bin/verify-under-load.sh 3 -pl ops/app -am -Dtest=none -Dit.test='CrashRecovery*' -Dregretless.it.restart.pause.ms=30000
#
# Each run's Maven output goes to target/under-load/run-N.log; the script exits non-zero if any run failed.
set -uo pipefail
cd "$(dirname "$0")/../.."

runs=3
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then
  runs=$1
  shift
fi
busy=()
cleanup() { [ ${#busy[@]} -gt 0 ] && kill "${busy[@]}" 2>/dev/null; }
trap cleanup EXIT
for _ in 1 2; do
  bash -c 'while :; do :; done' &
  busy+=($!)
done
echo "two busy loops running (pids ${busy[*]}); $runs run(s) of: mvn -B -ntp verify $*"

mkdir -p target/under-load
failed=0
for run in $(seq 1 "$runs"); do
  log=target/under-load/run-$run.log
  start=$(date +%s)
  if mvn -B -ntp verify "$@" >"$log" 2>&1; then
    result=passed
  else
    result=FAILED
    failed=$((failed + 1))
  fi
  echo "run $run: $result in $(( $(date +%s) - start )) s ($(grep -hE '^\[(INFO|WARNING|ERROR)\] Tests run:.*Fail' "$log" | tail -2 | tr '\n' ' '))"
  grep -hE '<<< (FAILURE|ERROR)!' "$log" | head -5
done
echo "$((runs - failed)) of $runs runs passed"
exit $(( failed > 0 ))
