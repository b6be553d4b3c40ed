"""acia: a programme of ACIA calls, kept as files in a Git repository and checked in CI."""

__version__ = "0.1.0"
