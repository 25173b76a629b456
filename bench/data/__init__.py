"""Synthetic load data for benchmarks (`flask --app wsgi hub generate-data --scale N`).

generate.py: parks, accounts, notices with read receipts, land cases, talent listings;
meetings.py: series, occurrences, agenda, attendance, minutes, action items;
text.py: Chinese phrase lists; bulk.py: chunked Core inserts with precomputed ids.
"""
