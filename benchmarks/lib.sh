# shellcheck shell=bash disable=SC2154  # root, work, … are set by the sourcing script (below)
# What scripts/bench-booking, bench-screening, bench-occupancy and bench-sanitation share: the system's start and stop, tokens
# and API calls, wrk runs with their CPU accounting, and the pieces of the report. Sourced, not run.
# The sourcing script sets, before calling anything here:
#   root        the checkout                 work     the run's directory for wrk outputs (.run/bench/…)
#   threads     wrk -t                       connections  wrk -c
#   keep        1: leave the system running  service  the measured service (its .run/pids name and database)
# and, before curl_json, ops (an ops token); those with rounds (bench-booking, bench-screening) also
# phases, rounds, measured (the phases other than alive) and wanted PHASE. Defines topology, gateway and hz.
# Services, their ports and database names come from AppHost/topology.json, as scripts/run --lean uses them.

log() { printf '[bench %3ds] %s\n' "$SECONDS" "$*" >&2; }

if ! command -v jq >/dev/null 2>&1; then
  log "installing jq"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null
fi
topology="$root/AppHost/topology.json"
gateway="http://localhost:$(jq -r '.gateway.port' "$topology")"
hz="$(getconf CLK_TCK)"

# service_url NAME: where scripts/run --lean serves that service (its port in the topology).
service_url() {
  local port
  port="$(jq -r --arg name "$1" '.services[] | select(.name == $name) | .port' "$topology")"
  [ -n "$port" ] || { log "no service $1 in $topology"; return 1; }
  echo "http://localhost:$port"
}

# --- the system ---------------------------------------------------------------------------------
# scripts/run binds fixed ports; refuse when someone else's process (not this checkout's run) has them.
refuse_foreign_ports() {
  local pidfile port holder own_pids=" "
  for pidfile in "$root"/.run/pids/*.pid; do
    [ -f "$pidfile" ] && own_pids+="$(cat "$pidfile") "
  done
  for port in $(jq -r '.gateway.port, .services[].port' "$topology"); do
    holder="$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true)"
    if [ -n "$holder" ] && [[ "$own_pids" != *" $holder "* ]]; then
      log "port $port is in use by pid $holder, which this checkout's scripts/run did not start; stop that run first"
      exit 1
    fi
  done
}

ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
}

stop_system() {
  if [ "$keep" = 1 ]; then
    log "left running (--keep); stop with: scripts/run down"
  else
    "$root/scripts/run" down >&2 || true
  fi
}

# Starts the system detached, on databases of its own, and stops it when the script exits (unless
# --keep). The benchmark databases (booking_bench, screening_bench …) are dropped first: every run
# starts from empty ones, so the halls an earlier run left (the services' background passes go
# over every hall) weigh neither on this run's figures nor on the development databases.
#
# CIVICHALL_BENCH_LAUNCHER=apphost measures the system as the README's run command starts it instead:
# under the AppHost (scripts/run --detach), on its own PostgreSQL (.run/apphost, port and password
# from the topology and the user secrets), with the dashboard collecting every process's telemetry.
# Its databases are the AppHost's own, not dropped: run it on a fresh .run/apphost for comparable figures.
launcher="${CIVICHALL_BENCH_LAUNCHER:-lean}"
pg_port=5432
pg_password=civichall
start_system() {
  trap stop_system EXIT
  # wrk drives thousands of requests a second from one token: the gateway's rate limits (README "Rate
  # limits", per replica) are raised out of reach so the benchmarks measure the services, not the limiter.
  # The processes inherit the environment (scripts/run --lean passes it on; so does the AppHost's launcher).
  local bucket
  for bucket in PerClient Anonymous BookingWrites PublicLiveView; do
    export "RateLimits__${bucket}__PermitsPerSecond=100000000" "RateLimits__${bucket}__Burst=100000000"
  done
  if [ "$launcher" = apphost ]; then
    export CIVICHALL_DATABASE_SUFFIX=
    pg_port="$(jq -r '.native.postgres' "$topology")"
    log "starting the system under the AppHost (scripts/run --detach)"
    "$root/scripts/run" --detach >&2
    # Read after the start: the first run generates the password into the AppHost's user secrets.
    pg_password="$(jq -r '."Parameters:postgres-password"' "$HOME/.microsoft/usersecrets/civichall-apphost/secrets.json")"
    return 0
  fi
  export CIVICHALL_DATABASE_SUFFIX=_bench
  "$root/scripts/infra" up >&2
  local db
  for db in $(jq -r '.services[].name, "gateway"' "$topology"); do
    runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS ${db}_bench WITH (FORCE)" >/dev/null
  done
  log "starting the system (scripts/run --lean --detach) on fresh *_bench databases"
  "$root/scripts/run" --lean --detach >&2
}

# --- API and database ---------------------------------------------------------------------------
token() { curl -sf -X POST "$gateway/dev/token?role=$1" | jq -r .accessToken; }

# curl_json METHOD URL BODY: fails (with the answer) unless the status is 2xx.
curl_json() {
  local out status
  out="$(mktemp)"
  status="$(curl -s -o "$out" -w '%{http_code}' -X "$1" "$2" -H "Authorization: Bearer $ops" \
    -H 'Content-Type: application/json' ${3:+--data-binary "$3"})"
  if [[ "$status" != 2* ]]; then
    log "$1 $2 answered $status: $(head -c 600 "$out")"
    rm -f "$out"; return 1
  fi
  cat "$out"; rm -f "$out"
}

# http_status URL: the status of a GET with the ops token.
http_status() { curl -s -o /dev/null -w '%{http_code}' "$1" -H "Authorization: Bearer $ops"; }

# sql QUERY: in the measured service's database; sql_in NAME QUERY: in service NAME's.
sql() { sql_in "$service" "$1"; }
sql_in() { PGPASSWORD="$pg_password" psql -h localhost -p "$pg_port" -U civichall -d "$1${CIVICHALL_DATABASE_SUFFIX:-}" -XAtqc "$2"; }

# pid_of NAME: the process serving NAME (lean: its pid file; under the AppHost: whoever listens on its port).
pid_of() {
  local port
  if [ "$launcher" = lean ]; then cat "$root/.run/pids/lean-$1.pid"; return; fi
  port="$(jq -r --arg name "$1" '(.services[] | select(.name == $name) | .port), (select($name == "gateway") | .gateway.port)' "$topology")"
  ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}

ceil_div() { echo $(( ($1 + $2 - 1) / $2 )); }

# hall_body OPENS CLOSES [ZONES]: a hall (occupancy's PUT /api/v1/halls/{id}) open every day of the week from
# OPENS to CLOSES; ZONES a JSON array of zones (zoneId, kind, name, areaM2), by default one large service floor.
hall_body() {
  local zones='[{"zoneId": "floor-1", "kind": "service_floor", "name": "服务区", "areaM2": 100000}]'
  jq -cn --arg opens "$1" --arg closes "$2" --argjson zones "${3:-$zones}" '{
    name: "压测大厅", district: "青浦区", timeZone: "Asia/Shanghai",
    openingHours: ["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]
      | map({day: ., opens: $opens, closes: $closes}),
    overrides: [],
    zones: $zones}'
}

# wait_for_hall HALL PATH: until the service answers 200 to GET /api/v1/halls/HALL/PATH through the
# gateway, i.e. has learnt of the hall from occupancy's event (60 s at most).
wait_for_hall() {
  local deadline=$((SECONDS + 60))
  until [ "$(http_status "$gateway/api/v1/halls/$1/$2")" = 200 ]; do
    [ $SECONDS -lt $deadline ] || { log "$service did not learn of hall $1 within 60 s"; return 1; }
    sleep 0.2
  done
}

outbox_backlog() { sql "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL"; }

# settle NAME: what a phase left behind is done before the next one starts. The relay publishes a
# phase's events after the phase that wrote them, and the other services consume them after that; both
# finish first, so that the next phase does not pay for this one's consumers; then every database is
# vacuumed (vacuum_databases) and PostgreSQL checkpoints (checkpoint). Writes $work/NAME.backlog (the
# backlog when the phase ended), $work/NAME.drain (seconds waited, backlog left) and $work/NAME.queues
# (seconds until every queue on the broker was empty, messages left); drain_cells reports them.
settle() {
  local name="$1" backlog start=$EPOCHREALTIME
  backlog="$(outbox_backlog)"
  echo "$backlog" >"$work/$name.backlog"
  if [ "$backlog" = 0 ]; then echo "0.0 0" >"$work/$name.drain"
  else
    while [ "$(outbox_backlog)" != 0 ] && [ "$(since "$start" %.0f)" -lt 300 ]; do sleep 0.2; done
    echo "$(since "$start" %.1f) $(outbox_backlog)" >"$work/$name.drain"
  fi
  drain_queues "$name"
  vacuum_databases
  checkpoint
}

# vacuum_databases: VACUUM (ANALYZE) in every service's database. A phase inserts tens of thousands of
# rows, after which PostgreSQL's autovacuum is due; run now, it does not land in the next phase (which
# measured the first run after the warm-up 0.82 and 0.86 of direct, then 1.02: docs/benchmarks.md, "Rounds").
vacuum_databases() {
  local name start=$EPOCHREALTIME
  for name in $(jq -r '.services[].name' "$topology"); do
    sql_in "$name" "VACUUM (ANALYZE)" >/dev/null 2>&1 || log "VACUUM in the $name database failed"
  done
  log "databases vacuumed in $(since "$start" %.1f) s"
}
# checkpoint: a CHECKPOINT, as the server's superuser over its local socket, so that every phase starts at
# the same point of PostgreSQL's checkpoint cycle. A booking writes some 6-7 KB of WAL and the server
# checkpoints every ~530 MB (max_wal_size 1 GB): a checkpoint began in about half the runs, in most first
# runs after the warm-up 2-5 s in, and the first writes to every page after one log the whole page
# (full_page_writes), so the run it lands in pays more (docs/benchmarks.md, "Checkpoints").
checkpoint() {
  local start=$EPOCHREALTIME server=()
  [ "$launcher" = lean ] || server=(-h "$root/.run/apphost/postgres.sockets" -p "$pg_port")
  if runuser -u postgres -- psql "${server[@]}" -XAtqc CHECKPOINT >/dev/null 2>&1; then
    log "checkpoint in $(since "$start" %.1f) s"
  else
    log "CHECKPOINT failed: the phases that follow may see checkpoints of their own (the report counts them)"
  fi
}
# wal_mark: "LSN checkpoints full_page_images flushes" of the server now: its WAL position, the
# checkpoints it has begun (timed or requested), the whole pages it has logged and the times it has
# flushed WAL to disk (fsync; a commit waits for one, and commits arriving together share it).
# wal_since MARK: "bytes checkpoints full_page_images flushes" since. The whole server's: the services'
# consumers and relays write during a run too (and pg_stat_wal's counts trail by up to a second).
# Figures, not checks: when the server cannot give them (PostgreSQL 17 moved the checkpoint counts to
# pg_stat_checkpointer) both print nothing, the report leaves the WAL table out (wal_section) and the run
# goes on.
wal_mark() {
  sql "SELECT pg_current_wal_lsn(), b.checkpoints_timed + b.checkpoints_req, w.wal_fpi, w.wal_sync FROM pg_stat_bgwriter b, pg_stat_wal w" \
    2>/dev/null | tr '|' ' ' || true
}
wal_since() {
  local lsn checkpoints images flushes
  read -r lsn checkpoints images flushes <<<"$1" || return 0
  sql "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn')::bigint, b.checkpoints_timed + b.checkpoints_req - $checkpoints,
         w.wal_fpi - $images, w.wal_sync - $flushes FROM pg_stat_bgwriter b, pg_stat_wal w" 2>/dev/null | tr '|' ' ' || true
}
# since EPOCHREALTIME FORMAT: the seconds since then (the outbox's drain is timed to a fifth of a second:
# the ratios counting it add it to a phase of 30 s).
since() { awk -v t0="$1" -v t1="$EPOCHREALTIME" -v f="$2" 'BEGIN { printf f, t1 - t0 }'; }

# drain_cells PHASE: the report's last two cells of a phase's row, "backlog → drained | queues empty".
drain_cells() {
  local drain_s drain_left queues_s queues_left drained queues
  read -r drain_s drain_left <"$work/$1.drain"
  drained="in $drain_s s"; [ "$drain_left" = 0 ] || drained="not drained after $drain_s s ($drain_left left)"
  read -r queues_s queues_left <"$work/$1.queues"
  queues="after $queues_s s more"; [ "$queues_left" = 0 ] || queues="not after $queues_s s ($queues_left messages left)"
  echo "$(group "$(cat "$work/$1.backlog")") → $drained | $queues"
}

# queued_messages: messages ready or unacknowledged on every queue of the broker. The machine's RabbitMQ
# (lean) answers exactly through rabbitmqctl; the AppHost's through its management API, whose counts are
# at most 5 s old (its statistics interval).
queued_messages() {
  if [ "$launcher" = lean ]; then
    rabbitmqctl list_queues -q --no-table-headers messages 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
  else
    local password
    password="$(jq -r '."Parameters:rabbitmq-password"' "$HOME/.microsoft/usersecrets/civichall-apphost/secrets.json")"
    curl -sf -u "civichall:$password" "http://localhost:$(jq -r '.native."rabbitmq-management"' "$topology")/api/queues?columns=messages" \
      | jq '[.[].messages // 0] | add // 0'
  fi
}

# drain_queues NAME: until the broker's queues are empty twice in a row (a consumer's own events follow
# it through the outbox), 300 s at most; under the AppHost the second look is 6 s later.
drain_queues() {
  local name="$1" start=$EPOCHREALTIME pause=1 left empty_at
  [ "$launcher" = lean ] || pause=6
  while :; do
    left="$(queued_messages)"
    empty_at="$(since "$start" %.1f)"
    if [ "$left" = 0 ]; then
      sleep "$pause"
      left="$(queued_messages)"
      [ "$left" = 0 ] && break
    fi
    [ "${empty_at%.*}" -lt 300 ] || break
    sleep 0.5
  done
  # The time of the first of the two empty looks: when the consumers were done.
  echo "$empty_at $left" >"$work/$name.queues"
}

# --- rounds -------------------------------------------------------------------------------------
# With --rounds R the measured phases run R times each: in the order --phases lists them in odd rounds,
# reversed in even ones (gateway direct | direct gateway), so that what drifts during a run (the tables
# grow, the host warms, a background pass comes round) weighs on both paths alike rather than on
# whichever phase comes second. A phase's rate is over all its runs (docs/benchmarks.md, "Rounds").
# plan_rounds R PHASE…: sets runs (every run in the order it goes: PHASE in round 1, PHASE-2 in
# round 2 …) and, per run, run_phase, run_round and run_digit (1, 2 … in run order: the digit that
# keeps its people and Idempotency-Keys apart in the Lua scripts; the warm-up's is 0).
plan_rounds() {
  local total="$1" round i name order
  shift
  runs=()
  declare -gA run_phase=() run_round=() run_digit=()
  for ((round = 1; round <= total; round++)); do
    order=("$@")
    if ((round % 2 == 0)); then
      order=()
      for ((i = $#; i >= 1; i--)); do order+=("${!i}"); done
    fi
    for i in "${order[@]}"; do
      name="$(run_name "$i" "$round")"
      [ -z "${run_phase[$name]:-}" ] || { log "phase $i is listed twice"; exit 2; }
      runs+=("$name"); run_phase[$name]="$i"; run_round[$name]="$round"; run_digit[$name]="${#runs[@]}"
    done
  done
  [ "${#runs[@]}" -le 9 ] || { log "at most 9 measured runs (--rounds × phases): the ID numbers keep one digit for them"; exit 2; }
}
# runs_of PHASE: the phase's runs, in the order they went.
runs_of() { local run; for run in "${runs[@]}"; do [ "${run_phase[$run]}" != "$1" ] || echo "$run"; done; }
# run_label RUN LABEL: LABEL, with the round when there are several.
run_label() { if [ "$rounds" -gt 1 ]; then echo "$2, round ${run_round[$1]}"; else echo "$2"; fi; }
# run_name PHASE ROUND: the name plan_rounds gives that run.
run_name() { if [ "$2" = 1 ]; then echo "$1"; else echo "$1-$2"; fi; }
# over_runs PHASE COMMAND ARG…: the sum of COMMAND RUN ARG… over the phase's runs (value, status_count …).
over_runs() {
  local phase="$1" sum=0 run
  shift
  for run in $(runs_of "$phase"); do sum=$((sum + $("$1" "$run" "${@:2}"))); done
  echo "$sum"
}
# max_over_runs PHASE KEY: the largest wrk value KEY of the phase's runs (its worst p99).
max_over_runs() {
  local phase="$1" max=0 run v
  for run in $(runs_of "$phase"); do v="$(value "$run" "$2")"; [ "$v" -le "$max" ] || max="$v"; done
  echo "$max"
}
# outbox_us RUN / queues_us RUN: microseconds the run's outbox took to drain after wrk stopped, and
# the broker's queues to empty after that.
outbox_us() { awk '{ printf "%.0f", $1 * 1e6 }' "$work/$1.drain"; }
queues_us() { awk '{ printf "%.0f", $1 * 1e6 }' "$work/$1.queues"; }
# run_rate RUN: the run's requests/s.
run_rate() { per_second "$(value "$1" requests)" "$(value "$1" duration_us)"; }
# phase_rate PHASE [WAIT…]: requests/s over the phase's runs, their time counting the WAITs as well
# (outbox_us, queues_us).
phase_rate() {
  local phase="$1" us wait
  us="$(over_runs "$phase" value duration_us)"
  for wait in "${@:2}"; do us=$((us + $(over_runs "$phase" "$wait"))); done
  per_second "$(over_runs "$phase" value requests)" "$us"
}
# phase_figures COUNT ARG…: for the report, into the arrays rate, ok_rate and p99 (the script declares
# them): alive's requests/s, and every measured phase's over all its runs, with its answers counted by
# COUNT RUN ARG… per second (status_count 201, status_prefix_count 201) and its worst run's p99.
phase_figures() {
  local phase
  if wanted alive; then rate[alive]="$(run_rate alive)"; fi
  for phase in "${measured[@]}"; do
    rate[$phase]="$(phase_rate "$phase")"
    ok_rate[$phase]="$(per_second "$(over_runs "$phase" "$@")" "$(over_runs "$phase" value duration_us)")"
    p99[$phase]="$(max_over_runs "$phase" latency_p99)"
  done
}
# ratio_rows PHASE_A PHASE_B LABEL: the ratio section's rows for A ÷ B in requests/s: over all rounds;
# each round's own pair; and counting each run until its outbox was drained, then until the broker's
# queues were empty too. A phase's events are part of its work, and so are their consumers': a run that
# leaves more of either for after its window is not faster for that (docs/benchmarks.md, "Rounds").
ratio_rows() {
  local a="$1" b="$2" label="$3" round per_round=()
  echo "| $label, all rounds | $(ratio "$(phase_rate "$a")" "$(phase_rate "$b")") |"
  if [ "$rounds" -gt 1 ]; then
    for ((round = 1; round <= rounds; round++)); do
      per_round+=("$(ratio "$(run_rate "$(run_name "$a" "$round")")" "$(run_rate "$(run_name "$b" "$round")")")")
    done
    echo "| $label, each round (1 … $rounds) | $(IFS=,; echo "${per_round[*]}" | sed 's/,/, /g') |"
  fi
  echo "| $label, all rounds, counting each run until its outbox was drained | $(ratio "$(phase_rate "$a" outbox_us)" "$(phase_rate "$b" outbox_us)") |"
  echo "| $label, all rounds, counting each run until its outbox was drained and the broker's queues were empty | $(ratio "$(phase_rate "$a" outbox_us queues_us)" "$(phase_rate "$b" outbox_us queues_us)") |"
}

# --- CPU ----------------------------------------------------------------------------------------
# CPU time, to see where a request's cost goes and how busy the rest of the host was (the load
# generator shares it). ticks PID…: user + system clock ticks of those processes.
ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# postgres_ticks: "pid ticks" of every server process of the measured service's database.
postgres_ticks() {
  local pid
  for pid in $(sql "SELECT pid FROM pg_stat_activity WHERE datname = '$service${CIVICHALL_DATABASE_SUFFIX:-}' AND pid <> pg_backend_pid()"); do
    echo "$pid $(ticks "$pid")"
  done
}
# host_ticks: "busy total" clock ticks of the whole host.
host_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }
# child_ticks FILE: user + system ticks of this shell's finished children (wrk), from `times`
# written to FILE by this shell itself (in a $(…) subshell `times` would count the subshell's).
child_ticks() { awk -v hz="$hz" 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.0f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz }' "$1"; }

# measure NAME URL SECONDS SCRIPT ARG…: one wrk run with the Lua SCRIPT and its ARGs; its output in
# $work/NAME.out, its start (UTC) in $work/NAME.started and the CPU each part used in $work/NAME.cpu
# (clock ticks: gateway service postgres wrk host_busy host_total), and PostgreSQL's WAL figures during it
# in $work/NAME.wal (wal_since).
measure() {
  local name="$1" target="$2" duration="$3" script="$4"
  shift 4
  local gw_pid sv_pid gw0 sv0 host0 host1 pg wal0
  gw_pid="$(pid_of gateway)"; sv_pid="$(pid_of "$service")"
  log "$name: wrk -t$threads -c$connections -d${duration}s against $target"
  date -u '+%Y-%m-%d %H:%M:%S.%N+00' >"$work/$name.started"
  wal0="$(wal_mark)"
  postgres_ticks >"$work/$name.pg0"; gw0="$(ticks "$gw_pid")"; sv0="$(ticks "$sv_pid")"; times >"$work/$name.times0"; host0="$(host_ticks)"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency \
    -s "$script" "$target" -- "$@" >"$work/$name.out" 2>&1 \
    || { log "wrk failed: $(tail -n 5 "$work/$name.out")"; return 1; }
  times >"$work/$name.times1"
  host1="$(host_ticks)"
  wal_since "$wal0" >"$work/$name.wal"
  pg="$(postgres_ticks | awk 'FILENAME == ARGV[1] { before[$1] = $2; next } { s += $2 - before[$1] } END { print s + 0 }' "$work/$name.pg0" -)"
  echo "$(( $(ticks "$gw_pid") - gw0 )) $(( $(ticks "$sv_pid") - sv0 )) $pg $(( $(child_ticks "$work/$name.times1") - $(child_ticks "$work/$name.times0") ))" \
    "$(awk -v a="$host0" -v b="$host1" 'BEGIN { split(a, x, " "); split(b, y, " "); print y[1] - x[1], y[2] - x[2] }')" >"$work/$name.cpu"
}

# --- report -------------------------------------------------------------------------------------
# value PHASE KEY: a "BENCH KEY VALUE" line of the phase's wrk output (0 when absent).
value() { awk -v k="$2" '$1 == "BENCH" && $2 == k { print $3; found = 1 } END { if (!found) print 0 }' "$work/$1.out"; }
# statuses PHASE: "KEY COUNT" per kind of answer (201, 409:slot_full, 201:admit, …).
statuses() { awk '$1 == "BENCH" && $2 == "status" { print $3, $4 }' "$work/$1.out"; }
status_count() { statuses "$1" | awk -v k="$2" '$1 == k { s += $2 } END { print s + 0 }'; }
# status_prefix_count PHASE PREFIX: answers whose key starts with PREFIX (201 counts 201 and 201:admit, …).
status_prefix_count() { statuses "$1" | awk -v p="$2" 'index($1, p) == 1 { s += $2 } END { print s + 0 }'; }
fivexx_count() { statuses "$1" | awk '$1 ~ /^5/ { s += $2 } END { print s + 0 }'; }
socket_errors() { echo $(( $(value "$1" errors_connect) + $(value "$1" errors_read) + $(value "$1" errors_write) )); }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }
per_second() { awk -v n="$1" -v us="$2" 'BEGIN { printf "%.0f", (us > 0 ? n * 1e6 / us : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "–" }'; }
group() { printf "%s" "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
hall_list() { sed "s/.*/'&'/" "$work/$1.halls" | paste -sd, -; }
# met RATE MIN_RATE P99_US MAX_P99_MS: yes when both targets are met.
met() { awk -v r="$1" -v rmin="$2" -v p="$3" -v pmax="$4" 'BEGIN { print (r >= rmin && p <= pmax * 1000) ? "yes" : "no" }'; }

# machine_line / load_line: the report's first lines (the host, the commit, the load).
machine_line() {
  local dirty=""
  [ -z "$(git -C "$root" status --porcelain --untracked-files=no)" ] || dirty=" (with uncommitted changes)"
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) memory; commit \`$(git -C "$root" rev-parse --short HEAD)\`$dirty."
}
# load_line SECONDS WARMUP
load_line() {
  local warmed="no warm-up"
  [ "$2" = 0 ] || warmed="warm-up ${2} s of the same load, not reported"
  echo "Load: \`wrk -t$threads -c$connections -d${1}s --timeout 10s\` per phase ($(wrk --version 2>&1 | head -n1 | awk '{ print $1, $2 }')), on the same host as the system; $warmed."
}

# order_line: the order the phases ran in (/alive first, then the warm-up, then the runs of plan_rounds).
order_line() {
  local order=()
  [[ ",$phases," == *",alive,"* ]] && order+=(alive)
  [ "$warmup" = 0 ] || order+=(warm-up)
  echo "Phases ran in this order: ${order[*]} ${runs[*]} ($rounds round(s): the phases in the order --phases lists them, reversed in every second round)."
}

# cpu_section PHASE…: "Where the CPU went", a row per phase measured.
cpu_section() {
  local phase c_gw c_sv c_pg c_wrk c_busy c_total
  echo "## Where the CPU went"
  echo
  echo "CPU time during each phase (user + system), per request, of the gateway process, the $service process, the PostgreSQL server processes of the $service database and wrk; and how busy the whole host ($(nproc) cores) was, with the share taken by everything else (other work on the host distorts the figures above)."
  echo
  echo "| phase | gateway | $service | PostgreSQL | wrk | host busy | of which everything else |"
  echo "|---|---|---|---|---|---|---|"
  for phase in "$@"; do
    [ -f "$work/$phase.cpu" ] || continue
    read -r c_gw c_sv c_pg c_wrk c_busy c_total <"$work/$phase.cpu"
    awk -v n="$(value "$phase" requests)" -v hz="$hz" -v gw="$c_gw" -v sv="$c_sv" -v pg="$c_pg" -v wrk="$c_wrk" \
        -v busy="$c_busy" -v total="$c_total" -v ph="$phase" 'BEGIN {
      per = (n > 0 ? 1e6 / hz / n : 0)
      else_ = busy - gw - sv - pg - wrk; if (else_ < 0) else_ = 0
      printf "| %s | %.0f µs | %.0f µs | %.0f µs | %.0f µs | %.0f %% | %.0f %% |\n", ph, gw * per, sv * per, pg * per, wrk * per,
        (total > 0 ? 100 * busy / total : 0), (total > 0 ? 100 * else_ / total : 0) }'
  done
  echo
  wal_section "$@"
}

# wal_section PHASE…: PostgreSQL's WAL during each phase (wal_since), per request; nothing when no phase has figures.
wal_section() {
  local phase bytes checkpoints images flushes
  for phase in "$@"; do [ -s "$work/$phase.wal" ] && break; done
  [ -s "$work/$phase.wal" ] || return 0
  echo "PostgreSQL's WAL during each phase (the whole server's), per request: bytes written, whole pages logged (the first write to a page after a checkpoint logs all of it), and flushes to disk (a commit waits for one; commits arriving together share it); and the checkpoints the server began during the phase (a phase that has one pays for it: docs/benchmarks.md, \"Checkpoints\")."
  echo
  echo "| phase | WAL | whole pages | flushes | checkpoints begun |"
  echo "|---|---|---|---|---|"
  for phase in "$@"; do
    [ -s "$work/$phase.wal" ] || continue
    read -r bytes checkpoints images flushes <"$work/$phase.wal" || true
    awk -v n="$(value "$phase" requests)" -v ph="$phase" -v b="$bytes" -v c="$checkpoints" -v i="$images" -v f="$flushes" 'BEGIN {
      if (n == 0) { printf "| %s | – | – | – | %s |\n", ph, c; exit }
      printf "| %s | %.1f KB | %.2f | %.2f | %s |\n", ph, b / n / 1024, i / n, f / n, c }'
  done
  echo
}

# log_cells FILE: "fail | warn | messages" of a service's log (a table row's cells): how many fail and warn
# lines, and the first message of each kind (level, category and event id) of fail, warn and crit. Reads
# the console format the services write (ServiceDefaults: one line, "<UTC time> level: category[id] message")
# and the older one (the message on the next line, indented).
log_cells() {
  awk '
    { line = $0; sub(/^[0-9][0-9-]*T[0-9:.]+Z /, "", line) }
    line ~ /^(fail|warn|crit): / {
      count[substr(line, 1, 4)]++
      if (line ~ /\]$/ && (getline following) > 0) { sub(/^ +/, "", following); line = line " " following }
      kind = substr(line, 1, index(line, "]"))
      if (!(kind in seen)) { seen[kind] = 1; messages = messages sep "`" substr(line, 1, 300) "`"; sep = "; " }
    }
    END { printf "%d | %d | %s", count["fail"], count["warn"], (messages == "" ? "–" : messages) }' "$1"
}

# samples_section PHASE…: the first body of every unexpected answer, when there was any.
samples_section() {
  local phase
  grep -q '^BENCH sample ' "$work"/*.out 2>/dev/null || return 0
  echo "## Unexpected answers (first body of each kind)"
  echo
  for phase in "$@"; do
    [ -f "$work/$phase.out" ] || continue
    awk -v ph="$phase" '$1 == "BENCH" && $2 == "sample" { key = $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); printf "- %s, %s: `%s`\n", ph, key, $0 }' "$work/$phase.out"
  done
  echo
}
