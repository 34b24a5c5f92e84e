-- carry_state.lua: runs once, at load, and then serves every case; tries to
-- carry state from one case to the next through everything it declared
-- (tests/check_isolation.c). Its message lists what an earlier case left
-- that it could see, which of its writes were allowed, and what it read
-- back of its own (frozen) tables.
policy { id = "carry", title = "Tries to carry state between cases" }
regime "r" { from = "2000-01-01", title = "any" }
local count = 0				-- an upvalue
local memo = { 10, 20, 30, key = "k" }	-- a table it declared
local env = _ENV			-- its globals, under another name
local counter = (function()		-- an upvalue of a closure it made
	local c = 0
	return function() c = c + 1 return c end
end)()
local saved				-- a function or a table from a case
local S = { title = "t", cite = "c", duty = "practice" }
S.check = function(_, ctx)
	local left, wrote = {}, {}
	local function try(name, f) if pcall(f) then wrote[#wrote + 1] = name end end
	-- what an earlier case may have left
	if count ~= 0 then left[#left + 1] = "upvalue" end
	if counter() ~= 1 then left[#left + 1] = "closure upvalue" end
	if saved ~= nil then left[#left + 1] = "saved" end
	if memo.leak ~= nil or memo[4] ~= nil then left[#left + 1] = "memo" end
	if S.leak ~= nil then left[#left + 1] = "step table" end
	if rawequal(env, nil) or env.leak ~= nil then left[#left + 1] = "env" end
	if leak ~= nil then left[#left + 1] = "global" end
	if string.leak ~= nil or math.pi ~= 3.141592653589793 then left[#left + 1] = "library" end
	if ("x"):upper() ~= "X" then left[#left + 1] = "string methods" end
	if #ctx.case.matters ~= 1 then left[#left + 1] = "case" end
	-- and what it tries to leave
	count = count + 1
	saved = function() end
	try("memo", function() memo.leak = true end)
	try("memo list", function() memo[4] = 40 end)
	try("table.insert", function() table.insert(memo, 50) end)
	try("step table", function() S.leak = true end)
	try("env", function() env.leak = true end)
	try("global", function() leak = true end)
	try("string", function() string.leak = true end)
	try("math.pi", function() math.pi = 3 end)
	try("string.upper", function() string.upper = function() return "no" end end)
	try("declare", function() step "late.added" { title = "t", cite = "c", duty = "practice",
		check = function() return { status = "pass" } end } end)
	-- its own tables still read as declared
	local k = next(memo)
	local read = #memo .. "," .. rawlen(memo) .. "," .. tostring(k ~= nil) .. "," .. table.concat(memo, "+")
	local n = 0
	for _ in pairs(memo) do n = n + 1 end
	return { status = "pass", message = "left: " .. table.concat(left, ",") .. "; wrote: " ..
		table.concat(wrote, ",") .. "; read: " .. read .. "," .. n }
end
step "carry.state" (S)
