-- Files: the io library is never opened.
local f = io.open("/etc/passwd")
return f
