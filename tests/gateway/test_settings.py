import pathlib

import pytest

from gateway.errors import ConfigError
from gateway.orders.outbox import OutboxConfig
from gateway.orders.outbox import read_outbox_config
from gateway.settings import load_settings


def test_defaults_put_database_and_secret_in_the_instance_folder(tmp_path):
    settings = load_settings(environ={"GATEWAY_INSTANCE_PATH": str(tmp_path / "inst")})
    assert settings.instance_path == tmp_path / "inst"
    assert settings.database_url == f"sqlite:///{tmp_path / 'inst' / 'gateway.sqlite3'}"
    key_file = tmp_path / "inst" / "secret_key"
    assert settings.secret_key == key_file.read_text().strip()
    assert len(settings.secret_key) == 64
    assert key_file.stat().st_mode & 0o777 == 0o600
    again = load_settings(environ={"GATEWAY_INSTANCE_PATH": str(tmp_path / "inst")})
    assert again.secret_key == settings.secret_key
    other = load_settings(environ={"GATEWAY_INSTANCE_PATH": str(tmp_path / "other")})
    assert other.secret_key != settings.secret_key


def test_toml_then_environment_then_overrides(tmp_path):
    toml = tmp_path / "gateway.toml"
    toml.write_text(
        '[gateway]\npublic_url = "https://toml.example"\nsession_ttl_seconds = 60\n'
        'log_level = "debug"\n'
    )
    environ = {
        "GATEWAY_CONFIG": str(toml),
        "GATEWAY_INSTANCE_PATH": str(tmp_path),
        "GATEWAY_PUBLIC_URL": "https://env.example/",
    }
    settings = load_settings({"session_ttl_seconds": 120}, environ=environ)
    assert settings.public_url == "https://env.example"
    assert settings.session_ttl_seconds == 120
    assert settings.log_level == "DEBUG"


def test_postgresql_urls_use_psycopg(tmp_path):
    environ = {"GATEWAY_INSTANCE_PATH": str(tmp_path)}
    settings = load_settings({"database_url": "postgresql://u@h/db"}, environ=environ)
    assert settings.database_url == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GATEWAY_DATABASE_URL", "mysql://x:secret@h/db", "GATEWAY_DATABASE_URL: expected"),
        ("GATEWAY_PUBLIC_URL", "ftp://x", "GATEWAY_PUBLIC_URL: expected an http(s) base URL"),
        ("GATEWAY_SECRET_KEY", "short", "GATEWAY_SECRET_KEY: must be at least 32"),
        ("GATEWAY_SESSION_TTL_SECONDS", "-1", "GATEWAY_SESSION_TTL_SECONDS: expected a positive"),
        ("GATEWAY_DEMO", "maybe", "GATEWAY_DEMO: expected true or false"),
        ("GATEWAY_BACK_OFFICE_URL", "erp:9000", "GATEWAY_BACK_OFFICE_URL: expected an http(s)"),
        ("GATEWAY_BACK_OFFICE_SECRET", "short", "GATEWAY_BACK_OFFICE_SECRET: must be at least"),
        ("GATEWAY_OUTBOX_TIMEOUT_SECONDS", "0", "GATEWAY_OUTBOX_TIMEOUT_SECONDS: a timeout must"),
        (
            "GATEWAY_OUTBOX_BASE_DELAY_SECONDS",
            "soon",
            "GATEWAY_OUTBOX_BASE_DELAY_SECONDS: expected",
        ),
        ("GATEWAY_OUTBOX_MAX_ATTEMPTS", "0", "GATEWAY_OUTBOX_MAX_ATTEMPTS: expected a positive"),
        ("GATEWAY_ORDERS_API_TOKEN", "abc", "GATEWAY_ORDERS_API_TOKEN: must be at least 32"),
    ],
)
def test_bad_setting_names_itself(tmp_path, name, value, message):
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={"GATEWAY_INSTANCE_PATH": str(tmp_path), name: value})
    assert str(caught.value).startswith(message)
    assert "secret" not in str(caught.value).split("expected")[-1]


def test_bad_toml_and_unknown_setting(tmp_path):
    toml = tmp_path / "bad.toml"
    toml.write_text("public_url = \n")
    with pytest.raises(ConfigError, match=r"GATEWAY_CONFIG: .* is not valid TOML"):
        load_settings(environ={"GATEWAY_CONFIG": str(toml)})
    toml.write_text('colour = "blue"\n')
    with pytest.raises(ConfigError, match=r"colour in .*bad.toml: unknown setting"):
        load_settings(environ={"GATEWAY_CONFIG": str(toml)})
    missing = pathlib.Path(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match="GATEWAY_CONFIG: cannot read"):
        load_settings(environ={"GATEWAY_CONFIG": str(missing)})


def test_a_misspelt_name_stops_start_up_naming_the_closest_setting(tmp_path):
    base = {"GATEWAY_INSTANCE_PATH": str(tmp_path)}
    cases = [
        ({"GATEWAY_DATABSE_URL": "postgresql://u@h/db"}, None),
        ({"GATEWAY_PUBLIC_ULR": "https://x.example"}, None),
        ({"GATEWAY_COLOUR": "blue"}, None),
        ({}, {"sesion_ttl_seconds": 60}),
    ]
    messages = []
    for variables, overrides in cases:
        with pytest.raises(ConfigError) as caught:
            load_settings(overrides, environ={**base, **variables})
        messages.append(str(caught.value))
    assert messages == [
        "GATEWAY_DATABSE_URL: unknown setting; did you mean GATEWAY_DATABASE_URL?",
        "GATEWAY_PUBLIC_ULR: unknown setting; did you mean GATEWAY_PUBLIC_URL?",
        "GATEWAY_COLOUR: unknown setting",
        "sesion_ttl_seconds: unknown setting; did you mean session_ttl_seconds?",
    ]
    toml = tmp_path / "gateway.toml"
    toml.write_text('[gateway]\ntimezon = "Europe/Paris"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={**base, "GATEWAY_CONFIG": str(toml)})
    assert str(caught.value) == f"timezon in {toml}: unknown setting; did you mean timezone?"


def test_the_variables_that_are_not_settings_are_accepted(tmp_path):
    toml = tmp_path / "gateway.toml"
    toml.write_text('timezone = "Europe/Paris"\n')
    environ = {
        "GATEWAY_INSTANCE_PATH": str(tmp_path),
        "GATEWAY_CONFIG": str(toml),
        "GATEWAY_TEST_DATABASE_URL": "postgresql://u@h/test",
        "GATEWAYS": "not ours",
    }
    settings = load_settings(environ=environ)
    assert settings.timezone == "Europe/Paris"
    assert settings.database_url.startswith("sqlite:///")


def test_the_business_day_follows_the_configured_time_zone(tmp_path):
    import datetime

    environ = {"GATEWAY_INSTANCE_PATH": str(tmp_path)}
    late = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert load_settings(environ=environ).today(late) == datetime.date(2026, 12, 31)
    paris = load_settings({"timezone": "Europe/Paris"}, environ=environ)
    assert paris.today(late) == datetime.date(2027, 1, 1)
    with pytest.raises(ConfigError, match="timezone: not a known IANA time zone: 'Mars/Base'"):
        load_settings({"timezone": "Mars/Base"}, environ=environ)


def test_outbox_settings_from_toml_reach_the_outbox_config(tmp_path):
    toml = tmp_path / "gateway.toml"
    toml.write_text(
        '[gateway]\nback_office_url = "https://erp.example.com/orders"\n'
        f'back_office_secret = "{"s" * 40}"\noutbox_max_attempts = 5\n'
        "outbox_timeout_seconds = 2.5\n"
    )
    environ = {"GATEWAY_CONFIG": str(toml), "GATEWAY_INSTANCE_PATH": str(tmp_path)}
    settings = load_settings(environ=environ)
    config = read_outbox_config(settings)
    assert config == OutboxConfig(
        back_office_url="https://erp.example.com/orders",
        back_office_secret="s" * 40,
        max_attempts=5,
        timeout_seconds=2.5,
        secret_key=settings.secret_key,  # opens partners' sealed secrets
    )
    assert settings.secret_key == (tmp_path / "secret_key").read_text().strip()
