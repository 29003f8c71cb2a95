"""Shared infrastructure of the Rongtook services. Nothing domain-specific lives here."""
