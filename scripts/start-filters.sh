#!/usr/bin/env bash
# Starts SpamAssassin (spamd) and rspamd on 127.0.0.1 with mailscore's settings (deploy/), for the tests,
# the benchmarks and anyone who wants mailscore to use them without touching the system's own services.
#
#   scripts/start-filters.sh start [spamd] [rspamd]   # both by default; prints the settings to export
#   scripts/start-filters.sh stop
#
#   eval "$(scripts/start-filters.sh start)"   # sets MAILSCORE_SPAMD and MAILSCORE_RSPAMD for this shell
#
# Environment: MAILSCORE_FILTERS_DIR (state: configs, pid files, logs; default ./data/filters),
# SPAMD_PORT (default 783 as root, else 7830), RSPAMD_PORT (default 11333), SPAMD_CHILDREN (default 4).
#
# Debian's packages: apt-get install spamd spamassassin spamc rspamd. Debian's rules are used as shipped
# (/usr/share/spamassassin); nothing is downloaded (no sa-update), and neither daemon makes network tests.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
state="${MAILSCORE_FILTERS_DIR:-./data/filters}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
if [ "$(id -u)" -eq 0 ]; then default_spamd_port=783; else default_spamd_port=7830; fi
spamd_port="${SPAMD_PORT:-$default_spamd_port}"
rspamd_port="${RSPAMD_PORT:-11333}"
spamd_children="${SPAMD_CHILDREN:-4}"
# Starting takes a few seconds (spamd ~3 s, rspamd ~10 s); past this something is wrong.
wait_seconds=90

log() { printf '%s\n' "start-filters: $*" >&2; }

# True when something answers on 127.0.0.1:$1 with a reply that contains $3 to the request $2.
answers() {
  local port="$1" request="$2" expect="$3" reply
  reply="$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf '%b' "$request" >&3
    timeout 5 cat <&3
  )" || return 1
  [[ "$reply" == *"$expect"* ]]
}
spamd_answers() { answers "$spamd_port" 'PING SPAMC/1.5\r\n\r\n' 'PONG'; }
rspamd_answers() { answers "$rspamd_port" 'GET /ping HTTP/1.0\r\n\r\n' 'pong'; }

# Waits until $1 (spamd or rspamd) answers; on failure shows the end of its log.
wait_for() {
  local name="$1" pid deadline=$((SECONDS + wait_seconds))
  pid="$(cat "$state/$name.pid" 2>/dev/null || true)"
  until "${name}_answers"; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && [ "$name" = rspamd ]; then
      log "$name exited during its start; the end of $state/$name.log:"
      tail -n 20 "$state/$name.log" >&2 || true
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name did not answer within $wait_seconds s; the end of $state/$name.log:"
      tail -n 20 "$state/$name.log" >&2 || true
      return 1
    fi
    sleep 0.3
  done
}

start_spamd() {
  command -v spamd >/dev/null || { log "spamd is not installed (apt-get install spamd spamassassin spamc)"; return 1; }
  if spamd_answers; then
    # Ours from an earlier start, or another spamd (then with its own settings, not deploy/'s).
    log "spamd already answers on 127.0.0.1:$spamd_port; not starting another"
    echo "export MAILSCORE_SPAMD=127.0.0.1:$spamd_port"
    return 0
  fi
  # --siteconfigpath replaces /etc/spamassassin, whose .pre files load the plugins: link them, add ours.
  local site="$state/spamassassin"
  rm -rf "$site"
  mkdir -p "$site"
  ln -s /etc/spamassassin/*.pre "$site/" || return 1
  cp "$repo/deploy/spamassassin/mailscore.cf" "$site/" || return 1
  # As root, spamd scans as nobody, who must be able to read the settings.
  chmod -R a+rX "$state" || return 1
  # --configpath pins Debian's shipped rules even where sa-update has written newer ones elsewhere.
  spamd --daemonize --pidfile="$state/spamd.pid" --syslog="$state/spamd.log" \
    --listen="127.0.0.1:$spamd_port" --allowed-ips=127.0.0.1 \
    --max-children="$spamd_children" --min-children=1 --nouser-config \
    --configpath=/usr/share/spamassassin --siteconfigpath="$site" </dev/null >>"$state/spamd.log" 2>&1 || {
    log "spamd did not start; the end of $state/spamd.log:"
    tail -n 20 "$state/spamd.log" >&2 || true
    return 1
  }
  wait_for spamd
  log "spamd answers on 127.0.0.1:$spamd_port"
  echo "export MAILSCORE_SPAMD=127.0.0.1:$spamd_port"
}

start_rspamd() {
  command -v rspamd >/dev/null || { log "rspamd is not installed (apt-get install rspamd)"; return 1; }
  if rspamd_answers; then
    log "rspamd already answers on 127.0.0.1:$rspamd_port; not starting another"
    echo "export MAILSCORE_RSPAMD=http://127.0.0.1:$rspamd_port"
    return 0
  fi
  local conf="$state/rspamd"
  rm -rf "$conf"
  mkdir -p "$conf/run" "$conf/db" "$conf/log"
  cp -r "$repo/deploy/rspamd/local.d" "$conf/" || return 1
  printf 'bind_socket = "127.0.0.1:%s";\ncount = 1;\n' "$rspamd_port" >"$conf/local.d/worker-normal.inc"
  local as_root=()
  [ "$(id -u)" -ne 0 ] || as_root=(-u root -g root --insecure)
  rspamd -f "${as_root[@]}" -c /etc/rspamd/rspamd.conf \
    --var="LOCAL_CONFDIR=$conf" --var="RUNDIR=$conf/run" --var="DBDIR=$conf/db" --var="LOGDIR=$conf/log" \
    >"$state/rspamd.log" 2>&1 </dev/null &
  echo $! >"$state/rspamd.pid"
  wait_for rspamd
  log "rspamd answers on 127.0.0.1:$rspamd_port"
  echo "export MAILSCORE_RSPAMD=http://127.0.0.1:$rspamd_port"
}

stop_one() {
  local name="$1" pid
  pid="$(cat "$state/$name.pid" 2>/dev/null || true)"
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null && log "stopped $name ($pid)" || true
  rm -f "$state/$name.pid"
}

command="${1:-start}"
shift || true
case "$command" in
  start)
    which=("$@")
    [ "${#which[@]}" -gt 0 ] || which=(spamd rspamd)
    status=0
    for name in "${which[@]}"; do
      case "$name" in
        spamd) start_spamd || status=1 ;;
        rspamd) start_rspamd || status=1 ;;
        *) log "unknown filter $name (spamd or rspamd)"; exit 2 ;;
      esac
    done
    exit "$status"
    ;;
  stop)
    stop_one spamd
    stop_one rspamd
    ;;
  *)
    log "usage: $0 start [spamd] [rspamd] | stop"
    exit 2
    ;;
esac
