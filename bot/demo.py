"""`dondoc demo`: the real bot against the local Bot API emulator, with a web chat, seeded data
and a clock you move by hand, so anyone can try dondoc without Telegram, a token or a network.

Everything runs on 127.0.0.1 in one event loop: the emulator (which also serves the web chat),
the bot polling it, the reminder scheduler, and a fresh SQLite database that holds the starter
agency directory, the three reviewed seed plans and four demo members.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import shutil
import signal
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from bot.context import Services, working_calendar
from bot.scheduling import safe_tick
from bot.settings import Settings
from emulator import BotApiEmulator, FakeUser
from emulator.webchat import ChatUser, WebChat
from periods.calendar import WorkingCalendar
from periods.rules import first_reminder_day, next_period, period_containing
from plans.model import PlanDraft, ReportingSchedule
from plans.store import ImportClock
from runtime.services import make_services

if TYPE_CHECKING:
    from bot.app import Dondoc

log = logging.getLogger("dondoc.demo")

DEMO_TOKEN = "424242:DEMO-token-for-the-local-emulator-only"
DEFAULT_PORT = 8765
DB_NAME = "demo.sqlite3"
# One demo = one province: its directory and only its own seed plans.
PROVINCE_PLANS: dict[str, tuple[str, ...]] = {
    "Quảng Ngãi": ("quang-ngai-151-kh-ubnd.yaml",),
    "Khánh Hòa": ("khanh-hoa-544-kl-tu.yaml",),
    "Hà Tĩnh": ("ha-tinh-15-ctr-tu.yaml",),
}
SEED_PLANS = tuple(name for names in PROVINCE_PLANS.values() for name in names)
DEMO_HOUR = time(9, 0)


@dataclass(frozen=True)
class DemoMember:
    user: FakeUser
    role: str  # officer | coordinator | admin
    agency: str | None
    label: str


OFFICER = DemoMember(
    FakeUser(700001, "Nguyễn", "Văn An", username="an_sxd"),
    "officer",
    "Sở Xây dựng",
    "Cán bộ · Sở Xây dựng",
)
OTHER_OFFICER = DemoMember(
    FakeUser(700002, "Lê", "Thị Hoa", username="hoa_stc"),
    "officer",
    "Sở Tài chính",
    "Cán bộ · Sở Tài chính",
)
COORDINATOR = DemoMember(
    FakeUser(700003, "Trần", "Minh Đức", username="duc_dieuphoi"),
    "coordinator",
    "Sở Xây dựng",
    "Điều phối · Sở Xây dựng",
)
ADMIN = DemoMember(
    FakeUser(700004, "Phạm", "Quản Trị", username="admin_demo"),
    "admin",
    None,
    "Quản trị viên",
)
MEMBERS = (OFFICER, OTHER_OFFICER, COORDINATOR, ADMIN)
DEMO_PROVINCE = "Quảng Ngãi"


class DemoClock:
    """The demo's own time, moved by the page's buttons (the production clock stays real)."""

    def __init__(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("DemoClock needs an aware datetime")
        self.current = now

    def __call__(self) -> datetime:
        return self.current

    def set(self, now: datetime) -> None:
        self.current = now


def demo_province(name: str | None) -> str:
    """The demo's province as typed ("Khanh Hoa" → "Khánh Hòa"); ValueError for one without
    seed plans."""
    from plans.directory import folded_key

    wanted = folded_key(name or DEMO_PROVINCE)
    for province in PROVINCE_PLANS:
        if folded_key(province) == wanted:
            return province
    raise ValueError(name)


def seed_plan_texts(province: str | None = None) -> list[tuple[str, str]]:
    """(file name, YAML text) of the seed plans shipped in the package (one province's when
    named, else all)."""
    folder = resources.files("emulator") / "demo_data"
    names = PROVINCE_PLANS[demo_province(province)] if province else SEED_PLANS
    return [(name, (folder / name).read_text(encoding="utf-8")) for name in names]


def page_words(language: str) -> dict[str, str]:
    """The web chat page's words in the demo's language (the catalogue's "webchat.*" keys)."""
    from texts import CATALOGUES

    catalogue = CATALOGUES.get(language, CATALOGUES["vi"])
    return {key: value for key, value in catalogue.items() if key.startswith("webchat.")}


def seed_drafts(province: str | None = None) -> list[PlanDraft]:
    from plans.planfile import load_plan_file

    return [load_plan_file(text) for _name, text in seed_plan_texts(province)]


def demo_settings(settings: Settings, api_base: str, database_url: str) -> Settings:
    """The user's settings (language, time zone, working hours) with everything that would
    reach Telegram or the user's database replaced."""
    return settings.model_copy(
        update={
            "telegram_bot_token": SecretStr(DEMO_TOKEN),
            "telegram_api_base_url": api_base,
            "database_url": database_url,
            "database_schema": None,
            "admin_ids": [ADMIN.user.id],
            "poll_timeout": min(settings.poll_timeout, 10),
            # the desktop view on a free local port: /web in the chat links to it
            "web_enabled": True,
            "web_listen": "127.0.0.1",
            "web_port": 0,
            "web_base_url": "",
        }
    )


def demo_start(today: date, calendar: WorkingCalendar, schedule: ReportingSchedule) -> datetime:
    """09:00 on the working day before the first reminder of the next quarterly report, so that
    the first "Next day" presses bring reminders, then deadlines and escalations."""
    period = period_containing("quarterly", today)
    while True:
        first = first_reminder_day(
            period,
            calendar,
            schedule.deadline_working_days,
            schedule.remind_days_before,
            schedule.support_days_before,
        )
        if first > today:
            break
        period = next_period(period)
    return morning(calendar.add_working_days(first, -1), calendar)


def morning(day: date, calendar: WorkingCalendar) -> datetime:
    """09:00 on `day` (or the start of working hours if 09:00 is outside them)."""
    hour = (
        DEMO_HOUR if calendar.work_start <= DEMO_HOUR < calendar.work_end else calendar.work_start
    )
    return datetime.combine(day, hour, tzinfo=calendar.tz)


def calendar_for(settings: Settings) -> WorkingCalendar:
    return WorkingCalendar(**settings.calendar_settings)  # type: ignore[arg-type]


@dataclass
class Demo:
    """The whole demo; `start()` then `stop()`, in one event loop."""

    settings: Settings
    data_dir: Path | None = None
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    start_at: datetime | None = None
    province: str = DEMO_PROVINCE
    url: str = ""
    emulator: BotApiEmulator = field(init=False)
    clock: DemoClock = field(init=False)
    bot: Dondoc | None = None
    svc: Services | None = None
    application: Any = None
    dispatcher: Any = None
    _db: Any = None
    _tmp: Path | None = None
    webchat: WebChat | None = None

    @property
    def token(self) -> str:
        return DEMO_TOKEN

    def _database_path(self) -> Path:
        if self.data_dir is None:
            self._tmp = Path(tempfile.mkdtemp(prefix="dondoc-demo-"))
            folder = self._tmp
        else:
            folder = self.data_dir
            folder.mkdir(parents=True, exist_ok=True)
        path = folder / DB_NAME
        for suffix in ("", "-wal", "-shm", "-journal"):  # a fresh database on every start
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return path

    async def start(self) -> str:
        from storage.db import Database

        self.emulator = BotApiEmulator()
        calendar = calendar_for(self.settings)
        self.province = demo_province(self.province)
        drafts = seed_drafts(self.province)
        today = datetime.now(calendar.tz).date()
        self.clock = DemoClock(self.start_at or demo_start(today, calendar, drafts[0].reporting))
        chat_users = [ChatUser(m.user, m.label, m.role) for m in MEMBERS]
        webchat = WebChat(
            self.emulator,
            DEMO_TOKEN,
            chat_users,
            self.clock,
            self.move_clock,
            tz=calendar.tz,
            strings=page_words(self.settings.language),
            language=self.settings.language,
        )
        webchat.install(self.emulator.app)
        self.webchat = webchat
        base = await self.emulator.start(self.host, self.port)
        self.url = base + "/"
        db_path = self._database_path()
        settings = demo_settings(self.settings, base, f"sqlite+aiosqlite:///{db_path}")
        self._db = Database(settings.database_url)
        await self._db.upgrade()
        # the plans as loaded a month before the demo's first day: the quarter it shows is owed
        loaded = ImportClock(self.clock() - timedelta(days=30), calendar)
        await seed(self._db, drafts, self.province, loaded, joined=self.clock())
        from bot.app import Dondoc  # here: `dondoc` commands other than demo start faster

        self.bot = Dondoc(make_services(settings, self._db, clock=self.clock))
        self.svc = self.bot.svc
        self.application = self.bot.application
        await self.bot.start()
        self.dispatcher = self.bot.dispatcher
        await safe_tick(self.dispatcher)  # the first tick now, in order; then every interval
        self.bot.start_scheduler(first_tick_in=timedelta(seconds=settings.tick_seconds))
        self.bot.start_polling()
        return self.url

    async def stop(self) -> None:
        if self.bot is not None:
            await self.bot.stop()
            self.bot = None
            self.application = None
        if self.webchat is not None:
            self.webchat.close()
        if getattr(self, "emulator", None) is not None:
            await self.emulator.stop()
        if self._db is not None:
            await self._db.dispose()
            self._db = None
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    async def move_clock(self, action: str) -> None:
        """ "next_day": 09:00 of the next working day (weekends, holidays and the days off an
        admin declared are skipped); "hour": one hour on. Then a reminder tick at the new time
        (reminders go out only in working hours on working days)."""
        calendar = await self.current_calendar()
        now = self.clock().astimezone(calendar.tz)
        if action == "next_day":
            self.clock.set(morning(calendar.add_working_days(now.date(), 1), calendar))
        elif action == "hour":
            self.clock.set(now + timedelta(hours=1))
        else:
            raise ValueError(f"unknown clock action {action!r}")
        if self.dispatcher is not None:
            await safe_tick(self.dispatcher)

    async def current_calendar(self) -> WorkingCalendar:
        """The calendar the bot uses: with the days an admin declared in the demo."""
        if self.svc is None:
            return calendar_for(self.settings)
        async with self.svc.db.transaction() as session:
            calendar, _today = await working_calendar(self.svc, session)
        return calendar


async def seed(
    db: Any,
    drafts: list[PlanDraft],
    province: str = DEMO_PROVINCE,
    loaded: ImportClock | None = None,
    joined: datetime | None = None,
) -> None:
    """The province's directory, its seed plans (saved `loaded`, on the demo's clock) and demo
    members (joined `joined`, the demo's start), in a fresh database."""
    from plans.registry import find_agency, setup_province
    from plans.starter import load_directory
    from plans.store import save_plan
    from storage.models import Member

    async with db.transaction() as session:
        # one province as it is today (old names map to successors), with its communes
        await setup_province(session, province, load_directory())
    for draft in drafts:
        async with db.transaction() as session:
            saved = await save_plan(session, draft, create_missing=True, at=loaded)
        if saved.new_agencies:  # the reviewed examples match the starter directory
            log.warning("demo plan %s added agencies %s", draft.plan.number, saved.new_agencies)
    async with db.transaction() as session:
        for member in MEMBERS:
            if member.role == "admin":
                continue  # an admin through the settings' admin ids, made on first use
            lookup = await find_agency(session, member.agency or "")
            if lookup.agency is None:
                raise RuntimeError(f"the demo agency {member.agency!r} is not in the directory")
            user = member.user
            session.add(
                Member(
                    telegram_user_id=user.id,
                    full_name=f"{user.first_name} {user.last_name}".strip(),
                    username=user.username,
                    agency_id=lookup.agency.id,
                    role=member.role,
                    **({"created_at": joined} if joined is not None else {}),
                )
            )


# -- CLI -------------------------------------------------------------------------------------------
def add_demo_parser(sub: Any) -> None:
    demo = sub.add_parser(
        "demo", help="try dondoc without Telegram: the bot, a local Bot API and a web chat"
    )
    demo.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"web chat port (default {DEFAULT_PORT})"
    )
    demo.add_argument(
        "--province",
        default=DEMO_PROVINCE,
        help=f"the demo's province and its seed plans: {', '.join(PROVINCE_PLANS)}"
        f" (default {DEMO_PROVINCE})",
    )
    demo.add_argument(
        "--data-dir",
        help="folder for the demo database (recreated on each start; default: a temp folder)",
    )


async def run_demo(settings: Settings, args: argparse.Namespace) -> None:
    """Runs until Ctrl-C; needs no token, ignores DATABASE_URL, reaches nothing but 127.0.0.1.
    The terminal shows the demo's instructions: the bot's routine log lines (one per update)
    only with --verbose, warnings and errors always."""
    from bot.cli.common import say, texts_for

    if not getattr(args, "verbose", False):
        logging.getLogger().setLevel(logging.WARNING)
    texts = texts_for(settings)
    try:
        province = demo_province(getattr(args, "province", None))
    except ValueError as exc:
        from bot.cli import CliError

        raise CliError(
            say(
                texts,
                "cli.demo.province",
                province=args.province,
                names=", ".join(PROVINCE_PLANS),
            )
        ) from exc
    demo = Demo(
        settings,
        province=province,
        data_dir=Path(args.data_dir) if getattr(args, "data_dir", None) else None,
        port=int(getattr(args, "port", DEFAULT_PORT)),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await demo.start()
    except OSError as exc:
        await demo.stop()
        from bot.cli import CliError

        raise CliError(say(texts, "cli.demo.cannot_start", port=demo.port, error=exc)) from exc
    try:
        now = demo.clock().astimezone(settings.tz)
        print(say(texts, "cli.demo.open", url=demo.url), flush=True)
        if demo.svc is not None and demo.svc.web_url:
            coordinator = f"{COORDINATOR.user.first_name} {COORDINATOR.user.last_name}"
            print(
                say(texts, "cli.demo.web", url=f"{demo.svc.web_url}/web/", name=coordinator),
                flush=True,
            )
        print(say(texts, "cli.demo.clock", now=f"{now:%H:%M %d/%m/%Y}"), flush=True)
        await stop.wait()
    finally:
        print(say(texts, "cli.demo.stopping"), flush=True)
        await demo.stop()
