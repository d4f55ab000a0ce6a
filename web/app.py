"""The aiohttp application of the desktop view: sign-in, sessions, pages and downloads.

Every page but the sign-in link needs a session. Bad input (a forged, used or expired link, a
revoked member, an unknown id, a crafted query string) gets a plain page saying why with a 4xx
status; an unexpected error gets a plain 500 page, never a stack trace."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from onboarding.letter import file_stem
from plans.active import active_plans
from plans.indicators import plan_indicators
from plans.overview import plans_overview
from reports.summary import blockers, summarize
from reports.targets import target_lines
from runtime.services import Services, working_calendar
from storage.errors import is_unavailable
from storage.models import Agency, Evidence, Member, Plan, ReportingPeriod, Task
from texts import Texts
from web import auth, views
from web.files import FileUnavailable, TelegramFiles, attachment, content_type
from web.markup import Markup
from web.queries import agency_record, plan_periods, plan_tasks, task_record
from web.targets import targets_page

log = logging.getLogger("dondoc.web")

SERVICES: web.AppKey[Services] = web.AppKey("services", Services)
FILES: web.AppKey[TelegramFiles] = web.AppKey("files", TelegramFiles)
MEMBER: Any = web.RequestKey("member", Member) if hasattr(web, "RequestKey") else "member"
SESSION_COOKIE = "dondoc_session"
LANG_COOKIE = "dondoc_lang"
LANGUAGES = ("vi", "en")
MAX_ID = 2**31 - 1
ALLOWED_QUERY = {"lang", "period"}
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # no address (a sign-in link's token) leaves for another site; the view's own form POSTs
    # carry their Origin, which `from_own_pages` checks ("no-referrer" makes it "null")
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
STATUS_OF = {
    auth.Refusal.INVALID: 404,
    auth.Refusal.USED: 410,
    auth.Refusal.EXPIRED: 410,
    auth.Refusal.REVOKED: 403,
    auth.Refusal.NOT_ALLOWED: 403,
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Refused(Exception):
    """Answer with a plain page: `status` and the catalogue key of the reason."""

    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status, self.key = status, key


def svc_of(request: web.Request) -> Services:
    return request.app[SERVICES]


def language(request: web.Request) -> str:
    asked = request.query.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in LANGUAGES:
        return str(cookie)
    return svc_of(request).settings.language


def page_for(request: web.Request, member: Member | None = None) -> views.Page:
    lang = language(request)
    settings = svc_of(request).settings
    return views.Page(Texts(lang), lang, member, settings.tz)


def html_response(body: Markup, status: int = 200) -> web.Response:
    return web.Response(text=str(body), status=status, content_type="text/html", charset="utf-8")


def refusal_page(request: web.Request, status: int, key: str) -> web.Response:
    page = page_for(request)
    return html_response(views.message_page(page, "web.error_title", page.t(key)), status)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Checks the query string, the session (except for sign-in), answers refusals and errors
    with plain pages, and adds the security headers and the language cookie."""
    try:
        if set(request.query) - ALLOWED_QUERY or any(len(v) > 40 for v in request.query.values()):
            raise Refused(400, "web.err.bad_request")
        if "lang" in request.query and request.query["lang"] not in LANGUAGES:
            raise Refused(400, "web.err.bad_request")
        if request.method not in ("GET", "HEAD") and not from_own_pages(request):
            raise Refused(403, "web.err.foreign_origin")
        if not request.path.startswith("/web/login/"):
            request[MEMBER] = await signed_in(request)
        response = await handler(request)
    except Refused as refused:
        response = refusal_page(request, refused.status, refused.key)
    except web.HTTPException as exc:
        if exc.status >= 400:
            key = "web.err.not_found" if exc.status in (404, 405) else "web.err.bad_request"
            response = refusal_page(request, exc.status, key)
        else:  # a redirect
            response = web.Response(status=exc.status, headers=exc.headers)
    except Exception as exc:
        if is_unavailable(exc):
            log.warning("database unavailable for %s: %s", request.path, exc)
            response = refusal_page(request, 503, "web.err.server")
        else:
            log.exception("error on %s", request.path)
            response = refusal_page(request, 500, "web.err.server")
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.query.get("lang") in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE,
            request.query["lang"],
            max_age=365 * 86400,
            httponly=True,
            samesite="Lax",
            path="/web/",
        )
    return response


def from_own_pages(request: web.Request) -> bool:
    """Whether a POST was sent by the view's own pages (against login CSRF and forced
    sign-out): the browser's Origin (or, where it sends none, the Referer) must name this
    view, as the public DONDOC_WEB_BASE_URL or the Host the request was sent to, and the
    browser must not call it cross-site. Browsers send Origin on every form POST; a request
    that names no origin at all is refused too."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False  # absent, "null" (a sandboxed frame, a file) or unreadable
    base = urlsplit(svc_of(request).settings.web_base_url or "")
    if base.netloc:
        return (parts.scheme, parts.netloc) == (base.scheme, base.netloc) or (
            parts.netloc == request.host and parts.scheme == base.scheme
        )
    return parts.netloc == request.host


async def signed_in(request: web.Request) -> Member:
    svc = svc_of(request)
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise Refused(401, "web.err.no_session")
    async with svc.db.transaction() as session:
        access = await auth.session_member(session, token, svc.now())
    if access.member is None:
        assert access.refusal is not None
        status = 401 if access.refusal is auth.Refusal.INVALID else STATUS_OF[access.refusal]
        key = (
            "web.err.no_session"
            if access.refusal is auth.Refusal.INVALID
            else (f"web.err.{access.refusal.value}")
        )
        raise Refused(status, key)
    return access.member


def member_of(request: web.Request) -> Member:
    return request[MEMBER]  # type: ignore[no-any-return]


def int_param(value: str | None, *, missing: int | None = None) -> int | None:
    if value is None:
        return missing
    if not re.fullmatch(r"\d{1,10}", value) or int(value) > MAX_ID:
        raise Refused(400, "web.err.bad_request")
    return int(value)


def path_id(request: web.Request, name: str) -> int:
    value = int_param(request.match_info[name])
    assert value is not None
    return value


# -- sign-in ---------------------------------------------------------------------------------
async def login_form(request: web.Request) -> web.StreamResponse:
    """GET shows who is signing in and a button; only the POST uses the link (a link preview
    or a prefetching scanner cannot spend it)."""
    svc = svc_of(request)
    async with svc.db.transaction() as session:
        access = await auth.peek_login(session, request.match_info["token"], svc.now())
    if access.member is None:
        assert access.refusal is not None
        raise Refused(STATUS_OF[access.refusal], f"web.err.{access.refusal.value}")
    return html_response(views.login_page(page_for(request), access.member, request.path))


async def login(request: web.Request) -> web.StreamResponse:
    svc = svc_of(request)
    now = svc.now()
    async with svc.db.transaction() as session:
        access = await auth.use_login(session, request.match_info["token"], now)
        if access.member is None:
            assert access.refusal is not None
            raise Refused(STATUS_OF[access.refusal], f"web.err.{access.refusal.value}")
        token, row = await auth.open_session(session, access.member, now)
    response = web.Response(status=303, headers={"Location": "/web/"})
    secure = (svc.settings.web_base_url or "").startswith("https://")
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int((row.expires_at - now).total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=secure,
        path="/web/",
    )
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    svc = svc_of(request)
    async with svc.db.transaction() as session:
        await auth.close_session(session, request.cookies.get(SESSION_COOKIE), svc.now())
    page = page_for(request)
    response = html_response(views.message_page(page, "web.sign_out", page.t("web.signed_out")))
    response.del_cookie(SESSION_COOKIE, path="/web/")
    return response


# -- pages -----------------------------------------------------------------------------------
async def plans(request: web.Request) -> web.StreamResponse:
    svc = svc_of(request)
    async with svc.db.transaction() as session:
        overview = await plans_overview(session)
    rows = [(item.plan, item.tasks, item.agencies) for item in overview]
    return html_response(views.plans_page(page_for(request, member_of(request)), rows))


async def load_plan(request: web.Request, session: Any) -> Plan:
    plan = await session.get(Plan, path_id(request, "plan_id"))
    if plan is None:
        raise Refused(404, "web.err.not_found")
    return plan  # type: ignore[no-any-return]


async def chosen_period(
    request: web.Request, session: Any, plan: Plan, current: ReportingPeriod
) -> ReportingPeriod:
    wanted = int_param(request.query.get("period"))
    if wanted is None:
        return current
    period = await session.get(ReportingPeriod, wanted)
    if period is None or period.plan_id != plan.id:
        raise Refused(404, "web.err.not_found")
    return period  # type: ignore[no-any-return]


async def plan_view(request: web.Request) -> web.StreamResponse:
    """The matrix: one summary per period from reports.summary (the chat's and the exports'
    counting), each task's status taken from its task line."""
    svc = svc_of(request)
    async with svc.db.transaction() as session:
        plan = await load_plan(request, session)
        calendar, today = await working_calendar(svc, session)
        periods, current = await plan_periods(session, plan, today, calendar)
        selected = await chosen_period(request, session, plan, current)
        if selected not in periods:
            periods = sorted([*periods, selected], key=lambda p: p.ends_on)
        tasks = await plan_tasks(session, plan)
        indicators = len(await plan_indicators(session, plan.id))
        statuses: dict[int, dict[str, tuple[Any, str | None]]] = {}
        shown = None
        for period in periods:
            summary = await summarize(session, plan, period, today, blockers_limit=0)
            statuses[period.id] = task_statuses(summary)
            if period.id == selected.id:
                shown = summary
    page = page_for(request, member_of(request))
    body = views.plan_page(page, plan, tasks, periods, selected, statuses, shown, indicators)
    return html_response(body)


async def targets_view(request: web.Request) -> web.StreamResponse:
    """The plan's targets: the same lines as /targets, the Word draft and the workbook."""
    svc = svc_of(request)
    async with svc.db.transaction() as session:
        plan = await load_plan(request, session)
        _calendar, today = await working_calendar(svc, session)
        lines = await target_lines(session, plan, today)
        number, plan_id = plan.number, plan.id
    page = page_for(request, member_of(request))
    return html_response(targets_page(page, plan_id, number, lines, today))


def task_statuses(summary: object) -> dict[str, tuple[Any, str | None]]:
    """ref → (status class, flag) of each task line of a summary."""
    return {
        line.ref: (line.outcome, getattr(line, "flag", None))
        for line in getattr(summary, "tasks", ())
    }


async def export(request: web.Request) -> web.StreamResponse:
    """The same Excel workbook and Word draft as /export in chat, for the chosen period."""
    svc = svc_of(request)
    kind = request.match_info["kind"]
    member = member_of(request)
    async with svc.db.transaction() as session:
        plan = await load_plan(request, session)
        calendar, today = await working_calendar(svc, session)
        _periods, current = await plan_periods(session, plan, today, calendar)
        period = await chosen_period(request, session, plan, current)
        summary = await summarize(session, plan, period, today, with_rows=True)
        agency = await session.get(Agency, member.agency_id) if member.agency_id else None
    from reports.docx import write_draft_report
    from reports.xlsx import write_workbook

    now, lang = svc.now(), language(request)
    stem = file_stem(f"{plan.number} {svc.texts.period(period)}")
    files, user = svc.work.files, member.telegram_user_id  # the files pool, in this user's turn
    if kind == "xlsx":
        data = await files.run(user, write_workbook, [summary], now, lang=lang)
        name = f"{stem}.xlsx"
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        signer = agency.name if agency else (summary.coordinator or "")
        data = await files.run(user, write_draft_report, summary, signer, now, lang=lang)
        name = f"bao-cao-{stem}.docx"
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    body = data if isinstance(data, bytes) else data.getvalue()
    return web.Response(
        body=body,
        content_type=mime,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def task_view(request: web.Request) -> web.StreamResponse:
    svc = svc_of(request)
    async with svc.db.transaction() as session:
        task = await session.get(Task, path_id(request, "task_id"))
        if task is None:
            raise Refused(404, "web.err.not_found")
        record = await task_record(session, task)
    return html_response(views.task_page(page_for(request, member_of(request)), record))


async def agency_view(request: web.Request) -> web.StreamResponse:
    svc = svc_of(request)
    async with svc.db.transaction() as session:
        agency = await session.get(Agency, path_id(request, "agency_id"))
        if agency is None:
            raise Refused(404, "web.err.not_found")
        tasks = await agency_record(session, agency)
        name = agency.name
    page = page_for(request, member_of(request))
    return html_response(views.agency_page(page, agency.id, name, tasks))


async def evidence_file(request: web.Request) -> web.StreamResponse:
    """A file an officer sent with a report, fetched from Telegram by its file id and given as
    an attachment under the name it was sent with."""
    svc = svc_of(request)
    async with svc.db.transaction() as session:
        item = await session.get(Evidence, path_id(request, "evidence_id"))
        if item is None:
            raise Refused(404, "web.err.not_found")
        file_id, name, mime = item.file_id, item.file_name or item.kind, item.mime_type
    try:
        data = await request.app[FILES].fetch(file_id)
    except FileUnavailable as exc:
        raise Refused(502, "web.err.file_too_big" if exc.too_big else "web.err.file") from None
    return web.Response(
        body=data,
        headers={
            "Content-Type": content_type(mime, name),
            "Content-Disposition": attachment(name),
            # never a page of this site, whatever a browser makes of it
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


async def blockers_view(request: web.Request) -> web.StreamResponse:
    svc = svc_of(request)
    async with svc.db.transaction() as session:
        ids = [p.id for p in await active_plans(session)]
        lines = await blockers(session, plans=ids, limit=200) if ids else []
    return html_response(views.blockers_page(page_for(request, member_of(request)), lines))


async def root(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/web/")


def build_web_app(svc: Services) -> web.Application:
    """The desktop view's application, served under /web/."""
    app = web.Application(middlewares=[guard], client_max_size=16 * 1024)
    app[SERVICES] = svc
    app[FILES] = TelegramFiles(svc.settings)
    app.router.add_get("/web", root)
    app.router.add_get("/web/", plans)
    app.router.add_get(r"/web/login/{token}", login_form)
    app.router.add_post(r"/web/login/{token}", login)
    app.router.add_post("/web/logout", logout)
    app.router.add_get(r"/web/plans/{plan_id}", plan_view)
    app.router.add_get(r"/web/plans/{plan_id}/export.{kind:xlsx|docx}", export)
    app.router.add_get(r"/web/plans/{plan_id}/targets", targets_view)
    app.router.add_get(r"/web/tasks/{task_id}", task_view)
    app.router.add_get(r"/web/agencies/{agency_id}", agency_view)
    app.router.add_get(r"/web/evidence/{evidence_id}", evidence_file)
    app.router.add_get("/web/blockers", blockers_view)
    app.on_cleanup.append(close_files)
    return app


async def close_files(app: web.Application) -> None:
    await app[FILES].close()
