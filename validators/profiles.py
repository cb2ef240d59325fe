"""Criteria profiles: a name from rules.yaml `profiles:` or a user YAML file holding one profile."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from pydantic import ValidationError

from schema.rules_catalog import Profile, load_rule_catalogue

DEFAULT_PROFILE = "national_2022"
YAML_SUFFIXES = (".yaml", ".yml")


class ProfileError(ValueError):
    """Raised when a profile name is unknown or a profile file cannot be read or is malformed."""


def known_profiles() -> tuple[str, ...]:
    """Return the profile names of rules.yaml."""
    return tuple(load_rule_catalogue().profiles)


def default_profile() -> Profile:
    """Return the profile used when a run selects none (national_2022)."""
    return load_rule_catalogue().profiles[DEFAULT_PROFILE]


def unwrap(data: object) -> object:
    """Given a parsed profile file, return the profile mapping ({name: profile} unwrapped)."""
    if isinstance(data, dict) and len(data) == 1:
        (inner,) = data.values()
        if isinstance(inner, dict) and "title" not in data:
            return inner
    return data


def load_profile_file(path: Path) -> Profile:
    """Given the path of a YAML file holding one profile (keys as in rules.yaml), return the profile."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ProfileError(
            f"无法读取认定标准配置文件 {path}：{error} / cannot read criteria profile file {path}: {error}"
        ) from error
    try:
        return Profile.model_validate(unwrap(data))
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc']) or '(top)'}: {item['msg']}"
            for item in error.errors()
        )
        raise ProfileError(
            f"认定标准配置文件 {path} 格式不正确（应与 rules.yaml 的配置项相同）/ "
            f"criteria profile file {path} is not a valid profile (same keys as in rules.yaml): {problems}"
        ) from error


def looks_like_path(text: str) -> bool:
    """Given a --profile argument, return whether it was meant as a file (a YAML suffix or a folder part)."""
    return Path(text).suffix.lower() in YAML_SUFFIXES or "/" in text or os.sep in text


def resolve_profile(name_or_path: str) -> Profile:
    """Given a profile name of rules.yaml or the path of a profile YAML file, return the profile.

    Raises ProfileError (Chinese and English) that says what is wrong: a file that does not exist, a folder
    given for a file, or an unknown name (listing the known ones).
    """
    profiles = load_rule_catalogue().profiles
    if name_or_path in profiles:
        return profiles[name_or_path]
    path = Path(name_or_path)
    if path.is_file():
        return load_profile_file(path)
    if path.is_dir():
        raise ProfileError(
            f"认定标准配置应为 YAML 文件，{path} 是文件夹 / "
            f"a criteria profile is a YAML file; {path} is a folder"
        )
    if looks_like_path(name_or_path):
        raise ProfileError(f"认定标准配置文件不存在：{path} / criteria profile file not found: {path}")
    known = ", ".join(profiles)
    raise ProfileError(
        f"未知的认定标准配置“{name_or_path}”：可选 {known}，或一个 YAML 配置文件的路径 / "
        f"unknown criteria profile {name_or_path!r}: use one of {known}, or the path of a YAML file "
        "holding one profile with the same keys as in rules.yaml"
    )
