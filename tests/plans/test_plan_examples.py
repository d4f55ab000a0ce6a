"""Reviewed examples load as drafts; unseen documents are read with at least 90% accuracy."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plans.document import read_document
from plans.model import PlanDraft

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
UNSEEN_DOCS = ["gia-lai-cds-kh-ubnd.txt", "binh-dinh-phu-luc-kh-ubnd.md"]


@pytest.mark.parametrize(
    "name", ["quang-ngai-151-kh-ubnd.yaml", "ha-tinh-15-ctr-tu.yaml", "khanh-hoa-544-kl-tu.yaml"]
)
def test_example_is_a_valid_draft(name: str) -> None:
    data = yaml.safe_load((EXAMPLES / name).read_text("utf-8"))
    assert set(data) == {"plan", "tasks", "reporting"}
    draft = PlanDraft.model_validate(data)
    refs = [t.ref for t in draft.tasks]
    assert len(refs) == len(set(refs))
    assert all(t.lead for t in draft.tasks)
    assert draft.plan.number and draft.plan.coordinator


@pytest.mark.parametrize("name", UNSEEN_DOCS)
def test_unseen_document_accuracy(name: str) -> None:
    path = UNSEEN / name
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text("utf-8"))
    draft = read_document(path.read_bytes(), name)
    got = {t.ref: t for t in draft.tasks}
    wanted = expected["tasks"]
    tasks_ok = sum(1 for e in wanted if e["ref"] in got)
    leads_ok = sum(1 for e in wanted if e["ref"] in got and got[e["ref"]].lead == e["lead"])
    support_ok = sum(
        1 for e in wanted if e["ref"] in got and got[e["ref"]].support == e.get("support", [])
    )
    time_ok = sum(
        1 for e in wanted if e["ref"] in got and got[e["ref"]].timeframe == e.get("timeframe")
    )
    extra = sorted(set(got) - {e["ref"] for e in wanted})
    total = len(wanted)
    accuracy = (tasks_ok + leads_ok) / (2 * total)
    report = (
        f"{name}: tasks {tasks_ok}/{total}, leads {leads_ok}/{total}, support {support_ok}/{total},"
        f" timeframes {time_ok}/{total}, extra refs {extra}, accuracy {accuracy:.0%}"
    )
    assert accuracy >= 0.9 and not extra, report
    assert draft.plan.number == expected["number"], report
    assert draft.plan.coordinator == expected["coordinator"], report
