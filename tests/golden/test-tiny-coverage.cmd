test -v --coverage tests/cli/fixtures
