#!/bin/sh
# Restarts hospitium@<n> for each n given, one at a time: SIGTERM (drained), started again, and on
# to the next only once it answers /readyz and nginx has had time to send it traffic again
# (fail_timeout, 5 s in deploy/nginx). Under load no request fails (bench/cluster-proof.ts checks
# the same sequence). Usage: rolling-restart.sh 1 2 3
set -eu
[ $# -gt 0 ] || { echo "usage: $0 <instance number>..." >&2; exit 2; }
for n in "$@"; do
  echo "restarting hospitium@$n"
  systemctl restart "hospitium@$n"
  tries=0
  until curl -fsS -o /dev/null "http://127.0.0.1:300$n/readyz"; do
    tries=$((tries + 1))
    [ "$tries" -lt 120 ] || { echo "hospitium@$n is not ready after 60 s; stopping here" >&2; exit 1; }
    sleep 0.5
  done
  sleep 6
done
echo "done"
