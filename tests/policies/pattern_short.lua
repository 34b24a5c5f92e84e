-- Six lazy quantifiers over 2,000 bytes: tiny to write, hours to match, all
-- in C where the instruction hook never fires. Refused before it starts.
local s = ("a"):rep(2000)
return s:find((".-"):rep(6) .. "b")
