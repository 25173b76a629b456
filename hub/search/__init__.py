"""Search (/search?q=): one box over notices, land cases and talent listings."""
