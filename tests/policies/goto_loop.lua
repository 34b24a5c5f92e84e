-- A loop made of goto.
local n = 0
::again:: n = n + 1
goto again
