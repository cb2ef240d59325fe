"""Seeded generator of realistic filings with ground-truth records."""
