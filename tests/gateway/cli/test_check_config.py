"""`leadgate check-config` and settings from file and environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.cli.app import main
from gateway.cli.check_config import check_config
from gateway.config import ConfigError, Settings, load_settings
from gateway.rpc.auth import hash_key
from tests.certs import TestCA


def test_when_defaults_then_valid() -> None:
    assert check_config(Settings()) == []


def test_when_environment_sets_sidecar_settings_then_they_override_the_file(
    tmp_path: Path,
) -> None:
    config = tmp_path / "leadgate.toml"
    config.write_text('socket_path = "/run/a.sock"\nsink_address = "127.0.0.1:1"\n')
    settings = load_settings(
        config,
        environ={
            "LEADGATE_SOCKET_PATH": str(tmp_path / "b.sock"),
            "LEADGATE_OUTBOX_PATH": str(tmp_path / "outbox.sqlite3"),
            "LEADGATE_METRICS_PORT": "9999",
            "LEADGATE_TLS_CERT_FILE": "/etc/cert.pem",
            "LEADGATE_TLS_KEY_FILE": "/etc/key.pem",
            "LEADGATE_KEYS_FILE": "/etc/keys.toml",
        },
    )
    assert settings.socket_path == str(tmp_path / "b.sock")
    assert settings.address == f"unix:{tmp_path / 'b.sock'}"
    assert settings.sink_address == "127.0.0.1:1" and settings.metrics_port == 9999
    assert settings.uses_tls and settings.is_local


@pytest.mark.parametrize(
    "text, named",
    [
        ("port = 70000\n", "'port'"),
        ("outbox_max_records = 0\n", "'outbox_max_records'"),
        ('tls_cert_file = "a.pem"\n', "'tls_key_file'"),
        ('tls_client_ca_file = "ca.pem"\n', "mTLS"),
        ('log_level = "LOUD"\n', "'log_level'"),
        ("retry_initial_seconds = 0\n", "'retry_initial_seconds'"),
        ("max_concurrent_streams = 'many'\n", "'max_concurrent_streams' must be int"),
        ("sidecar = true\n", "unknown setting"),
    ],
)
def test_when_setting_invalid_then_error_names_it(tmp_path: Path, text: str, named: str) -> None:
    config = tmp_path / "leadgate.toml"
    config.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_settings(config, environ={})
    assert named in str(raised.value)


def test_when_files_broken_then_every_problem_listed(tmp_path: Path) -> None:
    ca = TestCA(tmp_path)
    server = ca.issue("leadgate", server=True)
    other = ca.issue("other", server=True)
    keys = tmp_path / "keys.toml"
    keys.write_text('[[principal]]\nname = "a"\nowners = ["acme"]\n')
    settings = Settings(
        host="0.0.0.0",
        tls_cert_file=str(server.cert_path),
        tls_key_file=str(other.key_path),  # not this certificate's key
        keys_file=str(keys),
        socket_path="",
        sink_address="127.0.0.1:1",
        outbox_path=str(keys / "outbox.sqlite3"),  # under a file
    )
    problems = check_config(settings)
    text = "\n".join(problems)
    assert "tls_cert_file/tls_key_file" in text
    assert "keys_file" in text and "key_sha256" in text
    assert "outbox_path" in text
    assert len(problems) == 3


def test_when_tls_and_keys_good_then_public_address_valid(tmp_path: Path) -> None:
    ca = TestCA(tmp_path)
    server = ca.issue("leadgate", server=True)
    keys = tmp_path / "keys.toml"
    keys.write_text(
        f'[[principal]]\nname = "a"\nkey_sha256 = "{hash_key("k")}"\nowners = ["acme"]\n'
    )
    settings = Settings(
        host="0.0.0.0",
        tls_cert_file=str(server.cert_path),
        tls_key_file=str(server.key_path),
        tls_client_ca_file=str(ca.pem.cert_path),
        keys_file=str(keys),
    )
    assert check_config(settings) == []


def test_when_public_address_without_tls_or_keys_then_both_explained() -> None:
    problems = check_config(Settings(host="10.1.2.3"))
    assert any("plain text" in p for p in problems)
    assert any("keys_file" in p for p in problems)


def test_when_cli_check_config_then_exit_code_and_explanation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.toml"
    good.write_text('host = "127.0.0.1"\n')
    assert main(["--config", str(good), "check-config"]) == 0
    assert "is valid" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text(f'socket_path = "{tmp_path}/missing/dir/leadgate.sock"\n')
    assert main(["--config", str(bad), "check-config"]) == 2
    assert "socket_path" in capsys.readouterr().err


def test_when_new_key_then_key_printed_once_with_its_hash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["new-key"]) == 0
    out = capsys.readouterr().out.splitlines()
    key = out[0].rsplit(" ", 1)[-1]
    assert out[1] == f'keys file line: key_sha256 = "{hash_key(key)}"'


@pytest.mark.parametrize(
    ("ledger_url", "key_file", "expected"),
    [
        ("postgresql://gw:s3cret@db/leadgate", "", ["ledger_key_file: required"]),
        ("postgresql://gw:s3cret@db/leadgate", "KEY", []),  # no file to check on this host
        ("", "", []),  # the embedded default: the data directory's file
    ],
    ids=["postgres-without-key", "postgres-with-key", "default"],
)
def test_when_the_ledger_is_a_url_then_its_checks_fit_where_it_lives(
    tmp_path: Path, ledger_url: str, key_file: str, expected: list[str]
) -> None:
    key = tmp_path / "ledger.key"
    key.write_text("ab" * 32 + "\n")
    settings = Settings(
        data_dir=str(tmp_path / "data"),
        ledger_url=ledger_url,
        ledger_key_file=str(key) if key_file else "",
    )
    problems = check_config(settings)
    assert [p.split(" (")[0][: len(e)] for p, e in zip(problems, expected, strict=True)] == expected
    assert not any("s3cret" in p for p in problems)


def test_when_a_store_url_is_shown_then_its_password_is_not() -> None:
    from gateway.config import store_url

    assert (
        store_url("postgresql://gw:s3cret@db:5432/l", "").shown == "postgresql://gw:***@db:5432/l"
    )
    assert store_url("postgresql://gw@db/l", "").shown == "postgresql://gw@db/l"
    assert store_url("", "/var/lib/leadgate/ledger.sqlite3").shown.endswith("ledger.sqlite3")
