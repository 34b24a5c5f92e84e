test tests/cli
