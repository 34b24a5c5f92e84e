#!/bin/sh
# Install the Debian packages casecheck builds and tests with, but only those
# that are missing: pkg-config names for libraries, commands for tools.
# --browser adds what the browser test needs (Debian's chromium, node, npm).
set -eu
browser=0
[ "${1:-}" = "--browser" ] && browser=1
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
if command -v pkg-config >/dev/null 2>&1; then
	pkg-config --exists lua5.4 || missing="$missing liblua5.4-dev"
	pkg-config --exists jansson || missing="$missing libjansson-dev"
	pkg-config --exists check || missing="$missing check"
else
	missing="$missing liblua5.4-dev libjansson-dev check"
fi
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v luacheck >/dev/null 2>&1 || missing="$missing lua-check"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
command -v prove >/dev/null 2>&1 || missing="$missing perl"
# the JSON Schema test (tests/schema/run.sh) uses Debian's python3-jsonschema;
# ask /usr/bin/python3, which is the interpreter that package serves
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import jsonschema' 2>/dev/null || missing="$missing python3-jsonschema"
if [ $browser -eq 1 ]; then
	[ -x /usr/bin/chromium ] || missing="$missing chromium"
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
