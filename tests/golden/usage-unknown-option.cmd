run --polcy cli/tiny tests/cli/fixtures
