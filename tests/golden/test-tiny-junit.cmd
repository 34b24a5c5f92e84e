test --format junit tests/cli
