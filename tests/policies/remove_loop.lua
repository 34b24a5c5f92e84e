-- table.remove(t, 1) shifts every element in C; each call is charged #t.
local t = {}
for i = 1, 200000 do t[i] = i end
while true do
	table.insert(t, 1, table.remove(t, 1))
end
