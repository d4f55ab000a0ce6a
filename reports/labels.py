"""Human-readable labels for the exported files, per language (Vietnamese by default).

``LABELS[lang][key]`` holds plain strings; some contain ``str.format`` fields.
Helpers format dates, times and percentages the way Vietnamese reports write them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType

from domain.status import Outcome, ReportStatus
from periods.labels import PeriodName
from periods.labels import period_label as render_period
from reports.model import PlanSummary, to_local

DEFAULT_LANG = "vi"

_VI: dict[str, str] = {
    # outcomes (the Government Office's four classes plus "not reported")
    "outcome.done_on_time": "Hoàn thành đúng hạn",
    "outcome.done_late": "Hoàn thành quá hạn",
    "outcome.in_progress_on_time": "Đang thực hiện trong hạn",
    "outcome.overdue": "Chưa hoàn thành, quá hạn",
    "outcome.not_reported": "Chưa báo cáo",
    # statuses an agency reports
    "status.done": "Hoàn thành",
    "status.in_progress": "Đang thực hiện",
    "status.not_started": "Chưa thực hiện",
    "status.blocked": "Có vướng mắc",
    "status.none": "",
    # roles
    "role.lead": "Chủ trì",
    "role.support": "Phối hợp",
    # workbook: task sheet columns
    "col.stt": "STT",
    "col.task_ref": "Mã nhiệm vụ",
    "col.task_title": "Nhiệm vụ",
    "col.task_group": "Nhóm",
    "col.agency": "Cơ quan",
    "col.role": "Vai trò",
    "col.status": "Trạng thái",
    "col.outcome": "Phân loại",
    "col.percent": "Tỷ lệ (%)",
    "col.note": "Nội dung báo cáo",
    "col.reported_at": "Thời điểm báo cáo",
    "col.reported_by": "Người báo cáo",
    "col.evidence": "Minh chứng",
    "col.deadline": "Hạn",
    "col.check": "Cần soát lại",
    "xlsx.no_diacritics": "Gõ không dấu: cần sửa",
    "xlsx.tasks_heading": "Nhiệm vụ (theo cơ quan chủ trì): {total} nhiệm vụ",
    "xlsx.agencies_heading": "Cơ quan đã báo cáo đủ: {reported}/{total} cơ quan",
    "xlsx.of_which_blocked": "Trong đó: có vướng mắc",
    "xlsx.of_which_not_started": "Trong đó: chưa thực hiện",
    "xlsx.flag": "Ghi chú",
    "xlsx.flag.blocked": "Có vướng mắc",
    "xlsx.flag.not_started": "Chưa thực hiện",
    "xlsx.leads": "Cơ quan chủ trì",
    "xlsx.supports": "Số cơ quan phối hợp",
    "xlsx.support_expected": "Phối hợp: phải báo cáo",
    "xlsx.support_reported": "Phối hợp: đã báo cáo",
    # workbook: summary sheet
    "sheet.summary": "Tổng hợp",
    "sheet.plan_prefix": "KH ",
    "xlsx.title": "TỔNG HỢP TÌNH HÌNH THỰC HIỆN KẾ HOẠCH",
    "xlsx.generated_at": "Thời điểm lập",
    "xlsx.no_plans": "Không có dữ liệu.",
    "xlsx.plan": "Kế hoạch số {plan_number}",
    "xlsx.issuer": "Cơ quan ban hành",
    "xlsx.coordinator": "Cơ quan theo dõi, đôn đốc",
    "xlsx.period": "Kỳ báo cáo",
    "period.monthly": "Tháng {month}/{year}",
    "period.quarterly_1": "Quý I/{year}",
    "period.quarterly_2": "Quý II/{year}",
    "period.quarterly_3": "Quý III/{year}",
    "period.quarterly_4": "Quý IV/{year}",
    "period.half_yearly_1": "6 tháng đầu năm {year}",
    "period.half_yearly_2": "6 tháng cuối năm {year}",
    "period.yearly": "Năm {year}",
    "period.adhoc": "đột xuất {day}",
    "period.adhoc_plain": "đột xuất",
    "xlsx.period_deadline": "Hạn báo cáo",
    "xlsx.outcome": "Phân loại",
    "xlsx.count": "Số lượng",
    "xlsx.share": "Tỷ lệ",
    "xlsx.total": "Tổng số",
    "xlsx.completion_rate": "Tỷ lệ hoàn thành",
    "xlsx.agency": "Cơ quan",
    "xlsx.expected": "Phải báo cáo",
    "xlsx.reported": "Đã báo cáo",
    "xlsx.missing": "Chưa báo cáo",
    "xlsx.late": "Trễ hạn",
    "xlsx.blocked": "Có vướng mắc",
    "xlsx.report_rate": "Tỷ lệ đã báo cáo",
    "xlsx.no_rows": "Không có dữ liệu cho kỳ báo cáo này.",
    # Word draft report
    "doc.nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "doc.motto": "Độc lập - Tự do - Hạnh phúc",
    "doc.number": "Số:       /BC-{abbr}",
    "doc.place_date": "{place}, ngày     tháng     năm {year}",
    "doc.place_blank": "……",
    "doc.title": "BÁO CÁO",
    "doc.subtitle": "Kết quả thực hiện {kind} số {plan_number}, kỳ {period_label}",
    "doc.intro": (
        "Thực hiện {kind} số {plan_number}{dated} của {issuer} về {plan_title}, {agency} "
        "báo cáo kết quả thực hiện kỳ {period_label} như sau:"
    ),
    "doc.intro_no_title": (
        "Thực hiện {kind} số {plan_number}{dated} của {issuer}, {agency} báo cáo kết quả "
        "thực hiện kỳ {period_label} như sau:"
    ),
    "doc.section1": "I. KẾT QUẢ CHUNG",
    "doc.section2": "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
    "doc.section3": "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT",
    "doc.section4": "IV. CÁC CƠ QUAN CHƯA BÁO CÁO",
    "doc.no_data": "Chưa có dữ liệu báo cáo trong kỳ {period_label}.",
    "doc.total": (
        "Trong kỳ có {total} nhiệm vụ phải báo cáo (trạng thái theo báo cáo của cơ quan "
        "chủ trì): {parts}."
    ),
    "doc.outcome_line": "- {label}: {count} nhiệm vụ ({share});",
    "doc.completion": "Tỷ lệ hoàn thành: {rate} ({done}/{total} nhiệm vụ).",
    "doc.period_deadline": "Hạn gửi báo cáo của kỳ: {deadline}.",
    "doc.agencies_reported": "Có {full}/{count} cơ quan đã gửi đủ báo cáo{deadline}.",
    "doc.agencies_missing": (
        "Đến thời điểm lập báo cáo, {count} cơ quan chưa gửi đủ báo cáo: {names}."
    ),
    "doc.other_group": "Nhiệm vụ khác",
    "doc.deadline_suffix": " (hạn {deadline})",
    "doc.no_report": "chưa báo cáo",
    "doc.table_caption": "Bảng tổng hợp kết quả thực hiện nhiệm vụ",
    "doc.table_stt": "STT",
    "doc.table_task": "Nhiệm vụ",
    "doc.table_lead": "Cơ quan chủ trì",
    "doc.table_status": "Trạng thái",
    "doc.table_note": "Ghi chú",
    "doc.no_blockers": "Trong kỳ, các cơ quan không báo cáo khó khăn, vướng mắc.",
    "doc.blocker_when": " (báo cáo ngày {when}{by})",
    "doc.blocker_by": ", {name}",
    "doc.proposal_placeholder": (
        "[{coordinator} bổ sung các đề xuất, kiến nghị với {issuer} trước khi ban hành.]"
    ),
    "doc.coordinator_generic": "Cơ quan theo dõi, đôn đốc",
    "doc.recipients": "Nơi nhận:",
    "doc.recipient_upper": "- {issuer} (báo cáo);",
    "doc.recipient_archive": "- Lưu: VT, ….",
    "doc.signer_generic": "THỦ TRƯỞNG CƠ QUAN",
    "doc.signer_hint": "(Ký, ghi rõ họ tên, đóng dấu)",
    "doc.signer_name": "……………………",
    "doc.dated": " ngày {date}",
    "doc.outcome_part": "{label} {count}",
    "doc.outcome_sub": " (trong đó có vướng mắc {blocked}, chưa thực hiện {not_started})",
    "doc.all_reported": "Các cơ quan đã gửi đủ báo cáo trong kỳ.",
    "doc.flag": " – {flag}",
    "doc.lead_silent_one": "{agency} chưa báo cáo.",
    "doc.leads_silent": "{count} cơ quan chủ trì chưa báo cáo.",
    "doc.no_lead": "Chưa có cơ quan chủ trì (cần phân công).",
    "doc.supports": "Cơ quan phối hợp: {names}.",
    "doc.appendix": "PHỤ LỤC",
    "doc.appendix_subtitle": (
        "Tình hình thực hiện các nhiệm vụ của {kind} số {plan_number}, kỳ {period_label}"
    ),
    "doc.leads_count": "{count} cơ quan chủ trì",
    "doc.party_committee": "ĐẢNG BỘ TỈNH {place}",
    "doc.party_parent": "TỈNH ỦY {place}",
    "doc.party_number": "Số        -BC/{abbr}",
    "doc.party_title": "ĐẢNG CỘNG SẢN VIỆT NAM",
    # chart
    "chart.title": "Kế hoạch {plan_number} – kỳ {period_label}",
    "chart.completion": "Tỷ lệ hoàn thành: {rate} ({done}/{total} nhiệm vụ)",
    "chart.mix": "Nhiệm vụ theo phân loại",
    "chart.by_agency": "Tỷ lệ hoàn thành theo cơ quan",
    "chart.by_agency_top": "{shown} cơ quan còn nợ nhiều báo cáo nhất (trên {total})",
    "chart.agencies": "{reported}/{total} cơ quan đã báo cáo đủ",
    "chart.sub": " – vướng {blocked}, chưa TH {not_started}",
    "chart.others": "Các cơ quan khác ({count})",
    "chart.no_data": "Chưa có dữ liệu cho kỳ báo cáo này",
}

_EN: dict[str, str] = {
    "outcome.done_on_time": "Completed on time",
    "outcome.done_late": "Completed late",
    "outcome.in_progress_on_time": "In progress, within deadline",
    "outcome.overdue": "Overdue, not completed",
    "outcome.not_reported": "Not reported",
    "status.done": "Completed",
    "status.in_progress": "In progress",
    "status.not_started": "Not started",
    "status.blocked": "Blocked",
    "status.none": "",
    "role.lead": "Lead",
    "role.support": "Support",
    "col.stt": "No.",
    "col.task_ref": "Task ref.",
    "col.task_title": "Task",
    "col.task_group": "Group",
    "col.agency": "Agency",
    "col.role": "Role",
    "col.status": "Status",
    "col.outcome": "Outcome",
    "col.percent": "Progress (%)",
    "col.note": "Report",
    "col.reported_at": "Reported at",
    "col.reported_by": "Reported by",
    "col.evidence": "Evidence",
    "col.deadline": "Deadline",
    "col.check": "To check",
    "xlsx.no_diacritics": "Typed without diacritics: fix",
    "xlsx.tasks_heading": "Tasks (by lead agency): {total} tasks",
    "xlsx.agencies_heading": "Agencies that reported in full: {reported}/{total}",
    "xlsx.of_which_blocked": "Of which: blocked",
    "xlsx.of_which_not_started": "Of which: not started",
    "xlsx.flag": "Note",
    "xlsx.flag.blocked": "Blocked",
    "xlsx.flag.not_started": "Not started",
    "xlsx.leads": "Lead agencies",
    "xlsx.supports": "Supporting agencies",
    "xlsx.support_expected": "Support: reports due",
    "xlsx.support_reported": "Support: reported",
    "sheet.summary": "Summary",
    "sheet.plan_prefix": "Plan ",
    "xlsx.title": "PLAN IMPLEMENTATION SUMMARY",
    "xlsx.generated_at": "Generated at",
    "xlsx.no_plans": "No data.",
    "xlsx.plan": "Plan No. {plan_number}",
    "xlsx.issuer": "Issued by",
    "xlsx.coordinator": "Monitoring agency",
    "xlsx.period": "Reporting period",
    "period.monthly": "{month}/{year}",
    "period.quarterly_1": "Q1/{year}",
    "period.quarterly_2": "Q2/{year}",
    "period.quarterly_3": "Q3/{year}",
    "period.quarterly_4": "Q4/{year}",
    "period.half_yearly_1": "H1/{year}",
    "period.half_yearly_2": "H2/{year}",
    "period.yearly": "Year {year}",
    "period.adhoc": "ad hoc {day}",
    "period.adhoc_plain": "ad hoc",
    "xlsx.period_deadline": "Report deadline",
    "xlsx.outcome": "Outcome",
    "xlsx.count": "Count",
    "xlsx.share": "Share",
    "xlsx.total": "Total",
    "xlsx.completion_rate": "Completion rate",
    "xlsx.agency": "Agency",
    "xlsx.expected": "Reports due",
    "xlsx.reported": "Reported",
    "xlsx.missing": "Not reported",
    "xlsx.late": "Late",
    "xlsx.blocked": "Blocked",
    "xlsx.report_rate": "Reporting rate",
    "xlsx.no_rows": "No data for this reporting period.",
    "doc.nation": "SOCIALIST REPUBLIC OF VIET NAM",
    "doc.motto": "Independence - Freedom - Happiness",
    "doc.number": "No.:       /BC-{abbr}",
    "doc.place_date": "{place}, ……/……/{year}",
    "doc.place_blank": "……",
    "doc.title": "REPORT",
    "doc.subtitle": "Implementation of {kind} No. {plan_number}, period {period_label}",
    "doc.intro": (
        "Pursuant to {kind} No. {plan_number}{dated} of {issuer} on {plan_title}, "
        "{agency} reports the results for the period {period_label} as follows:"
    ),
    "doc.intro_no_title": (
        "Pursuant to {kind} No. {plan_number}{dated} of {issuer}, {agency} reports the "
        "results for the period {period_label} as follows:"
    ),
    "doc.section1": "I. OVERALL RESULTS",
    "doc.section2": "II. RESULTS BY TASK",
    "doc.section3": "III. DIFFICULTIES, OBSTACLES, RECOMMENDATIONS AND PROPOSALS",
    "doc.section4": "IV. AGENCIES THAT HAVE NOT REPORTED",
    "doc.no_data": "There is no report data for the period {period_label}.",
    "doc.total": (
        "{total} tasks are reported this period (status from their lead agencies' "
        "reports): {parts}."
    ),
    "doc.outcome_line": "- {label}: {count} ({share});",
    "doc.completion": "Completion rate: {rate} ({done}/{total} tasks).",
    "doc.period_deadline": "Report deadline for the period: {deadline}.",
    "doc.agencies_reported": "{full}/{count} agencies sent all their reports{deadline}.",
    "doc.agencies_missing": (
        "At the time of this report, {count} agencies have reports outstanding: {names}."
    ),
    "doc.other_group": "Other tasks",
    "doc.deadline_suffix": " (due {deadline})",
    "doc.no_report": "not reported",
    "doc.table_caption": "Summary of results by task",
    "doc.table_stt": "No.",
    "doc.table_task": "Task",
    "doc.table_lead": "Lead agency",
    "doc.table_status": "Status",
    "doc.table_note": "Notes",
    "doc.no_blockers": "No agency reported difficulties or obstacles this period.",
    "doc.blocker_when": " (reported {when}{by})",
    "doc.blocker_by": ", {name}",
    "doc.proposal_placeholder": "[{coordinator} to add proposals to {issuer} before issuing.]",
    "doc.coordinator_generic": "The monitoring agency",
    "doc.recipients": "Recipients:",
    "doc.recipient_upper": "- {issuer} (for report);",
    "doc.recipient_archive": "- Archive: Records, ….",
    "doc.signer_generic": "HEAD OF AGENCY",
    "doc.signer_hint": "(Signature, full name, seal)",
    "doc.signer_name": "……………………",
    "doc.dated": " dated {date}",
    "doc.outcome_part": "{label} {count}",
    "doc.outcome_sub": " (of which blocked {blocked}, not started {not_started})",
    "doc.all_reported": "All agencies sent their reports this period.",
    "doc.flag": " – {flag}",
    "doc.lead_silent_one": "{agency} has not reported.",
    "doc.leads_silent": "{count} lead agencies have not reported.",
    "doc.no_lead": "No lead agency yet (to be assigned).",
    "doc.supports": "Supporting agencies: {names}.",
    "doc.appendix": "APPENDIX",
    "doc.appendix_subtitle": "Tasks of {kind} No. {plan_number}, period {period_label}",
    "doc.leads_count": "{count} lead agencies",
    "doc.party_committee": "PARTY ORGANISATION OF {place} PROVINCE",
    "doc.party_parent": "{place} PROVINCIAL PARTY COMMITTEE",
    "doc.party_number": "No.        -BC/{abbr}",
    "doc.party_title": "COMMUNIST PARTY OF VIET NAM",
    "chart.title": "Plan {plan_number} – period {period_label}",
    "chart.completion": "Completion rate: {rate} ({done}/{total} tasks)",
    "chart.mix": "Task outcomes",
    "chart.by_agency": "Completion rate by agency",
    "chart.by_agency_top": "The {shown} agencies owing most reports (of {total})",
    "chart.agencies": "{reported}/{total} agencies reported in full",
    "chart.sub": " – blocked {blocked}, not started {not_started}",
    "chart.others": "Other agencies ({count})",
    "chart.no_data": "No data for this reporting period",
}

LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"vi": MappingProxyType(_VI), "en": MappingProxyType(_EN)}
)


def normalise_lang(lang: str | None) -> str:
    """Map "vi", "vi-VN", "EN_us", None … to a supported language code (default "vi")."""
    code = (lang or DEFAULT_LANG).replace("_", "-").split("-", 1)[0].lower()
    return code if code in LABELS else DEFAULT_LANG


def labels(lang: str | None = DEFAULT_LANG) -> Mapping[str, str]:
    """The label table for a language; unknown languages fall back to Vietnamese."""
    return LABELS[normalise_lang(lang)]


def outcome_label(outcome: Outcome | str, lang: str | None = DEFAULT_LANG) -> str:
    """Display name of an outcome class."""
    return labels(lang)[f"outcome.{Outcome(outcome).value}"]


def status_label(status: ReportStatus | str | None, lang: str | None = DEFAULT_LANG) -> str:
    """Display name of a reported status ("" when nothing was reported)."""
    if status is None:
        return labels(lang)["status.none"]
    return labels(lang)[f"status.{ReportStatus(status).value}"]


def role_label(role: str, lang: str | None = DEFAULT_LANG) -> str:
    """Chủ trì / Phối hợp."""
    return labels(lang)["role.lead" if str(role) == "lead" else "role.support"]


def format_date(day: date | None) -> str:
    """22/09/2022 ('' for None)."""
    return day.strftime("%d/%m/%Y") if day else ""


def format_datetime(moment: datetime | None) -> str:
    """Local time as dd/mm/yyyy HH:MM ('' for None)."""
    return to_local(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def period_label(label: str, lang: str | None = DEFAULT_LANG) -> str:
    """The period as the language writes it: "Quý IV/2026" stays in Vietnamese, in English it
    is "Q4/2026" ("H1/2026", "11/2026", "Year 2026"); a label not understood is kept."""
    if normalise_lang(lang) == "vi":
        return label
    from periods.rules import parse_period_label

    period = parse_period_label(label)
    if period is None:
        return label
    return render_period(PeriodName(period.kind, period.key), labels(lang).__getitem__)


def localised(summary: PlanSummary, lang: str | None) -> PlanSummary:
    """The summary with its period label in the language of the export (from its key)."""
    if summary.period_key:
        name = PeriodName(summary.period_kind, summary.period_key)
        label = render_period(name, labels(lang).__getitem__)
    else:
        label = period_label(summary.period_label, lang)
    if label == summary.period_label:
        return summary
    return dataclasses.replace(summary, period_label=label)


def format_percent(fraction: float, lang: str | None = DEFAULT_LANG, digits: int = 1) -> str:
    """0.5333 → "53,3%" in Vietnamese (decimal comma), "53.3%" in English."""
    text = f"{fraction * 100:.{digits}f}"
    if digits and text.endswith("." + "0" * digits):
        text = text[: -(digits + 1)]
    if normalise_lang(lang) == "vi":
        text = text.replace(".", ",")
    return f"{text}%"
