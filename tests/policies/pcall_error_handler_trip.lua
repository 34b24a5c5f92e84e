-- pcall inside a message handler, after a trip: still no way to catch it.
local function spin() while true do end end
return xpcall(spin, function(m) return pcall(spin) end)
