#!/bin/sh
# A throwaway PostgreSQL server for the tests of the PostgreSQL log.
#
#   scripts/postgres-test-server.sh start   makes a cluster in a new temporary folder, starts
#                                           it on a unix socket there (no TCP port) and prints
#                                           its URL as the last line
#   scripts/postgres-test-server.sh start --durable   the same, writing to disk as a real server
#                                           does (the tests' server skips fsync, for speed)
#   scripts/postgres-test-server.sh stop URL   stops that server and removes its folder
#
# initdb and pg_ctl refuse to run as root: run as root, the cluster belongs to the user
# "postgres" (Debian's package makes it), or "nobody". Exits 1, saying why, when there is
# no PostgreSQL server on this machine (on Debian: sudo apt-get install postgresql).
set -eu

bindir() {
    for dir in "${PG_BINDIR:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
    done
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir)
        [ -x "$dir/initdb" ] && { echo "$dir"; return; }
    fi
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return
    return 1
}

# Run a command as the cluster's owner: ourselves, or a user of no privilege when root.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$owner" -- "$@"
    else
        "$@"
    fi
}

pick_owner() {
    owner=$(id -un)
    if [ "$(id -u)" = 0 ]; then
        owner=nobody
        id postgres >/dev/null 2>&1 && owner=postgres
    fi
}

start() {
    fsync="-c fsync=off"
    [ "${1:-}" = "--durable" ] && fsync=""
    bin=$(bindir) || {
        echo "postgres-test-server: no PostgreSQL server here (initdb not found);" \
            "on Debian: sudo apt-get install postgresql" >&2
        exit 1
    }
    pick_owner
    folder=$(mktemp -d -t montage-pg.XXXXXX)
    mkdir "$folder/data" "$folder/socket"
    [ "$(id -u)" = 0 ] && chown -R "$owner" "$folder"
    chmod 755 "$folder"
    as_owner "$bin/initdb" -D "$folder/data" -U montage --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$folder/initdb.log" 2>&1 || {
        echo "postgres-test-server: initdb failed; see $folder/initdb.log" >&2
        exit 1
    }
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 30 \
        -o "-c listen_addresses= -c unix_socket_directories=$folder/socket $fsync" \
        start >/dev/null || {
        echo "postgres-test-server: the server did not start; see $folder/server.log" >&2
        exit 1
    }
    "$bin/createdb" -h "$folder/socket" -U montage montage_test
    echo "postgresql://montage@/montage_test?host=$folder/socket"
}

stop() {
    url=${1:?which server: its URL}
    socket=${url##*host=}
    socket=${socket%%&*}
    folder=${socket%/socket}
    case "$folder" in
        */montage-pg.*) ;;
        *) echo "postgres-test-server: $url is not a server this script started" >&2; exit 1 ;;
    esac
    bin=$(bindir)
    pick_owner
    [ -d "$folder/data" ] && as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$folder"
}

case "${1:-}" in
    start) start "${2:-}" ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start | stop URL" >&2; exit 2 ;;
esac
