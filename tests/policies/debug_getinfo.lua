-- The debug library would reach upvalues and the registry.
return debug.getinfo(1)
