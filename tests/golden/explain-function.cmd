explain --policy cli/fn tests/cli/fixtures/pass-fail.json --step record.by_function
