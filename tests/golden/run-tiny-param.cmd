run --param record_days=1 --as-of 2019-05-10 tests/cli/fixtures
