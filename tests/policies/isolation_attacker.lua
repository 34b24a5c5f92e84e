-- isolation_attacker.lua: tries to change the engine and to leave values for
-- a later case or policy in every table a policy can reach
-- (tests/check_isolation.c). Its message lists what an earlier case left
-- that it could see, and which of its writes were allowed.
policy { id = "attacker", title = "Tries to change the engine" }
regime "r" { from = "2000-01-01", title = "any" }
step "attack.everything" { title = "t", cite = "c", duty = "practice", check = function(m, ctx)
	local left, wrote = {}, {}
	local reachable = {
		{ "ctx.dates", function() return ctx.dates end },
		{ "ctx", function() return ctx end },
		{ "ctx.case", function() return ctx.case end },
		{ "matter", function() return m end },
		{ "empty list", function() return m:all("no_such_type") end },
		{ "string methods", function() return ("").upper and ("") end },
		{ "string", function() return string end },
		{ "globals", function() return _ENV end },
	}
	for _, r in ipairs(reachable) do
		local ok, t = pcall(r[2])
		if ok and t and t.leak ~= nil then left[#left + 1] = r[1] end
		if pcall(function() t.leak = true end) then wrote[#wrote + 1] = r[1] end
	end
	-- replacing the engine's own functions, which the evaluator calls
	local attempts = {
		{ "ctx.dates.due", function() ctx.dates.due = function() return { lo = 0, hi = 0, prec = 0 } end end },
		{ "matter methods", function() m.__index.all = function() return {} end end },
		{ "ctx methods", function() ctx.__index.deadline = function() return { status = "pass" } end end },
		{ "string.find", function() string.find = function() return 1 end end },
	}
	for _, a in ipairs(attempts) do
		if pcall(a[2]) then wrote[#wrote + 1] = a[1] end
	end
	-- every table reachable from what the step is given, to a depth of 4: one
	-- shared with a later case (the engine's own metadata, say) would carry
	-- the mark into it
	local seen, deep = {}, 0
	local function walk(t, depth)
		if type(t) ~= "table" or seen[t] or depth > 4 then return end
		seen[t] = true
		if t.leak_deep ~= nil then deep = deep + 1 end
		pcall(function() t.leak_deep = true end)
		for _, v in pairs(t) do walk(v, depth + 1) end
	end
	walk(ctx, 0)
	walk(m, 0)
	return { status = "pass", message = "left: " .. table.concat(left, ",") .. "; wrote: " ..
		table.concat(wrote, ",") .. "; marks found: " .. deep }
end }
