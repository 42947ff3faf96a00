"""charterkit: publish a public body's service standards and results as an accessible site."""

__version__ = "0.2.0"
