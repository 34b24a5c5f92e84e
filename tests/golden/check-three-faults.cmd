check tests/bad-fixtures/three-faults.json tests/good-fixtures
