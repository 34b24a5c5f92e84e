-- Processes: the os library is never opened.
os.execute("true")
