#!/bin/sh
# tests/vocab/run.sh: a file generated from, or checked against, the engine's
# vocabulary (tools/vocab_docs.py) that drifts from it fails `make
# check-docs`, and the message says what differs and how to mend it.
#
#   sh tests/vocab/run.sh build/vocab.json
#
# Each case copies the four files into a scratch tree, changes one thing the
# way a hand edit would, and runs `tools/vocab_docs.py --check` there: it must
# exit 1 and print the expected line. Closes with "N passed, M failed".
set -u

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
	echo "usage: sh tests/vocab/run.sh VOCAB.json (make build/vocab.json)" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
vocab=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tool=$root/tools/vocab_docs.py
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0
failed=0

# fresh: a scratch copy of the files the tool reads
fresh() {
	rm -rf "$tmp/t" && mkdir -p "$tmp/t/docs/schema" "$tmp/t/scripts/meta" &&
	cp "$root/docs/schema/case.schema.json" "$tmp/t/docs/schema/" &&
	cp "$root/scripts/meta/casecheck.lua" "$tmp/t/scripts/meta/" &&
	cp "$root/.luacheckrc" "$root/.luarc.json" "$tmp/t/"
}

# expect NAME TEXT: --check fails and prints a line containing TEXT
expect() {
	(cd "$tmp/t" && python3 "$tool" --check "$vocab") > "$tmp/out" 2>&1
	rc=$?
	if [ $rc -eq 1 ] && grep -qF -- "$2" "$tmp/out"; then
		passed=$((passed + 1))
		printf 'ok   %s\n' "$1"
	else
		failed=$((failed + 1))
		printf 'FAIL %s: exit %s, expected 1 and a line with: %s\n' "$1" "$rc" "$2"
		sed 's/^/     | /' "$tmp/out" | tail -5
	fi
}

fresh
if (cd "$tmp/t" && python3 "$tool" --check "$vocab") > "$tmp/out" 2>&1; then
	passed=$((passed + 1))
	echo 'ok   the committed files match the engine'
else
	failed=$((failed + 1))
	echo 'FAIL the committed files do not match the engine:'
	sed 's/^/     | /' "$tmp/out" | tail -20
fi

# a hand edit of a generated part of the schema (an event type's field dropped)
fresh
sed -i '0,/"on_duty": {/s//"on_dutyx": {/' "$tmp/t/docs/schema/case.schema.json"
expect 'schema: a renamed field' 'docs/schema/case.schema.json is out of date with the engine'"'"'s vocabulary: make docs'

# a status the schema has no description for (a new status in the engine)
fresh
python3 - "$tmp/t/docs/schema/case.schema.json" <<'PY'
import json, sys
p = sys.argv[1]
s = json.load(open(p))
st = s["$defs"]["finding"]["properties"]["status"]
i = st["enum"].index("unknown")
del st["enum"][i], st["enumDescriptions"][i]
open(p, "w").write(json.dumps(s, indent=2, ensure_ascii=False) + "\n")
PY
expect 'schema: a status without a description' "no description for the status 'unknown'"

# .luacheckrc: a global added by hand inside the generated block
fresh
sed -i 's/^\t\t-- the DSL$/\t\t-- the DSL\n\t\t"print",/' "$tmp/t/.luacheckrc"
expect '.luacheckrc: a hand edit of the generated block' '.luacheckrc is out of date with the engine'"'"'s vocabulary: make docs'

# LuaLS: a DSL word not declared, and a global a policy does not have
fresh
sed -i 's/^function calendar(name) end$//' "$tmp/t/scripts/meta/casecheck.lua"
expect 'meta: a DSL word undeclared' "a policy has the global 'calendar' but it is not declared"
fresh
printf 'function setmetatable(t, mt) end\n' >> "$tmp/t/scripts/meta/casecheck.lua"
expect 'meta: a global too many' "declares the global 'setmetatable', which a policy does not have"

# LuaLS: the status alias out of order
fresh
sed -i 's/"pass"|"late"|"fail"/"pass"|"fail"|"late"/' "$tmp/t/scripts/meta/casecheck.lua"
expect 'meta: statuses out of order' 'should list the statuses in order: "pass"|"late"|"fail"'

# LuaLS: a field kind the engine does not accept for a declared event type
fresh
sed -i 's/table<string, "string"|"bool"/table<string, "string"|"boolean"/' "$tmp/t/scripts/meta/casecheck.lua"
expect 'meta: a field kind the engine does not accept' 'the engine accepts "string"|"bool"|"party"'

# .luarc.json: a library the sandbox does not open
fresh
sed -i 's/"os": "disable"/"os": "enable"/' "$tmp/t/.luarc.json"
expect '.luarc.json: os enabled' '"os" must be "disable": a policy does not have it'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
