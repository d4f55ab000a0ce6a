"""What a plan document says, before it is saved: the shape shared by the YAML plan file and
the document importer (and printed by `dondoc import --dry-run --json`)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Frequency = Literal["monthly", "quarterly", "half_yearly", "yearly"]
# how a target's value is compared (docs/counting.md, "Targets"): "trên" gt, "tối thiểu",
# "ít nhất" ge, "khoảng" about, "đạt" (nothing more said) eq, "tối đa", "không quá" le,
# "dưới" lt, "4,7-5,1%" range
Comparison = Literal["gt", "ge", "about", "eq", "le", "lt", "range"]


class IssuingAct(BaseModel):
    """The decision that issued the plan ("Quyết định … ban hành Kế hoạch …"), for the record."""

    model_config = ConfigDict(extra="forbid")

    kind: str = "decision"
    number: str = ""
    issued_on: date | None = None
    title: str = ""


class PlanInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: str = Field(description='Document number as written, e.g. "151/KH-UBND"')
    title: str = ""
    issuer: str = ""
    issued_on: date | None = None
    coordinator: str | None = Field(
        default=None, description="Agency that monitors the plan and reports upward"
    )
    kind: str | None = Field(
        default=None, description='"plan", "programme", "conclusion", "decision", … as headed'
    )
    issuing_act: IssuingAct | None = None


class TaskDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ref: str = Field(description='The document\'s own numbering joined with dots: "II.2.đ", "IV.5"')
    title: str = Field(description="A short title (first sentence or clause, at most ~120 chars)")
    text: str = ""
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    timeframe: str | None = Field(
        default=None, description='As written: "Thường xuyên", "Quý IV/2022"'
    )
    due: date | None = None
    group: str | None = Field(default=None, description="Heading of the task's group, if any")
    reporting: Frequency | None = Field(default=None, description="Override of the plan's schedule")
    products: list[str] = Field(default_factory=list, description='"Sản phẩm" as written')
    budget: str | None = Field(default=None, description='"Kinh phí" as written')


class DeadlineRule(BaseModel):
    """A plan's own sending deadline for one kind of period ("trước ngày 15 hằng tháng"):
    day `day` of the cut-off's month ("cutoff": "tháng cuối quý", "10/6 và 10/12"), of the
    month after it ("next": "ngày 5 tháng sau"), or the first such day after the cut-off
    ("first": "trước ngày 15 hằng tháng"). See docs/counting.md."""

    model_config = ConfigDict(extra="forbid")

    day: int = Field(ge=1, le=31)
    month: Literal["cutoff", "next", "first"] = "first"


class ReportingSchedule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    frequencies: list[Frequency] = Field(default_factory=lambda: ["quarterly"])
    deadline_working_days: int = Field(default=2, ge=1, le=20)
    support_days_before: int = Field(default=2, ge=0, le=20)
    remind_days_before: list[int] = Field(default_factory=lambda: [3, 1])
    escalate_after_days: int = Field(default=3, ge=1, le=30)
    deadlines: dict[Frequency, DeadlineRule] = Field(
        default_factory=dict,
        description="The plan's own deadline per kind; Decree 09's default for the others",
    )
    clause: str | None = Field(
        default=None, description="The reporting clause the schedule was read from, as written"
    )
    target_frequencies: list[Frequency] = Field(
        default_factory=lambda: ["half_yearly", "yearly"],
        description="When the figures of the plan's targets are collected (its own clause, "
        "else the half-year and year moments)",
    )
    starts_from: str | None = Field(
        default=None,
        description='Key of the first period owed ("2027-M01"); None: chosen when saved',
    )


class DraftWarning(BaseModel):
    """Something the importer could not read; rendered for people by the bot's texts."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(
        description='Machine code, e.g. "no_assignee", "no_timeframe", "lost_diacritics"'
    )
    ref: str | None = None
    excerpt: str = ""


class AmendmentChange(BaseModel):
    """One change an amending plan makes to the plan it amends, by that plan's numbering."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["amend", "add", "repeal", "replace"] = Field(
        description='"Sửa đổi, bổ sung điểm a khoản 1 Mục II" (amend), "Bổ sung điểm đ vào sau '
        'điểm d" (add), "Bãi bỏ" (repeal), "Thay thế cụm từ … bằng …" (replace)'
    )
    ref: str | None = Field(default=None, description='The amended plan\'s ref: "II.1.a"')
    after: str | None = Field(default=None, description="add: placed after this ref")
    task: TaskDraft | None = Field(
        default=None, description="amend/add: the item as it now reads, its ref the amended one"
    )
    old: str | None = Field(default=None, description="replace: the phrase replaced")
    new: str | None = Field(default=None, description="replace: the phrase put instead")
    scope: list[str] = Field(
        default_factory=list,
        description='replace: the parts or items it applies in ("II", "I.1"); empty: everywhere',
    )
    excerpt: str = Field(default="", description="The instruction as written")


class Amendment(BaseModel):
    """What an amending plan ("Kế hoạch sửa đổi, bổ sung … Kế hoạch số …") changes."""

    model_config = ConfigDict(extra="forbid")

    target_number: str = Field(description='The amended plan\'s number: "151/KH-UBND"')
    target_issued_on: date | None = None
    changes: list[AmendmentChange] = Field(default_factory=list)


class TargetDraft(BaseModel):
    """One target of the plan: an indicator's value for one horizon year, as the document
    states it ("Tỷ lệ đô thị hóa đến năm 2025 đạt trên 40%"). Without a value it is a
    qualitative target, kept as written."""

    model_config = ConfigDict(extra="forbid")

    indicator: str = Field(description='What is measured: "Tỷ lệ đô thị hóa"')
    horizon: int | None = Field(default=None, description="The year it is due by: 2025")
    comparison: Comparison | None = Field(default=None, description="None: qualitative")
    value: float | None = None
    value_max: float | None = Field(default=None, description="A range's upper bound")
    unit: str | None = Field(default=None, description='"%", "m²", "km", "đô thị"')
    text: str = Field(default="", description="The words as written")
    owner: str | None = Field(
        default=None, description="The agency that provides the figure, as the document names it"
    )

    @property
    def quantitative(self) -> bool:
        return self.value is not None and self.comparison is not None


class PlanDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan: PlanInfo
    tasks: list[TaskDraft] = Field(default_factory=list)
    reporting: ReportingSchedule = Field(default_factory=ReportingSchedule)
    warnings: list[DraftWarning] = Field(default_factory=list)
    quality: float | None = Field(
        default=None, description="How trustworthy the text is (0..1): diacritics, source form"
    )
    amends: Amendment | None = Field(
        default=None, description="Set when the document amends an earlier plan"
    )
    targets: list[TargetDraft] = Field(
        default_factory=list, description="The plan's targets (mục tiêu, chỉ tiêu), in order"
    )
