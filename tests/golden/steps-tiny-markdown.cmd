steps cli/tiny --format markdown
