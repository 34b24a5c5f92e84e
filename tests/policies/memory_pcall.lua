-- A memory trip cannot be caught.
local ok = pcall(string.rep, "x", 1e9)
return ok
