"""Run settings: one dataclass read from a TOML file and JIXIAO_* environment variables.

Precedence, lowest first: built-in defaults, the TOML file, environment variables, then
whatever the command line overrides (the CLI passes those to `load_settings`). The result
is passed down as an argument; nothing here is global.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from transform.division import is_division

DEFAULT_CONFIG = Path("jixiao.toml")
RUNNERS = ("threads", "processes", "dask")


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the key and where it came from."""


@dataclass(frozen=True)
class Settings:
    """Where files come from and go, when the nightly run starts, and how it runs."""

    inbox: Path = Path("var/inbox")
    warehouse: Path = Path("var/warehouse/jixiao.duckdb")
    # 每晚 02:00（北京时间）: cron in the schedule's own timezone, not UTC.
    cron: str = "0 2 * * *"
    timezone: str = "Asia/Shanghai"
    runner: str = "threads"
    concurrency: int = field(default_factory=lambda: os.cpu_count() or 1)
    # Files per extraction task, at most: big enough that orchestration stays a small share of the
    # work (a task run costs ~35 ms of Prefect client and server CPU; 100 files take ~1.7 s to read).
    batch_size: int = 100
    # A running Dask scheduler ("tcp://host:8786"); empty means a LocalCluster on this machine.
    dask_address: str | None = None
    # Files larger than this are rejected before anything parses them.
    max_file_mb: float = 50.0
    # Per-file limits on extraction (extract/guard.py): a file taking longer, or needing more
    # memory, is rejected as too_slow / too_large instead of hanging or exhausting the run.
    file_time_limit_seconds: float = 120.0
    file_memory_limit_mb: int = 2048
    # How long an ingestion waits for another one holding the warehouse's writer lock.
    lock_wait_seconds: float = 600.0
    deployment_name: str = "nightly"
    # The date by which units should answer (YYYY-MM-DD), printed on the review workbook's 汇总
    # sheet and in the 审核意见 and 退回通知 letters; empty means no date is given.
    feedback_deadline: str | None = None
    # A single-county installation: the 6-digit 行政区划 code (131026) and name (文安县) of files
    # whose project codes and folders do not say which county they are from (transform/division.py).
    division: str | None = None
    county_name: str | None = None
    # The bureau's submission deadline (YYYY-MM-DD); the county report counts files received by then.
    submission_deadline: str = ""
    # Who signs the report and letters, e.g. 文安县财政局 (default: county_name + 财政局).
    bureau_name: str = ""
    # The letters' reference number (文号): a pattern with {county}, {year} (of issue), {seq} (the
    # letter's number in the run, from 1) and {unit_code}, e.g. "{county}财绩审〔{year}〕{seq}号".
    letter_reference: str = ""
    # Who a unit asks about a letter, printed on every letter: e.g. "预算绩效管理股 张三 0316-5212345".
    bureau_contact: str = ""
    # [labels]: label synonyms for templates nobody foresaw, {"header": {field: [labels]},
    # "indicator": {column: [headers]}} (extract/labels.py lists the fields and columns).
    labels: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def labels_json(self) -> str:
        """Return the [labels] overrides as JSON for the extraction workers ('' when there are none)."""
        return json.dumps(self.labels, ensure_ascii=False) if self.labels else ""

    @property
    def max_file_bytes(self) -> int:
        """Return the per-file size cap in bytes."""
        return int(self.max_file_mb * 1024 * 1024)


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def config_path(explicit: str | Path | None = None, env: Mapping[str, str] | None = None) -> Path | None:
    """Return the TOML file to read: --config, else $JIXIAO_CONFIG, else ./jixiao.toml if present."""
    environ: Mapping[str, str] = os.environ if env is None else env
    if explicit:
        return Path(explicit)
    if environ.get("JIXIAO_CONFIG"):
        return Path(environ["JIXIAO_CONFIG"])
    return DEFAULT_CONFIG if DEFAULT_CONFIG.is_file() else None


# JIXIAO_* variables that are not settings but are read elsewhere (warehouse/stages.py: tests).
OTHER_VARIABLES = ("JIXIAO_CONFIG", "JIXIAO_TEST_STAGES")


def unknown_variables(env: Mapping[str, str] | None = None) -> list[str]:
    """Return the JIXIAO_* environment variables jixiao does not read (a typo reads as a default)."""
    environ: Mapping[str, str] = os.environ if env is None else env
    known = {f"JIXIAO_{name.upper()}" for name in _FIELDS} | set(OTHER_VARIABLES)
    return sorted(name for name in environ if name.startswith("JIXIAO_") and name not in known)


def unknown_variables_warning(names: list[str]) -> str:
    """Return the one-line warning for unknown JIXIAO_* variables."""
    known = ", ".join(f"JIXIAO_{name.upper()}" for name in _FIELDS)
    return (f"jixiao: warning: unknown environment variable{'s' if len(names) > 1 else ''} "
            f"{', '.join(names)} ignored (settings are {known}, JIXIAO_CONFIG)")


def load_settings(
    config: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Return Settings from defaults, the TOML file, JIXIAO_* variables, then non-None overrides."""
    if env is None:
        env = dict(os.environ)
    values: dict[str, Any] = {}
    path = config_path(config, env)
    if path is not None:
        values.update(_read_toml(path))
    for name in _FIELDS:
        raw = env.get(f"JIXIAO_{name.upper()}")
        if raw is not None:
            values[name] = _coerce(name, raw, f"environment variable JIXIAO_{name.upper()}")
    for name, value in overrides.items():
        if name not in _FIELDS:
            raise SettingsError(f"unknown setting {name!r}")
        if value is not None:
            values[name] = _coerce(name, value, f"option --{name.replace('_', '-')}")
    settings = Settings(**values)
    _validate(settings)
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    """Return the settings in one TOML file, relative paths taken from the file's folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"配置文件不存在 config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"配置文件格式错误 {path}: {exc}") from None
    values: dict[str, Any] = {}
    for key, raw in data.items():
        if key == "labels":
            values[key] = _labels(raw, f"{path}: [labels]")
            continue
        if key not in _FIELDS:
            known = ", ".join(_FIELDS)
            raise SettingsError(f"{path}: unknown key {key!r} (known keys: {known})")
        value = _coerce(key, raw, f"{path}: key {key!r}")
        if isinstance(value, Path) and not value.is_absolute():
            # A config file describes its own deployment: paths are relative to where it lives.
            value = path.parent / value
        values[key] = value
    return values


def _labels(raw: Any, where: str) -> dict[str, dict[str, list[str]]]:
    """Return a [labels] table checked against the extractor's fields and columns."""
    from extract.labels import HEADER_FIELDS, INDICATOR_COLUMNS

    known = {"header": HEADER_FIELDS, "indicator": INDICATOR_COLUMNS, "boilerplate": {"lines": ()}}
    if not isinstance(raw, dict):
        raise SettingsError(f"{where} must be a table with [labels.header], [labels.indicator] and/or "
                            "[labels.boilerplate]")
    out: dict[str, dict[str, list[str]]] = {}
    for part, table in raw.items():
        if part not in known or not isinstance(table, dict):
            raise SettingsError(f"{where}: unknown part {part!r} (use [labels.header], [labels.indicator] or "
                                "[labels.boilerplate])")
        for name, labels in table.items():
            if name not in known[part]:
                raise SettingsError(f"{where}.{part}: unknown {name!r} (known: {', '.join(known[part])})")
            if not isinstance(labels, list) or not all(isinstance(x, str) and x.strip() for x in labels):
                raise SettingsError(f"{where}.{part}.{name} must be a list of labels, e.g. [\"考核值\"]")
        out[part] = {name: list(labels) for name, labels in table.items()}
    return out


def _coerce(name: str, raw: Any, where: str) -> Any:
    """Return `raw` converted to the type of setting `name`; raise SettingsError naming `where`."""
    spec = _FIELDS[name]
    default: Any = spec.default
    if default is dataclasses.MISSING and callable(spec.default_factory):
        default = spec.default_factory()
    try:
        if isinstance(default, Path):
            return Path(str(raw)).expanduser()
        if isinstance(default, bool):
            raise TypeError("no boolean settings")
        if isinstance(default, int):
            if isinstance(raw, float) and not raw.is_integer():
                raise ValueError(raw)
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        text = str(raw).strip()
        if name in ("dask_address", "division", "county_name", "feedback_deadline") and not text:
            return None  # empty means unset (dask_address: start a LocalCluster; no deadline)
        return text
    except (TypeError, ValueError):
        raise SettingsError(f"{where}: {raw!r} is not a valid value for {name}") from None


def _validate(settings: Settings) -> None:
    """Raise SettingsError when settings are out of range or inconsistent."""
    if settings.runner not in RUNNERS:
        raise SettingsError(f"runner must be one of {', '.join(RUNNERS)}, not {settings.runner!r}")
    if settings.concurrency < 1:
        raise SettingsError(f"concurrency must be at least 1, not {settings.concurrency}")
    if settings.batch_size < 1:
        raise SettingsError(f"batch_size must be at least 1, not {settings.batch_size}")
    if settings.max_file_mb <= 0:
        raise SettingsError(f"max_file_mb must be positive, not {settings.max_file_mb}")
    if settings.file_time_limit_seconds <= 0 or settings.file_memory_limit_mb <= 0:
        raise SettingsError("file_time_limit_seconds and file_memory_limit_mb must be positive")
    if settings.lock_wait_seconds < 0:
        raise SettingsError(f"lock_wait_seconds must not be negative, not {settings.lock_wait_seconds}")
    if settings.feedback_deadline is not None:
        try:
            date.fromisoformat(settings.feedback_deadline)
        except ValueError:
            raise SettingsError(
                f"feedback_deadline must be a date YYYY-MM-DD, not {settings.feedback_deadline!r}"
            ) from None
    if settings.division is not None and not is_division(settings.division):
        raise SettingsError(
            f"division must be a 6-digit 行政区划 code such as 131026, not {settings.division!r}"
        )
    if settings.letter_reference:
        try:
            settings.letter_reference.format(county="县", year=2026, seq=1, unit_code="306001")
        except (KeyError, IndexError, ValueError) as exc:
            raise SettingsError(
                "letter_reference may use {county}, {year}, {seq} and {unit_code} only, "
                f"not {settings.letter_reference!r} ({exc})"
            ) from None
    if len(settings.cron.split()) != 5:
        raise SettingsError(f"cron must have 5 fields (minute hour day month weekday): {settings.cron!r}")
    if settings.submission_deadline:
        try:
            date.fromisoformat(settings.submission_deadline)
        except ValueError:
            raise SettingsError(
                f"submission_deadline must be a date like 2026-01-31, not {settings.submission_deadline!r}"
            ) from None
    try:
        ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"unknown timezone {settings.timezone!r} (use an IANA name such as Asia/Shanghai)") from None
