"""Blind fixtures: documents of the shapes provinces send, written by a tester who had not read the
parser (tests/fixtures/documents/blind_*, made by make_blind_fixtures.py). Each must reach F1 ≥ 0.9
on tasks with their lead agencies, the bar the importer is held to on documents it never saw."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plans.document import read_document
from tests.plans.test_plan_document_shapes import task_f1

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
BLIND = sorted(p.name.removesuffix(".expected.yaml") for p in DOCS.glob("blind_*.expected.yaml"))


def test_there_are_blind_fixtures_of_every_format() -> None:
    assert {Path(n).suffix for n in BLIND} >= {".txt", ".pdf", ".docx", ".xlsx"}
    for name in BLIND:
        assert (DOCS / name).exists(), name


@pytest.mark.parametrize("name", BLIND)
def test_blind_tasks_and_leads(name: str) -> None:
    draft = read_document((DOCS / name).read_bytes(), name)
    expected = yaml.safe_load((DOCS / f"{name}.expected.yaml").read_text("utf-8"))
    f1 = task_f1(draft, expected["tasks"])
    assert f1 >= 0.9, (name, f1, [(t.ref, t.lead) for t in draft.tasks])
    by_ref = {t.ref: t for t in draft.tasks}
    for item in expected["tasks"]:
        if item["ref"] in by_ref:
            assert by_ref[item["ref"]].title.startswith(item["title"]), by_ref[item["ref"]].title
