run --format json tests/cli/fixtures
