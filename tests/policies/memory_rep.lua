-- One allocation far past the memory budget, made in C.
local s = ("x"):rep(1e9)
return #s
