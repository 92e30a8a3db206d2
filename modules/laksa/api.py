"""What other code may call of LAKSA."""

from modules.laksa.selectors import (  # noqa: F401
    overdue_reports,
    public_reports,
    report_by_code,
    scorecard,
)
from modules.laksa.services import (  # noqa: F401
    answer_report,
    escalate_overdue,
    submit_report,
    verify_report,
)

__all__ = [
    "answer_report",
    "escalate_overdue",
    "overdue_reports",
    "public_reports",
    "report_by_code",
    "scorecard",
    "submit_report",
    "verify_report",
]
