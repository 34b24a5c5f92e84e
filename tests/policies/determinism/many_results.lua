-- A check result with several bad fields, and error objects of every type:
-- the field reported and every message must be the same in every run.
policy { id = "determinism", title = "Faults in every order" }
regime "r" { from = "2000-01-01", title = "any" }
step "a.fields" { title = "t", cite = "c", duty = "practice", check = function()
	return { status = "pass", zeta = 1, alpha = 2, mesage = 3, [1] = 4, [true] = 5 }
end }
step "a.table" { title = "t", cite = "c", duty = "practice", check = function() error({}) end }
step "a.func" { title = "t", cite = "c", duty = "practice", check = function() error(print or function() end) end }
step "a.bool" { title = "t", cite = "c", duty = "practice", check = function() error(true) end }
step "a.nil" { title = "t", cite = "c", duty = "practice", check = function() error() end }
