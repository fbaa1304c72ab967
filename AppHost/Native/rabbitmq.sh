#!/usr/bin/env bash
# RabbitMQ from Debian's packages as an AppHost executable resource ("native" infrastructure): a node
# of its own (name, ports, state directory, Erlang port mapper), its log on stdout (the dashboard's
# console logs), so it runs beside a RabbitMQ the machine may already have.
#   rabbitmq.sh STATE_DIRECTORY AMQP_PORT MANAGEMENT_PORT DISTRIBUTION_PORT EPMD_PORT
#   env: RABBITMQ_PASSWORD   the password of the user civichall (an AppHost secret parameter)
# As root, the node runs as the rabbitmq user. The node and the Erlang port mapper (epmd) on its
# private port stop when this script stops, however it stops (see the guardian below).
set -euo pipefail
state="$1"; amqp="$2"; management="$3"; distribution="$4"; epmd_port="$5"
: "${RABBITMQ_PASSWORD:?RABBITMQ_PASSWORD is not set}"
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { echo "RabbitMQ is not installed (apt-get install rabbitmq-server)" >&2; exit 1; }

mkdir -p "$state/mnesia" "$state/log"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown -R rabbitmq:rabbitmq "$state"
  as_owner=(setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups --)
fi
chmod 700 "$state"

cat >"$state/rabbitmq.conf" <<CONF
listeners.tcp.local = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $management
loopback_users = none
log.console = true
log.console.level = info
log.file = false
CONF
echo '[rabbitmq_management].' >"$state/enabled_plugins"
: >"$state/rabbitmq-env.conf"
[ "$(id -u)" = 0 ] && chown rabbitmq:rabbitmq "$state"/rabbitmq.conf "$state"/enabled_plugins "$state"/rabbitmq-env.conf

export HOME="$state"
export RABBITMQ_NODENAME="civichall-$amqp@localhost"
export RABBITMQ_CONF_ENV_FILE="$state/rabbitmq-env.conf"
export RABBITMQ_CONFIG_FILE="$state/rabbitmq.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$state/enabled_plugins"
export RABBITMQ_MNESIA_BASE="$state/mnesia"
export RABBITMQ_LOG_BASE="$state/log"
export RABBITMQ_PID_FILE="$state/rabbitmq.pid"
export RABBITMQ_NODE_PORT="$amqp"
export RABBITMQ_DIST_PORT="$distribution"
export ERL_EPMD_PORT="$epmd_port"
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
rm -f "$RABBITMQ_PID_FILE"

setsid "${as_owner[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true' TERM INT

# DCP stops an executable with SIGTERM and, about a second later, kills what is left of it: this
# script dies, the node (in a session of its own) goes on shutting down, and the port mapper it
# started on its private port would be left behind. A guardian (forked off, a child of no one here)
# ties the node to this script: when the script has gone, however it
# went, the VM is asked to stop (SIGTERM: a clean shutdown), and once it has, the port mapper is too.
setsid -f bash -c '
  wrapper=$1 pid_file=$2 epmd_port=$3 vm=""
  while kill -0 "$wrapper" 2>/dev/null; do
    [ -s "$pid_file" ] && vm="$(cat "$pid_file")"   # the node removes it as it stops
    sleep 0.5
  done
  if [ -n "$vm" ]; then
    kill -TERM "$vm" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$vm" 2>/dev/null || break; sleep 0.5; done
  fi
  for _ in $(seq 1 20); do
    ERL_EPMD_PORT="$epmd_port" epmd -names >/dev/null 2>&1 || break
    ERL_EPMD_PORT="$epmd_port" epmd -kill >/dev/null 2>&1 || true
    sleep 0.5
  done
' guardian $$ "$RABBITMQ_PID_FILE" "$epmd_port" </dev/null >/dev/null 2>&1

ctl() { "${as_owner[@]}" env HOME="$state" /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$RABBITMQ_NODENAME" "$@"; }
until ctl await_startup --timeout 5 >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || { echo "RabbitMQ stopped before it was ready (see above)" >&2; exit 1; }
done

# The user's password follows the parameter on every start (a machine whose secrets were reset keeps
# its data); guest is not used.
if ctl list_users | grep -q '^civichall'; then
  ctl change_password civichall "$RABBITMQ_PASSWORD" >/dev/null
else
  ctl add_user civichall "$RABBITMQ_PASSWORD" >/dev/null
fi
ctl set_user_tags civichall administrator >/dev/null
ctl set_permissions -p / civichall '.*' '.*' '.*' >/dev/null
ctl delete_user guest >/dev/null 2>&1 || true
echo "RabbitMQ ready on localhost:$amqp (management http://localhost:$management)"

status=0
while kill -0 "$server" 2>/dev/null; do
  wait "$server" || status=$?
done
exit "$status"
