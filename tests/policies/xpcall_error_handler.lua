-- The issue's form: error() with a looping handler (hooks on, so it is counted).
return xpcall(error, function() while true do end end)
