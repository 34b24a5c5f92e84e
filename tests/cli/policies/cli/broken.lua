-- broken.lua: a policy with a syntax error, for 'casecheck check' (exit 3).
policy { id = "cli/broken", title = "Broken on purpose" }

step "record.conduct_matter" {
	title = "Missing a closing brace",
