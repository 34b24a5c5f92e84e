#!/bin/sh
# run.sh: the engine is policy-neutral. Nothing in engine/ or scripts/ may
# name a jurisdiction, a party role of one policy, a step id or an event type
# only one policy uses: a policy declares its roles, awareness rules, closing
# and leaving types and calendar (docs/policy-guide.md), and the engine
# provides the means. Fails on any hit, naming file:line and the word.
#
# The one allowed place is engine/vocab.c: the event vocabulary of the case
# format (docs/case-format.md), which every fixture of every policy is
# validated against, so it is the format's, shared by all policies, not one
# policy's.
#
# usage: sh tests/neutral/run.sh   (from the top of the tree)
set -u
ALLOW='^engine/vocab\.c:'

# Jurisdictions, their bodies and the roles and helpers of one policy.
words='England|Wales|Scotland|Scottish|england-wales|scotland/|IOPC|IPCC|PIRC|COPFS|\bPSD\b|aa_psd|receiving_force|by_aa|"aa"'
# Event types only one policy's steps use (the case format keeps them in vocab.c).
types='psd_referral|home_force_notified|conduct_recorded|conduct_closed|iopc_[a-z_]+|route_decided|severity_assessed|special_case|barred_list|advisory_list|dismissed|resigned|retired'

pass=0
fail=0
check() {
	what=$1
	pattern=$2
	hits=$(grep -rnE "$pattern" engine scripts | grep -Ev "$ALLOW")
	if [ -n "$hits" ]; then
		echo "FAIL $what named in the engine:"
		echo "$hits" | sed 's/^/  /'
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

check "jurisdiction, body or role" "$words"
check "event type of one policy" "$types"
# every step id of every policy (step "a.b"), a whole word
for f in policies/*/*.lua; do
	for id in $(sed -n 's/^step "\([a-z0-9_.]*\)".*/\1/p' "$f"); do
		check "step id of $f" "(^|[^a-z0-9_.])$(echo "$id" | sed 's/\./\\./g')([^a-z0-9_]|$)"
	done
done
echo "neutral: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
