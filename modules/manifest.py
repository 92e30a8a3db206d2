"""What a module declares about itself, once, in `modules/<key>/manifest.py`.

A manifest is data: dotted paths name the functions, so reading a manifest imports nothing
of the module's views or models. `modules.registry` collects every manifest when apps are
ready; everything else (URLs, admin menus, tasks, search, "Akun saya", billing meters,
adoption statistics, demo data) asks the registry, and the gate decides whether a module
is on for the current region.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

Text = str | Promise  # a plain or lazily translated string


@dataclass(frozen=True)
class Role:
    """A group the module installs in a region when it is switched on."""

    name: str
    permissions: tuple[str, ...]
    description: Text = ""


@dataclass(frozen=True)
class Setting:
    """A typed per-region setting with its default and its bounds."""

    key: str
    label: Text
    kind: type = int  # int, bool, str, Decimal
    default: Any = None
    help_text: Text = ""
    minimum: Any = None
    maximum: Any = None
    choices: tuple[tuple[Any, Text], ...] = ()

    def clean(self, value: Any) -> Any:
        """The value as its kind, or ValidationError with a message a person can act on."""
        try:
            value = _coerce(self.kind, value)
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise ValidationError(
                _("%(label)s: nilai tidak valid.") % {"label": self.label}
            ) from exc
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(
                _("%(label)s paling kecil %(min)s.") % {"label": self.label, "min": self.minimum}
            )
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(
                _("%(label)s paling besar %(max)s.") % {"label": self.label, "max": self.maximum}
            )
        if self.choices and value not in {choice for choice, _label in self.choices}:
            raise ValidationError(_("%(label)s: pilihan tidak dikenal.") % {"label": self.label})
        return value


def _coerce(kind: type, value: Any) -> Any:
    if kind is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "on", "ya", "yes")
        return bool(value)
    if kind is Decimal:
        return Decimal(str(value))
    if kind is int and isinstance(value, str):
        return int(value.strip())
    return kind(value)


@dataclass(frozen=True)
class MenuItem:
    """An admin menu entry; shown only when the module is on and the user may use it."""

    label: Text
    url_name: str  # within the module's admin namespace, e.g. "index"
    icon: str = "folder-open-inverse"
    order: int = 500
    permission: str = ""


@dataclass(frozen=True)
class Figure:
    """A statistic in a form that can be pooled across regions (the adoption dashboard):

    - count: `value`; regions' counts are summed;
    - ratio: `value` (numerator) over `denominator`; numerators and denominators are summed
      separately and divided once, never averaged across regions;
    - durations: `durations` in hours, anonymous (no ids, no names); the platform turns them
      into a histogram over fixed buckets inside the region's turn, pools the histograms
      and reads the median from the pooled one.
    """

    kind: str  # "count" | "ratio" | "durations"
    value: float = 0
    denominator: float = 0
    durations: tuple[float, ...] = ()

    @classmethod
    def count(cls, value: float) -> Figure:
        return cls("count", value=value)

    @classmethod
    def ratio(cls, numerator: float, denominator: float) -> Figure:
        return cls("ratio", value=numerator, denominator=denominator)

    @classmethod
    def of_durations(cls, hours) -> Figure:
        return cls("durations", durations=tuple(hours))


@dataclass(frozen=True)
class Measure:
    """A usage meter (billing) or a statistic (adoption dashboard): a function of the
    current region's schema returning a number.

    A statistic may also name `figure`: a function returning a `Figure`, which says how
    the number pools across regions. Without one the number is taken as a count (summed);
    a percentage or a median must therefore give a figure."""

    key: str
    label: Text
    function: str  # dotted path, called with no arguments inside the region's schema
    unit: Text = ""
    figure: str = ""  # dotted path, called like `function`, returning a Figure


@dataclass(frozen=True)
class Manifest:
    key: str
    name: Text
    summary: Text
    icon: str = "cogs"
    version: str = "1.0"
    requires: tuple[str, ...] = ()
    # Resident pages, mounted at /<url_prefix>/ on the region's site.
    urls: str = ""
    url_prefix: str = ""
    # Staff pages, mounted at /admin/<key>/, and the menu entries that lead to them.
    admin_urls: str = ""
    admin_menu: tuple[MenuItem, ...] = ()
    # Machine-facing endpoints, mounted at /api/<key>/.
    api_urls: str = ""
    roles: tuple[Role, ...] = ()
    settings: tuple[Setting, ...] = ()
    meters: tuple[Measure, ...] = ()
    statistics: tuple[Measure, ...] = ()
    # Dotted paths of the functions the platform calls.
    search: str = ""  # (query: str, limit: int) -> list[SearchResult]
    account_section: str = ""  # (user) -> accounts.providers.AccountSection | None
    personal_data: str = ""  # (user) -> dict
    erase: str = ""  # (user) -> None
    demo_data: str = ""  # (region) -> None, idempotent
    on_enable: str = ""  # (region) -> None, idempotent: seed defaults
    before_disable: str = ""  # (region) -> str | None: a reason to refuse
    on_disable: str = ""  # (region) -> None
    tasks: tuple[str, ...] = ()  # dotted paths of its task functions
    tile_url_name: str = ""  # the resident page the home page tile opens
    # (region) -> {url kwarg: value}: makes one object for every id-taking URL, so the
    # contract test can check each such URL answers 404 through another region's host.
    # Where routes share a kwarg name for different objects, "<url name>:<kwarg>" wins.
    contract_objects: str = ""

    @property
    def app_name(self) -> str:
        return f"modules.{self.key}"

    def default_settings(self) -> dict[str, Any]:
        return {setting.key: setting.default for setting in self.settings}

    def clean_settings(self, values: dict[str, Any]) -> dict[str, Any]:
        """Validated settings, defaults for what is missing; ValidationError per field."""
        cleaned, errors = {}, {}
        for setting in self.settings:
            try:
                cleaned[setting.key] = setting.clean(values.get(setting.key, setting.default))
            except ValidationError as exc:
                errors[setting.key] = exc.messages
        if errors:
            raise ValidationError(errors)
        return cleaned


@dataclass
class SearchResult:
    title: str
    url: str
    summary: str = ""
    module: str = ""
    extra: dict = field(default_factory=dict)
