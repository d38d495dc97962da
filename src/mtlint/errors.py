"""One exception hierarchy; the CLI maps every `MtlintError` to exit status 2 and one line."""

from __future__ import annotations


class MtlintError(Exception):
    """An error the user can fix: bad input, bad configuration, bad usage."""


class InputError(MtlintError):
    """A file that cannot be read as an article (missing, binary, undecodable, empty, …)."""


class ConfigError(MtlintError):
    """A configuration value or option that mtlint cannot honour."""
