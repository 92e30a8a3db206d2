"""What other code may call about the partnership console.

from partnership import api as partnership

partnership.is_support_identity(request.user)   # a mentor acting through a grant?
partnership.current_announcements()             # Tangerang's announcements now shown
partnership.progress(region)                    # (steps done, steps in the programme)
"""

from partnership.access import (  # noqa: F401
    SupportRefused,
    grant_access,
    mentors,
    revoke_access,
)
from partnership.announcements import current as current_announcements  # noqa: F401
from partnership.programme import progress, tick_automatic  # noqa: F401
from partnership.snapshot import take_snapshot  # noqa: F401


def is_support_identity(user) -> bool:
    """Is this region user a Tangerang mentor's support identity (not a region's own)?"""
    return bool(user and user.is_authenticated and getattr(user, "support_identity", None))
