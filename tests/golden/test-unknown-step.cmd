test tests/unknown-step
