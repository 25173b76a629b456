"""Admin overview of every park's shared resources (notices, land cases, talent listings)."""
