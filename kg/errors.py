"""The KgError hierarchy: one clear, actionable line per problem.

Exit codes (documented in the README):
  0  success, the graph conforms
  1  the graph violates the shapes (validation failed)
  2  usage or input error (bad file, bad query, unknown preset, ...)
"""

from __future__ import annotations


class KgError(Exception):
    """Base class. ``str(err)`` is the one line shown to the user."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class InputError(KgError):
    """An input file cannot be read as a report (empty, binary, undecodable, ...)."""


class ConfigError(KgError):
    """Bad configuration or command-line values."""


class QueryError(KgError):
    """A SPARQL query is malformed or a preset is unknown."""


class DataError(KgError):
    """A bundled or given RDF/data file is malformed."""


class ValidationFailed(KgError):
    """The graph does not conform to the shapes."""

    exit_code = 1
