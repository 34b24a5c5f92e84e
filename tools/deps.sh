#!/bin/sh
# Install the Debian packages casecheck builds and tests with, but only those
# that are missing: pkg-config names for libraries, commands for tools.
# --browser adds what the browser test needs (Debian's chromium, node, npm);
# 'fuzz' adds what 'make fuzz' needs: clang and its libFuzzer runtime
# (libclang-rt-14-dev on Debian 12), which nothing else uses.
#
# As root it runs apt-get; otherwise through sudo when there is one, and when
# there is not it says what to run as root and stops. apt's own output goes
# to a log (DEPS_LOG, default build/deps.log); the terminal gets one line.
set -eu
browser=0
fuzz=0
for arg in "$@"; do
	case $arg in
	--browser) browser=1 ;;
	fuzz) fuzz=1 ;;
	*) echo "deps: unknown argument '$arg' (expected --browser or fuzz)" >&2; exit 2 ;;
	esac
done
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
if command -v pkg-config >/dev/null 2>&1; then
	# also what tools/embed links to compile scripts/ to bytecode at build time
	pkg-config --exists lua5.4 || missing="$missing liblua5.4-dev"
	pkg-config --exists jansson || missing="$missing libjansson-dev"
	pkg-config --exists check || missing="$missing check"
	# the exercise server (casecheck exercise serve) speaks HTTP through it
	pkg-config --exists libmicrohttpd || missing="$missing libmicrohttpd-dev"
else
	missing="$missing liblua5.4-dev libjansson-dev check libmicrohttpd-dev"
fi
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v luacheck >/dev/null 2>&1 || missing="$missing lua-check"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
command -v prove >/dev/null 2>&1 || missing="$missing perl"
# make check-valgrind (a CI stage) runs the suites under memcheck
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
# make bench: Lua 5.4 with lua-cjson decodes the corpus beside the jansson
# floor (bench/cjson_floor.lua), the parse floor of the best Lua stack
command -v lua5.4 >/dev/null 2>&1 || missing="$missing lua5.4"
lua5.4 -e 'require("cjson")' >/dev/null 2>&1 || missing="$missing lua-cjson"
if [ $fuzz -eq 1 ]; then
	command -v clang >/dev/null 2>&1 || missing="$missing clang"
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' |
		clang -fsanitize=fuzzer -x c - -o /dev/null >/dev/null 2>&1 ||
		missing="$missing libclang-rt-14-dev"
fi
# the JSON Schema test (tests/schema/run.sh) uses Debian's python3-jsonschema;
# ask /usr/bin/python3, which is the interpreter that package serves
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import jsonschema' 2>/dev/null || missing="$missing python3-jsonschema"
if [ $browser -eq 1 ]; then
	[ -x /usr/bin/chromium ] || missing="$missing chromium"
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
[ -z "$missing" ] && exit 0
missing=${missing# }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps: missing: $missing" >&2
		echo "deps: not root and no sudo; as root, run:" >&2
		echo "    apt-get update && apt-get install -y --no-install-recommends $missing" >&2
		echo "deps: then run make again." >&2
		exit 1
	fi
	SUDO="sudo"
fi
log=${DEPS_LOG:-build/deps.log}
mkdir -p "$(dirname "$log")"
echo "deps: installing $missing${SUDO:+ (with sudo)}; apt's output goes to $log" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if $SUDO apt-get update >"$log" 2>&1 &&
   $SUDO apt-get install -y --no-install-recommends $missing >>"$log" 2>&1; then
	echo "deps: installed $(echo "$missing" | wc -w) package(s): $missing" >&2
else
	echo "deps: apt-get failed; the end of $log:" >&2
	tail -n 5 "$log" | sed 's/^/    /' >&2
	exit 1
fi
