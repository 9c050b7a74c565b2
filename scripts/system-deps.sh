#!/bin/sh
# Install the system packages montage needs to build and to speak, or say how to.
# simpleaudio compiles against the ALSA headers; espeak-ng gives the voice cues.
# With --browser (make test): Chromium and its driver too, for the tests of `montage serve`.
# With --postgres (make test): a PostgreSQL server, for the tests of the PostgreSQL log
# (scripts/postgres-test-server.sh starts a throwaway one).
set -eu

if [ "${1:-}" = "--postgres" ]; then
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && exit 0
    command -v initdb >/dev/null 2>&1 && exit 0
    if [ -f /etc/debian_version ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "montage: installing PostgreSQL for the tests of the PostgreSQL log: postgresql"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
        echo "montage: the tests of the PostgreSQL log need a PostgreSQL server; on Debian run first:" >&2
        echo "    sudo apt-get install postgresql" >&2
    fi
    exit 0
fi

if [ "${1:-}" = "--browser" ]; then
    command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && exit 0
    if [ -f /etc/debian_version ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "montage: installing Chromium for the browser tests: chromium chromium-driver"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
        echo "montage: the browser tests need Chromium and its driver; on Debian run first:" >&2
        echo "    sudo apt-get install chromium chromium-driver" >&2
    fi
    exit 0
fi

missing=""
[ -f /usr/include/alsa/asoundlib.h ] || missing="$missing libasound2-dev"
command -v espeak-ng >/dev/null 2>&1 || optional="espeak-ng"

if [ -n "$missing" ] || [ -n "${optional:-}" ]; then
    if [ -f /etc/debian_version ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "montage: installing system packages:$missing ${optional:-}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing ${optional:-} >/dev/null
    elif [ -n "$missing" ]; then
        echo "montage needs the ALSA headers to build its sound library. Run first:" >&2
        if [ -f /etc/debian_version ]; then
            echo "    sudo apt-get install$missing espeak-ng" >&2
        elif command -v dnf >/dev/null 2>&1; then
            echo "    sudo dnf install alsa-lib-devel espeak-ng" >&2
        elif command -v pacman >/dev/null 2>&1; then
            echo "    sudo pacman -S alsa-lib espeak-ng" >&2
        else
            echo "    (install your system's ALSA development package, e.g. alsa-lib-devel)" >&2
        fi
        exit 1
    fi
fi
