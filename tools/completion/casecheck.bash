# casecheck.bash: bash completion for casecheck(1), installed by 'make install'.
# Nothing is listed twice: verbs come from 'casecheck --help', each verb's
# options from 'casecheck VERB --help', and the values of --format and
# --color from the message casecheck gives for an empty value ("expected
# text, json, ... or html"). Fixtures and files complete as paths.

_casecheck_words_expected() {
	# "casecheck run: unknown format '': expected a, b or c" -> "a b c"
	"$@" 2>&1 >/dev/null | sed -n "s/.*expected //p" | head -n 1 | sed -e 's/,/ /g' -e 's/ or / /g'
}

_casecheck() {
	local cur prev verb i
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	verb=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) verb=${COMP_WORDS[i]}; break ;;
		esac
	done
	local verbs
	verbs=$(casecheck --help 2>/dev/null | sed -n '/^verbs:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
	if [ -z "$verb" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--version --help -V -h" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$verbs help" -- "$cur"))
		fi
		return
	fi
	if [ "$verb" = help ]; then
		COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
		return
	fi
	case $prev in
	--format)
		COMPREPLY=($(compgen -W "$(_casecheck_words_expected casecheck "$verb" --format '')" -- "$cur"))
		return ;;
	-o | --output | --policy)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--as-of | --param | --step | --re | --max-memory | --max-instructions | --max-seconds | -j | --jobs | --run)
		COMPREPLY=()
		return ;;
	esac
	if [[ $cur == --color=* ]]; then
		COMPREPLY=($(compgen -P --color= -W "$(_casecheck_words_expected casecheck "$verb" --color=)" -- "${cur#--color=}"))
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(casecheck "$verb" --help 2>/dev/null | grep -o -e '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}

complete -o filenames -F _casecheck casecheck
