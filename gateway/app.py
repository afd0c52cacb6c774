"""The application factory."""

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask

from gateway.catalog import PriceBooks
from gateway.db import Database
from gateway.settings import Settings
from gateway.settings import load_settings


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from defaults, GATEWAY_CONFIG, GATEWAY_* variables and `config` overrides."""
    settings = load_settings(config)
    app = Flask(__name__, instance_path=str(settings.instance_path))
    app.config.update(SECRET_KEY=settings.secret_key, MAX_CONTENT_LENGTH=64 * 1024 * 1024)
    app.extensions["gateway.settings"] = settings
    app.extensions["gateway.db"] = Database(settings.database_url)
    app.extensions["gateway.price_books"] = PriceBooks()
    logging.getLogger("gateway").setLevel(settings.log_level)

    from gateway.web import health

    app.register_blueprint(health.blueprint)

    from gateway import commands

    commands.register(app)
    return app


def settings_of(app: Flask) -> Settings:
    return app.extensions["gateway.settings"]


def database_of(app: Flask) -> Database:
    return app.extensions["gateway.db"]


def price_books_of(app: Flask) -> PriceBooks:
    return app.extensions["gateway.price_books"]
