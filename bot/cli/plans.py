"""Plans and the agency directory: `dondoc import`, `plans`, `agency …`, `assign`, `unassign`."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.common import CliError, agency_hint, with_database
from bot.settings import Settings
from plans.registry import AgencyConflict, add_agency, find_agency
from storage.db import Database


async def cmd_agency_add(settings: Settings, args: argparse.Namespace) -> None:
    async def work(db: Database) -> None:
        async with db.transaction() as session:
            try:
                agency = await add_agency(
                    session, args.name, short_name=args.short, aliases=args.alias, kind=args.kind
                )
            except AgencyConflict as exc:
                raise CliError(
                    f"«{exc.name}» is already used by agency «{exc.existing}»; nothing added"
                ) from exc
        print(f"added agency #{agency.id}: {agency.name}")

    await with_database(settings, work)


DOCUMENT_ERRORS = {
    "empty": "the file is empty",
    "binary": "the file is not text, .docx or a PDF with text",
    "too_large": "the file is too large",
    "corrupt_docx": "the .docx file is damaged (open it in Word and save it again)",
    "encrypted": "the document is password-protected; save a copy without a password",
    "unsupported_format": "this file type is not supported (use .txt, .md, .docx, .pdf or .yaml)",
    "no_tasks": "no tasks were recognised in the document",
    "pdf_no_text": "the PDF has no text layer (a scan): run OCR first or send the .docx",
}


def describe_plan_error(exc: Exception) -> str:
    from plans.document import DocumentError

    if isinstance(exc, DocumentError):
        return DOCUMENT_ERRORS.get(exc.code, exc.code)
    return str(exc)


def read_plan_file(path: str, settings: Settings) -> Any:
    from pathlib import Path

    from plans.document import DocumentError
    from plans.loading import read_plan
    from plans.planfile import PlanFileError

    file = Path(path)
    if not file.is_file():
        raise CliError(f"no such file: {path}")
    try:
        return read_plan(file.read_bytes(), file.name, max_bytes=settings.max_upload_mb * 1_000_000)
    except (DocumentError, PlanFileError) as exc:
        raise CliError(f"{path}: {describe_plan_error(exc)}; nothing was saved") from exc


def parse_fixes(values: list[str]) -> dict[str, str]:
    fixes = {}
    for value in values:
        written, sep, target = value.partition("=")
        if not sep or not written.strip() or not target.strip():
            raise CliError(f"--fix takes 'NAME AS WRITTEN=DIRECTORY NAME', not {value!r}")
        fixes[written.strip()] = target.strip()
    return fixes


async def cmd_import(settings: Settings, args: argparse.Namespace) -> None:
    """Preview (--dry-run) or save a plan from a document or a YAML plan file."""
    import json

    from plans.registry import is_empty, load_directory, starter_snapshot
    from plans.starter import load_directory as load_starter_directory
    from plans.store import UnresolvedAgencies, preview_plan, save_plan

    draft = read_plan_file(args.file, settings)
    fixes = parse_fixes(args.fix)

    async def work(db: Database) -> None:
        if args.dry_run:
            async with db.sessions() as session:
                directory = (
                    starter_snapshot(load_starter_directory())
                    if await is_empty(session)
                    else await load_directory(session)
                )
                preview = await preview_plan(session, draft, directory=directory)
            if args.json:
                print(json.dumps(preview.to_json(), ensure_ascii=False, indent=1))
            else:
                print_preview(preview)
            return
        try:
            async with db.transaction() as session:
                result = await save_plan(
                    session, draft, fixes=fixes, create_missing=args.create_agencies
                )
        except UnresolvedAgencies as exc:
            lines = [
                f"  «{u.name}» (tasks {', '.join(u.refs) or '-'})"
                + (f": did you mean {', '.join(u.suggestions)}?" if u.suggestions else "")
                for u in exc.unmatched
            ]
            raise CliError(
                "agencies not in the directory; nothing was saved:\n"
                + "\n".join(lines)
                + "\nfix them with --fix 'NAME=DIRECTORY NAME', add them with `dondoc agency "
                "add`, load the starter directory (`dondoc agency load-starter`), or pass "
                "--create-agencies"
            ) from exc
        verb = "created" if result.created else "updated"
        print(
            f"{verb} plan {result.plan.number}: {result.added} tasks added, {result.updated} "
            f"changed, {result.removed} removed"
            + (f"; new agencies: {', '.join(result.new_agencies)}" if result.new_agencies else "")
        )

    await with_database(settings, work)


def print_preview(preview: Any) -> None:
    data = preview.to_json()
    plan = data["plan"]
    print(f"{plan['number']} — {plan['title']}")
    print(
        f"issuer: {plan['issuer']}, issued {plan['issued_on']}, coordinator {plan['coordinator']}"
    )
    print(f"{len(data['tasks'])} tasks:")
    for task in data["tasks"]:
        support = f"; support: {', '.join(task['support'])}" if task["support"] else ""
        print(f"  {task['ref']:8} {task['title'][:70]}")
        print(
            f"           lead: {', '.join(task['lead']) or '-'}{support}; {task.get('timeframe')}"
        )
    for item in data["unmatched"]:
        hint = f" — did you mean {', '.join(item['suggestions'])}?" if item["suggestions"] else ""
        print(f"unmatched: «{item['name']}»{hint}")
    for warning in data["warnings"]:
        excerpt = warning.get("excerpt", "")[:80]
        print(f"warning: {warning['code']} {warning.get('ref') or ''} {excerpt}")
    if preview.diff is not None and not preview.diff.is_empty:
        diff = preview.diff
        print(
            f"changes against the saved plan: added {diff.added}, removed {diff.removed}, "
            f"changed {diff.changed}"
        )


async def cmd_agency_load_starter(settings: Settings, args: argparse.Namespace) -> None:
    from plans.registry import load_starter
    from plans.starter import load_directory as load_starter_directory

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            result = await load_starter(session, load_starter_directory(), province=args.province)
        print(f"added {result.agencies_added} agencies and {result.groups_added} groups")

    await with_database(settings, work)


async def cmd_agency_merge(settings: Settings, args: argparse.Namespace) -> None:
    from plans.registry import merge_agency

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            old = await find_agency(session, args.old)
            new = await find_agency(session, args.into)
            for name, lookup in ((args.old, old), (args.into, new)):
                if lookup.agency is None:
                    hint = agency_hint(lookup.suggestions)
                    raise CliError(f"unknown agency «{name}»{hint}")
            assert old.agency is not None and new.agency is not None
            if old.agency.id == new.agency.id:
                raise CliError(f"«{args.old}» already passes to «{new.agency.name}»")
            moved = await merge_agency(session, old.agency, new.agency)
        print(f"{old.agency.name} → {new.agency.name}: {moved} assignments moved")

    await with_database(settings, work)


async def cmd_agency_reorganise(settings: Settings, args: argparse.Namespace) -> None:
    from plans.registry import apply_successions
    from plans.starter import load_reorganisation

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            applied = await apply_successions(session, load_reorganisation())
        for item in applied:
            print(f"{item.old} → {item.new}: {item.moved} assignments moved")
        print(f"{len(applied)} agencies passed to their successors")

    await with_database(settings, work)


async def cmd_agency_list(settings: Settings, args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from storage.models import Agency

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            agencies = (await session.scalars(select(Agency).order_by(Agency.name))).all()
            for agency in agencies:
                state = "" if agency.active else " (merged)"
                short = f" [{agency.short_name}]" if agency.short_name else ""
                print(f"{agency.id:4} {agency.name}{short}{state}")

    await with_database(settings, work)


async def cmd_assign(settings: Settings, args: argparse.Namespace) -> None:
    """Assign or unassign a task to an agency from the terminal."""
    from domain.status import AssignmentRole
    from plans.assignments import assign, find_task, unassign
    from plans.store import find_plan

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            plan = await find_plan(session, args.plan)
            if plan is None:
                raise CliError(f"unknown plan «{args.plan}»")
            task = await find_task(session, plan, args.ref)
            if task is None:
                raise CliError(f"plan {plan.number} has no task «{args.ref}»")
            lookup = await find_agency(session, args.agency)
            if lookup.agency is None:
                hint = agency_hint(lookup.suggestions)
                raise CliError(f"unknown agency «{args.agency}»{hint}")
            if args.command == "unassign":
                changed = await unassign(session, task, lookup.agency, None)
            else:
                changed = await assign(
                    session, task, lookup.agency, AssignmentRole(args.role), None
                )
        print(f"{'changed' if changed else 'unchanged'}: {task.ref} {lookup.agency.name}")

    await with_database(settings, work)


async def cmd_plans(settings: Settings, args: argparse.Namespace) -> None:
    from plans.overview import plans_overview

    async def work(db: Database) -> None:
        async with db.transaction() as session:
            for item in await plans_overview(session):
                schedule = ",".join(item.plan.schedule.get("frequencies", []))
                print(
                    f"{item.plan.number}: {item.tasks} tasks, {item.agencies} agencies, {schedule}"
                )

    await with_database(settings, work)


def register(sub: Any) -> None:
    imp = sub.add_parser("import", help="import a plan (.yaml plan file, .docx, .txt, .md, .pdf)")
    imp.add_argument("file")
    imp.add_argument(
        "--dry-run", action="store_true", help="show what was understood; save nothing"
    )
    imp.add_argument("--json", action="store_true", help="with --dry-run: print one JSON object")
    imp.add_argument("--fix", action="append", default=[], help="'NAME AS WRITTEN=DIRECTORY NAME'")
    imp.add_argument("--create-agencies", action="store_true", help="add unknown names as agencies")
    imp.set_defaults(handler=cmd_import)

    sub.add_parser("plans", help="list plans").set_defaults(handler=cmd_plans)

    agency = sub.add_parser("agency", help="manage agencies").add_subparsers(dest="agency_command")
    add = agency.add_parser("add", help="add an agency to the directory")
    add.add_argument("name")
    add.add_argument("--short", help='short name, e.g. "Sở XD"')
    add.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    add.add_argument(
        "--kind",
        default="department",
        choices=["department", "board", "front", "district", "party", "other"],
    )
    add.set_defaults(handler=cmd_agency_add)
    load = agency.add_parser(
        "load-starter", help="load the starter directory of the seed provinces"
    )
    load.add_argument("--province", help="only this province's entries, e.g. 'Quảng Ngãi'")
    load.set_defaults(handler=cmd_agency_load_starter)
    merge = agency.add_parser("merge", help="pass an agency to its successor (merger or rename)")
    merge.add_argument("old")
    merge.add_argument("--into", required=True, help="the successor agency")
    merge.set_defaults(handler=cmd_agency_merge)
    agency.add_parser("list", help="list agencies").set_defaults(handler=cmd_agency_list)
    agency.add_parser(
        "apply-reorganisation", help="merge agencies into their 2025 successors (see docs)"
    ).set_defaults(handler=cmd_agency_reorganise)

    for name in ("assign", "unassign"):
        cmd = sub.add_parser(name, help=f"{name} a task to an agency")
        cmd.add_argument("plan")
        cmd.add_argument("ref")
        cmd.add_argument("agency")
        if name == "assign":
            cmd.add_argument("--role", choices=["lead", "support"], default="lead")
        cmd.set_defaults(handler=cmd_assign)
