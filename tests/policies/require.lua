-- Native modules and files: require is absent.
local m = require("os")
return m
