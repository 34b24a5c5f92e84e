test --format tap tests/cli
