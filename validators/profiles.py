"""Criteria profiles: a name from rules.yaml `profiles:` or a user YAML file holding one profile."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from schema.rules_catalog import Profile, load_rule_catalogue

DEFAULT_PROFILE = "national_2022"


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
        raise ProfileError(f"cannot read profile file {path}: {error}") from error
    try:
        return Profile.model_validate(unwrap(data))
    except ValidationError as error:
        raise ProfileError(f"profile file {path} is not a valid criteria profile:\n{error}") from error


def resolve_profile(name_or_path: str) -> Profile:
    """Given a profile name of rules.yaml or the path of a profile YAML file, return the profile.

    Raises ProfileError naming the known profiles when the name is unknown and no such file exists.
    """
    profiles = load_rule_catalogue().profiles
    if name_or_path in profiles:
        return profiles[name_or_path]
    path = Path(name_or_path)
    if path.is_file():
        return load_profile_file(path)
    known = ", ".join(profiles)
    raise ProfileError(
        f"unknown criteria profile {name_or_path!r}: use one of {known}, or the path of a YAML file "
        "holding one profile with the same keys as in rules.yaml"
    )
