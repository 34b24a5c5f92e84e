-- Stopping the GC would let garbage eat the memory budget.
collectgarbage("stop")
