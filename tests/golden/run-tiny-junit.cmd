run --format junit tests/cli/fixtures
