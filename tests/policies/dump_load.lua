-- Bytecode is how a crafted chunk crashes the VM: string.dump is absent.
local function f() return 1 end
return load(string.dump(f))
