#!/bin/sh
# law_cites.sh: every citation a policy prints is in its table of docs/law.md
# ("Citations the policy makes" for England & Wales, "Citations the Scotland
# policy makes" for Scotland), so that the law notes and the policy cannot
# drift apart. A citation comes from two places: the step
# catalogue (`casecheck steps`, every regime and track) and the findings of the
# fixtures (a step's check may return its own citation, as step 21 does).
#
# usage: sh tests/law_cites.sh CASECHECK [LAW_MD]
set -u
LC_ALL=C
export LC_ALL
cli=$1
law=${2:-docs/law.md}
tmp=${TMPDIR:-/tmp}/law_cites.$$
trap 'rm -f "$tmp".*' EXIT

# check POLICY HEADING FIXTURE_DIR...: the citations POLICY prints (its
# catalogue and its fixtures' findings) against the table under HEADING.
check() {
	policy=$1
	heading=$2
	shift 2
	# The table's citation column (the 4th), from the heading to the next heading.
	awk -v h="$heading" '$0 == h { on = 1; next }
		on && /^#/ { exit }
		on && /^\| / { n = split($0, f, " \\| "); if (n >= 5 && f[4] != "citation" && f[4] != "---") print f[4] }' \
		"$law" | sort -u >"$tmp.law"
	if [ ! -s "$tmp.law" ]; then
		echo "law-cites: no table \"$heading\" in $law"
		exit 1
	fi

	# The catalogue's citation tables: rows after "| regime | citation |".
	"$cli" steps "$policy" --format markdown >"$tmp.steps" || exit 1
	awk '/^\| regime \| citation \|$/ { on = 1; next }
		on && /^\| ---/ { next }
		on && /^\| / { sub(/^\| [^|]* \| /, ""); sub(/ \|$/, ""); print; next }
		{ on = 0 }' "$tmp.steps" >"$tmp.cites"
	# The findings' citations (JSON strings: the policy's citations hold no quote
	# or backslash, which the pattern would cut short).
	"$cli" run "$@" --format json >"$tmp.json" 2>/dev/null
	if ! grep -q '"cite": "' "$tmp.json"; then
		echo "law-cites: 'casecheck run $* --format json' reported no citation"
		exit 1
	fi
	grep -o '"cite": "[^"\\]*"' "$tmp.json" | sed 's/^"cite": "//; s/"$//' >>"$tmp.cites"
	sort -u "$tmp.cites" -o "$tmp.cites"

	total=$(wc -l <"$tmp.cites")
	missing=$(comm -23 "$tmp.cites" "$tmp.law")
	if [ -n "$missing" ]; then
		n=$(printf '%s\n' "$missing" | wc -l)
		echo "law-cites: $n citation(s) $policy prints are not in $law (table \"$heading\"):"
		printf '  %s\n' "$missing"
		echo "law-cites: $policy: $((total - n)) passed, $n failed"
		exit 1
	fi
	echo "law-cites: $policy: $total passed, 0 failed"
}

# each policy keeps its own table and its own fixtures
check england-wales/conduct "## Citations the policy makes" fixtures/carrick fixtures/steps || exit 1
check scotland/conduct "### Citations the Scotland policy makes" fixtures/scotland || exit 1
