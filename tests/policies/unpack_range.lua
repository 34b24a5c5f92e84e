-- table.unpack and table.concat loop in C over the range they are given.
local t = {}
return table.concat(t, "", 1, math.maxinteger)
