test --coverage fixtures/steps
