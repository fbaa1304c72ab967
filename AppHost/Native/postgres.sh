#!/usr/bin/env bash
# PostgreSQL from Debian's packages as an AppHost executable resource ("native" infrastructure): its
# own data directory and port, its log on stdout (the dashboard's console logs), stopped with a fast
# shutdown.
#   postgres.sh DATA_DIRECTORY PORT DATABASE...
#   env: POSTGRES_PASSWORD   the password of the role civichall (an AppHost secret parameter)
# PostgreSQL refuses to run as root: as root, the server runs as the postgres user. DCP stops an
# executable with SIGTERM, which PostgreSQL takes as a "smart" shutdown that waits for every client to
# leave (the services' pools would keep it up until DCP kills it, and the next start would recover);
# SIGTERM and SIGINT are passed on as SIGINT, the fast shutdown that ends sessions and checkpoints.
set -euo pipefail
data="$1"; port="$2"; shift 2
databases=("$@")
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is not set}"
bin="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -n1)"
[ -x "$bin/postgres" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

# The socket lives beside the data, private: local connections (this script's set-up) are trusted,
# TCP ones need the password.
sockets="$data.sockets"
mkdir -p "$data" "$sockets"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$data" "$sockets"
  as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
chmod 700 "$data" "$sockets"

if [ ! -s "$data/PG_VERSION" ]; then
  echo "initialising a PostgreSQL cluster in $data"
  "${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
fi

setsid "${as_owner[@]}" "$bin/postgres" -D "$data" -p "$port" -k "$sockets" \
  -c listen_addresses=localhost -c max_connections=300 -c logging_collector=off \
  -c log_line_prefix='%m [%p] ' &
server=$!
trap 'kill -INT "$server" 2>/dev/null || true' TERM INT
# DCP stops an executable with SIGTERM and, about a second later, kills what is left of it. The
# trap has asked for the fast shutdown by then, and the server, in a session of its own, finishes it;
# should this script die without its trap, a guardian (forked off) asks for it all the same.
setsid -f bash -c '
  wrapper=$1 server=$2
  while kill -0 "$wrapper" 2>/dev/null; do sleep 0.5; done
  kill -INT "$server" 2>/dev/null || true
' guardian $$ "$server" </dev/null >/dev/null 2>&1

psql() { "${as_owner[@]}" "$bin/psql" -h "$sockets" -p "$port" -U postgres -qtAX -v ON_ERROR_STOP=1 "$@"; }
until "$bin/pg_isready" -q -h "$sockets" -p "$port" -U postgres; do
  kill -0 "$server" 2>/dev/null || { echo "PostgreSQL stopped before it was ready (see above)" >&2; exit 1; }
  sleep 0.2
done

# The role's password follows the parameter on every start (a machine whose secrets were reset keeps
# its data); the databases are created once, before any service can race to create them.
escaped="${POSTGRES_PASSWORD//\'/\'\'}"
psql -d postgres <<SQL
DO \$\$BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'civichall') THEN
    CREATE ROLE civichall LOGIN;
  END IF;
END\$\$;
ALTER ROLE civichall PASSWORD '$escaped';
SQL
for database in "${databases[@]}"; do
  if [ -z "$(psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
    psql -d postgres -c "CREATE DATABASE \"$database\" OWNER civichall"
    echo "created database $database"
  fi
done
echo "PostgreSQL ready on localhost:$port (databases: ${databases[*]})"

# wait returns early when a trapped signal arrives; keep waiting until the server has gone.
status=0
while kill -0 "$server" 2>/dev/null; do
  wait "$server" || status=$?
done
exit "$status"
