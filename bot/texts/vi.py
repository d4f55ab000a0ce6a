"""Vietnamese texts (the default). Placeholders are filled with HTML-escaped values."""

TEXTS: dict[str, str] = {
    # -- commands menu --
    "cmd.start": "Bắt đầu / kích hoạt lời mời",
    "cmd.help": "Các lệnh bạn dùng được",
    "cmd.whoami": "Bạn là ai trong hệ thống",
    "cmd.tasks": "Nhiệm vụ của đơn vị và trạng thái kỳ này",
    "cmd.report": "Báo cáo tiến độ một nhiệm vụ",
    "cmd.summary": "Tổng hợp tình hình theo kế hoạch, kỳ",
    "cmd.missing": "Đơn vị chưa báo cáo kỳ này",
    "cmd.blockers": "Các vướng mắc, kiến nghị",
    "cmd.task": "Chi tiết một nhiệm vụ",
    "cmd.export": "Xuất Excel / báo cáo Word",
    "cmd.chart": "Biểu đồ tiến độ",
    "cmd.request": "Yêu cầu báo cáo đột xuất",
    "cmd.plans": "Danh sách kế hoạch",
    "cmd.agencies": "Danh sách cơ quan, đơn vị",
    "cmd.members": "Danh sách thành viên",
    "cmd.invite": "Tạo lời mời cho một đơn vị",
    "cmd.assign": "Giao nhiệm vụ cho đơn vị",
    "cmd.unassign": "Bỏ giao nhiệm vụ",
    "cmd.revoke": "Thu hồi quyền của một thành viên",
    # -- roles --
    "role.officer": "cán bộ báo cáo",
    "role.coordinator": "điều phối, theo dõi",
    "role.admin": "quản trị",
    # -- start and identity --
    "start.bound": (
        "Chào {name}! Bạn đã được kích hoạt với vai trò <b>{role}</b>{agency_part}.\n"
        "Gõ /help để xem các lệnh bạn dùng được."
    ),
    "start.agency_part": " của <b>{agency}</b>",
    "start.known": "Chào {name}! Bạn là <b>{role}</b>{agency_part}. Gõ /help để xem các lệnh.",
    "start.stranger": (
        "Xin chào! Đây là trợ lý đôn đốc báo cáo tiến độ thực hiện kế hoạch.\n"
        "Để sử dụng, bạn cần một <b>đường dẫn mời</b> do quản trị viên của cơ quan điều phối "
        "gửi. Hãy liên hệ quản trị viên để được cấp, rồi bấm vào đường dẫn đó."
    ),
    "start.invalid": (
        "Mã mời không hợp lệ. Hãy bấm đúng đường dẫn mời quản trị viên gửi, "
        "hoặc xin một lời mời mới."
    ),
    "start.used": "Lời mời này đã được sử dụng. Mỗi lời mời chỉ dùng một lần: hãy xin lời mời mới.",
    "start.expired": "Lời mời này đã hết hạn. Hãy xin quản trị viên một lời mời mới.",
    "whoami": (
        "<b>{name}</b>\nVai trò: {role}\nĐơn vị: {agency}\nMã Telegram: <code>{user_id}</code>"
    ),
    "whoami.no_agency": "(chưa gắn đơn vị)",
    "not_allowed": "Xin lỗi, lệnh này dành cho {role}. Bạn không có quyền dùng lệnh này.",
    "stranger_hint": (
        "Bạn chưa được kích hoạt. Hãy xin quản trị viên một đường dẫn mời rồi bấm vào đó."
    ),
    # -- help --
    "help.header": "<b>Các lệnh bạn dùng được</b> ({role}):",
    "help.line": "/{command} — {description}",
    "help.reply_hint": (
        "\nĐể báo cáo nhanh, trả lời tin nhắc việc, ví dụ: <i>2a đang thực hiện 70%, "
        "đã trình UBND tỉnh dự thảo</i> hoặc chỉ <i>xong</i>."
    ),
    # -- invites --
    "invite.usage": (
        "Cách dùng: <code>/invite &lt;tên đơn vị&gt; officer|coordinator|admin [7d]</code>\n"
        "Ví dụ: <code>/invite Sở Xây dựng officer</code>"
    ),
    "invite.bad_role": "Vai trò phải là một trong: officer, coordinator, admin.",
    "invite.bad_duration": "Thời hạn không đọc được: {value}. Ví dụ: 7d, 48h.",
    "invite.created": (
        "Lời mời cho <b>{agency}</b>, vai trò <b>{role}</b>, hết hạn {expires}.\n"
        "Gửi đường dẫn này cho người được mời (chỉ dùng một lần):\n{link}"
    ),
    "agency.unknown": "Không tìm thấy đơn vị «{name}».",
    "agency.suggest": "Có phải bạn muốn nói: {suggestions}?",
    "agency.none_similar": "Dùng /agencies để xem danh sách, hoặc nhờ quản trị viên thêm đơn vị.",
    # -- errors --
    "error.generic": "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Bạn vui lòng thử lại sau ít phút.",
    "error.unavailable": (
        "Hệ thống tạm thời gián đoạn, chưa ghi nhận được tin nhắn của bạn. "
        "Tin nhắn sẽ được xử lý lại khi hệ thống hoạt động trở lại."
    ),
    "unknown_command": "Không có lệnh này. Gõ /help để xem các lệnh bạn dùng được.",
    "unsupported_message": "Bot chỉ đọc tin nhắn chữ, tệp và ảnh. Gõ /help để xem hướng dẫn.",
    # -- reminders --
    "reminder.before": (
        "⏰ <b>{agency}</b> còn <b>{count}</b> nhiệm vụ chưa báo cáo kỳ <b>{period}</b> "
        "(hạn {deadline}, còn {days} ngày làm việc) — {plan}:"
    ),
    "reminder.due": (
        "⏰ Hôm nay là hạn báo cáo kỳ <b>{period}</b> ({deadline}). <b>{agency}</b> còn "
        "<b>{count}</b> nhiệm vụ chưa báo cáo — {plan}:"
    ),
    "reminder.overdue": (
        "❗ <b>{agency}</b> đã quá hạn báo cáo kỳ <b>{period}</b> {days} ngày làm việc "
        "(hạn {deadline}); còn <b>{count}</b> nhiệm vụ chưa báo cáo — {plan}:"
    ),
    "reminder.adhoc": (
        "📣 Yêu cầu báo cáo đột xuất ({period}), hạn {deadline}. <b>{agency}</b> cần báo cáo "
        "<b>{count}</b> nhiệm vụ — {plan}:"
    ),
    "reminder.adhoc_note": "Nội dung yêu cầu: {note}",
    "reminder.task_line": "{n}. <b>{ref}</b> {title}{role}",
    "reminder.support_role": " <i>(phối hợp, gửi ý kiến trước {deadline})</i>",
    "reminder.more_tasks": "… và {count} nhiệm vụ khác (xem /tasks)",
    "reminder.how_to_reply": (
        "\nTrả lời tin nhắn này, ví dụ: <i>{ref} đang thực hiện 70%, đã trình dự thảo</i> "
        "hoặc <i>{ref} xong</i>; hoặc bấm một nhiệm vụ bên dưới."
    ),
    "reminder.button": "📝 {ref}",
    "escalation.header": (
        "⚠️ Kỳ <b>{period}</b> — {plan} (hạn {deadline}): <b>{count}</b> đơn vị chưa báo cáo "
        "sau nhiều lần nhắc:"
    ),
    "escalation.line": "• {agency}: {missing} nhiệm vụ ({officers} cán bộ nhận nhắc)",
    "unreachable": (
        "⚠️ Không gửi được tin nhắc cho <b>{member}</b> ({agency}): người dùng đã chặn bot "
        "hoặc rời Telegram. Hãy liên hệ trực tiếp hoặc mời cán bộ khác."
    ),
    # -- status replies --
    "status.done": "Hoàn thành",
    "status.in_progress": "Đang thực hiện",
    "status.not_started": "Chưa thực hiện",
    "status.blocked": "Có vướng mắc",
    "report.recorded": "✅ Đã ghi nhận báo cáo kỳ <b>{period}</b>:",
    "report.recorded_late": "✅ Đã ghi nhận (sau hạn {deadline}) báo cáo kỳ <b>{period}</b>:",
    "report.line": "• <b>{ref}</b> — {status}{percent}{note}",
    "report.percent": " {percent}%",
    "report.note": ": {note}",
    "report.button_edit": "✏️ Sửa {ref}",
    "report.button_undo": "↩️ Hoàn tác {ref}",
    "report.undone": "↩️ Đã hoàn tác báo cáo <b>{ref}</b>; hiện tại: {state}",
    "report.undone_removed": "↩️ Đã hoàn tác: <b>{ref}</b> trở lại chưa báo cáo.",
    "report.gone": "Báo cáo này không còn nữa.",
    "report.ask_task": "Bạn báo cáo cho nhiệm vụ nào? Nội dung: <i>{text}</i>",
    "report.ask_status": "Nhiệm vụ <b>{ref}</b>: tình trạng thế nào? Nội dung: <i>{text}</i>",
    "report.unknown_task": (
        "Không thấy nhiệm vụ «{ref}» trong danh sách. Hãy chọn nhiệm vụ bên dưới."
    ),
    "report.hint": (
        "Để báo cáo, trả lời tin nhắc việc (ví dụ <i>2a đang thực hiện 70%</i>), "
        "hoặc gõ /report. Gõ /tasks để xem nhiệm vụ của đơn vị."
    ),
    "report.nothing_open": (
        "Đơn vị của bạn hiện không có nhiệm vụ nào cần báo cáo. Gõ /tasks để xem chi tiết."
    ),
    "report.no_agency": "Tài khoản của bạn chưa gắn với đơn vị nào nên chưa thể báo cáo.",
    "report.pick_task": "Chọn nhiệm vụ cần báo cáo (kỳ <b>{period}</b>):",
    "report.pick_status": "<b>{ref}</b> {title}\nChọn tình trạng:",
    "report.pick_percent": "<b>{ref}</b> — {status}. Tỷ lệ hoàn thành?",
    "report.ask_note": (
        "<b>{ref}</b> — {status}{percent}. Gõ một câu về kết quả hoặc vướng mắc "
        "(trả lời tin này), hoặc bấm Bỏ qua."
    ),
    "report.skip_note": "Bỏ qua",
    "report.percent_skip": "Không rõ",
    "report.all_tasks": "Tất cả nhiệm vụ",
    "report.evidence_saved": "📎 Đã lưu minh chứng «{name}» cho nhiệm vụ <b>{ref}</b>.",
    "report.evidence_no_report": (
        "Hãy gửi báo cáo trước (trả lời tin nhắc việc), rồi gửi tệp minh chứng ngay sau đó."
    ),
    "report.expired_button": "Nút này đã cũ. Gõ /report để báo cáo.",
    "tasks.header": "<b>Nhiệm vụ của {agency}</b>",
    "tasks.period": "\n<b>{plan}</b> — kỳ {period} (hạn {deadline}):",
    "tasks.line": "{mark} <b>{ref}</b> {title} — {state}",
    "tasks.not_reported": "chưa báo cáo",
    "tasks.none": "Đơn vị {agency} hiện không có nhiệm vụ nào cần báo cáo.",
    # -- ad-hoc requests and reminder settings --
    "cmd.reminders": "Bật/tắt tin nhắc việc cho bạn",
    "request.usage": (
        "Cách dùng: <code>/request &lt;số kế hoạch&gt; &lt;hạn dd/mm/yyyy&gt; [mã nhiệm vụ…] "
        "[| nội dung yêu cầu]</code>\nVí dụ: <code>/request 151 30/11/2026 II.1.a II.2.a | "
        "Báo cáo phục vụ đoàn kiểm tra</code>"
    ),
    "request.bad_deadline": "Hạn «{value}» không hợp lệ hoặc đã qua. Viết dạng 30/11/2026.",
    "request.unknown_plan": "Không tìm thấy kế hoạch «{value}». Gõ /plans để xem danh sách.",
    "request.unknown_tasks": "Kế hoạch {plan} không có nhiệm vụ: {refs}.",
    "request.created": (
        "📣 Đã tạo yêu cầu báo cáo đột xuất cho {plan}: {tasks} nhiệm vụ, {agencies} đơn vị, "
        "hạn {deadline}. Các đơn vị sẽ được nhắc ngay trong giờ làm việc và khi quá hạn."
    ),
    "reminders.off": "🔕 Đã tắt tin nhắc việc cho bạn. Gõ <code>/reminders on</code> để bật lại.",
    "reminders.on": "🔔 Đã bật tin nhắc việc cho bạn.",
    "reminders.usage": "Cách dùng: <code>/reminders on</code> hoặc <code>/reminders off</code>.",
}
