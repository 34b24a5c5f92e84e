#!/bin/sh
# Install the Debian packages casecheck builds and tests with, but only those
# that are missing: pkg-config names for libraries, commands for tools.
set -eu
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
if command -v pkg-config >/dev/null 2>&1; then
	pkg-config --exists lua5.4 || missing="$missing liblua5.4-dev"
	pkg-config --exists jansson || missing="$missing libjansson-dev"
	pkg-config --exists check || missing="$missing check"
	# the exercise server (casecheck exercise serve) speaks HTTP through it
	pkg-config --exists libmicrohttpd || missing="$missing libmicrohttpd-dev"
else
	missing="$missing liblua5.4-dev libjansson-dev check libmicrohttpd-dev"
fi
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v luacheck >/dev/null 2>&1 || missing="$missing lua-check"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
command -v prove >/dev/null 2>&1 || missing="$missing perl"
# the JSON Schema test (tests/schema/run.sh) uses Debian's python3-jsonschema;
# ask /usr/bin/python3, which is the interpreter that package serves
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import jsonschema' 2>/dev/null || missing="$missing python3-jsonschema"
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
