explain tests/cli/fixtures/pass-fail.json --step record.conduct_matter
