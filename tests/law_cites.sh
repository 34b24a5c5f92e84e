#!/bin/sh
# law_cites.sh: every citation the England & Wales policy prints is in the
# table "Citations the policy makes" of docs/law.md, so that the law notes and
# the policy cannot drift apart. A citation comes from two places: the step
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

# The table's citation column (the 4th), from the heading to the next heading.
awk '/^## Citations the policy makes/ { on = 1; next }
	on && /^#/ { exit }
	on && /^\| / { n = split($0, f, " \\| "); if (n >= 5 && f[4] != "citation" && f[4] != "---") print f[4] }' \
	"$law" | sort -u >"$tmp.law"
if [ ! -s "$tmp.law" ]; then
	echo "law-cites: no table \"Citations the policy makes\" in $law"
	exit 1
fi

# The catalogue's citation tables: rows after "| regime | citation |".
"$cli" steps england-wales/conduct --format markdown >"$tmp.steps" || exit 1
awk '/^\| regime \| citation \|$/ { on = 1; next }
	on && /^\| ---/ { next }
	on && /^\| / { sub(/^\| [^|]* \| /, ""); sub(/ \|$/, ""); print; next }
	{ on = 0 }' "$tmp.steps" >"$tmp.cites"
# The findings' citations (JSON strings: the policy's citations hold no quote
# or backslash, which the pattern would cut short).
# the England & Wales fixtures only: other policies keep their own law notes
"$cli" run fixtures/carrick fixtures/steps --format json >"$tmp.json" 2>/dev/null
if ! grep -q '"cite": "' "$tmp.json"; then
	echo "law-cites: 'casecheck run fixtures/carrick fixtures/steps --format json' reported no citation"
	exit 1
fi
grep -o '"cite": "[^"\\]*"' "$tmp.json" | sed 's/^"cite": "//; s/"$//' >>"$tmp.cites"
sort -u "$tmp.cites" -o "$tmp.cites"

total=$(wc -l <"$tmp.cites")
missing=$(comm -23 "$tmp.cites" "$tmp.law")
if [ -n "$missing" ]; then
	n=$(printf '%s\n' "$missing" | wc -l)
	echo "law-cites: $n citation(s) the policy prints are not in $law (table \"Citations the policy makes\"):"
	printf '  %s\n' "$missing"
	echo "law-cites: $((total - n)) passed, $n failed"
	exit 1
fi
echo "law-cites: $total passed, 0 failed"
