"""Settings: defaults, then a TOML file named by GATEWAY_CONFIG, then GATEWAY_* variables, then the
overrides given to create_app; parsed once into a frozen value that services receive.

Each setting has one parser; a bad value raises ConfigError naming the setting, so start-up stops
with one clear line. So does a name that is no setting (a TOML key, an override, or any GATEWAY_*
variable but GATEWAY_CONFIG and the tests' GATEWAY_TEST_DATABASE_URL), naming the closest setting:
a misspelt GATEWAY_DATABSE_URL must not leave the gateway quietly on its default SQLite file.
"""

import dataclasses
import datetime
import difflib
import os
import pathlib
import secrets
import tomllib
import zoneinfo
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from gateway.errors import ConfigError

PREFIX = "GATEWAY_"
# GATEWAY_* variables that are not settings: the TOML file's name, and the test suite's database.
NOT_SETTINGS = ("GATEWAY_CONFIG", "GATEWAY_TEST_DATABASE_URL")


# Our cXML identity until GATEWAY_SUPPLIER_IDENTITY says it (the demo's partners know this one).
PLACEHOLDER_IDENTITY = "procurement-gateway"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    instance_path: pathlib.Path
    database_url: str
    secret_key: str
    public_url: str | None = None
    demo: bool = False
    xml_max_bytes: int = 4 * 1024 * 1024
    session_ttl_seconds: int = 3600
    start_token_ttl_seconds: int = 300
    log_level: str = "INFO"
    timezone: str = "UTC"  # IANA name; decides which calendar day a contract date means
    supplier_domain: str = "NetworkID"  # our cXML credential in documents we send
    supplier_identity: str = PLACEHOLDER_IDENTITY  # see placeholder_identity
    # outbox: where order events go and how they are retried (see docs/orders.md)
    back_office_url: str | None = None
    back_office_secret: str | None = None  # HMAC key of the back-office posts
    outbox_timeout_seconds: float = 10.0
    outbox_max_attempts: int = 8
    outbox_base_delay_seconds: float = 2.0
    orders_api_token: str | None = None  # bearer token of /api/v1/orders; none: API closed

    def today(self, now: datetime.datetime | None = None) -> datetime.date:
        """The business day of `now` (default: the current time) in the configured time zone."""
        now = now or datetime.datetime.now(datetime.UTC)
        return now.astimezone(zoneinfo.ZoneInfo(self.timezone)).date()


def default_instance_path() -> pathlib.Path:
    """Per-user data folder: $XDG_DATA_HOME/procurement-gateway or ~/.local/share/..."""
    base = os.environ.get("XDG_DATA_HOME") or pathlib.Path.home() / ".local" / "share"
    return pathlib.Path(base) / "procurement-gateway"


def _path(name: str, value: Any) -> pathlib.Path:
    if not isinstance(value, str | os.PathLike) or not str(value).strip():
        raise ConfigError(f"{name}: expected a folder path, got {value!r}")
    return pathlib.Path(value).expanduser().resolve()


def _database_url(name: str, value: Any) -> str:
    text = str(value).strip()
    scheme = text.split("://", 1)[0] if "://" in text else ""
    if not (scheme.startswith("sqlite") or scheme.startswith("postgresql")):
        raise ConfigError(
            f"{name}: expected a sqlite:/// or postgresql+psycopg:// URL, got {_mask(text)!r}"
        )
    if scheme.startswith("postgresql") and scheme != "postgresql+psycopg":
        text = "postgresql+psycopg" + text[len(scheme) :]
    return text


def _public_url(name: str, value: Any) -> str | None:
    text = str(value).strip()
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(f"{name}: expected an http(s) base URL without query, got {text!r}")
    return text.rstrip("/")


def _secret(name: str, value: Any) -> str:
    text = str(value)
    if len(text) < 32:
        raise ConfigError(f"{name}: must be at least 32 characters long")
    return text


def _http_url(name: str, value: Any) -> str | None:
    text = str(value).strip()
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{name}: expected an http(s) URL, got {text!r}")
    return text


def _optional_secret(name: str, value: Any) -> str | None:
    return _secret(name, value) if str(value) else None


def _seconds(name: str, value: Any) -> float:
    try:
        number = float(str(value).strip())
    except ValueError:
        number = -1.0
    if not 0 <= number <= 86400:
        raise ConfigError(f"{name}: expected a number of seconds (0 to 86400), got {value!r}")
    return number


def _timeout(name: str, value: Any) -> float:
    number = _seconds(name, value)
    if number == 0:
        raise ConfigError(f"{name}: a timeout must be more than 0 seconds")
    return number


def _bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name}: expected true or false, got {value!r}")


def _positive_int(name: str, value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number <= 0:
        raise ConfigError(f"{name}: expected a positive whole number, got {value!r}")
    return number


def _log_level(name: str, value: Any) -> str:
    text = str(value).strip().upper()
    if text not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"{name}: expected DEBUG, INFO, WARNING or ERROR, got {value!r}")
    return text


def _text(name: str, value: Any) -> str:
    text = str(value).strip()
    if not text or len(text) > 200:
        raise ConfigError(f"{name}: expected a non-empty text of at most 200 characters")
    return text


def _timezone(name: str, value: Any) -> str:
    try:
        zoneinfo.ZoneInfo(str(value))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{name}: not a known IANA time zone: {value!r}") from None
    return str(value)


PARSERS: dict[str, Callable[[str, Any], Any]] = {
    "instance_path": _path,
    "database_url": _database_url,
    "secret_key": _secret,
    "public_url": _public_url,
    "demo": _bool,
    "xml_max_bytes": _positive_int,
    "session_ttl_seconds": _positive_int,
    "start_token_ttl_seconds": _positive_int,
    "log_level": _log_level,
    "timezone": _timezone,
    "supplier_domain": _text,
    "supplier_identity": _text,
    "back_office_url": _http_url,
    "back_office_secret": _optional_secret,
    "outbox_timeout_seconds": _timeout,
    "outbox_max_attempts": _positive_int,
    "outbox_base_delay_seconds": _seconds,
    "orders_api_token": _optional_secret,
}


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build the settings from the TOML file, the environment and the overrides, in that order."""
    environ = os.environ if environ is None else environ
    raw: dict[str, tuple[str, Any]] = {}
    config_file = environ.get(PREFIX + "CONFIG")
    if config_file:
        for key, value in _read_toml(config_file).items():
            raw[key] = (f"{key} in {config_file}", value)
    for name, value in environ.items():
        if name.startswith(PREFIX) and name not in NOT_SETTINGS:
            raw[name[len(PREFIX) :].lower()] = (name, value)
    for key, value in (overrides or {}).items():
        raw[key.lower()] = (key, value)
    unknown = sorted(set(raw) - set(PARSERS))
    if unknown:
        label = raw[unknown[0]][0]
        raise ConfigError(f"{label}: unknown setting{_did_you_mean(label)}")
    values = {key: PARSERS[key](label, value) for key, (label, value) in raw.items()}
    values.setdefault("instance_path", default_instance_path())
    instance = values["instance_path"]
    values.setdefault("database_url", f"sqlite:///{instance / 'gateway.sqlite3'}")
    if "secret_key" not in values:
        values["secret_key"] = _instance_secret(instance)
    return Settings(**values)


def _did_you_mean(label: str) -> str:
    """'; did you mean X?' naming the setting closest to a misspelt name, in the same form
    (a variable for a variable, a key for a key), or nothing when none is close."""
    is_variable = label.startswith(PREFIX)
    name = label.split(" in ", 1)[0]
    known = [PREFIX + key.upper() if is_variable else key for key in PARSERS]
    if is_variable:
        known += NOT_SETTINGS
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
    return f"; did you mean {close[0]}?" if close else ""


def _read_toml(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"GATEWAY_CONFIG: cannot read {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"GATEWAY_CONFIG: {path} is not valid TOML: {exc}") from exc
    return data.get("gateway", data)


def _instance_secret(instance: pathlib.Path) -> str:
    """The secret key kept in the instance folder, created on first use (mode 0600)."""
    key_file = instance / "secret_key"
    try:
        instance.mkdir(parents=True, exist_ok=True)
        if not key_file.exists():
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        return key_file.read_text().strip()
    except FileExistsError:
        return key_file.read_text().strip()
    except OSError as exc:
        raise ConfigError(
            f"GATEWAY_INSTANCE_PATH: cannot keep the secret key in {instance}: {exc.strerror}"
        ) from exc


def _mask(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def placeholder_identity(settings: Settings) -> str | None:
    """A warning when our cXML identity is still the placeholder, or None. Catalogs (Supplier
    ID) and the documents we send (From, Sender) name us by it, and a buyer system that knows
    us by our network id would not recognise it."""
    if settings.supplier_identity != PLACEHOLDER_IDENTITY:
        return None
    return (
        f"GATEWAY_SUPPLIER_IDENTITY is not set: catalogs and documents name the supplier"
        f" {settings.supplier_domain}:{settings.supplier_identity}, a placeholder; set it to"
        " your id at your buyers' network (an Ariba Network id, a DUNS number)"
    )
