explain fixtures/steps/lists.barred_and_advisory.beginning-with.json --step lists.barred_and_advisory
