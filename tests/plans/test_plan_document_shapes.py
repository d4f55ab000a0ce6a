"""Plan documents in the shapes provinces send them: a decision with the plan attached, tasks only
in an appendix table (.docx and PDF), spreadsheet task lists (.xlsx, .csv), role-line items.
Each fixture in tests/fixtures/documents has its expectations written beside it; F1 on tasks
with their lead agencies is measured per fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from domain.text import fold
from plans.document import read_document
from plans.model import PlanDraft

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
# blind_* fixtures expect tasks and leads only: tests/plans/test_plan_document_blind.py;
# r3_* fixtures have their own expectations: tests/plans/test_plan_document_round3.py.
FIXTURES = sorted(
    p.name.removesuffix(".expected.yaml")
    for p in DOCS.glob("*.expected.yaml")
    if not p.name.startswith(("blind_", "r3_"))
)


def _read(name: str) -> PlanDraft:
    return read_document((DOCS / name).read_bytes(), name)


def _expected(name: str) -> dict:
    return yaml.safe_load((DOCS / f"{name}.expected.yaml").read_text("utf-8"))


def task_f1(draft: PlanDraft, expected: list[dict]) -> float:
    """F1 of (ref, lead agencies) pairs: a task counts when its ref and its leads are right."""
    got = {(t.ref, frozenset(fold(n) for n in t.lead)) for t in draft.tasks}
    want = {(e["ref"], frozenset(fold(n) for n in e["lead"])) for e in expected}
    hits = len(got & want)
    if not hits:
        return 0.0
    precision, recall = hits / len(got), hits / len(want)
    return 2 * precision * recall / (precision + recall)


def test_every_fixture_has_expectations() -> None:
    assert len(FIXTURES) >= 7
    for name in FIXTURES:
        assert (DOCS / name).exists(), name


@pytest.mark.parametrize("name", FIXTURES)
def test_tasks_and_leads(name: str) -> None:
    draft, expected = _read(name), _expected(name)
    f1 = task_f1(draft, expected["tasks"])
    assert f1 == 1.0, (name, f1, [(t.ref, t.lead) for t in draft.tasks])


@pytest.mark.parametrize("name", FIXTURES)
def test_titles_dates_and_products(name: str) -> None:
    draft, expected = _read(name), _expected(name)
    by_ref = {t.ref: t for t in draft.tasks}
    for item in expected["tasks"]:
        task = by_ref[item["ref"]]
        # The title is the task's own first sentence, never its product line or a sub-bullet.
        assert task.title.startswith(item["title"]), (item["ref"], task.title)
        assert not fold(task.title).startswith(("san pham", "kinh phi", "+"))
        assert task.due == item["due"], (item["ref"], task.timeframe)
        assert len(task.products) == item["products"], (item["ref"], task.products)


@pytest.mark.parametrize("name", FIXTURES)
def test_plan_frame(name: str) -> None:
    draft, expected = _read(name), _expected(name)
    plan = draft.plan
    assert plan.number == expected["number"]
    for key in ("kind", "issuer", "issued_on", "coordinator"):
        if key in expected:
            assert getattr(plan, key) == expected[key], key
    act = expected.get("issuing_act")
    if act:
        assert plan.issuing_act is not None
        assert (plan.issuing_act.number, plan.issuing_act.issued_on) == (
            act["number"],
            act["issued_on"],
        )
    else:
        assert plan.issuing_act is None


def test_decision_date_is_the_date_line_not_a_law_it_cites() -> None:
    # The decision cites "Luật … ngày 16 tháng 6 năm 2025" before its own date line.
    for name in ("qd-ban-hanh-ke-hoach-cds.docx", "qd-ban-hanh-ke-hoach-cds.pdf"):
        act = _read(name).plan.issuing_act
        assert act is not None and act.issued_on is not None and act.issued_on.year == 2026


def test_appendix_tasks_replace_standing_duties() -> None:
    draft = _read("kh-de-an-06-phu-luc.pdf")
    assert not any(t.ref.startswith("II.") and "thường trực" in t.text for t in draft.tasks)
    assert all(w.code != "appendix_missing" for w in draft.warnings)


def test_missing_appendix_is_said() -> None:
    data = (DOCS / "kh-de-an-06-phu-luc.docx").read_bytes()
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    for table in list(body.iterchildren(f"{{{body.nsmap['w']}}}tbl"))[2:]:
        body.remove(table)  # drop the appendix table, keep the text that points to it
    buffer = io.BytesIO()
    document.save(buffer)
    from plans.errors import DocumentError

    try:
        draft = read_document(buffer.getvalue(), "no-appendix.docx")
    except DocumentError as exc:
        assert exc.code == "appendix_missing"
    else:
        assert "appendix_missing" in [w.code for w in draft.warnings]


def test_a_list_without_a_number_is_known_by_its_file_name() -> None:
    from plans.loading import read_plan

    data = (DOCS / "danh-muc-nha-o-xa-hoi.csv").read_bytes()
    draft = read_plan(data, "danh-muc-nha-o-xa-hoi.csv", max_bytes=1_000_000)
    assert draft.plan.number == "danh-muc-nha-o-xa-hoi"
    assert "no_number" in [w.code for w in draft.warnings]  # the admin still sees it
