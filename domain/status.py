"""Report statuses an officer can give, and the outcome classes coordinators report upward."""

from __future__ import annotations

from enum import StrEnum


class ReportStatus(StrEnum):
    """What an agency says about one task in one period."""

    DONE = "done"  # Hoàn thành
    IN_PROGRESS = "in_progress"  # Đang thực hiện
    NOT_STARTED = "not_started"  # Chưa thực hiện
    BLOCKED = "blocked"  # Có vướng mắc


class Outcome(StrEnum):
    """The Government Office's four classes of an assigned task, plus "not reported"."""

    DONE_ON_TIME = "done_on_time"  # Hoàn thành đúng hạn
    DONE_LATE = "done_late"  # Hoàn thành quá hạn
    IN_PROGRESS_ON_TIME = "in_progress_on_time"  # Đang thực hiện trong hạn
    OVERDUE = "overdue"  # Chưa hoàn thành, quá hạn
    NOT_REPORTED = "not_reported"  # Chưa báo cáo


class Role(StrEnum):
    """What a member may do in the bot; each role includes the ones before it."""

    OFFICER = "officer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return [Role.OFFICER, Role.COORDINATOR, Role.ADMIN].index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


class AssignmentRole(StrEnum):
    LEAD = "lead"  # chủ trì
    SUPPORT = "support"  # phối hợp
