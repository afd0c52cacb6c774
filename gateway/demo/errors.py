"""Errors of the demo data loader.

GatewayError                 (gateway.errors)
└── DemoError
    └── DatabaseNotEmpty     the database already holds products or billing entities;
                             the demo data set loads only into an empty one (exit 1)
"""

from gateway.errors import GatewayError


class DemoError(GatewayError):
    """Root of the demo loader's errors."""


class DatabaseNotEmpty(DemoError):
    """The database already holds data that the demo set would mix with."""

    exit_code = 1
