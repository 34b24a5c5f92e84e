#!/bin/sh
# symlinks.sh: every symlink git tracks resolves to a file or directory inside
# the tree (a leftover pointing into /tmp, or nowhere, fails the check).
# Outside a git checkout there is nothing to check.
set -u
cd "$(dirname "$0")/.." || exit 2
root=$(pwd -P)
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "symlinks: 0 passed, 0 failed (not a git checkout)"
	exit 0
fi
pass=0
fail=0
# mode 120000 is a symlink in git's index
for link in $(git ls-files -s | awk '$1 == "120000" { print $4 }'); do
	target=$(cd "$(dirname "$link")" 2>/dev/null && readlink -f "$(basename "$link")")
	case $target in
	"$root"/*)
		if [ -e "$target" ]; then pass=$((pass + 1)); continue; fi ;;
	esac
	echo "FAIL $link -> $(readlink "$link"): resolves outside the tree or to nothing"
	fail=$((fail + 1))
done
echo "symlinks: $pass passed, $fail failed"
[ $fail -eq 0 ]
