-- slow.lua: a policy whose one step never ends, so that the command-line
-- tests (tests/check_cli.c) can catch a run in the middle of evaluating.
policy { id = "cli/slow", title = "A step that never ends" }

regime "2004" { from = "2004-04-01", title = "Police Reform Act 2002" }

step "record.conduct_matter" {
	title = "Never decides",
	cite = "none: a test policy",
	duty = "practice",
	check = function() while true do end end,
}
