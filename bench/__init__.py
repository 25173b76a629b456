"""Benchmarks and their synthetic data (bench/data, `flask --app wsgi hub generate-data`).

Not part of the app package: nothing in hub/ imports it except the generate-data command."""
