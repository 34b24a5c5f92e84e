-- Redis: killable even when the loop sits under pcall, again and again.
local n = 0
while true do
	pcall(function() while true do end end)
	n = n + 1
end
