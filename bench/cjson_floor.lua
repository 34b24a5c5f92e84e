-- bench/cjson_floor.lua: the parse floor of the best Lua stack, for
-- `make bench`: Lua 5.4 with lua-cjson (Debian's lua-cjson) decoding the same
-- files the jansson floor reads, in the same order, and touching every
-- event's "type" and "date" as bench/floor.c does.
--
--   lua5.4 bench/cjson_floor.lua LISTFILE
--
-- LISTFILE holds one path a line (bench/run.sh writes it from the corpus's
-- MANIFEST). Prints "files N bytes B events E check C", like the floor.
-- lua-cjson, unlike jansson's JSON_REJECT_DUPLICATES, keeps the last of
-- duplicate keys: it does a little less work than the floor.
local cjson = require("cjson")

local list = assert(arg[1], "usage: lua5.4 bench/cjson_floor.lua LISTFILE")
local files, bytes, events, check = 0, 0, 0, 0
for path in io.lines(list) do
	if path ~= "" then
		local f = assert(io.open(path, "rb"))
		local text = f:read("a")
		f:close()
		local doc = cjson.decode(text)
		for _, ev in ipairs(doc.events or {}) do
			local t, d = ev.type, ev.date
			check = check + (type(t) == "string" and #t or 0)
				+ (type(d) == "string" and d:byte(1) or 0)
			events = events + 1
		end
		files = files + 1
		bytes = bytes + #text
	end
end
print(string.format("files %d bytes %d events %d check %d", files, bytes, events, check))
