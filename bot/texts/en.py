"""English texts. Keys mirror the Vietnamese catalogue; missing keys fall back to Vietnamese."""

TEXTS: dict[str, str] = {
    "cmd.start": "Start / accept an invite",
    "cmd.help": "Commands you can use",
    "cmd.whoami": "Who you are in the system",
    "cmd.tasks": "Your agency's tasks and this period's status",
    "cmd.report": "Report progress on a task",
    "cmd.summary": "Summary by plan and period",
    "cmd.missing": "Agencies that have not reported",
    "cmd.blockers": "Obstacles and proposals",
    "cmd.task": "One task in detail",
    "cmd.export": "Export Excel / Word report",
    "cmd.chart": "Progress chart",
    "cmd.request": "Request an ad-hoc report",
    "cmd.plans": "Plans",
    "cmd.agencies": "Agencies",
    "cmd.members": "Members",
    "cmd.invite": "Create an invite for an agency",
    "cmd.assign": "Assign a task to an agency",
    "cmd.unassign": "Remove an assignment",
    "cmd.revoke": "Revoke a member",
    "role.officer": "reporting officer",
    "role.coordinator": "coordinator",
    "role.admin": "admin",
    "start.bound": (
        "Hello {name}! You are now a <b>{role}</b>{agency_part}.\nType /help to see your commands."
    ),
    "start.agency_part": " of <b>{agency}</b>",
    "start.known": "Hello {name}! You are a <b>{role}</b>{agency_part}. Type /help for commands.",
    "start.stranger": (
        "Hello! This bot follows up on how agencies carry out a plan.\n"
        "To use it you need an <b>invite link</b> from the coordinating agency's admin."
    ),
    "start.invalid": "This invite code is not valid. Open the exact link you were sent.",
    "start.used": "This invite has already been used. Ask for a new one.",
    "start.expired": "This invite has expired. Ask the admin for a new one.",
    "whoami": "<b>{name}</b>\nRole: {role}\nAgency: {agency}\nTelegram id: <code>{user_id}</code>",
    "whoami.no_agency": "(no agency)",
    "not_allowed": "Sorry, this command is for the {role} role.",
    "stranger_hint": "You are not activated yet. Ask an admin for an invite link and open it.",
    "help.header": "<b>Your commands</b> ({role}):",
    "help.line": "/{command} — {description}",
    "help.reply_hint": (
        "\nTo report quickly, reply to a reminder, e.g. <i>2a in progress 70%</i> or <i>done</i>."
    ),
    "error.generic": "Sorry, something went wrong. Please try again in a few minutes.",
    "error.unavailable": (
        "The system is temporarily unavailable; your message will be handled when it is back."
    ),
    "unknown_command": "Unknown command. Type /help to see your commands.",
}
