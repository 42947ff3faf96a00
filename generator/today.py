"""The day the publication speaks from: `SOURCE_DATE_EPOCH` when set (reproducible builds and
tests), otherwise the clock. Used for "overdue" actions and results."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def as_of() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()
