#!/usr/bin/env bash
# Creates (if missing) the virtualenv $REPO/.venv and installs the pinned interop peers of
# Tests/Interop/requirements.txt into it. Idempotent: a stamp file keyed on the requirements'
# SHA-256 and the venv's Python version makes a second run return at once.
#
# Usage: Tests/Interop/setup-venv.sh [-v]
#   -v (or MDL_INTEROP_VERBOSE=1)  show progress; otherwise only errors are printed.
# Environment:
#   PYTHON             interpreter that creates the venv (default: python3)
#   MDL_INTEROP_VENV   venv location (default: $REPO/.venv)
# Prints the venv's python path on stdout only with -p.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${MDL_INTEROP_VENV:-$repo/.venv}"
req="$here/requirements.txt"
stamp="$venv/.mdl-interop-stamp"
verbose="${MDL_INTEROP_VERBOSE:-0}"
print_python=0
for arg in "$@"; do
    case "$arg" in
        -v|--verbose) verbose=1 ;;
        -p|--print-python) print_python=1 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "setup-venv.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

say() { if [ "$verbose" = 1 ]; then echo "setup-venv: $*" >&2; fi; }
finish() { if [ "$print_python" = 1 ]; then echo "$venv/bin/python"; fi; exit 0; }

want_stamp() {
    local pyver
    pyver="$("$venv/bin/python" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null)" || return 1
    echo "$(sha256sum "$req" | cut -d' ' -f1) python-$pyver"
}

up_to_date() {
    [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(want_stamp)" ]
}

# Fast path: nothing to do.
if up_to_date; then finish; fi

mkdir -p "$venv"
# Test suites run in parallel and may all call this script: one installer at a time.
exec 9>"$venv/.mdl-interop-lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if up_to_date; then finish; fi

python="${PYTHON:-python3}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi; }
apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    say "apt-get install -y $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
        || { as_root apt-get update -qq >/dev/null 2>&1 \
             && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

if ! command -v "$python" >/dev/null 2>&1; then
    say "no $python; installing python3"
    apt_install python3 python3-venv || { echo "setup-venv.sh: $python not found and could not be installed" >&2; exit 1; }
    python=python3
fi

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    # Debian's python3 ships venv without ensurepip: that is the python3-venv package.
    if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        say "python3 lacks venv/ensurepip; installing python3-venv"
        apt_install python3-venv || { echo "setup-venv.sh: '$python -m venv' unavailable; install python3-venv" >&2; exit 1; }
    fi
    say "creating $venv with $("$python" --version 2>&1)"
    rm -rf "$venv/bin" "$venv/lib" "$venv/lib64" "$venv/include" "$venv/pyvenv.cfg"
    "$python" -m venv "$venv" >&2
fi

say "installing $(grep -cv '^\s*\(#\|$\)' "$req") pinned packages"
quiet=(-q)
if [ "$verbose" = 1 ]; then quiet=(); fi
"$venv/bin/python" -m pip install "${quiet[@]}" --disable-pip-version-check --no-input --prefer-binary \
    -r "$req" >&2
"$venv/bin/python" -c 'import pymdoccbor, isomdoc, cbor2, cryptography, joserfc, pycose' \
    || { echo "setup-venv.sh: installed packages do not import" >&2; exit 1; }
want_stamp > "$stamp"
say "ready: $venv"
finish
