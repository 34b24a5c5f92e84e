-- Redis "trick global protection": give the globals a metatable.
setmetatable(_G, {})
