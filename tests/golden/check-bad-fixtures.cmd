check tests/bad-fixtures
