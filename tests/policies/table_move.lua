-- table.move loops in C, where the count hook never fires.
local t = {}
table.move(t, 1, math.maxinteger // 2, 1)
