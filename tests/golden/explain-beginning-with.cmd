explain fixtures/steps/lists.barred_reported.beginning-with.json --step lists.barred_reported
