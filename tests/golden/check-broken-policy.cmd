check tests/cli/policies/cli/broken.lua
