run tests/cli/fixtures tests/cli/mismatch
