run --format html tests/cli/fixtures
