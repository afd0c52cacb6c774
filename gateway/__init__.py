"""The gateway service: Flask app factory, CLI, database, and the adapters between the web and the
protocol (cxml, oci), pricing and catalog export packages."""

from gateway.app import create_app
from gateway.settings import Settings

__all__ = ["Settings", "create_app"]
