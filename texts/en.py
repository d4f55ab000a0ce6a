"""English texts. Keys mirror the Vietnamese catalogue; missing keys fall back to Vietnamese."""

TEXTS: dict[str, str] = {
    # -- commands menu --
    "cmd.start": "Start / accept an invite",
    "cmd.help": "Commands you can use",
    "cmd.whoami": "Who you are in the system",
    "cmd.tasks": "Your agency's tasks and this period's status",
    "cmd.report": "Report progress on a task",
    "cmd.summary": "Summary by plan and period",
    "cmd.missing": "Agencies that have not reported this period",
    "cmd.blockers": "Obstacles and proposals",
    "cmd.task": "One task in detail",
    "cmd.export": "Export Excel / Word report",
    "cmd.chart": "Progress chart",
    "cmd.request": "Request an ad-hoc report",
    "cmd.plans": "List of plans",
    "cmd.agencies": "List of agencies and units",
    "cmd.members": "List of members",
    "cmd.invite": "Create an invite for an agency",
    "cmd.assign": "Assign a task to an agency",
    "cmd.unassign": "Remove a task assignment",
    "cmd.revoke": "Revoke a member's access",
    "cmd.merge": "Hand an agency over to its successor",
    # -- roles --
    "role.officer": "reporting officer",
    "role.coordinator": "coordinator",
    "role.admin": "admin",
    # -- start and identity --
    "start.bound": (
        "Hello {name}! You are now activated as <b>{role}</b>{agency_part}.\n"
        "Type /help to see the commands you can use."
    ),
    "start.agency_part": " of <b>{agency}</b>",
    "start.known": "Hello {name}! You are <b>{role}</b>{agency_part}. Type /help to see the commands.",
    "start.stranger": (
        "Hello! This assistant follows up on progress reports for carrying out a plan.\n"
        "To use it you need an <b>invite link</b> from an admin of the coordinating agency. "
        "Ask an admin for one, then tap that link."
    ),
    "start.invalid": (
        "This invite code is not valid. Tap the exact invite link the admin sent you, "
        "or ask for a new invite."
    ),
    "start.used": "This invite has already been used. Each invite works only once: ask for a new one.",
    "start.expired": "This invite has expired. Ask an admin for a new one.",
    "whoami": (
        "<b>{name}</b>\nRole: {role}\nAgency: {agency}\nTelegram ID: <code>{user_id}</code>"
    ),
    "whoami.no_agency": "(no agency linked)",
    "not_allowed": "Sorry, this command is for the {role} role. You do not have permission to use it.",
    "private_only": "🔒 This command works only in a private chat with the bot, not in a group.",
    "stranger_hint": "You are not activated yet. Ask an admin for an invite link, then tap it.",
    # -- help --
    "help.header": "<b>Commands you can use</b> ({role}):",
    "help.line": "/{command} — {description}",
    "help.reply_hint": (
        "\nTo report quickly, reply to a reminder, e.g. <i>2a in progress 70%, "
        "draft submitted to the provincial People's Committee</i> or just <i>done</i>."
    ),
    # -- invites --
    "invite.usage": (
        "Usage: <code>/invite &lt;agency name&gt; &lt;role&gt; [7d]</code>, the role being "
        "<i>officer</i>, <i>coordinator</i> or <i>admin</i> (cán bộ, điều phối, quản trị).\n"
        "Example: <code>/invite Sở Xây dựng officer</code>"
    ),
    "invite.bad_role": "The role must be officer, coordinator or admin.",
    "invite.successor": "ℹ️ «{former}» is now <b>{agency}</b>: the invite is for {agency}.",
    "invite.group": (
        "«{name}» is the group «{group}», which cannot be invited as a whole: invite each of its "
        "agencies (see <code>/group {group}</code>)."
    ),
    "invite.former_group": (
        "«{name}» no longer exists (reorganised in 2025); its tasks now go to the group "
        "«{group}». Invite each of its agencies (see <code>/group {group}</code>)."
    ),
    "invite.abolished": (
        "«{name}» was abolished with no successor in the directory: nobody can be invited for "
        "it. If needed, add the agency with <code>dondoc agency add</code>."
    ),
    "invite.bad_duration": "Cannot read the validity period: {value}. Examples: 7d, 48h.",
    "invite.created": (
        "Invite for <b>{agency}</b>, role <b>{role}</b>, expires {expires}.\n"
        "Send this link to the invited person (single use):\n{link}"
    ),
    "agency.unknown": "Agency «{name}» not found.",
    "agency.suggest": "Did you mean: {suggestions}?",
    "agency.none_similar": "Use /agencies to see the list, or ask an admin to add the agency.",
    # -- errors --
    "work.busy": "You already have several jobs waiting (documents, exports). Wait for them to finish, then send this again.",
    "work.stopped": "The assistant is stopping to restart, so this request (reading a document, making a file) was not finished. Send it again in a few minutes.",
    "error.generic": "Sorry, something went wrong handling your request. Please try again in a few minutes.",
    "error.unavailable": (
        "The system is temporarily unavailable and has not recorded your message yet. "
        "It will be processed once the system is back."
    ),
    "unknown_command": "Unknown command. Type /help to see the commands you can use.",
    "unsupported_message": "The bot only reads text messages, files and photos. Type /help for guidance.",
    # -- reminders --
    "reminder.before": (
        "⏰ <b>{agency}</b> has <b>{count}</b> task(s) not yet reported for <b>{period}</b> "
        "(due {deadline}, {days} working day(s) left) — {plan}:"
    ),
    "reminder.due": (
        "⏰ Reports for <b>{period}</b> are due today ({deadline}). <b>{agency}</b> still has "
        "<b>{count}</b> task(s) not reported — {plan}:"
    ),
    "reminder.overdue": (
        "❗ <b>{agency}</b> is {days} working day(s) overdue reporting for <b>{period}</b> "
        "(due {deadline}); <b>{count}</b> task(s) still not reported — {plan}:"
    ),
    "reminder.adhoc": (
        "📣 Report requested, <b>{period}</b>, due {deadline}. <b>{agency}</b> must report on "
        "<b>{count}</b> task(s) — {plan}:"
    ),
    "reminder.adhoc_note": "Request details: {note}",
    "reminder.task_line": "{n}. <b>{ref}</b> {title}{role}",
    "reminder.support_role": " <i>(supporting, input due {deadline})</i>",
    "reminder.support_role_late": " <i>(supporting, ❗ input overdue since {deadline})</i>",
    "reminder.more_tasks": "… and {count} more task(s) (see /tasks)",
    "reminder.how_to_reply": (
        "\nReply to this message, e.g. <i>{ref} in progress 70%, draft submitted</i> "
        "or <i>{ref} done</i>; or tap a task below."
    ),
    "reminder.button": "📝 {ref}",
    "escalation.header": (
        "⚠️ <b>{period}</b> — {plan} (due {deadline}): <b>{count}</b> agencies have not reported "
        "after several reminders:"
    ),
    "escalation.line": "• {agency}: {missing} task(s) ({officers} officer(s) reminded)",
    "unreachable": (
        "⚠️ Could not deliver a reminder to <b>{member}</b> ({agency}): the user has blocked the "
        "bot or left Telegram. Contact them directly or invite another officer."
    ),
    # -- status replies --
    "status.done": "Completed",
    "status.in_progress": "In progress",
    "status.not_started": "Not started",
    "status.blocked": "Blocked",
    "status.contributed": "Input sent",
    "report.recorded": "✅ Report recorded for <b>{period}</b>:",
    "report.recorded_late": "✅ Report recorded (after the {deadline} deadline) for <b>{period}</b>:",
    "report.line": "• <b>{ref}</b> — {state}",
    "report.state": "{status}{percent}{note}",
    "report.percent": " {percent}%",
    "report.note": ": {note}",
    "report.button_edit": "✏️ Edit {ref}",
    "report.button_undo": "↩️ Undo {ref}",
    "report.undone": "↩️ Report on <b>{ref}</b> undone; now: {state}",
    "report.undone_removed": "↩️ Undone: <b>{ref}</b> is back to not reported.",
    "report.gone": "This report no longer exists.",
    "report.ask_task": "Which task is this report for? Your message: <i>{text}</i>",
    "report.ask_status": "Task <b>{ref}</b>: what is its status? Your message: <i>{text}</i>",
    "report.unknown_task": (
        "The task you named is not on your agency's list. Choose a task below. "
        "Your message: <i>{text}</i>"
    ),
    "report.hint": (
        "To report, reply to a reminder (e.g. <i>2a in progress 70%</i>), "
        "or type /report. Type /tasks to see your agency's tasks."
    ),
    "report.nothing_open": (
        "Your agency currently has no tasks to report on. Type /tasks for details."
    ),
    # a question is not a report (issue 23)
    "report.question": (
        "This is a question, so nothing was recorded. The bot only records reports on tasks "
        "(e.g. <i>2a in progress 70%</i>); type /tasks to see your agency's tasks and what was "
        "reported. For other questions, please contact the monitoring agency."
    ),
    "report.no_agency": "Your account is not linked to an agency yet, so you cannot report.",
    "report.pick_task": "Choose the task to report on (<b>{period}</b>):",
    "report.pick_status": "<b>{ref}</b> {title}\nChoose a status:",
    "report.pick_percent": "<b>{ref}</b> — {status}. Percentage complete?",
    "report.ask_note": (
        "<b>{ref}</b> — {status}{percent}. Type a sentence on results or obstacles "
        "(reply to this message), or tap Skip."
    ),
    "report.skip_note": "Skip",
    "report.percent_skip": "Not sure",
    "report.all_tasks": "All tasks",
    "report.evidence_saved": "📎 Evidence «{name}» saved for task <b>{ref}</b>.",
    "report.evidence_no_report": (
        "Please send your report first (reply to a reminder), then send the evidence file "
        "right after it."
    ),
    "report.expired_button": "This button is out of date. Type /report to report.",
    "tasks.header": "<b>Tasks of {agency}</b>",
    "tasks.period": "\n<b>{plan}</b> — period {period} (due {deadline}):",
    "tasks.period_support": "\n<b>{plan}</b> — period {period} (supporting, input due {deadline}):",
    "tasks.line": "{mark} <b>{ref}</b> {title}{role} — {state}",
    "tasks.support": " <i>(supporting, input due {deadline})</i>",
    "tasks.not_reported": "not reported yet",
    "tasks.not_contributed": "no input sent yet",
    "tasks.overdue": "not reported, {days} working day(s) overdue",
    "tasks.none": "{agency} currently has no tasks to report on.",
    # -- ad-hoc requests and reminder settings --
    "cmd.reminders": "Turn your reminders on or off",
    "request.usage": (
        "Usage: <code>/request &lt;plan number&gt; &lt;deadline dd/mm/yyyy&gt; [task refs…] "
        "[| request details]</code>\nExample: <code>/request 151 30/11/2026 II.1.a II.2.a | "
        "Báo cáo phục vụ đoàn kiểm tra</code> (report for the inspection team)"
    ),
    "request.bad_deadline": "Deadline «{value}» is invalid or already past. Write it as 30/11/2026.",
    "request.unknown_plan": "Plan «{value}» not found. Type /plans to see the list.",
    "request.unknown_tasks": "Plan {plan} has no such task(s): {refs}.",
    "request.created": (
        "📣 Ad-hoc report request created for {plan}: {tasks} task(s), {agencies} agencies, "
        "due {deadline}. Agencies will be reminded right away during working hours and again "
        "when overdue."
    ),
    "reminders.off": "🔕 Your reminders are off. Type <code>/reminders on</code> to turn them back on.",
    "reminders.on": "🔔 Your reminders are on.",
    "reminders.state_on": "🔔 Your reminders are <b>on</b>.",
    "reminders.state_off": "🔕 Your reminders are <b>off</b>.",
    "reminders.button_on": "🔔 Turn reminders on",
    "reminders.button_off": "🔕 Turn reminders off",
    # -- plan import (admins) --
    "import.error.empty": "The file is empty; there is nothing to read.",
    "import.error.binary": "Cannot read this file: it is not text, .docx or a PDF with text.",
    "import.error.too_large": "The file is too large (maximum {limit} MB). Send a .docx version or remove some appendices.",
    "import.error.corrupt_docx": "The .docx file is damaged. Open it in Word, save it again, then resend it.",
    "import.error.encrypted": "The document is password-protected. Save a copy without a password and resend it.",
    "import.error.unsupported_format": (
        "This file type is not supported yet. Send a .docx, .pdf (with a text layer), .xlsx, "
        ".csv, .txt, .md or .yaml plan file."
    ),
    "import.error.no_tasks": (
        "No tasks were recognised in the document. The bot can read: a «Nhiệm vụ, giải pháp» "
        "(tasks and solutions) section with items a), b)… and «Phân công thực hiện» (assignment), "
        "a «Tổ chức thực hiện» (implementation) section, or an appendix table "
        "(STT | Nhiệm vụ | Cơ quan chủ trì | …)."
    ),
    "import.error.pdf_no_text": (
        "This PDF is a scan without a text layer. Send a .docx version or a PDF that has been "
        "through text recognition (OCR)."
    ),
    "import.error.planfile": "The .yaml plan file has errors:\n{errors}",
    "import.error.planfile_line": "• line {line}, field <code>{field}</code>: {message}",
    "import.downloading": "📄 Reading «{name}»…",
    "import.preview.header": (
        "📋 <b>{number}</b> — {title}\nIssued by: {issuer}; date {issued}\n"
        "Monitoring and consolidating agency: {coordinator}"
    ),
    "import.preview.tasks": "Recognised <b>{count}</b> task(s):",
    "import.preview.existing": "ℹ️ This plan already exists: saving will <b>update</b> it ({changes}).",
    "import.preview.changes": "{added} added, {removed} removed, {changed} changed",
    "import.preview.task": "<b>{ref}</b> {title}\n   Lead: {lead}{support}; {timeframe}",
    "import.preview.support": "; support: {names}",
    "import.preview.unmatched_header": "⚠️ <b>{count}</b> agency name(s) not yet in the directory:",
    "import.preview.unmatched": "{n}. «{name}» ({refs}){hint}",
    "import.preview.hint": " — suggestions: {names}",
    "import.preview.warning": "• {text}",
    "import.preview.footer": (
        "Tap <b>Save</b> to save (unmatched names will be created as new agencies), pick a "
        "suggestion to fix a name, or tap <b>Cancel</b>. Nothing has been saved yet."
    ),
    "import.button.save": "✅ Save",
    "import.button.save_new": "✅ Save (create {count} new agencies)",
    "import.button.cancel": "❌ Cancel",
    "import.button.drop": "✂️ Drop: {name}",
    "import.button.fix": "{n}→ {name}",
    "import.cancelled": "Cancelled; nothing was saved.",
    "import.expired": "This preview has expired or was already handled. Please send the document again.",
    "import.saved": (
        "✅ Plan <b>{number}</b> {verb}: {added} task(s) added, {updated} updated, {removed} "
        "removed.{new_agencies}{start}\nType /plans to view it."
    ),
    "import.verb.created": "saved",
    "import.verb.updated": "updated",
    "import.new_agencies": "\nNew agencies: {names}",
    "warning.no_assignee": "{ref}: could not read the lead agency",
    "warning.no_timeframe": "{ref}: no timeframe given",
    "warning.lost_diacritics": "The text has lost its diacritics (scan/OCR): check agency names carefully",
    "warning.unparsed_section": "A passage could not be read: {excerpt}",
    "warning.no_number": "No document number found",
    "warning.unreadable_assignee": "{ref}: agency name is unclear: {excerpt}",
    "warning.periodic_report": "{ref}: contains a «định kỳ báo cáo» (periodic reporting) requirement",
    "warning.other": "{ref}: {excerpt}",
    # -- importer, round 3: numbering, layouts, prose, amendments --
    "warning.numbering_gap": "{ref}: the numbering jumps ({excerpt} not found); check that no item is missing",
    "warning.numbering_repaired": "Item numbers misread in the scan were read back: {excerpt}",
    "warning.unassigned_paragraph": "{ref}: this paragraph assigns no agency, so it is not a task: {excerpt}",
    "warning.unassigned_section": (
        "Part {ref} ({excerpt}) assigns no agency, so it was not read as tasks; the tasks come "
        "from the parts that name who carries them out"
    ),
    "warning.table_layout_lost": (
        "A table lost its layout (its cells come one per line: {excerpt}); its tasks were not read. "
        "Please send the plan as a PDF or Word (.docx) file"
    ),
    "import.error.table_layout_lost": (
        "The task table in this file lost its layout when it was copied to text (its cells come one "
        "per line, column after column: {columns}), so which agency leads which task cannot be read. "
        "Please send the plan as a PDF or Word (.docx) file."
    ),
    # -- directory, plans and members (admins) --
    "plans.none": "No plans yet. Send a plan document (.docx, .pdf, .txt, .yaml) to import one.",
    "plans.line": (
        "• <b>{number}</b> — {title}\n   {tasks} task(s), {agencies} agencies; monitored by: "
        "{coordinator}; reporting: {schedule}"
    ),
    "plans.header": "<b>Plans being monitored</b>",
    "schedule.monthly": "monthly",
    "schedule.quarterly": "quarterly",
    "schedule.half_yearly": "half-yearly",
    "schedule.yearly": "yearly",
    "agencies.header": "<b>Agency directory</b> ({count})",
    "agencies.line": "• {name}{short}{state} — {members} member(s)",
    "agencies.short": " [{short}]",
    "agencies.merged": " (handed over to {successor})",
    "agencies.ended": " (no longer exists from {since})",
    "agencies.group": "• <i>Group</i> {name}: {count} agencies",
    "agencies.none": "The directory is empty. Add agencies with <code>dondoc agency add</code> or load the sample directory.",
    "cmd.group": "Agency groups and their members",
    "cmd.province": "The deployment's province and current directory",
    "fact.unverified": " (not verified)",
    "fact.source": " — source: {source}",
    "province.current": (
        "🏛 This deployment serves <b>{province}</b>: {agencies} current agencies, {groups} groups."
    ),
    "province.none": (
        "No province chosen yet. An admin chooses with <code>/province Quảng Ngãi</code> "
        '(or <code>dondoc setup --province "Quảng Ngãi"</code>).'
    ),
    "province.known": "Choose one of the 34 provinces and cities, e.g. {names}.",
    # -- the 34 provinces, communes, doubted facts, the working calendar (issue 21) --
    "province.former": (
        "{former} was merged into <b>{province}</b> on 01/7/2025. Choose "
        "<code>{province}</code>: the former agencies, districts and communes of {former} are "
        "mapped to today's."
    ),
    "province.not_found": "No province or city «{province}».",
    "province.did_you_mean": " Did you mean: {names}?",
    "province.communes": (
        "The group «UBND các xã, phường» has {count} communes, wards and special zones "
        "(data: {source})."
    ),
    "province.data": "Administrative units data: {source}",
    "group.areas": (
        "… and {count} groups «Các xã, phường thuộc … cũ» (the communes now covering each "
        "former district): <code>/group Các xã, phường thuộc huyện … cũ</code>."
    ),
    "review.doubt": "⚠️ {name}: {doubt} (not verified).",
    "workcal.header": "📅 <b>Working calendar {year}</b> (what the bot counts deadlines and reminders on):",
    "workcal.holidays": "<b>Public holidays</b> (Saturdays and Sundays are always off):",
    "workcal.day": "• {day}: {name}",
    "workcal.workdays": "<b>Make-up working days</b> (Saturdays worked):",
    "workcal.declared_header": "<b>Days declared by an admin</b>:",
    "workcal.declared_off": "• {day}: off — {note}",
    "workcal.declared_work": "• {day}: working — {note}",
    "workcal.none": "• (none)",
    "workcal.source": "Source: {source}",
    "workcal.unknown": (
        "⚠️ {what}: the official schedule for {year} is not published yet (or not verified). "
        "When it is, an admin declares it with <code>/dayoff dd/mm/yyyy reason</code> and "
        "<code>/workday dd/mm/yyyy reason</code>."
    ),
    "workcal.pending": "ℹ️ {day} ({name}): {note}",
    "workcal.saturday": "Saturday",
    "workcal.sunday": "Sunday",
    "cli.demo.province": "The demo has these provinces: {names}; not «{province}».",
    "workcal.periods": "<b>Reporting periods</b> (data cut-off → default deadline):",
    "workcal.period": "• {label}: {start} – {end} → due {deadline}",
    "workcal.usage": "Usage: <code>/calendar [year]</code>, e.g. <code>/calendar 2026</code>.",
    "cmd.calendar": "Working calendar, days off and report deadlines of a year",
    "province.set": (
        "🏛 <b>{province}</b> chosen: loaded {agencies} current agencies, {former} former "
        "ones (only to map old plans), {groups} groups."
    ),
    "province.other": (
        "This deployment already serves <b>{current}</b>; not switching to {province}."
    ),
    "province.unknown": (
        "No directory of its own for «{province}»: only the agencies every province has "
        "were loaded. Available: {names}."
    ),
    "group.header": "<b>Agency groups</b> ({count}):",
    "group.line": "• {name}: {count} agencies{source}",
    "group.members": "<b>{name}</b> — {count} agencies{source}:",
    "group.member": "• {name}",
    "group.empty": (
        "⚠️ The group has no members: tasks given to it chase nobody. Add with "
        "<code>/group {name} + &lt;agency&gt;</code> or load a list: <code>dondoc group "
        '"{name}" --import communes.xlsx</code>.'
    ),
    "group.added": "✅ {agency} added to {group}.",
    "group.removed": "✅ {agency} removed from {group}.",
    "group.unchanged": "Nothing changed: {agency} {state} {group}.",
    "group.state_in": "is already in",
    "group.state_out": "is not in",
    "group.unknown": "No group «{name}».",
    "group.usage": (
        "Usage: <code>/group</code> (list), <code>/group Các sở, ban ngành</code> "
        "(members), <code>/group UBND các xã, phường + UBND xã Ba Tơ</code> (add), "
        "<code>… - …</code> (remove)."
    ),
    "group.imported": "✅ Group {group}: {added} added, {already} already in, {skipped} skipped.",
    "group.import_error": "Cannot read the list: {error}",
    "review.header": (
        "🔁 <b>Agencies that changed</b> (the plan keeps the names as written; tasks go to "
        "today's agencies):"
    ),
    "review.successor": "• {old} → {new} (from {since}){unverified}",
    "review.successor_group": "• {old} → group {new} (from {since}){unverified}",
    "review.dropped": (
        "• {old}: no longer exists (from {since}), its tasks go to nobody{unverified}"
    ),
    "review.drop_hint": (
        "To drop instead of passing to the successor group: press «✂️ Drop …» "
        '(terminal: <code>--fix "NAME=(bỏ)"</code>).'
    ),
    "review.merged": "⚠️ Task {ref}: {written} are now the same {agency} (one lead).",
    "review.empty_group": (
        "⚠️ Group «{group}» has no members: tasks {refs} chase nobody through it."
    ),
    "review.foreign": (
        "⛔ «{name}» is an agency of {provinces}, not of this province: refused ({refs})."
    ),
    "review.chased": "<b>{count}</b> agencies will be chased.",
    "members.header": "<b>Members</b> ({count})",
    "members.line": "• {name} — {role}{agency}{state} — id <code>{user_id}</code>",
    "members.inactive": " (revoked)",
    "members.unreachable": " (unreachable)",
    "members.muted": " (reminders off)",
    "assign.usage": (
        "Usage: <code>/assign [plan] &lt;task ref&gt; &lt;agency&gt; lead|support</code>"
        "\nExample: <code>/assign 151 II.1.c Sở Tài chính support</code>"
    ),
    "unassign.usage": "Usage: <code>/unassign [plan] &lt;task ref&gt; &lt;agency&gt;</code>",
    "assign.unknown_task": "There is no task «{ref}» in plan {plan}.",
    "assign.no_plan": "Please specify the plan (e.g. <code>151</code>); type /plans to see them.",
    "assign.done": "✅ {agency} assigned as {role} for task <b>{ref}</b> ({plan}).",
    "assign.unchanged": "Nothing changed: {agency} is already assigned as {role} for task {ref}.",
    "unassign.done": "✅ Task <b>{ref}</b> is no longer assigned to {agency}.",
    "unassign.none": "{agency} is not assigned task {ref}.",
    "role.lead": "lead",
    "role.support": "support",
    "revoke.usage": "Usage: <code>/revoke &lt;Telegram id or @username&gt;</code>",
    "revoke.unknown": "Member «{who}» not found. Type /members to see the list.",
    "revoke.done": "✅ Access revoked for {name}. They can no longer use the bot.",
    "merge.usage": "Usage: <code>/merge &lt;old agency&gt; =&gt; &lt;successor agency&gt;</code>",
    "merge.done": (
        "✅ {old} has been handed over to {new}: {moved} task(s), its members and former names "
        "moved across; past reports are kept as they are."
    ),
    # -- summaries (coordinators) --
    "summary.choose_plan": "There are several plans; choose one:",
    "summary.no_plans": "No plans have been imported yet.",
    "summary.unknown_period": (
        "Cannot understand period «{value}». Examples: Quý IV/2026 (Q4/2026), "
        "Tháng 11/2026 (November 2026), 6 tháng đầu năm 2026 (H1 2026), Năm 2026 (year 2026); "
        "the year may be left out."
    ),
    "summary.header": "📊 <b>{plan}</b> — <b>{period}</b> (due {deadline})",
    "summary.counts": (
        "<b>Tasks</b> (by lead agency): <b>{total}</b>\n"
        "✅ Completed on time: {done_on_time}\n☑️ Completed late: {done_late}\n"
        "🔄 In progress, within deadline: {in_progress_on_time}{in_progress_sub}\n"
        "⛔ Not completed, overdue: {overdue}{overdue_sub}\n❔ Not reported: {not_reported}\n"
        "Completion rate: <b>{rate}</b> ({done}/{total} tasks)\n"
        "🏢 Agencies that reported in full: <b>{agencies_reported}/{agencies}</b>; "
        "❗ overdue: {agencies_overdue}; ⏳ not yet due: {agencies_not_due}"
    ),
    "summary.sub": " (⚠️ blocked {blocked}, ⏸ not started {not_started})",
    "summary.agencies": "\n<b>By agency</b> (reports sent/due):",
    "summary.agency_line": "• {agency}: {reported}/{expected}{support}{late}{overdue}{blocked}",
    "summary.support": " (of which supporting {reported}/{expected})",
    "summary.group_line": (
        "• {group} ({count} agencies): {complete}/{count} reported in full; reports "
        "{reported}/{expected}{late}{overdue}"
    ),
    "summary.late": ", {count} sent late",
    "summary.overdue": ", ❗ {count} missing past the deadline ({days} working days)",
    "summary.before_start": (
        "Plan {plan} is followed from period <b>{first}</b>: nothing was due for {period}."
    ),
    "summary.blocked": ", ⚠️ {count} blocked",
    "summary.empty": "Plan {plan} has no tasks to report on for {period}.",
    "summary.button_prev": "◀️ Previous period",
    "summary.button_next": "Next period ▶️",
    "summary.agency_header": "🏢 <b>{agency}</b> — {plan}, {period}:",
    "summary.agency_task": "• <b>{ref}</b> {title} <i>({role})</i> — {state}",
    "summary.role_lead": "lead",
    "summary.role_support": "supporting",
    "missing.header": "⏳ <b>{period}</b> — {plan} (due {deadline}): <b>{count}</b> agencies have not fully reported:",
    "missing.line": "• {agency}: {missing} missing{overdue}{officers}",
    "missing.overdue": " — ❗ {count} overdue by {days} working day(s)",
    "missing.officers": " (officers: {names})",
    "missing.no_officers": " (⚠️ no officer invited yet)",
    "missing.none": "✅ {period} — {plan}: all agencies have reported.",
    "missing.button_remind": "🔔 Remind now",
    "missing.reminded": "🔔 {count} reminder(s) queued; they are sent right away during working hours.",
    "blockers.header": "⚠️ <b>Obstacles and proposals</b> (newest first):",
    "blockers.line": "• <b>{agency}</b> — {ref} {title}\n   {note} <i>({when}{who})</i>",
    "blockers.who": ", {name}",
    "blockers.none": "No report has raised any obstacles yet.",
    "task.usage": "Usage: <code>/task &lt;task ref&gt; [plan]</code>, e.g. <code>/task II.1.a</code>",
    "task.unknown": "Task «{ref}» not found.",
    "task.header": "📌 <b>{ref}</b> — {plan}\n{title}\nTimeframe: {timeframe}{due}",
    "task.due": " (due {due})",
    "task.lead": "Lead: {names}",
    "task.no_lead": (
        "Lead: — ⚠️ this task has no lead agency, so nobody is chased for it. Assign one with "
        "<code>/assign {plan} {ref} &lt;agency&gt; lead</code>."
    ),
    "task.support": "Support: {names}",
    "task.history": "\n<b>Report history</b>:",
    "task.history_line": "• {period} — {agency}: {state} <i>({when}{who})</i>",
    "task.no_history": "\nNo reports yet.",
    "export.caption_xlsx": "📗 Summary table for {plans} — {when}",
    "export.caption_docx": "📘 Draft report for {plan}, {period}: review, complete, then submit for signature.",
    "export.caption_chart": "📈 {plan} — {period}",
    "cmd.linkgroup": "Link this group chat to a plan",
    "linkgroup.usage": "Send this command in the coordinators' group chat: <code>/linkgroup &lt;plan&gt;</code>",
    "linkgroup.done": "🔗 This group will receive digests and alerts for plan {plan}.",
    "digest.header": "🗞 <b>Weekly digest</b> — {plan}, period {period} (due {deadline})",
    "digest.changes": "This week: {reports} new report(s).",
    "digest.figures": (
        "📋 Tasks: {done}/{total} completed; ⚠️ blocked {blocked}, ⏸ not started {not_started}."
    ),
    "digest.agencies": (
        "🏢 Agencies: {reported}/{agencies} reported in full; ❗ {overdue} overdue; "
        "⏳ {not_due} not yet due."
    ),
    "digest.incomplete": "Not reported in full ({count} agencies):",
    "digest.incomplete_line": "• {agency}: {missing}/{expected} report(s) missing{late}",
    "digest.overdue_days": " — ❗ {days} working day(s) overdue",
    "digest.not_due": " — not yet due",
    "digest.no_late": "✅ Every agency has reported in full.",
    "digest.blockers": "New blockers:",
    "digest.blocker_line": "• {agency} — {ref}: {note}",
    # -- working calendar (admins) --
    "cmd.dayoff": "Declare a day off (no reminders)",
    "cmd.workday": "Declare a make-up working day (reminders sent)",
    "calendar.usage": (
        "Usage: <code>/dayoff 2/1/2027 Nghỉ bù</code>, <code>/workday 9/1/2027 Làm bù</code>; "
        "<code>/dayoff clear 2/1/2027</code> to remove a declaration; <code>/dayoff</code> to "
        "see the list."
    ),
    "calendar.saved": "📅 {day} declared as a {kind}{note}. Report deadlines and reminders now follow this calendar.",
    "calendar.cleared": "📅 Declaration for {day} removed.",
    "calendar.not_declared": "{day} has not been declared.",
    "calendar.kind.day_off": "day off",
    "calendar.kind.working_day": "working day",
    "calendar.note": " ({note})",
    "calendar.header": "<b>Declared days</b>:",
    "calendar.line": "• {day}: {kind}{note}",
    "calendar.none": "No days declared (the calendar uses official public holidays).",
    # first week: commands that answer what was asked
    "members.agency": ", {agency}",
    "summary.button_agencies_prev": "◀️ Previous agencies",
    "summary.button_agencies_next": "More agencies ({page}/{pages}) ▶️",
    "missing.already_reminded": (
        "🔔 These agencies were already reminded today at {when} ({count} message(s)). "
        "No second reminder the same day; you can press again tomorrow."
    ),
    "task.ambiguous": (
        "«{ref}» matches several tasks (plans {plans}). Write the full reference or add the plan, "
        "e.g. <code>/task II.1.a 151</code>."
    ),
    "task.evidence": "   📎 Evidence ({count}): {names}",
    "calendar.note_too_long": "The note is {length} characters long; at most {limit}. Please shorten it.",
    "command.too_long": (
        "The command is {length} characters long, over the limit of {limit}; nothing was saved. "
        "Please shorten it."
    ),
    # -- plan import: document shapes, limits, re-import (H3) --
    "import.error.corrupt_xlsx": "The .xlsx file is damaged. Open it in Excel, save it again, then resend it.",
    "import.error.zip_bomb": (
        "The file expands to too much data (over {limit_mb} MB): it is damaged or made to overload "
        "the bot. It was not read; save the document again in Word/Excel and resend it."
    ),
    "import.error.too_many_paragraphs": (
        "The document has too many paragraphs/rows ({count}, at most {limit}). Send the plan and "
        "its task appendix on their own."
    ),
    "import.error.too_many_pages": "The PDF has too many pages ({count}, at most {limit}). Send the plan on its own.",
    "import.error.no_columns": (
        "No task table was recognised in the spreadsheet. Columns found: {columns}. It needs a "
        "header row with a «Nhiệm vụ» (task) or «Nội dung» column and a «Cơ quan chủ trì» (lead) "
        "or «Thời gian hoàn thành» (deadline) column."
    ),
    "import.error.appendix_missing": (
        "The document says its tasks are in an appendix (Phụ lục), but the file has no appendix "
        "table. Send the file with its appendix, or the appendix on its own (.docx, .xlsx)."
    ),
    "import.error.timeout": (
        "Reading the document took too long and was stopped (limit {seconds} s). Send a .docx "
        "version or the plan on its own."
    ),
    "import.error.too_much_memory": (
        "The document needs too much memory to read and was stopped. Send a .docx version or the "
        "plan on its own."
    ),
    "import.error.interrupted": (
        "The bot stopped last time while reading this document, so it will not read it again. "
        "Save the document again (or send a .docx) and resend it."
    ),
    "import.error.pdf_encrypted": (
        "This PDF is password-protected and cannot be read. Send a .docx version, or save the PDF "
        "without a password."
    ),
    "import.busy": "Another document is being read; wait for it to finish, then send this one.",
    "import.preview.more": "…and {count} more tasks.",
    "import.preview.issuing_act": "Issued with: {number} ({issued})",
    "import.preview.same": "✅ Identical to the saved plan: saving changes nothing.",
    "import.preview.diff_added": "➕ Added {count}: {refs}",
    "import.preview.diff_changed": "✏️ Changed {count}:",
    "import.preview.diff_changed_line": "   • {ref}: {fields}",
    "import.preview.diff_removed": "➖ Not in the new version {count}: {refs}",
    "import.preview.diff_removed_kept": "   (kept; removed only if you press «Remove {count} tasks»)",
    "import.preview.diff_removed_chosen": "   (will be removed on saving)",
    "import.preview.worse": (
        "⚠️ This version is less reliable than the saved one (text quality {new}% vs {old}%{news}). "
        "By default the saved plan is kept; choose the tasks to take from the new version."
    ),
    "import.preview.worse_news": ", a news write-up",
    "import.preview.taken": "   Will take from the new version: {refs}",
    "import.preview.plan_changed": "✏️ Plan details: {fields}",
    "import.field.title": "title",
    "import.field.text": "text",
    "import.field.lead": "lead",
    "import.field.support": "support",
    "import.field.timeframe": "timeframe",
    "import.field.due": "due date",
    "import.field.group": "group",
    "import.field.products": "products",
    "import.field.budget": "budget",
    "import.field.reporting": "reporting",
    "import.field.position": "order",
    "import.button.take_all": "Take all changes",
    "import.button.take": "Take {ref}",
    "import.button.taken": "✓ {ref}",
    "import.button.remove": "Remove {count} tasks",
    "import.button.keep_removed": "Keep {count} tasks",
    "import.unchanged": "Nothing changed: plan <b>{number}</b> stays as it was.",
    "warning.appendix_missing": "The document mentions an appendix, but no appendix table was found in the file: {excerpt}",
    # -- onboarding (join links, moves, /onboarding) --
    "cmd.onboarding": "Focal officers: tracking, the letter, join links",
    "cmd.web": "Open the desktop view",
    "join.joined": (
        "Welcome: you joined as a focal officer of <b>{agency}</b>.\n"
        "Please send your <b>full name and position</b> in one message, e.g.:\n"
        "<i>Nguyễn Văn An, Officer of the Planning Division</i>"
    ),
    "join.profile_again": (
        "I could not read a name and a position. Please send them like this: "
        "<i>Nguyễn Văn An, Officer of the Planning Division</i>"
    ),
    "join.profile_after_report": (
        "You have not sent your name and position yet. When you can, send them in one "
        "message, e.g. <i>Nguyễn Văn An, Chuyên viên Phòng Kế hoạch</i>"
    ),
    "join.profile_saved": (
        "Thank you, {name} ({position}). You will get your agency's report reminders. "
        "Type /help for the commands."
    ),
    "join.already": "You already are an officer of <b>{agency}</b>; no need to use this link.",
    "join.staff": (
        "This link is for reporting officers of <b>{agency}</b>. Your current role is unchanged."
    ),
    "join.full": (
        "The join link of <b>{agency}</b> has admitted all its officers. "
        "Ask an administrator if more people need to join."
    ),
    "join.revoked_member": (
        "Your access to the assistant was revoked, so this link cannot be used. "
        "To join again, contact an administrator."
    ),
    "join.revoked_member_admin": (
        "⚠️ <b>{name}</b> (tg:{user_id}, formerly of {former}) was revoked but just opened a "
        "join link of <b>{agency}</b>: refused. To let them back, make a new invite: "
        "<code>/invite &lt;agency&gt; officer</code>."
    ),
    "join.revoked": "The join link of <b>{agency}</b> was revoked. Please ask for a new one.",
    "move.ask_officer": (
        "You are an officer of <b>{current}</b>. This link is for <b>{target}</b>.\n"
        "Do you want to move to <b>{target}</b>? An administrator must approve the move."
    ),
    "move.button_yes": "Move (ask for approval)",
    "move.button_no": "Stay where I am",
    "move.officer_asking_admin": (
        "Your request to move from <b>{current}</b> to <b>{target}</b> went to the "
        "administrators. You stay with <b>{current}</b> until it is approved."
    ),
    "move.officer_declined": "You remain an officer of <b>{current}</b>.",
    "move.officer_moved": "Approved: you now belong to <b>{target}</b>.",
    "move.officer_refused": (
        "The move to <b>{target}</b> was not approved. You remain an officer of <b>{current}</b>."
    ),
    "move.officer_full": (
        "The move to <b>{target}</b> failed: its link is full, expired or was revoked."
    ),
    "move.ask_admin": (
        "🔁 <b>{name}</b> asks to move from <b>{current}</b> to <b>{target}</b> "
        "(they opened an invite of {target})."
    ),
    "move.button_approve": "Approve",
    "move.button_refuse": "Refuse",
    "move.admin_moved": "✅ Moved {name} from {current} to {target}.",
    "move.admin_refused": "Refused to move {name} to {target}.",
    "move.admin_full": "Could not move {name}: the link of {target} is full or expired.",
    "move.admin_stale": "This request was already handled.",
    "move.not_admin": "Only administrators approve agency moves.",
    "move.stale": "This move request was already handled.",
    "onboarding.header": "<b>Focal officers</b> — {scope}: {ready}/{total} agencies have one.",
    "onboarding.all_plans": "all active plans",
    "onboarding.missing_header": "\n<b>No focal officer yet ({count}):</b>",
    "onboarding.missing_line": "• {agency}{links}",
    "onboarding.links_part": " — {links} live link(s), {seats} seat(s) left",
    "onboarding.no_link": " — no join link yet",
    "onboarding.ready_header": "\n<b>With officers ({count}):</b>",
    "onboarding.ready_line": "• <b>{agency}</b>",
    "onboarding.officer_line": "   – {name}{position}, joined {joined}",
    "onboarding.usage": (
        "\nLetter with links and QR codes: <code>/onboarding letter 151 [2 chỗ] [30d]</code>\n"
        "One agency's link: <code>/onboarding link Sở Xây dựng [2 chỗ]</code>\n"
        "Revoke: <code>/onboarding revoke Sở Xây dựng</code>"
    ),
    "onboarding.letter_usage": (
        "Usage: <code>/onboarding letter &lt;plan&gt; [N chỗ] [lifetime]</code>"
        " (each link for N officers, 1-{max}), e.g. <code>/onboarding letter 151 2 chỗ 30d</code>"
    ),
    "onboarding.link_usage": (
        "Usage: <code>/onboarding link &lt;agency&gt; [N chỗ] [lifetime]</code>"
        " (a link for N officers, 1-{max}; write the count with «chỗ» or «seats», as an "
        "agency's name may end in a number), e.g. "
        "<code>/onboarding link UBND Phường 12 3 chỗ 30d</code>"
    ),
    "onboarding.seats_hint": (
        "If {count} is the number of officers the link admits, write it with «chỗ» (seats): "
        "<code>/onboarding link {name} {count} chỗ</code>"
    ),
    "onboarding.revoke_usage": "Usage: <code>/onboarding revoke &lt;agency&gt;</code>",
    "onboarding.no_agencies": "Plan {plan} has no tasks assigned to any agency yet.",
    "onboarding.letter_caption": (
        "Letter asking for focal officers — {plan}: {count} agencies, "
        "each link admits up to {capacity} officers, valid until {expires}."
    ),
    "onboarding.list_caption": "Join links — {plan}",
    "onboarding.link_created": (
        "Join link of <b>{agency}</b> (up to {capacity} officers, valid until {expires}):\n{link}"
    ),
    "onboarding.revoked": "Revoked {count} join link(s) of <b>{agency}</b>.",
    # -- desktop view (/web and the pages) --
    "web.link": "🖥 Open the desktop view (one use, expires at {expires}):\n{link}",
    "web.private_only": "Type /web in a private chat with the assistant, not in a group.",
    "web.disabled": "The desktop view is not enabled (DONDOC_WEB_PORT, DONDOC_WEB_BASE_URL).",
    # the terminal (dondoc …): the same words as the chat, no HTML
    "cli.no_plans": "No plans yet. Load one with: dondoc import FILE (or send the document to the bot).",
    "cli.unknown_plan": "No plan «{value}». See the list: dondoc plans.",
    "cli.choose_plan": "There are several plans: {plans}. Choose one with --plan, e.g. --plan {example}.",
    "cli.plans.none": "No plans yet. Load one with: dondoc import FILE (or send the document to the bot).",
    "cli.export.written": "Wrote {path} ({size} bytes): plan {plan}, period {period}.",
    "cli.remind.line": "{kind} → chat {chat}: {reason}{state}",
    "cli.remind.state": " [{state}]",
    "cli.remind.skipped": "Skipped {count} member(s) (unreachable or reminders off).",
    "cli.remind.due": "{count} reminder(s) due now (nothing sent).",
    "cli.remind.done": (
        "Planned {planned}, sent {sent}, skipped {skipped}, retrying {retried}, failed {failed}, "
        "unreachable {unreachable}."
    ),
    "cli.parse.line": "Task: {task}; status: {status}; percent: {percent}; note: {note}",
    "cli.parse.unclear": "  Unclear, the bot would ask ({reason}).",
    "cli.agency.added": "Added agency #{id}: {name}.",
    "cli.agency.conflict": "«{name}» is already used by agency «{existing}»; nothing added.",
    "cli.agency.loaded": "Added {agencies} agencies and {groups} groups.",
    "cli.agency.moved": "{old} → {new}: {moved} assignment(s) moved.",
    "cli.agency.same": "«{old}» already is {new}; nothing to move.",
    "cli.agency.reorganised": "{count} agencies passed to their successors.",
    "cli.agency.none": "The directory is empty. Add: dondoc agency add NAME, or dondoc agency load-starter.",
    "cli.agency.merged": " (merged)",
    "cli.agency.add_hint": "Add it with: dondoc agency add NAME.",
    "cli.hint": " — did you mean: {names}",
    "cli.no_file": "No such file: {path}.",
    "cli.import.unreadable": "{path}: {reason} Nothing was saved.",
    "cli.import.bad_fix": "--fix takes 'NAME AS WRITTEN=DIRECTORY NAME', not «{value}».",
    "cli.import.dry_run": "Nothing saved (--dry-run). To save: drop --dry-run; fix names with --fix 'NAME=DIRECTORY NAME'.",
    "cli.import.unresolved": "Agencies not in the directory; nothing was saved:",
    "cli.import.unresolved_line": "  «{name}» (tasks {refs}){hint}",
    "cli.import.unresolved_help": (
        "Fix them with --fix 'NAME=DIRECTORY NAME', add them with dondoc agency add, load the "
        "starter directory (dondoc agency load-starter), or pass --create-agencies."
    ),
    "cli.import.saved": (
        "Plan {number} {verb}: {added} task(s) added, {updated} changed, {removed} removed."
        "{new_agencies}{start}"
    ),
    "cli.invite.bad_expires": "--expires: cannot read «{value}»; write e.g. 7d, 48h or 30m.",
    "cli.invite.created": "Invite for {agency} as {role}, expires {expires}:",
    "cli.members.none": "No members yet. Create an invite: dondoc invite --agency NAME --role officer.",
    "cli.revoke.unknown": "No member with Telegram id {who}. See: dondoc members.",
    "cli.incomplete": "incomplete command; see --help",
    "cli.db.missing": (
        "no database at {path} (DATABASE_URL={url}{relative}); run dondoc from the folder that "
        "holds .env, or set DATABASE_URL; `dondoc db upgrade` creates a new database"
    ),
    "cli.db.relative": ", relative to the current folder {folder}",
    "cli.db.revision": "database at revision {current} (head {head})",
    "cli.bot_username.invalid": "--bot-username: «{value}» is not a Telegram bot username",
    "cli.bot_username.unknown": (
        "cannot print links yet: the bot's @username is not known. Pass --bot-username "
        "&lt;name&gt; (the username @BotFather gave), or set TELEGRAM_BOT_TOKEN and run "
        "`dondoc check` once"
    ),
    "cli.bot_username.unreachable": (
        "cannot ask Telegram for the bot's @username ({error}); pass --bot-username &lt;name&gt;"
    ),
    "cli.onboarding.bad_expires": "--expires: cannot read «{value}»; write e.g. 30d, 48h",
    "cli.onboarding.bad_capacity": "--capacity must be between 1 and {max}",
    "cli.onboarding.letter": (
        "{count} agencies, up to {capacity} officers each, links valid until {expires}:"
    ),
    "cli.onboarding.link": (
        "join link for {agency}, up to {capacity} officers, expires {expires}:"
    ),
    "cli.onboarding.status": "{ready}/{total} agencies have an officer",
    "cli.onboarding.missing": ("  MISSING  {agency} ({links} live link(s), {seats} seat(s) left)"),
    "cli.onboarding.officer": "  ok       {agency}: {name}{position}, joined {joined}",
    "cli.check.ok": "ok   {what}: {detail}",
    "cli.check.fail": "FAIL {what}: {detail}",
    "cli.check.settings": "settings",
    "cli.check.admin_units": "admin units",
    "cli.check.database": "database",
    "cli.check.migrations": "migrations",
    "cli.check.scheduler": "scheduler",
    "cli.check.reminders": "reminders",
    "cli.check.telegram": "telegram",
    "cli.check.settings_detail": "database {driver}, tz {tz}",
    "cli.check.admin_units_detail": (
        "{package} {version}: {count} provinces, data from the GSO catalogue"
    ),
    "cli.check.reachable": "reachable",
    "cli.check.revision": "at {current}, head {head}",
    "cli.check.run_upgrade": " (run `dondoc db upgrade`)",
    "cli.check.not_applied": "not applied",
    "cli.check.scheduler_detail": (
        "last planned {last}, {late} reminders overdue by >1h, {failed} failed in 7 days"
    ),
    "cli.check.never": "never",
    "cli.check.reminders_detail": (
        "{uncertain} uncertain (may have been delivered: not resent, admins told), "
        "{in_flight} being sent"
    ),
    "cli.check.token_valid": "token valid, bot @{username}",
    "cli.check.problems": "{count} problem(s) found",
    "cli.run.bad_token": "TELEGRAM_BOT_TOKEN was rejected by Telegram: check the token",
    "cli.run.unreachable": (
        "cannot reach the Bot API at {url} ({error}); check TELEGRAM_API_BASE_URL and the network"
    ),
    # settings (.env or the environment), said before or while they are read
    "settings.invalid": "{name}: {problem} (check .env or the environment)",
    "settings.no_token": (
        "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram (/newbot), "
        "then put TELEGRAM_BOT_TOKEN=&lt;token&gt; in .env or the environment."
    ),
    "settings.webhook_url": (
        "DONDOC_WEBHOOK_URL must be the public https:// address Telegram will call, "
        "e.g. https://bot.example.gov.vn/telegram"
    ),
    "settings.webhook_secret": (
        "DONDOC_WEBHOOK_SECRET must be 16-256 characters of A-Z, a-z, 0-9, _ and - "
        "(e.g. the output of `openssl rand -hex 32`)"
    ),
    "settings.digest": 'write a weekday and a time, e.g. "mon 08:30", or "off"',
    "settings.admin_ids": "write Telegram ids as numbers separated by commas, e.g. 123456789, 987654321",
    "settings.http": "must start with http:// or https://",
    "settings.timezone": "unknown time zone, e.g. Asia/Ho_Chi_Minh",
    "settings.database_url": "use sqlite+aiosqlite:///path or postgresql+asyncpg://user@host/db",
    "settings.web_base_url": "must start with https:// (or http:// for a local test)",
    "settings.choice": "must be one of: {choices}",
    "settings.limit_ge": "must be at least {limit}",
    "settings.limit_gt": "must be greater than {limit}",
    "settings.limit_le": "must be at most {limit}",
    "settings.number": "must be a number, not «{value}»",
    "settings.boolean": "must be true or false, not «{value}»",
    "settings.time": "must be a time as HH:MM, e.g. 08:00, not «{value}»",
    "settings.other": "invalid value ({detail})",
    "import.preview.no_timeframe": "no timeframe given",
    # -- import flow: first period, calendar, amendments, saves that cross (imports) --
    "import.calendar.header": "🗓 Reporting calendar: {kinds}",
    "import.calendar.clause": "   The document says: «{clause}»",
    "import.calendar.kind": "   • {kind}: {rule} (period {period}: due {due})",
    "import.calendar.rule_first": "due on day {day}",
    "import.calendar.rule_cutoff": "due on day {day} of the period's last month",
    "import.calendar.rule_next": "due on day {day} of the month after the period",
    "import.calendar.rule_decree": "Decree 09: {days} working days after the cut-off",
    "import.calendar.start": (
        "▶️ Reporting starts with the period <b>{period}</b> (due {due}); earlier periods are "
        "not owed."
    ),
    "import.calendar.start_kept": "▶️ Reporting from the period {period} (due {due}), as saved.",
    "import.calendar.start_unset": "▶️ The first period stays as the saved plan has it.",
    "import.calendar.short_monthly": "Month",
    "import.calendar.short_quarterly": "Quarter",
    "import.button.calendar": "🗓 Calendar, first period",
    "import.button.start": "From {period}",
    "import.button.day": "{kind}: day {day}",
    "import.button.decree": "Decree 09 deadlines",
    "import.button.as_read": "Deadlines as written",
    "import.button.back": "⬅️ Done",
    "import.saved_start": "\nReporting from the period {period} (due {due}).",
    "import.already_reading": (
        "📄 «{name}» is being read (this document was just sent); the preview comes when it "
        "is done. No need to send it again."
    ),
    "import.meanwhile": (
        "⚠️ While you were previewing, {who} saved plan <b>{number}</b>. Nothing of yours was "
        "saved. The new preview below compares your document with that save; press "
        "<b>Save</b> if you still want to save your version."
    ),
    "import.meanwhile_you": "you (from another preview)",
    "import.meanwhile_someone": "another admin (or the command line)",
    "import.refused_names": (
        "Nothing saved: {names} are not in this province's directory. Correct the names in the "
        "document and send it again."
    ),
    "import.preview.chased_new": "   (including {count} new agencies, created on Save)",
    "import.field.issuer": "issuer",
    "import.field.issued_on": "date of issue",
    "import.field.coordinator": "coordinator",
    "import.amend.header": (
        "📝 <b>{number}</b> — {title}\nDated {issued}. Amends plan <b>{target}</b>."
    ),
    "import.amend.missing": (
        "⚠️ Plan <b>{target}</b> is not loaded, so this amendment cannot be applied. Send plan "
        "{target} first, then this document again."
    ),
    "import.amend.applied_before": (
        "ℹ️ This document was applied on {day}; applying it again changes only what differs."
    ),
    "import.amend.counts": (
        "Saving applies it to plan <b>{target}</b>: {changed} task(s) changed, {added} added, "
        "{removed} repealed (reports already made are kept):"
    ),
    "import.amend.amended": "✏️ Changed <b>{ref}</b>: {fields}",
    "import.amend.same": "same as saved",
    "import.amend.added": "➕ Added <b>{ref}</b> {where}: {title}",
    "import.amend.after": "(after {ref})",
    "import.amend.first": "(at the start)",
    "import.amend.repealed": "➖ Repealed <b>{ref}</b>: {title} (no longer chased; reports kept)",
    "import.amend.replaced": "🔁 «{old}» replaced by «{new}»: {count} task(s) ({refs})",
    "import.amend.replaced_none": "🔁 «{old}» replaced by «{new}»: the phrase is not in the plan",
    "import.amend.skipped_unknown": "⚠️ {ref}: not in plan {target}, skipped",
    "import.amend.skipped_already_repealed": "ℹ️ {ref}: repealed before",
    "import.amend.skipped_no_text": "⚠️ {ref}: the amended wording could not be read, skipped",
    "import.amend.footer": (
        "Press <b>Save</b> to apply it to plan {target}, a suggestion to fix a name, or "
        "<b>Cancel</b>. Nothing is saved yet."
    ),
    "import.amend.footer_missing": "Press <b>Cancel</b> to close. Nothing is saved.",
    "import.amend.saved": (
        "✅ Amendment applied to plan <b>{target}</b>: {changed} task(s) changed, {added} added, "
        "{removed} repealed. Reports already made are kept.\nType /plans to view it."
    ),
    "assign.owed_from": (
        "\nThe agency reports on this task for periods due from {day}; earlier periods are not "
        "counted as missing."
    ),
    "cli.import.bad_start": (
        "--start-from: «{value}» is not a period; write e.g. «Tháng 1/2027», «Quý I/2027» or "
        "«Năm 2027»."
    ),
    "cli.import.start_kept": "Plan {number} is saved and keeps its first period; --start-from ignored.",
    "cli.import.no_database": "(No database here: compared with the starter directory; none created.)",
    "cli.import.amended": (
        "{number} applied to plan {target}: {changed} task(s) changed, {added} added, {removed} "
        "repealed."
    ),
    # -- a plan's targets: import, owners, figures, /targets, exports, web (issue 26) --
    "cmd.targets": "A plan's targets: figures, assessment",
    "cmd.target": "Name the agency that provides a target's figures",
    "target.cmp.gt": "above",
    "target.cmp.ge": "at least",
    "target.cmp.about": "about",
    "target.cmp.le": "at most",
    "target.cmp.lt": "below",
    "target.year": "Year {year}",
    "target.no_year": "Year not said",
    "assessment.exceeded": "Exceeded",
    "assessment.achieved": "Achieved",
    "assessment.not_met": "Not met",
    "assessment.at_risk": "At risk",
    "assessment.no_figure": "No figure yet",
    "assessment.qualitative": "Qualitative",
    "import.targets.header": (
        "🎯 <b>Targets: {count}</b> ({quantitative} quantitative, {qualitative} qualitative)"
        "{changes}"
    ),
    "import.targets.changes": " — against the saved plan: {added} added, {changed} changed",
    "import.targets.owners": "Who provides the figures: {owners}",
    "import.targets.owner_part": "{owner}: {numbers}",
    "import.targets.line": "{n}. {name}: {targets}",
    "import.targets.qualitative": "{n}. <i>(qualitative)</i> {name}",
    "import.targets.owner_suggested": "{agency} <i>(suggested)</i>",
    "import.targets.owner_document": "{agency} <i>(as the document says)</i>",
    "import.targets.owner_kept": "{agency} <i>(kept as saved)</i>",
    "import.targets.owner_chosen": "{agency}",
    "import.targets.owner_none": "<i>no agency provides its figures yet</i>",
    "import.targets.more": "…and {count} more targets (see /targets once saved)",
    "import.targets.panel": (
        "🎯 Tap a target to change the agency that provides its figures (the suggested ones in "
        "turn, then «nobody»); after saving, /target changes it."
    ),
    "import.button.owners": "🎯 Who provides the figures",
    "import.button.owner": "{n}: {agency}",
    "import.button.owner_none": "{n}: — nobody",
    "import.saved_targets": "\n🎯 {count} targets; {owned} have an agency that provides the figures.",
    "figures.request.header": (
        "📊 <b>Figures of the targets</b> — {plan}, <b>{period}</b> (due {deadline})\n"
        "<b>{agency}</b> provides the figures of {count} target(s):"
    ),
    "figures.request.line": "{n}. <b>{name}</b>{unit}",
    "figures.request.unit": " ({unit})",
    "figures.request.targets": "   Target: {targets}",
    "figures.request.last": "   Last figure sent: {value} ({as_of})",
    "figures.request.how": (
        "Reply to this message, one target a line: its number, the figure, the date it is for "
        "and its source. E.g. <code>1. 41.2% (2025 figure, Statistics Office)</code>"
    ),
    "figures.recorded.header": "✅ Figures recorded{period}:",
    "figures.recorded.period": " for <b>{period}</b>",
    "figures.recorded.line": "• <b>{name}</b>: {value} — {as_of}{source}{corrected}",
    "figures.as_of": "figure of {text}",
    "figures.as_of_day": "figure of {day}",
    "figures.as_of_today": "figure of {day} (the message gave no date)",
    "figures.source": "; source: {source}",
    "figures.no_source": "; no source given",
    "figures.corrected": " <i>(corrects the figure sent for that date, revision {revision})</i>",
    "figures.assessed": "   {year}, target {target}: <b>{assessment}</b>",
    "figures.problem.header": "⚠️ <b>Nothing was saved.</b> Please check:",
    "figures.problem.no_number": "• «{text}»: no figure could be read. Please write it in digits, e.g. «41.2%».",
    "figures.problem.several_values": (
        "• «{text}»: several numbers, it is not clear which is the figure. One target a line, "
        "e.g. «1. 41.2% (2025 figure)»."
    ),
    "figures.problem.which_indicator": (
        "• «{text}»: which target is this figure for? Write its number or name before the figure."
    ),
    "figures.problem.wrong_unit": (
        "• «{text}»: «{name}» is measured in <b>{unit}</b>, the figure sent is in {given}. "
        "Please send it in {unit}."
    ),
    "figures.problem.over_100": (
        "• «{text}»: «{name}» is a share and cannot be above 100%. Please check the figure."
    ),
    "figures.problem.negative": (
        "• «{text}»: «{name}» is a share and cannot be negative. Please check the figure."
    ),
    "figures.problem.beyond_horizon": (
        "• «{text}»: «{as_of}» is after the last target year of «{name}» ({horizon}). Which "
        "year is this figure for?"
    ),
    "figures.problem.future": "• «{text}»: «{as_of}» has not come yet. Which date is this figure for?",
    "figures.problem.lines": "The targets {agency} provides the figures of:",
    "figures.problem.line": "{n}. {name}",
    "figures.problem.how": (
        "Send the whole message again, e.g. <code>1. 41.2% (2025 figure, Statistics Office)</code>."
    ),
    "targets.usage": "Usage: /targets [plan], e.g. /targets 15.",
    "targets.choose_plan": "There are several plans: {plans}. Type /targets with a plan's number, e.g. /targets {example}.",
    "targets.header": "🎯 <b>Targets of {plan}</b> (figures up to {day})",
    "targets.none": "Plan {plan} has no targets: the document has no targets section that could be read.",
    "targets.indicator": "<b>{n}. {name}</b> — {owner}",
    "targets.owner_none": "<i>no agency provides its figures</i> (/target)",
    "targets.line": "   {year}: {target} → {figure} — <b>{assessment}</b>",
    "targets.figure": "{value} ({as_of}{source})",
    "targets.figure_source": "; {source}",
    "targets.no_figure": "no figure yet",
    "targets.qualitative": "<b>{n}.</b> <i>(qualitative)</i> {name}",
    "targets.counts": (
        "{count} quantitative targets: {exceeded} exceeded, {achieved} achieved, {not_met} not "
        "met, {at_risk} at risk, {no_figure} without a figure."
    ),
    "target.usage": (
        "Usage: /target &lt;plan&gt; &lt;target number&gt; &lt;agency&gt;, e.g. "
        "<code>/target 15 1 Sở Xây dựng</code> (or «-» for nobody). Numbers: /targets 15."
    ),
    "target.unknown": "Plan {plan} has no target number {n} (it has {count}, see /targets).",
    "target.qualitative": "Target {n} of {plan} is qualitative: no figures are collected.",
    "target.done": (
        "<b>{agency}</b> now provides the figures of target {n}. {name} ({plan}). Its officers "
        "will be asked at the half-year and year moments."
    ),
    "target.unchanged": "<b>{agency}</b> already provides the figures of target {n} ({plan}).",
    "target.cleared": "Nobody provides the figures of target {n}. {name} ({plan}) now.",
    "doc.targets_section": "RESULTS AGAINST THE TARGETS",
    "doc.targets_intro": (
        "Results against the targets of {plan}, from the figures the agencies provided, up to "
        "{period_label}:"
    ),
    "doc.targets_counts": (
        "Of {count} targets: {exceeded} exceeded, {achieved} achieved, {not_met} not met, "
        "{at_risk} at risk, {no_figure} without a figure."
    ),
    "doc.targets_qualitative": (
        "Besides, {count} qualitative goals are assessed through the results of the tasks."
    ),
    "doc.targets_col_stt": "No.",
    "doc.targets_col_indicator": "Indicator",
    "doc.targets_col_target": "Target",
    "doc.targets_col_figure": "Result",
    "doc.targets_col_assessment": "Assessment",
    "doc.target_text": "{year}:\n{target}",
    "doc.target_figure": "{value} ({as_of})",
    "doc.target_source": "Source: {source}",
    "sheet.targets": "Targets",
    "xlsx.targets_title": "RESULTS AGAINST THE TARGETS",
    "col.target_plan": "Plan",
    "col.target_number": "Target no.",
    "col.indicator": "Indicator",
    "col.unit": "Unit",
    "col.horizon": "Target year",
    "col.target": "Target",
    "col.figure": "Result",
    "col.as_of": "Figure date",
    "col.source": "Source",
    "col.owner": "Agency providing the figure",
    "col.assessment": "Assessment",
    "web.targets_link": "🎯 The plan's targets ({count})",
    "web.targets_header": "Targets — {plan}",
    "web.targets_intro": "Figures the agencies provided, assessed on {day} (docs/counting.md, section 9).",
    "web.no_targets": "The plan has no targets.",
    "web.col_indicator": "Indicator",
    "web.col_target": "Target",
    "web.col_figure": "Result",
    "web.col_assessment": "Assessment",
    "web.col_owner": "Agency providing the figure",
    "web.col_as_of": "Figure date",
    "web.col_source": "Source",
    "web.col_sent": "Sent",
    "web.col_year": "Target year",
    "web.col_chart": "Chart",
    "web.series": "Figures over time",
    "web.no_series": "No figure yet.",
    # -- conversation: edits, keep or change, lines, evidence limits (H2b) --
    "report.edited": "✏️ Updated from your edited message, <b>{period}</b>:",
    "report.edit_removed": "• <b>{ref}</b> — dropped by your edited message",
    "report.edit_ignored": (
        "An edited message is not recorded as a new report. To report, send a new message."
    ),
    "report.ask_keep": "<b>{ref}</b> is «{current}». Change it to «{new}»? Your message: <i>{text}</i>",
    "report.ask_done": (
        "Your message marks <b>{ref}</b> «Completed» but also says work is still going on. "
        "Which status should be recorded? Your message: <i>{text}</i>"
    ),
    "report.button_keep": "Keep «{status}»",
    "report.button_change": "Change to «{status}»",
    "report.kept": "<b>{ref}</b> kept as it was.",
    "report.ask_line_or_task": (
        "The number you wrote may be a line of the reminder (<b>{line}</b>) or task "
        "<b>{ref}</b>. Which task is this report for? Your message: <i>{text}</i>"
    ),
    "report.window": (
        "<i>A message without a task number is read as the answer to the bot's latest "
        "question only within {hours} hours.</i>"
    ),
    "report.evidence_name_cut": "The file name was longer than {limit} characters and was shortened.",
    "web.title": "dondoc — plan follow-up",
    "web.nav_plans": "Plans",
    "web.nav_blockers": "Blockers",
    "web.sign_out": "Sign out",
    "web.other_language": "Tiếng Việt",
    "web.signed_in_as": "{name} · {role}",
    "web.plans_header": "Plans followed",
    "web.no_plans": "No plans yet. Load one in Telegram or with dondoc import.",
    "web.col_plan": "Plan",
    "web.col_title": "Title",
    "web.col_tasks": "Tasks",
    "web.col_agencies": "Agencies",
    "web.col_coordinator": "Coordinating agency",
    "web.period_of": "Period {period} (due {deadline})",
    "web.figures_header": "Figures for {period}",
    "web.total": "Tasks",
    "web.rate": "Completion rate",
    "web.matrix_header": "Each task's status by period",
    "web.col_task": "Task",
    "web.not_in_period": "—",
    "web.blocked_mark": "blocked",
    "web.downloads": "Downloads ({period})",
    "web.download_xlsx": "Excel workbook",
    "web.download_docx": "Draft Word report",
    "web.agencies_header": "Agencies in {period}",
    "web.col_agency": "Agency",
    "web.col_reported": "Reported",
    "web.col_late": "Sent late",
    "web.col_overdue": "Missing, overdue",
    "web.overdue_days": "{count} ({days} working days)",
    "web.col_blocked": "Blocked",
    "web.task_header": "Task {ref}",
    "web.task_plan": "Plan {plan}",
    "web.task_due": "Due: {due}",
    "web.lead": "Lead",
    "web.support": "Support",
    "web.history_header": "Report history",
    "web.no_reports": "No reports on this task yet.",
    "web.revisions": "Updates",
    "web.evidence": "Attached files",
    "web.col_period": "Period",
    "web.col_status": "Status",
    "web.col_percent": "Progress",
    "web.col_note": "Note",
    "web.col_by": "Reported by",
    "web.col_when": "When",
    "web.col_role": "Role",
    "web.col_latest": "Latest report",
    "web.late_mark": "late",
    "web.agency_header": "{agency}",
    "web.agency_intro": "Tasks assigned in the plans followed",
    "web.no_tasks": "No tasks assigned to this agency.",
    "web.blockers_header": "Blockers and requests",
    "web.no_blockers": "No blockers reported.",
    "web.not_reported": "not reported",
    "web.login_title": "Sign in to the desktop view",
    "web.login_confirm": "Sign in as <b>{name}</b> ({role}).",
    "web.login_button": "Sign in",
    "web.login_note": "The link works once and expires after a few minutes.",
    "web.signed_out": "You are signed out. Type /web in Telegram to sign in again.",
    "web.error_title": "This page cannot be shown",
    "web.err.invalid": "This sign-in link is not valid. Type /web in Telegram for a new one.",
    "web.err.used": "This sign-in link was already used. Type /web in Telegram for a new one.",
    "web.err.expired": "The link or the session has expired. Type /web in Telegram for a new link.",
    "web.err.revoked": "Your access was revoked, or this session was signed out.",
    "web.err.not_allowed": "This view is for coordinators and administrators only.",
    "web.err.no_session": "You are not signed in. Type /web in a private chat with the assistant for a sign-in link.",
    "web.err.not_found": "This page or record does not exist.",
    "web.err.foreign_origin": "This request did not come from the assistant's own pages, so it was refused. Open the page again and press the button again.",
    "web.err.bad_request": "The request is not valid.",
    "web.err.server": "Something went wrong while making the page. Please try again shortly.",
    "web.err.file": "The file could not be fetched from Telegram just now. Please try again in a few minutes, or open it in Telegram, in the officer's message.",
    "web.err.file_too_big": "The file is larger than 20 MB, which Telegram does not let the assistant download. Please open it in Telegram, in the officer's message.",
    "web.back": "Back to the plans",
    "plan.ambiguous": "«{value}» fits several plans: {plans}. Please write the plan number in full.",
    # -- period labels (rendered from a period's key; rows store no label) --
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
    # a reporting moment of several periods sharing a cut-off: "Q4 and year 2026"
    "period.moment": "{parts} {year}",
    "period.and": " and ",
    "period.part.monthly": "month {month}",
    "period.part.quarterly_1": "Q1",
    "period.part.quarterly_2": "Q2",
    "period.part.quarterly_3": "Q3",
    "period.part.quarterly_4": "Q4",
    "period.part.half_yearly_1": "H1",
    "period.part.half_yearly_2": "H2",
    "period.part.yearly": "year",
    # -- reminders the bot cannot confirm, and agencies nobody can be reminded at --
    "outbox.uncertain": (
        "⚠️ <b>{count}</b> reminders may or may not have been delivered (the bot stopped "
        "mid-send or Telegram did not answer in time). To avoid duplicates they are not "
        "resent; please check directly with:"
    ),
    "outbox.uncertain_line": "• {member} — {agency}{period}",
    "outbox.uncertain_period": " (period {period})",
    "outbox.too_long": "… (message too long, shortened; see /tasks for all)",
    "coordinator.day_header": "📋 <b>Reporting status</b>",
    "no_officer.header": (
        "👤 <b>{count}</b> agencies have tasks but <b>no registered officer</b> to remind, so "
        "they were not reminded and are left out of escalations:"
    ),
    "no_officer.line": "• {agency}",
    "no_officer.how_to_fix": (
        "Invite officers: <code>/onboarding link {example}</code> (a link for 2 officers) or "
        "<code>/invite {example} officer</code> (one person); a letter to every agency of a "
        "plan: <code>/onboarding letter &lt;plan&gt;</code>; follow up: <code>/onboarding</code>"
    ),
    "request.note_too_long": (
        "The request note is {length} characters long; the limit is {limit} (so that the "
        "reminders to agencies stay within Telegram's limit). Please shorten it and send again; "
        "no request was created."
    ),
    "report.evidence_unusable": "This file cannot be kept: its file id is longer than {limit} characters.",
    "cli.demo.cannot_start": "Cannot start the demo (port {port}): {error}",
    "cli.demo.open": "dondoc demo: open {url} in a browser (Ctrl-C to stop)",
    "cli.demo.web": "Desktop view: {url} — sign in by typing /web as the coordinator ({name})",
    "cli.demo.clock": "Demo clock: {now}; press «Next day» on the page to move it",
    "cli.demo.stopping": "dondoc demo: stopping",
    # -- words of the exported documents (Excel, Word, chart) --
    "outcome.done_on_time": "Completed on time",
    "outcome.done_late": "Completed late",
    "outcome.in_progress_on_time": "In progress, within deadline",
    "outcome.overdue": "Overdue, not completed",
    "outcome.not_reported": "Not reported",
    "status.none": "",
    # workbook: task sheet columns (one row per report owed: a task × an agency)
    "col.stt": "No.",
    "col.task_ref": "Task ref.",
    "col.task_title": "Task",
    "col.agency": "Agency",
    "col.role": "Role",
    "col.status": "Status the agency reported",
    "col.outcome": "Outcome (by the agency's report)",
    "col.percent": "Progress (%)",
    "col.note": "Report",
    "col.reported_at": "Reported on",
    "col.reported_by": "Reported by",
    "col.evidence": "Evidence",
    "col.deadline": "Report deadline",
    "col.check": "To check",
    "xlsx.no_diacritics": "Typed without diacritics: fix",
    "xlsx.page": "Page {page}/{pages}",
    # workbook: summary sheet
    "sheet.summary": "Summary",
    "sheet.plan_prefix": "Plan ",
    "xlsx.title": "TASK IMPLEMENTATION SUMMARY",
    "xlsx.generated_at": "Generated at",
    "xlsx.no_plans": "No data.",
    "xlsx.issuer": "Issued by",
    "xlsx.coordinator": "Monitoring agency",
    "xlsx.period": "Reporting period",
    "xlsx.period_deadline": "Report deadline of the period",
    "xlsx.tasks_heading": "TASKS: {total} tasks (outcome from their lead agencies' reports)",
    "xlsx.outcome": "Task outcome",
    "xlsx.count": "Tasks",
    "xlsx.share": "Share",
    "xlsx.of_which_blocked": "Of which: blocked (tasks)",
    "xlsx.of_which_not_started": "Of which: not started (tasks)",
    "xlsx.total": "Total",
    "xlsx.completion_rate": "Completion rate",
    "xlsx.task_list_heading": "TASKS ONE BY ONE",
    "xlsx.flag": "Note",
    "xlsx.flag.blocked": "Blocked",
    "xlsx.flag.not_started": "Not started",
    "xlsx.due": "Task due",
    "xlsx.leads": "Lead agencies",
    "xlsx.supports": "Supporting agencies",
    "xlsx.supports_reported": "Of which: supporting agencies that sent input",
    "xlsx.full_list": "list: sheet «{sheet}»",
    "xlsx.group.departments": "Departments and boards ({count})",
    "xlsx.group.communes": "Commune and ward committees ({count})",
    "xlsx.group.districts": "District committees ({count})",
    "xlsx.group.party": "Party bodies ({count})",
    "xlsx.group.front": "Fatherland Front and mass organisations ({count})",
    "xlsx.group.other": "Other agencies ({count})",
    "xlsx.agencies_heading": (
        "AGENCIES: {reported}/{total} reported in full; {overdue} overdue, not reported; "
        "{not_due} not yet due; {late} sent a report late"
    ),
    "xlsx.agency": "Agency",
    "xlsx.reports_group": "The agency's reports (one for each task assigned to it)",
    "xlsx.expected": "Due",
    "xlsx.on_time": "Sent on time",
    "xlsx.late": "Sent late",
    "xlsx.overdue": "Overdue, not sent",
    "xlsx.not_due": "Not yet due",
    "xlsx.blocked": "Reporting an obstacle",
    "xlsx.agency_state": "Agency status",
    "xlsx.state.complete": "Reported in full",
    "xlsx.state.overdue": "Overdue, not reported",
    "xlsx.state.overdue_days": "Overdue by {days} working days",
    "xlsx.state.not_due": "Not yet due",
    "xlsx.support_group": "Of which, as a supporting agency (reports)",
    "xlsx.support_expected": "Due",
    "xlsx.support_reported": "Sent",
    "xlsx.no_rows": "No data for this reporting period.",
    # Word draft report
    "doc.nation": "SOCIALIST REPUBLIC OF VIET NAM",
    "doc.motto": "Independence - Freedom - Happiness",
    "doc.place_date": "{place}, ……/……/{year}",
    "doc.place_blank": "……",
    "doc.party_title": "COMMUNIST PARTY OF VIET NAM",
    "doc.title": "REPORT",
    "doc.subtitle": "Implementation of {plan}, period {period_label}",
    "doc.intro": "Pursuant to {citation}, {author} reports the results for the period {period_label} as follows:",
    "doc.section1": "I. OVERALL RESULTS",
    "doc.section2": "II. RESULTS BY TASK",
    "doc.section3": "III. DIFFICULTIES, OBSTACLES, RECOMMENDATIONS AND PROPOSALS",
    "doc.section4": "IV. AGENCIES WITH REPORTS OUTSTANDING",
    "doc.no_data": "There is no report data for the period {period_label}.",
    "doc.total": (
        "Tasks: {total} tasks are reported this period (status from their lead agencies' "
        "reports): {parts}."
    ),
    "doc.outcome_part": "{label} {count}",
    "doc.outcome_sub": " (of which blocked {blocked}, not started {not_started})",
    "doc.completion": "Completion rate: {rate} ({done}/{total} tasks).",
    "doc.agencies_line": (
        "Agencies: {full}/{count} reported in full{deadline}; {overdue} overdue, not reported; "
        "{not_due} not yet due; {late} sent a report late."
    ),
    "doc.reports_line": (
        "Reports (one for each task assigned to an agency): {expected} due, of which {on_time} "
        "sent on time, {late} sent late, {overdue} overdue and not sent, {not_due} not yet due."
    ),
    "doc.other_group": "Other tasks",
    "doc.deadline_suffix": " (due {deadline})",
    "doc.flag": " – {flag}",
    "doc.lead_silent_one": "{agency} has not reported.",
    "doc.leads_silent": "{count} lead agencies have not reported.",
    "doc.no_lead": "No lead agency yet (to be assigned).",
    "doc.supports": "Supporting agencies: ",
    "doc.history": "Reported during {span}: ",
    "doc.no_diacritics": "[typed without diacritics: to fix before issuing]",
    "doc.no_blockers": "No agency reported difficulties or obstacles this period.",
    "doc.blocker_when": " (reported {when}{by})",
    "doc.blocker_by": ", {name}",
    "doc.proposal_placeholder": "[{coordinator} to add proposals to {issuer} before issuing.]",
    "doc.owing_overdue": "- Overdue, not reported ({count} agencies): {names}.",
    "doc.owing_not_due": "- Not yet due{deadline} ({count} agencies): {names}.",
    "doc.not_due_deadline": ", due {deadline}",
    "doc.reported_late": "- Sent a report late ({count} agencies): {names}.",
    "doc.overdue_name": "{agency} ({days} working days overdue, {missing}/{expected} reports outstanding)",
    "doc.owing_name": "{agency} ({missing}/{expected} reports outstanding)",
    "doc.group_name": "{group} ({count} agencies, listed in the workbook)",
    "doc.late_name": "{agency} ({late} reports late)",
    "doc.all_reported": "All agencies sent their reports this period.",
    "doc.recipients": "Recipients:",
    "doc.recipient_upper": "- {issuer} (for report);",
    "doc.recipient_archive.state": "- Archive: Records, ….",
    "doc.recipient_archive.party": "- Archive: {author}.",
    "doc.appendix": "APPENDIX",
    "doc.appendix_subtitle": "TASKS OF {plan}, PERIOD {period_label}",
    "doc.appendix_attached": "(Attached to report No. {code} of ……/……/{year} of {author})",
    "doc.table_stt": "No.",
    "doc.table_task": "Task",
    "doc.table_lead": "Lead agency",
    "doc.table_status": "Status",
    "doc.table_note": "Notes",
    "doc.no_report": "not reported",
    "doc.leads_count": "{count} lead agencies",
    # the plan as documents cite it (reports/citation.py)
    "cite.kind.plan": "Plan",
    "cite.kind.programme": "Action Programme",
    "cite.kind.conclusion": "Conclusion",
    "cite.kind.resolution": "Resolution",
    "cite.kind.decision": "Decision",
    "cite.kind.directive": "Directive",
    "cite.kind.scheme": "Scheme",
    "cite.numbered": "{kind} No. {number}",
    "cite.by_issuer": "{kind} of {issuer}",
    "cite.attached": "{kind} issued with {act} No. {number}",
    "cite.attached_full": "{kind}{title} issued with {act} No. {number}{dated}{by}",
    "cite.dated": " dated {date}",
    "cite.by": " of {issuer}",
    "cite.about": " on {title}",
    "cite.lower_titles": "no",
    # who writes and signs a document (reports/author.py)
    "author.number.state": "No.: {code}",
    "author.number.party": "No. {code}",
    "author.code.state.report": "        /BC-{symbol}",
    "author.code.state.letter": "        /{symbol}",
    "author.code.party.report": "        -BC/{symbol}",
    "author.code.party.letter": "        -CV/{symbol}",
    "author.on_behalf.state": "ON BEHALF OF",
    "author.on_behalf.party": "ON BEHALF OF",
    "author.acting.state": "FOR THE",
    "author.acting.party": "FOR THE",
    "author.head.head": "HEAD OF AGENCY",
    "author.deputy.head": "DEPUTY HEAD OF AGENCY",
    "author.head.director": "DIRECTOR",
    "author.deputy.director": "DEPUTY DIRECTOR",
    "author.head.chief_of_office": "CHIEF OF OFFICE",
    "author.deputy.chief_of_office": "DEPUTY CHIEF OF OFFICE",
    "author.head.chief_inspector": "CHIEF INSPECTOR",
    "author.deputy.chief_inspector": "DEPUTY CHIEF INSPECTOR",
    "author.head.board": "HEAD OF THE BOARD",
    "author.deputy.board": "DEPUTY HEAD OF THE BOARD",
    "author.body.people_committee": "THE PEOPLE'S COMMITTEE",
    "author.head.people_committee": "CHAIRPERSON",
    "author.deputy.people_committee": "VICE CHAIRPERSON",
    "author.body.front": "THE STANDING BOARD",
    "author.head.front": "CHAIRPERSON",
    "author.deputy.front": "VICE CHAIRPERSON",
    "author.body.association": "THE STANDING COMMITTEE",
    "author.head.association": "CHAIRPERSON",
    "author.deputy.association": "VICE CHAIRPERSON",
    "author.body.youth_union": "THE STANDING COMMITTEE",
    "author.head.youth_union": "SECRETARY",
    "author.deputy.youth_union": "DEPUTY SECRETARY",
    "author.body.party_committee": "THE STANDING COMMITTEE",
    "author.head.party_committee": "SECRETARY",
    "author.deputy.party_committee": "DEPUTY SECRETARY",
    "author.body.inspection": "THE INSPECTION COMMISSION",
    "author.head.inspection": "CHAIRPERSON",
    "author.deputy.inspection": "VICE CHAIRPERSON",
    "author.body.caucus": "THE PARTY CAUCUS",
    "author.head.caucus": "SECRETARY",
    "author.deputy.caucus": "DEPUTY SECRETARY",
    "author.body.affairs": "THE PARTY AFFAIRS COMMITTEE",
    "author.head.affairs": "SECRETARY",
    "author.deputy.affairs": "DEPUTY SECRETARY",
    # the onboarding letter (công văn) and its link list (onboarding/letter.py)
    "letter.subject": "Re: naming focal officers to follow up and report on {plan}",
    "letter.to": "To: the agencies listed in the attached appendix.",
    "letter.body1": (
        "To carry out {citation} and to follow up and consolidate progress reports on time, "
        "{author} asks each agency to name one or two focal officers to follow up and report "
        "on the tasks assigned to it."
    ),
    "letter.body2": (
        "Focal officers open their agency's own join link (or scan its QR code) listed in the "
        "appendix in Telegram, then send their full name and position as the assistant @{bot} "
        "asks. Each link admits the number of officers and is valid until the date shown in "
        "the appendix; please do not pass it to another agency."
    ),
    "letter.body3": "We look forward to your cooperation./.",
    "letter.recipient_as_above": "- As above;",
    "letter.recipient_upper": "- {body} (for report);",
    "letter.appendix": "APPENDIX",
    "letter.appendix_title": "JOIN LINKS OF THE AGENCIES",
    "letter.appendix_attached": "(Attached to letter No. {code} of ……/……/{year} of {author})",
    "letter.col_no": "No.",
    "letter.col_agency": "Agency",
    "letter.col_link": "Join link",
    "letter.col_qr": "QR code",
    "letter.col_seats": "Officers",
    "letter.col_expires": "Valid until",
    "letter.sheet": "Join links",
    "letter.list_title": "Join links to follow up and report on {plan} ({author})",
    # chart
    "chart.title": "Plan {plan_number} – period {period_label}",
    "chart.completion": "Completion rate: {rate} ({done}/{total} tasks)",
    "chart.mix": "Task outcomes",
    "chart.by_agency": "Completion rate by agency",
    "chart.by_agency_top": "Completion rate of the {shown} agencies owing most reports (of {total})",
    "chart.agencies": "{reported}/{total} agencies reported in full",
    "chart.sub": " – blocked {blocked}, not started {not_started}",
    "chart.others": "Other agencies ({count})",
    "chart.no_data": "No data for this reporting period",
    # -- the demo's web chat page (emulator/static: filled in by emulator/webchat.py) --
    "webchat.bot_sub": "a Telegram emulator on this computer",
    "webchat.clock_aria": "Demo clock",
    "webchat.demo_time": "Demo time",
    "webchat.next_day": "Next day ▸",
    "webchat.next_day_title": "09:00 of the next working day, then the reminders due",
    "webchat.next_hour": "+1 hour",
    "webchat.next_hour_title": "One hour later, then the reminders due",
    "webchat.clock_hint": "Reminders go out in working hours on working days.",
    "webchat.users_aria": "Demo users",
    "webchat.foot": "Everything stays on this computer: no Telegram, no token, no network.",
    "webchat.commands_aria": "Suggested commands",
    "webchat.reply_to": "Reply to",
    "webchat.cancel_reply": "Cancel reply",
    "webchat.attach": "Send a document",
    "webchat.placeholder": "Write a message…  (Enter sends, Shift+Enter: new line)",
    "webchat.send": "Send",
    "webchat.edited": "edited",
    "webchat.reply": "Reply",
    "webchat.loading": "Loading the chat…",
    "webchat.empty": "No messages yet. {hint}",
    "webchat.hint_coordinator": "Send /summary or /help to start.",
    "webchat.hint_officer": "Send /help to start, or press «Next day» until a reminder arrives.",
    "webchat.chatting": "{label} — chatting with the bot",
    "webchat.not_sent": "Not sent: {error}",
    "webchat.button_error": "Button: {error}",
    "webchat.clock_error": "Clock: {error}",
    "webchat.weekdays": "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
}
