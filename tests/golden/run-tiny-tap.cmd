run --format tap tests/cli/fixtures
