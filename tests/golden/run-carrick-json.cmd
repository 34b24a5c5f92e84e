run --format json fixtures/carrick
