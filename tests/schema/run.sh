#!/bin/sh
# tests/schema/run.sh: keep docs/schema/case.schema.json and the engine's
# validator (engine/case.c, engine/vocab.c) in step.
#
#   sh tests/schema/run.sh build/casecheck
#
# - fixtures/**/*.json, tests/good-fixtures/*.json, tests/schema/good/*.json
#   and examples/fixtures/*.json must pass both the schema and
#   `casecheck check` (exit 0);
# - tests/bad-fixtures/*.json must fail both: the schema rejects it and
#   `casecheck check` exits 2;
# - except a bad fixture listed in tests/schema/engine-only.txt (a fault no
#   JSON Schema can see: an unknown party id, a duplicate event id, ...): the
#   engine must reject it AND the schema must accept it, so that the list is
#   kept exact.
#
# The schema is checked with Python's jsonschema (Draft202012Validator):
# Debian's python3-jsonschema. Closes with "N passed, M failed"; exit 1 on
# any failure, 2 on a usage or setup problem.
set -u

if [ $# -ne 1 ]; then
	echo "usage: sh tests/schema/run.sh CASECHECK_BINARY" >&2
	exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
if [ ! -x "$bin" ]; then
	echo "schema: '$1' is not an executable (run make first)" >&2
	exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
schema=docs/schema/case.schema.json
engine_only=tests/schema/engine-only.txt

# Debian's python3 first: python3-jsonschema installs there, whatever python3
# comes first on PATH (pyenv, a venv) may lack it.
py=
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null 2>&1 &&
	   "$p" -c 'from jsonschema import Draft202012Validator' >/dev/null 2>&1; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "schema: no python3 with jsonschema >= 4 (Draft 2020-12); apt-get install python3-jsonschema" >&2
	exit 2
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# The files, one per line: kind<TAB>path (kind: good or bad).
{
	find fixtures tests/good-fixtures tests/schema/good examples/fixtures -name '*.json' -type f 2>/dev/null |
		LC_ALL=C sort | sed 's/^/good	/'
	find tests/bad-fixtures -name '*.json' -type f 2>/dev/null |
		LC_ALL=C sort | sed 's/^/bad	/'
} > "$tmp/files"

# The schema's verdict on every file in one run: path<TAB>ok, or
# path<TAB>reject<TAB>why. A file that is not JSON is rejected too.
cut -f2 "$tmp/files" > "$tmp/paths"
if ! "$py" - "$schema" "$tmp/paths" > "$tmp/verdicts" <<'PY'
import json, re, sys
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
print("%s\tok" % sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    paths = f.read().splitlines()
for path in paths:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (ValueError, UnicodeDecodeError) as e:
        print("%s\treject\tnot JSON: %s" % (path, str(e).replace("\n", " ")))
        continue
    # A policy may declare event types of its own (event_type "x" in
    # policies/NAME.lua): they are that policy's vocabulary, which the case
    # format's schema cannot know; `casecheck check` validates them against
    # the policy's declaration. The schema checks the rest of the fixture.
    own = set()
    pol = doc.get("policy") if isinstance(doc, dict) else None
    if isinstance(pol, str) and re.fullmatch(r"[A-Za-z0-9_-]+/[A-Za-z0-9_-]+", pol):
        try:
            with open("policies/%s.lua" % pol, encoding="utf-8") as f:
                own = set(re.findall(r'^event_type "([a-z_]+)"', f.read(), re.M))
        except OSError:
            pass
    if own and isinstance(doc.get("events"), list):
        doc["events"] = [e for e in doc["events"] if not (isinstance(e, dict) and e.get("type") in own)]
    err = best_match(validator.iter_errors(doc))
    if err is None:
        print("%s\tok" % path)
    else:
        where = "/" + "/".join(str(p) for p in err.absolute_path)
        print("%s\treject\t%s: %s" % (path, where, err.message.replace("\n", " ")[:200]))
PY
then
	echo "schema: the validator failed on $schema" >&2
	exit 2
fi

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; }

# The schema itself is valid 2020-12 (check_schema above raised otherwise).
pass "$schema is a valid JSON Schema 2020-12"

# engine-only.txt: "NAME.json  reason", '#' comments; NAME under tests/bad-fixtures.
listed() {
	[ -f "$tmp/engine-only" ] && awk -v n="$1" '$1 == n {f = 1} END {exit !f}' "$tmp/engine-only"
}
if [ -f "$engine_only" ]; then
	grep -v '^[[:space:]]*#' "$engine_only" | awk 'NF' > "$tmp/engine-only"
	while read -r name reason; do
		if [ ! -f "tests/bad-fixtures/$name" ]; then
			fail "$engine_only: $name is not in tests/bad-fixtures"
		elif [ -z "$reason" ]; then
			fail "$engine_only: $name has no reason"
		fi
	done < "$tmp/engine-only"
fi

while IFS='	' read -r kind path; do
	verdict=$(awk -F '\t' -v p="$path" '$1 == p {print; exit}' "$tmp/verdicts")
	schema_says=$(printf '%s' "$verdict" | cut -f2)
	why=$(printf '%s' "$verdict" | cut -f3)
	# examples/fixtures name the example policy, under examples/policies
	CASECHECK_PATH=examples/policies${CASECHECK_PATH:+:$CASECHECK_PATH} \
		"$bin" check "$path" > /dev/null 2> "$tmp/err"
	rc=$?
	engine_why=$(head -n 1 "$tmp/err")
	name=$(basename "$path")
	if [ "$kind" = good ]; then
		if [ "$schema_says" != ok ]; then
			fail "$path: the schema rejects a good fixture: $why"
		elif [ $rc -ne 0 ]; then
			fail "$path: casecheck check exits $rc on a good fixture: $engine_why"
		else
			pass "$path: accepted by both"
		fi
	elif listed "$name"; then
		if [ $rc -ne 2 ]; then
			fail "$path (engine-only): casecheck check exits $rc, expected 2"
		elif [ "$schema_says" != ok ]; then
			fail "$path (engine-only): the schema rejects it too ($why); remove it from $engine_only"
		else
			pass "$path: rejected by the engine only, as listed"
		fi
	else
		if [ $rc -ne 2 ]; then
			fail "$path: casecheck check exits $rc, expected 2"
		elif [ "$schema_says" = ok ]; then
			fail "$path: the engine rejects it ($engine_why) but the schema accepts it; tighten the schema or list it in $engine_only"
		else
			pass "$path: rejected by both"
		fi
	fi
done < "$tmp/files"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
