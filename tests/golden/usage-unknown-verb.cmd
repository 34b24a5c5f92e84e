rnu tests/cli/fixtures
