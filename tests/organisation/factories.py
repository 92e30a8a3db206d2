"""Small builders for organisation tests; call them inside a region's schema."""

from __future__ import annotations

from datetime import date

from accounts.models import User
from organisation import services
from organisation.models import Assignment, Position, Unit


def staff(email: str, first_name: str = "", last_name: str = "") -> User:
    return User.objects.create_user(
        email=email, password="x", is_staff=True, first_name=first_name, last_name=last_name
    )


def unit(code: str, name: str, kind=Unit.Kind.BIDANG, parent=None, short_name="") -> Unit:
    return services.create_unit(
        actor=None, code=code, name=name, kind=kind, parent=parent, short_name=short_name
    )


def position(unit: Unit, code: str, title: str, *, is_head=False) -> Position:
    return services.create_position(actor=None, unit=unit, code=code, title=title, is_head=is_head)


def assign(user, position, kind=Assignment.Kind.DEFINITIF, starts=date(2025, 1, 1), ends=None):
    return services.assign(
        actor=None, user=user, position=position, kind=kind, starts_at=starts, ends_at=ends
    )
