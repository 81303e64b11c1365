"""Settings: defaults, TOML file, JIXIAO_* environment, command-line overrides, and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.settings import Settings, SettingsError, config_path, load_settings


def test_defaults_schedule_at_two_in_the_morning_beijing_time() -> None:
    settings = load_settings(env={})
    assert settings.cron == "0 2 * * *"
    assert settings.timezone == "Asia/Shanghai"
    assert settings.runner == "threads"
    assert settings.batch_size == 100  # files per extraction task at most (flows/steps.batches)
    assert settings.concurrency >= 1


def test_toml_then_environment_then_overrides(tmp_path: Path) -> None:
    config = tmp_path / "conf" / "jixiao.toml"
    config.parent.mkdir()
    config.write_text(
        'inbox = "收件"\nwarehouse = "/data/w.duckdb"\nrunner = "processes"\n'
        'concurrency = 3\nbatch_size = 10\ntimezone = "Asia/Urumqi"\nmax_file_mb = 5\n',
        encoding="utf-8",
    )
    settings = load_settings(config, env={"JIXIAO_BATCH_SIZE": "40", "JIXIAO_CRON": "30 1 * * 1-5"},
                             concurrency=4, runner=None)
    # Relative paths in the file are taken from the file's own folder.
    assert settings.inbox == config.parent / "收件"
    assert settings.warehouse == Path("/data/w.duckdb")
    assert settings.runner == "processes"  # None override leaves the file's value
    assert settings.concurrency == 4  # override beats file
    assert settings.batch_size == 40  # environment beats file
    assert settings.cron == "30 1 * * 1-5"
    assert settings.timezone == "Asia/Urumqi"
    assert settings.max_file_bytes == 5 * 1024 * 1024


def test_config_path_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert config_path(None, env={}) is None
    (tmp_path / "jixiao.toml").write_text("", encoding="utf-8")
    assert config_path(None, env={}) == Path("jixiao.toml")
    assert config_path(None, env={"JIXIAO_CONFIG": "/etc/j.toml"}) == Path("/etc/j.toml")
    assert config_path("x.toml", env={"JIXIAO_CONFIG": "/etc/j.toml"}) == Path("x.toml")


def test_example_config_is_valid_and_matches_defaults() -> None:
    example = Path(__file__).resolve().parent.parent / "jixiao.example.toml"
    settings = load_settings(example, env={})
    defaults = Settings()
    assert settings.cron == defaults.cron and settings.timezone == defaults.timezone
    assert settings.runner == defaults.runner and settings.batch_size == defaults.batch_size


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('runnr = "threads"', "unknown key 'runnr'"),
        ('runner = "gpu"', "runner must be one of"),
        ("concurrency = 0", "concurrency must be at least 1"),
        ('concurrency = "many"', "'many' is not a valid value for concurrency"),
        ('timezone = "Beijing"', "unknown timezone 'Beijing'"),
        ('cron = "0 2 * *"', "cron must have 5 fields"),
        ("inbox = ", "配置文件格式错误"),
    ],
)
def test_bad_settings_name_the_key(tmp_path: Path, text: str, needle: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=needle):
        load_settings(config, env={})


def test_bad_environment_value_names_the_variable() -> None:
    with pytest.raises(SettingsError, match="JIXIAO_BATCH_SIZE"):
        load_settings(env={"JIXIAO_BATCH_SIZE": "lots"})


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="config file not found"):
        load_settings(tmp_path / "absent.toml", env={})


def test_empty_dask_address_means_local_cluster() -> None:
    assert load_settings(env={"JIXIAO_DASK_ADDRESS": ""}).dask_address is None
    assert load_settings(env={"JIXIAO_DASK_ADDRESS": "tcp://10.0.0.5:8786"}).dask_address == "tcp://10.0.0.5:8786"


def test_letter_settings_reach_the_letters() -> None:
    from reports.letters import letter_settings

    env = {
        "JIXIAO_COUNTY_NAME": "文安县",
        "JIXIAO_LETTER_REFERENCE": "{county}财绩审〔{year}〕{seq}号",
        "JIXIAO_BUREAU_CONTACT": "绩效股 0316-5212345",
        "JIXIAO_TIMEZONE": "Asia/Urumqi",
    }
    letters = letter_settings(load_settings(env=env))
    assert letters.signature == "文安县财政局"  # no bureau_name: the county's
    year = letters.today().year  # the year of issue
    assert letters.reference_number(3, "306001") == f"文安县财绩审〔{year}〕3号"
    assert (letters.contact, letters.timezone) == ("绩效股 0316-5212345", "Asia/Urumqi")
    with pytest.raises(SettingsError, match="letter_reference"):
        load_settings(env={"JIXIAO_LETTER_REFERENCE": "{countyy}财绩审"})
