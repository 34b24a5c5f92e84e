-- Lua 5.4.4 copies "" 2^63 times in C; an empty result is answered at once.
local s = ("").rep("", math.maxinteger) .. ("").rep("", math.maxinteger, "")
error("done at once: " .. #s .. " bytes")
