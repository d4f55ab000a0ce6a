"""The `dondoc` command: run the bot, manage the database, agencies and invites.

Each area module (run, plans, members, reports, ops) adds its commands in `register(sub)`, each
leaf parser naming its coroutine with `set_defaults(handler=…)`; `main` parses and runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from bot.cli import members, onboarding, ops, plans, province, reports, run
from bot.cli.common import CliError, Handler
from bot.logs import configure as configure_logging
from bot.settings import SettingsError, deployment_language, load_settings
from texts import Texts

__all__ = ["CliError", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dondoc", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    run.register(sub)
    run.register_demo(sub)
    plans.register(sub)
    province.register(sub)
    members.register(sub)
    onboarding.register(sub)
    reports.register(sub)
    ops.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:  # as parser.error, in the deployment's language
        parser.print_usage(sys.stderr)
        print(f"dondoc: {Texts(deployment_language()).terminal('cli.incomplete')}", file=sys.stderr)
        return 2
    try:
        settings = load_settings()
        configure_logging(settings.log_format, verbose=args.verbose, secrets=settings.secrets())
        asyncio.run(handler(settings, args))
    except (SettingsError, CliError) as exc:
        print(f"dondoc: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    return 0
