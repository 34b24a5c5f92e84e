-- The simplest hang.
while true do end
