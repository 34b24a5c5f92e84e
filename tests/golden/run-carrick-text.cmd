run fixtures/carrick
