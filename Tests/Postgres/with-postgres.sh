#!/usr/bin/env bash
# Runs CMD with a scratch PostgreSQL server on loopback and MDLKIT_POSTGRES_URL pointing at a scratch database.
#
#   Tests/Postgres/with-postgres.sh [--strict] [--require-use] CMD [ARGS...]
#
# Finds Debian's PostgreSQL binaries (/usr/lib/postgresql/*/bin, else PATH), initdb's a cluster in a temp dir,
# starts it on a free 127.0.0.1 port (unix socket in the temp dir too), creates database "mdlkit", exports
#   MDLKIT_POSTGRES_URL=postgres://mdlkit@127.0.0.1:PORT/mdlkit
# runs CMD, then stops the server and removes the dir (also on error or Ctrl-C).
# As root the server runs as the "postgres" user (PostgreSQL refuses root); CMD still runs as the caller.
#
# When the server cannot start, prints a line starting with "MDLKIT-POSTGRES-SKIPPED:" and runs CMD without
# MDLKIT_POSTGRES_URL (the PostgreSQL suite then reports itself skipped), or with --strict exits 2 instead.
# With --require-use, after CMD succeeds, fails (exit 3) unless CMD created at least one table in the database:
# proof that the PostgreSQL suite really ran rather than skipped.
set -euo pipefail

strict=0
require_use=0
while [ $# -gt 0 ]; do
  case "$1" in
    --strict) strict=1; shift ;;
    --require-use) require_use=1; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--strict] [--require-use] CMD [ARGS...]" >&2; exit 64; }

say() { echo "with-postgres: $*" >&2; }

skip() {
  echo "MDLKIT-POSTGRES-SKIPPED: $*"
  if [ "$strict" = 1 ]; then exit 2; fi
  unset MDLKIT_POSTGRES_URL
  exec "$@"
}

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  bindir="$(dirname "$(command -v initdb)")"
fi
command_args=("$@")
[ -n "$bindir" ] || skip "no PostgreSQL binaries (apt-get install postgresql)" "${command_args[@]}"

# Who runs the server: the caller, or "postgres" (else "nobody") when the caller is root.
as_server=()
if [ "$(id -u)" = 0 ]; then
  server_user=postgres
  id -u "$server_user" >/dev/null 2>&1 || server_user=nobody
  as_server=(runuser -u "$server_user" --)
fi

workdir="$(mktemp -d "${TMPDIR:-/tmp}/mdlkit-pg.XXXXXX")"
chmod 700 "$workdir"
[ ${#as_server[@]} -eq 0 ] || chown "$server_user" "$workdir"
data="$workdir/data"
started=0

cleanup() {
  status=$?
  if [ "$started" = 1 ]; then
    "${as_server[@]}" "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    say "stopped"
  fi
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

if ! "${as_server[@]}" "$bindir/initdb" -D "$data" -U mdlkit --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1; then
  cat "$workdir/initdb.log" >&2
  trap - EXIT; rm -rf "$workdir"
  skip "initdb failed" "${command_args[@]}"
fi

port=""
for _ in 1 2 3 4 5; do
  port="$(free_port)"
  if "${as_server[@]}" "$bindir/pg_ctl" -D "$data" -l "$workdir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $workdir -c max_connections=200 -c fsync=off" start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ "$started" != 1 ]; then
  tail -20 "$workdir/server.log" >&2 || true
  trap - EXIT; rm -rf "$workdir"
  skip "the server did not start" "${command_args[@]}"
fi

"${as_server[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U mdlkit mdlkit
export MDLKIT_POSTGRES_URL="postgres://mdlkit@127.0.0.1:$port/mdlkit"
say "PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port, MDLKIT_POSTGRES_URL=$MDLKIT_POSTGRES_URL"

set +e
"${command_args[@]}"
status=$?
set -e

if [ "$status" = 0 ] && [ "$require_use" = 1 ]; then
  tables="$("${as_server[@]}" "$bindir/psql" -h 127.0.0.1 -p "$port" -U mdlkit -d mdlkit -Atc \
    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
  if [ "${tables:-0}" -gt 0 ]; then
    say "the command used the database ($tables tables)"
  else
    echo "MDLKIT-POSTGRES-UNUSED: the command created no table: was the PostgreSQL suite skipped?" >&2
    status=3
  fi
fi
exit "$status"
