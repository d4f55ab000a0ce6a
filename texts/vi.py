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
    "cmd.merge": "Chuyển một đơn vị cho đơn vị kế thừa",
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
    "private_only": "🔒 Lệnh này chỉ dùng trong tin nhắn riêng với bot, không dùng trong nhóm.",
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
        "Cách dùng: <code>/invite &lt;tên đơn vị&gt; &lt;vai trò&gt; [7d]</code>, vai trò là "
        "<i>cán bộ</i>, <i>điều phối</i> hoặc <i>quản trị</i> (officer, coordinator, admin).\n"
        "Ví dụ: <code>/invite Sở Xây dựng cán bộ</code>"
    ),
    "invite.bad_role": "Vai trò phải là: cán bộ, điều phối hoặc quản trị.",
    "invite.successor": "ℹ️ «{former}» nay là <b>{agency}</b>: lời mời dành cho {agency}.",
    "invite.group": (
        "«{name}» là nhóm «{group}», không mời chung được: hãy mời từng cơ quan trong nhóm "
        "(xem <code>/group {group}</code>)."
    ),
    "invite.former_group": (
        "«{name}» không còn (đã sắp xếp lại năm 2025); nhiệm vụ của đơn vị này nay giao cho "
        "nhóm «{group}». Hãy mời từng cơ quan trong nhóm (xem <code>/group {group}</code>)."
    ),
    "invite.abolished": (
        "«{name}» đã giải thể, không có đơn vị kế thừa trong danh mục: không mời được. "
        "Nếu cần, thêm đơn vị bằng <code>dondoc agency add</code>."
    ),
    "invite.bad_duration": "Thời hạn không đọc được: {value}. Ví dụ: 7d, 48h.",
    "invite.created": (
        "Lời mời cho <b>{agency}</b>, vai trò <b>{role}</b>, hết hạn {expires}.\n"
        "Gửi đường dẫn này cho người được mời (chỉ dùng một lần):\n{link}"
    ),
    "agency.unknown": "Không tìm thấy đơn vị «{name}».",
    "agency.suggest": "Có phải bạn muốn nói: {suggestions}?",
    "agency.none_similar": "Dùng /agencies để xem danh sách, hoặc nhờ quản trị viên thêm đơn vị.",
    # -- errors --
    "work.busy": "Bạn đang có nhiều việc chờ xử lý (tài liệu, tệp xuất). Hãy đợi các việc đó xong rồi gửi lại.",
    "work.stopped": "Trợ lý đang dừng để khởi động lại nên chưa làm xong yêu cầu này (đọc tài liệu, tạo tệp). Hãy gửi lại sau ít phút.",
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
        "📣 Yêu cầu báo cáo <b>{period}</b>, hạn {deadline}. <b>{agency}</b> cần báo cáo "
        "<b>{count}</b> nhiệm vụ — {plan}:"
    ),
    "reminder.adhoc_note": "Nội dung yêu cầu: {note}",
    "reminder.task_line": "{n}. <b>{ref}</b> {title}{role}",
    "reminder.support_role": " <i>(phối hợp, hạn gửi ý kiến {deadline})</i>",
    "reminder.support_role_late": " <i>(phối hợp, ❗ quá hạn gửi ý kiến {deadline})</i>",
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
    "status.contributed": "Đã gửi ý kiến",
    "report.recorded": "✅ Đã ghi nhận báo cáo kỳ <b>{period}</b>:",
    "report.recorded_late": "✅ Đã ghi nhận (sau hạn {deadline}) báo cáo kỳ <b>{period}</b>:",
    "report.line": "• <b>{ref}</b> — {state}",
    "report.state": "{status}{percent}{note}",
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
        "Nhiệm vụ bạn ghi không có trong danh sách của đơn vị. Hãy chọn nhiệm vụ bên dưới. "
        "Nội dung: <i>{text}</i>"
    ),
    "report.hint": (
        "Để báo cáo, trả lời tin nhắc việc (ví dụ <i>2a đang thực hiện 70%</i>), "
        "hoặc gõ /report. Gõ /tasks để xem nhiệm vụ của đơn vị."
    ),
    "report.nothing_open": (
        "Đơn vị của bạn hiện không có nhiệm vụ nào cần báo cáo. Gõ /tasks để xem chi tiết."
    ),
    # a question is not a report (issue 23)
    "report.question": (
        "Đây là câu hỏi nên bot chưa ghi nhận gì. Bot chỉ ghi nhận báo cáo tình hình nhiệm vụ "
        "(ví dụ <i>2a đang thực hiện 70%</i>); gõ /tasks để xem nhiệm vụ của đơn vị và những gì "
        "đã báo cáo. Câu hỏi khác xin liên hệ cơ quan theo dõi."
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
    "tasks.period_support": "\n<b>{plan}</b> — kỳ {period} (phối hợp, hạn gửi ý kiến {deadline}):",
    "tasks.line": "{mark} <b>{ref}</b> {title}{role} — {state}",
    "tasks.support": " <i>(phối hợp, hạn gửi ý kiến {deadline})</i>",
    "tasks.not_reported": "chưa báo cáo",
    "tasks.not_contributed": "chưa gửi ý kiến",
    "tasks.overdue": "chưa báo cáo, quá hạn {days} ngày làm việc",
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
    "reminders.state_on": "🔔 Tin nhắc việc của bạn đang <b>bật</b>.",
    "reminders.state_off": "🔕 Tin nhắc việc của bạn đang <b>tắt</b>.",
    "reminders.button_on": "🔔 Bật tin nhắc",
    "reminders.button_off": "🔕 Tắt tin nhắc",
    # -- plan import (admins) --
    "import.error.empty": "Tệp trống, không có nội dung để đọc.",
    "import.error.binary": "Không đọc được tệp này: không phải văn bản, .docx hay PDF có chữ.",
    "import.error.too_large": "Tệp quá lớn (tối đa {limit} MB). Hãy gửi bản .docx hoặc cắt bớt phụ lục.",
    "import.error.corrupt_docx": "Tệp .docx bị hỏng. Hãy mở bằng Word, lưu lại rồi gửi lại.",
    "import.error.encrypted": "Tài liệu có mật khẩu. Hãy lưu một bản không đặt mật khẩu rồi gửi lại.",
    "import.error.unsupported_format": (
        "Chưa hỗ trợ loại tệp này. Hãy gửi .docx, .pdf (có lớp chữ), .xlsx, .csv, .txt, .md "
        "hoặc tệp kế hoạch .yaml."
    ),
    "import.error.no_tasks": (
        "Không nhận ra nhiệm vụ nào trong tài liệu. Bot đọc được: mục «Nhiệm vụ, giải pháp» với "
        "các ý a), b)… có «Phân công thực hiện», mục «Tổ chức thực hiện», hoặc bảng phụ lục "
        "(STT | Nhiệm vụ | Cơ quan chủ trì | …)."
    ),
    "import.error.pdf_no_text": (
        "PDF này là bản quét, không có lớp chữ. Hãy gửi bản .docx hoặc PDF đã nhận dạng chữ (OCR)."
    ),
    "import.error.planfile": "Tệp kế hoạch .yaml có lỗi:\n{errors}",
    "import.error.planfile_line": "• dòng {line}, trường <code>{field}</code>: {message}",
    "import.downloading": "📄 Đang đọc «{name}»…",
    "import.preview.header": (
        "📋 <b>{number}</b> — {title}\nCơ quan ban hành: {issuer}; ngày {issued}\n"
        "Cơ quan theo dõi, tổng hợp: {coordinator}"
    ),
    "import.preview.tasks": "Nhận ra <b>{count}</b> nhiệm vụ:",
    "import.preview.existing": "ℹ️ Kế hoạch này đã có: lưu sẽ <b>cập nhật</b> ({changes}).",
    "import.preview.changes": "thêm {added}, bỏ {removed}, sửa {changed}",
    "import.preview.task": "<b>{ref}</b> {title}\n   Chủ trì: {lead}{support}; {timeframe}",
    "import.preview.support": "; phối hợp: {names}",
    "import.preview.unmatched_header": "⚠️ <b>{count}</b> tên cơ quan chưa có trong danh mục:",
    "import.preview.unmatched": "{n}. «{name}» ({refs}){hint}",
    "import.preview.hint": " — gợi ý: {names}",
    "import.preview.warning": "• {text}",
    "import.preview.footer": (
        "Bấm <b>Lưu</b> để lưu (tên chưa khớp sẽ được tạo thành đơn vị mới), chọn gợi ý để sửa "
        "tên, hoặc <b>Huỷ</b>. Chưa có gì được lưu."
    ),
    "import.button.save": "✅ Lưu",
    "import.button.save_new": "✅ Lưu (tạo {count} đơn vị mới)",
    "import.button.cancel": "❌ Huỷ",
    "import.button.drop": "✂️ Bỏ: {name}",
    "import.button.fix": "{n}→ {name}",
    "import.cancelled": "Đã huỷ, không lưu gì.",
    "import.expired": "Bản xem trước này đã hết hạn hoặc đã xử lý. Hãy gửi lại tài liệu.",
    "import.saved": (
        "✅ Đã {verb} kế hoạch <b>{number}</b>: thêm {added}, cập nhật {updated}, bỏ {removed} "
        "nhiệm vụ.{new_agencies}{start}\nGõ /plans để xem."
    ),
    "import.verb.created": "lưu",
    "import.verb.updated": "cập nhật",
    "import.new_agencies": "\nĐơn vị mới: {names}",
    "warning.no_assignee": "{ref}: không đọc được cơ quan chủ trì",
    "warning.no_timeframe": "{ref}: không có thời gian thực hiện",
    "warning.lost_diacritics": "Văn bản mất dấu (bản quét/OCR): hãy kiểm tra kỹ tên cơ quan",
    "warning.unparsed_section": "Có đoạn không đọc được: {excerpt}",
    "warning.no_number": "Không thấy số hiệu văn bản",
    "warning.unreadable_assignee": "{ref}: tên cơ quan không đọc rõ: {excerpt}",
    "warning.periodic_report": "{ref}: có yêu cầu «định kỳ báo cáo»",
    "warning.other": "{ref}: {excerpt}",
    # -- importer, round 3: numbering, layouts, prose, amendments --
    "warning.numbering_gap": "{ref}: số thứ tự nhảy (chưa thấy {excerpt}) — kiểm tra xem có sót mục nào không",
    "warning.numbering_repaired": "Số thứ tự trong bản quét bị đọc sai, đã đọc lại: {excerpt}",
    "warning.unassigned_paragraph": "{ref}: đoạn này không giao cho cơ quan nào nên không thành nhiệm vụ: {excerpt}",
    "warning.unassigned_section": (
        "Mục {ref} ({excerpt}) không giao nhiệm vụ cho cơ quan nào nên không đọc thành nhiệm vụ; "
        "nhiệm vụ lấy từ các mục có giao cơ quan thực hiện"
    ),
    "warning.table_layout_lost": (
        "Có một bảng đã mất bố cục (các ô rời ra từng dòng: {excerpt}): nhiệm vụ trong bảng đó chưa "
        "được đọc. Hãy gửi tệp PDF hoặc Word (.docx) của kế hoạch"
    ),
    "import.error.table_layout_lost": (
        "Bảng nhiệm vụ trong tệp đã mất bố cục khi chép ra văn bản (các ô rời ra từng dòng, hết cột "
        "này sang cột khác: {columns}), nên không biết nhiệm vụ nào do cơ quan nào chủ trì. Hãy gửi "
        "tệp PDF hoặc Word (.docx) của kế hoạch."
    ),
    # -- directory, plans and members (admins) --
    "plans.none": "Chưa có kế hoạch nào. Gửi tài liệu kế hoạch (.docx, .pdf, .txt, .yaml) để nạp.",
    "plans.line": (
        "• <b>{number}</b> — {title}\n   {tasks} nhiệm vụ, {agencies} đơn vị; theo dõi: "
        "{coordinator}; báo cáo: {schedule}"
    ),
    "plans.header": "<b>Kế hoạch đang theo dõi</b>",
    "schedule.monthly": "hằng tháng",
    "schedule.quarterly": "hằng quý",
    "schedule.half_yearly": "6 tháng",
    "schedule.yearly": "hằng năm",
    "agencies.header": "<b>Danh mục cơ quan, đơn vị</b> ({count})",
    "agencies.line": "• {name}{short}{state} — {members} thành viên",
    "agencies.short": " [{short}]",
    "agencies.merged": " (đã chuyển cho {successor})",
    "agencies.ended": " (không còn từ {since})",
    "agencies.group": "• <i>Nhóm</i> {name}: {count} đơn vị",
    "agencies.none": "Danh mục trống. Thêm bằng <code>dondoc agency add</code> hoặc nạp danh mục mẫu.",
    "cmd.group": "Nhóm cơ quan và thành viên",
    "cmd.province": "Tỉnh của hệ thống và danh mục hiện hành",
    "fact.unverified": " (chưa kiểm chứng)",
    "fact.source": " — nguồn: {source}",
    "province.current": (
        "🏛 Hệ thống phục vụ <b>{province}</b>: {agencies} cơ quan hiện hành, {groups} nhóm."
    ),
    "province.none": (
        "Chưa chọn tỉnh. Quản trị viên chọn bằng <code>/province Quảng Ngãi</code> (hoặc "
        '<code>dondoc setup --province "Quảng Ngãi"</code>).'
    ),
    "province.known": "Chọn một trong 34 tỉnh, thành phố, ví dụ: {names}.",
    # -- the 34 provinces, communes, doubted facts, the working calendar (issue 21) --
    "province.former": (
        "Tỉnh {former} đã hợp nhất vào tỉnh <b>{province}</b> từ 01/7/2025. Chọn "
        "<code>{province}</code>: các cơ quan, huyện, xã cũ của {former} được đối chiếu sang "
        "cơ quan hiện nay."
    ),
    "province.not_found": "Không có tỉnh, thành phố «{province}».",
    "province.did_you_mean": " Có phải: {names}?",
    "province.communes": (
        "Nhóm «UBND các xã, phường» có {count} xã, phường, đặc khu (dữ liệu {source})."
    ),
    "province.data": "Dữ liệu đơn vị hành chính: {source}",
    "group.areas": (
        "… và {count} nhóm «Các xã, phường thuộc … cũ» (xã, phường nay trên địa bàn từng "
        "huyện cũ): <code>/group Các xã, phường thuộc huyện … cũ</code>."
    ),
    "review.doubt": "⚠️ {name}: {doubt} (chưa kiểm chứng).",
    "workcal.header": "📅 <b>Lịch làm việc năm {year}</b> (lịch bot dùng để tính hạn, nhắc):",
    "workcal.holidays": "<b>Ngày nghỉ lễ, Tết</b> (thứ Bảy, Chủ nhật luôn nghỉ):",
    "workcal.day": "• {day}: {name}",
    "workcal.workdays": "<b>Ngày làm bù</b> (thứ Bảy đi làm):",
    "workcal.declared_header": "<b>Ngày quản trị viên khai báo</b>:",
    "workcal.declared_off": "• {day}: nghỉ — {note}",
    "workcal.declared_work": "• {day}: làm việc — {note}",
    "workcal.none": "• (không có)",
    "workcal.source": "Nguồn: {source}",
    "workcal.unknown": (
        "⚠️ {what}: lịch chính thức của năm {year} chưa công bố (hoặc chưa kiểm chứng). Khi có, "
        "quản trị viên khai báo bằng <code>/dayoff dd/mm/yyyy lý do</code> và "
        "<code>/workday dd/mm/yyyy lý do</code>."
    ),
    "workcal.pending": "ℹ️ {day} ({name}): {note}",
    "workcal.saturday": "thứ Bảy",
    "workcal.sunday": "Chủ nhật",
    "cli.demo.province": "Bản chạy thử có các tỉnh: {names}; không có «{province}».",
    "workcal.periods": "<b>Kỳ báo cáo</b> (chốt số liệu → hạn gửi mặc định):",
    "workcal.period": "• {label}: {start} – {end} → hạn {deadline}",
    "workcal.usage": "Cách dùng: <code>/calendar [năm]</code>, ví dụ <code>/calendar 2026</code>.",
    "cmd.calendar": "Lịch làm việc, ngày nghỉ và hạn báo cáo của một năm",
    "province.set": (
        "🏛 Đã chọn <b>{province}</b>: nạp {agencies} cơ quan hiện hành, {former} cơ quan "
        "cũ (chỉ để đối chiếu kế hoạch cũ), {groups} nhóm."
    ),
    "province.other": "Hệ thống đã chọn <b>{current}</b>; không đổi sang {province}.",
    "province.unknown": (
        "Chưa có danh mục riêng cho «{province}»: chỉ nạp các cơ quan chung mọi tỉnh. Có "
        "sẵn: {names}."
    ),
    "group.header": "<b>Nhóm cơ quan</b> ({count}):",
    "group.line": "• {name}: {count} cơ quan{source}",
    "group.members": "<b>{name}</b> — {count} cơ quan{source}:",
    "group.member": "• {name}",
    "group.empty": (
        "⚠️ Nhóm chưa có thành viên: các nhiệm vụ giao cho nhóm sẽ không được đôn đốc ai. "
        "Thêm bằng <code>/group {name} + &lt;cơ quan&gt;</code> hoặc nạp danh sách: "
        '<code>dondoc group "{name}" --import xa-phuong.xlsx</code>.'
    ),
    "group.added": "✅ Đã thêm {agency} vào nhóm {group}.",
    "group.removed": "✅ Đã bỏ {agency} khỏi nhóm {group}.",
    "group.unchanged": "Không có gì thay đổi: {agency} {state} nhóm {group}.",
    "group.state_in": "đã ở trong",
    "group.state_out": "không ở trong",
    "group.unknown": "Không có nhóm «{name}».",
    "group.usage": (
        "Cách dùng: <code>/group</code> (danh sách), <code>/group Các sở, ban "
        "ngành</code> (thành viên), <code>/group UBND các xã, phường + UBND xã Ba "
        "Tơ</code> (thêm), <code>… - …</code> (bỏ)."
    ),
    "group.imported": "✅ Nhóm {group}: thêm {added} cơ quan, {already} đã có, bỏ qua {skipped}.",
    "group.import_error": "Không đọc được tệp danh sách: {error}",
    "review.header": (
        "🔁 <b>Cơ quan đã thay đổi</b> (kế hoạch giữ nguyên tên như văn bản, nhiệm vụ giao "
        "cho cơ quan hiện nay):"
    ),
    "review.successor": "• {old} → {new} (từ {since}){unverified}",
    "review.successor_group": "• {old} → nhóm {new} (từ {since}){unverified}",
    "review.dropped": "• {old}: không còn (từ {since}), nhiệm vụ không giao cho ai{unverified}",
    "review.drop_hint": (
        "Muốn bỏ thay vì giao cho nhóm kế thừa: bấm «✂️ Bỏ …» "
        '(dòng lệnh: <code>--fix "TÊN=(bỏ)"</code>).'
    ),
    "review.merged": "⚠️ Nhiệm vụ {ref}: {written} nay cùng là {agency} (một cơ quan chủ trì).",
    "review.empty_group": (
        "⚠️ Nhóm «{group}» chưa có thành viên: nhiệm vụ {refs} sẽ không đôn đốc ai qua nhóm này."
    ),
    "review.foreign": (
        "⛔ «{name}» là cơ quan của {provinces}, không thuộc tỉnh này: không nhận ({refs})."
    ),
    "review.chased": "Sẽ đôn đốc <b>{count}</b> cơ quan.",
    "members.header": "<b>Thành viên</b> ({count})",
    "members.line": "• {name} — {role}{agency}{state} — id <code>{user_id}</code>",
    "members.inactive": " (đã thu hồi)",
    "members.unreachable": " (không liên lạc được)",
    "members.muted": " (tắt nhắc)",
    "assign.usage": (
        "Cách dùng: <code>/assign [kế hoạch] &lt;mã nhiệm vụ&gt; &lt;đơn vị&gt; lead|support</code>"
        "\nVí dụ: <code>/assign 151 II.1.c Sở Tài chính support</code>"
    ),
    "unassign.usage": "Cách dùng: <code>/unassign [kế hoạch] &lt;mã nhiệm vụ&gt; &lt;đơn vị&gt;</code>",
    "assign.unknown_task": "Không có nhiệm vụ «{ref}» trong kế hoạch {plan}.",
    "assign.no_plan": "Hãy ghi rõ kế hoạch (ví dụ <code>151</code>); gõ /plans để xem.",
    "assign.done": "✅ {agency} {role} nhiệm vụ <b>{ref}</b> ({plan}).",
    "assign.unchanged": "Không có gì thay đổi: {agency} đã {role} nhiệm vụ {ref}.",
    "unassign.done": "✅ Đã bỏ giao nhiệm vụ <b>{ref}</b> cho {agency}.",
    "unassign.none": "{agency} không được giao nhiệm vụ {ref}.",
    "role.lead": "chủ trì",
    "role.support": "phối hợp",
    "revoke.usage": "Cách dùng: <code>/revoke &lt;id Telegram hoặc @username&gt;</code>",
    "revoke.unknown": "Không tìm thấy thành viên «{who}». Gõ /members để xem.",
    "revoke.done": "✅ Đã thu hồi quyền của {name}. Người này không dùng bot được nữa.",
    "merge.usage": "Cách dùng: <code>/merge &lt;đơn vị cũ&gt; =&gt; &lt;đơn vị kế thừa&gt;</code>",
    "merge.done": (
        "✅ {old} đã chuyển cho {new}: {moved} nhiệm vụ, thành viên và tên cũ chuyển theo; "
        "báo cáo cũ giữ nguyên."
    ),
    # -- summaries (coordinators) --
    "summary.choose_plan": "Có nhiều kế hoạch, hãy chọn:",
    "summary.no_plans": "Chưa có kế hoạch nào được nạp.",
    "summary.unknown_period": (
        "Không hiểu kỳ «{value}». Ví dụ: Quý IV/2026, Tháng 11/2026, 6 tháng đầu năm 2026, "
        "Năm 2026 (năm có thể bỏ: «quý IV», «6 tháng»)."
    ),
    "summary.header": "📊 <b>{plan}</b> — kỳ <b>{period}</b> (hạn {deadline})",
    "summary.counts": (
        "<b>Nhiệm vụ</b> (theo cơ quan chủ trì): <b>{total}</b>\n"
        "✅ Hoàn thành đúng hạn: {done_on_time}\n☑️ Hoàn thành quá hạn: {done_late}\n"
        "🔄 Đang thực hiện trong hạn: {in_progress_on_time}{in_progress_sub}\n"
        "⛔ Chưa hoàn thành, quá hạn: {overdue}{overdue_sub}\n❔ Chưa báo cáo: {not_reported}\n"
        "Tỷ lệ hoàn thành: <b>{rate}</b> ({done}/{total} nhiệm vụ)\n"
        "🏢 Cơ quan đã báo cáo đủ: <b>{agencies_reported}/{agencies}</b> cơ quan; "
        "❗ quá hạn chưa báo cáo đủ: {agencies_overdue}; ⏳ chưa đến hạn: {agencies_not_due}"
    ),
    "summary.sub": " (⚠️ có vướng mắc {blocked}, ⏸ chưa thực hiện {not_started})",
    "summary.agencies": "\n<b>Theo cơ quan</b> (số báo cáo đã gửi/phải gửi):",
    "summary.agency_line": "• {agency}: {reported}/{expected}{support}{late}{overdue}{blocked}",
    "summary.support": " (trong đó phối hợp {reported}/{expected})",
    "summary.group_line": (
        "• {group} ({count} cơ quan): {complete}/{count} đã báo cáo đủ; báo cáo "
        "{reported}/{expected}{late}{overdue}"
    ),
    "summary.late": ", gửi trễ hạn {count}",
    "summary.overdue": ", ❗ quá hạn chưa gửi {count} ({days} ngày làm việc)",
    "summary.before_start": (
        "Kế hoạch {plan} được theo dõi từ kỳ <b>{first}</b>: kỳ {period} không có báo cáo nào "
        "phải gửi."
    ),
    "summary.blocked": ", ⚠️ vướng {count}",
    "summary.empty": "Kế hoạch {plan} không có nhiệm vụ nào cần báo cáo trong kỳ {period}.",
    "summary.button_prev": "◀️ Kỳ trước",
    "summary.button_next": "Kỳ sau ▶️",
    "summary.agency_header": "🏢 <b>{agency}</b> — {plan}, kỳ {period}:",
    "summary.agency_task": "• <b>{ref}</b> {title} <i>({role})</i> — {state}",
    "summary.role_lead": "chủ trì",
    "summary.role_support": "phối hợp",
    "missing.header": "⏳ Kỳ <b>{period}</b> — {plan} (hạn {deadline}): <b>{count}</b> đơn vị chưa báo cáo đủ:",
    "missing.line": "• {agency}: thiếu {missing}{overdue}{officers}",
    "missing.overdue": " — ❗ {count} quá hạn {days} ngày làm việc",
    "missing.officers": " (cán bộ: {names})",
    "missing.no_officers": " (⚠️ chưa có cán bộ nào được mời)",
    "missing.none": "✅ Kỳ {period} — {plan}: tất cả đơn vị đã báo cáo.",
    "missing.button_remind": "🔔 Nhắc ngay",
    "missing.reminded": "🔔 Đã xếp {count} tin nhắc; tin được gửi ngay trong giờ làm việc.",
    "blockers.header": "⚠️ <b>Vướng mắc, kiến nghị</b> (mới nhất trước):",
    "blockers.line": "• <b>{agency}</b> — {ref} {title}\n   {note} <i>({when}{who})</i>",
    "blockers.who": ", {name}",
    "blockers.none": "Chưa có báo cáo nào nêu vướng mắc.",
    "task.usage": "Cách dùng: <code>/task &lt;mã nhiệm vụ&gt; [kế hoạch]</code>, ví dụ <code>/task II.1.a</code>",
    "task.unknown": "Không tìm thấy nhiệm vụ «{ref}».",
    "task.header": "📌 <b>{ref}</b> — {plan}\n{title}\nThời gian: {timeframe}{due}",
    "task.due": " (hạn {due})",
    "task.lead": "Chủ trì: {names}",
    "task.no_lead": (
        "Chủ trì: — ⚠️ nhiệm vụ chưa có cơ quan chủ trì nên chưa đôn đốc được ai. Giao bằng "
        "<code>/assign {plan} {ref} &lt;cơ quan&gt; lead</code>."
    ),
    "task.support": "Phối hợp: {names}",
    "task.history": "\n<b>Lịch sử báo cáo</b>:",
    "task.history_line": "• {period} — {agency}: {state} <i>({when}{who})</i>",
    "task.no_history": "\nChưa có báo cáo nào.",
    "export.caption_xlsx": "📗 Bảng tổng hợp {plans} — {when}",
    "export.caption_docx": "📘 Dự thảo báo cáo {plan} kỳ {period}: kiểm tra, bổ sung rồi trình ký.",
    "export.caption_chart": "📈 {plan} — kỳ {period}",
    "cmd.linkgroup": "Gắn nhóm chat này với một kế hoạch",
    "linkgroup.usage": "Gõ lệnh này trong nhóm chat của các điều phối viên: <code>/linkgroup &lt;kế hoạch&gt;</code>",
    "linkgroup.done": "🔗 Nhóm này sẽ nhận tin tổng hợp và cảnh báo của kế hoạch {plan}.",
    "digest.header": "🗞 <b>Tin tổng hợp tuần</b> — {plan}, kỳ {period} (hạn {deadline})",
    "digest.changes": "Trong tuần qua: {reports} báo cáo mới.",
    "digest.figures": (
        "📋 Nhiệm vụ: hoàn thành {done}/{total}; ⚠️ có vướng mắc {blocked}, ⏸ chưa thực hiện "
        "{not_started}."
    ),
    "digest.agencies": (
        "🏢 Cơ quan: {reported}/{agencies} đã báo cáo đủ; ❗ {overdue} quá hạn chưa báo cáo đủ; "
        "⏳ {not_due} chưa đến hạn."
    ),
    "digest.incomplete": "Chưa báo cáo đủ ({count} cơ quan):",
    "digest.incomplete_line": "• {agency}: còn {missing}/{expected} báo cáo{late}",
    "digest.overdue_days": " — ❗ quá hạn {days} ngày làm việc",
    "digest.not_due": " — chưa đến hạn",
    "digest.no_late": "✅ Tất cả cơ quan đã báo cáo đủ.",
    "digest.blockers": "Vướng mắc mới:",
    "digest.blocker_line": "• {agency} — {ref}: {note}",
    # -- working calendar (admins) --
    "cmd.dayoff": "Khai báo ngày nghỉ (không nhắc việc)",
    "cmd.workday": "Khai báo ngày làm bù (có nhắc việc)",
    "calendar.usage": (
        "Cách dùng: <code>/dayoff 2/1/2027 Nghỉ bù</code>, <code>/workday 9/1/2027 Làm bù</code>; "
        "<code>/dayoff xoá 2/1/2027</code> để bỏ khai báo; <code>/dayoff</code> để xem danh sách."
    ),
    "calendar.saved": "📅 Đã khai báo {day} là {kind}{note}. Hạn báo cáo và tin nhắc tính lại theo lịch này.",
    "calendar.cleared": "📅 Đã bỏ khai báo ngày {day}.",
    "calendar.not_declared": "Ngày {day} chưa được khai báo.",
    "calendar.kind.day_off": "ngày nghỉ",
    "calendar.kind.working_day": "ngày làm việc",
    "calendar.note": " ({note})",
    "calendar.header": "<b>Ngày đã khai báo</b>:",
    "calendar.line": "• {day}: {kind}{note}",
    "calendar.none": "Chưa khai báo ngày nào (lịch dùng ngày lễ của Nhà nước).",
    # first week: commands that answer what was asked
    "members.agency": ", {agency}",
    "summary.button_agencies_prev": "◀️ Đơn vị trước",
    "summary.button_agencies_next": "Đơn vị khác ({page}/{pages}) ▶️",
    "missing.already_reminded": (
        "🔔 Các đơn vị này đã được nhắc hôm nay lúc {when} ({count} tin). "
        "Không nhắc lại trong ngày để tránh làm phiền; ngày mai có thể bấm lại."
    ),
    "task.ambiguous": (
        "«{ref}» trùng với nhiều nhiệm vụ (kế hoạch {plans}). Ghi mã đầy đủ hoặc thêm kế hoạch, "
        "ví dụ <code>/task II.1.a 151</code>."
    ),
    "task.evidence": "   📎 Minh chứng ({count}): {names}",
    "calendar.note_too_long": "Ghi chú dài {length} ký tự; tối đa {limit} ký tự. Hãy viết ngắn lại.",
    "command.too_long": (
        "Lệnh dài {length} ký tự, quá giới hạn {limit} ký tự; không có gì được lưu. "
        "Hãy viết ngắn lại."
    ),
    # -- plan import: document shapes, limits, re-import (H3) --
    "import.error.corrupt_xlsx": "Tệp .xlsx bị hỏng. Hãy mở bằng Excel, lưu lại rồi gửi lại.",
    "import.error.zip_bomb": (
        "Tệp giải nén ra quá lớn (hơn {limit_mb} MB), có thể là tệp hỏng hoặc cố ý gây quá tải. "
        "Bot không đọc tệp này; hãy lưu lại tài liệu bằng Word/Excel rồi gửi lại."
    ),
    "import.error.too_many_paragraphs": (
        "Tài liệu có quá nhiều đoạn/dòng ({count}, tối đa {limit}). Hãy gửi riêng phần kế hoạch và "
        "phụ lục nhiệm vụ."
    ),
    "import.error.too_many_pages": "PDF có quá nhiều trang ({count}, tối đa {limit}). Hãy gửi riêng phần kế hoạch.",
    "import.error.no_columns": (
        "Không nhận ra bảng nhiệm vụ trong bảng tính. Các cột tìm thấy: {columns}. Bảng cần có hàng "
        "tiêu đề với cột «Nhiệm vụ» (hoặc «Nội dung») và cột «Cơ quan chủ trì» hoặc «Thời gian hoàn thành»."
    ),
    "import.error.appendix_missing": (
        "Văn bản ghi nhiệm vụ nằm ở Phụ lục nhưng tệp không có bảng phụ lục. Hãy gửi tệp có kèm Phụ "
        "lục, hoặc gửi riêng Phụ lục (.docx, .xlsx)."
    ),
    "import.error.timeout": (
        "Đọc tài liệu quá lâu nên đã dừng (giới hạn {seconds} giây). Hãy gửi bản .docx hoặc tách "
        "riêng phần kế hoạch."
    ),
    "import.error.too_much_memory": (
        "Tài liệu cần quá nhiều bộ nhớ để đọc nên đã dừng. Hãy gửi bản .docx hoặc tách riêng phần kế hoạch."
    ),
    "import.error.interrupted": (
        "Lần trước bot đã dừng khi đang đọc tài liệu này, nên không đọc lại. Hãy lưu lại tài liệu "
        "(hoặc gửi bản .docx) rồi gửi lại."
    ),
    "import.error.pdf_encrypted": (
        "PDF này có mật khẩu nên không đọc được. Hãy gửi bản .docx, hoặc lưu PDF không đặt mật khẩu."
    ),
    "import.busy": "Đang đọc một tài liệu khác; hãy chờ xong rồi gửi tiếp.",
    "import.preview.more": "…và {count} nhiệm vụ khác.",
    "import.preview.issuing_act": "Ban hành kèm theo: {number} ({issued})",
    "import.preview.same": "✅ Giống hệt kế hoạch đã lưu: lưu lại sẽ không thay đổi gì.",
    "import.preview.diff_added": "➕ Thêm {count}: {refs}",
    "import.preview.diff_changed": "✏️ Sửa {count}:",
    "import.preview.diff_changed_line": "   • {ref}: {fields}",
    "import.preview.diff_removed": "➖ Không còn trong bản mới {count}: {refs}",
    "import.preview.diff_removed_kept": "   (giữ lại; chỉ bỏ khi bấm «Bỏ {count} nhiệm vụ»)",
    "import.preview.diff_removed_chosen": "   (sẽ bỏ khi lưu)",
    "import.preview.worse": (
        "⚠️ Bản này kém tin cậy hơn bản đã lưu (chất lượng chữ {new}% so với {old}%{news}). Mặc định "
        "giữ nguyên bản đã lưu; chọn từng nhiệm vụ muốn lấy theo bản mới."
    ),
    "import.preview.worse_news": ", là bài báo tường thuật",
    "import.preview.taken": "   Sẽ lấy theo bản mới: {refs}",
    "import.preview.plan_changed": "✏️ Thông tin kế hoạch: {fields}",
    "import.field.title": "tên",
    "import.field.text": "nội dung",
    "import.field.lead": "chủ trì",
    "import.field.support": "phối hợp",
    "import.field.timeframe": "thời gian",
    "import.field.due": "hạn",
    "import.field.group": "nhóm",
    "import.field.products": "sản phẩm",
    "import.field.budget": "kinh phí",
    "import.field.reporting": "kỳ báo cáo",
    "import.field.position": "thứ tự",
    "import.button.take_all": "Lấy tất cả thay đổi",
    "import.button.take": "Lấy {ref}",
    "import.button.taken": "✓ {ref}",
    "import.button.remove": "Bỏ {count} nhiệm vụ",
    "import.button.keep_removed": "Giữ {count} nhiệm vụ",
    "import.unchanged": "Không có gì thay đổi: kế hoạch <b>{number}</b> giữ nguyên.",
    "warning.appendix_missing": "Văn bản nhắc đến Phụ lục nhưng không tìm thấy bảng phụ lục trong tệp: {excerpt}",
    # -- onboarding (join links, moves, /onboarding) --
    "cmd.onboarding": "Cán bộ đầu mối: theo dõi, công văn, đường dẫn tham gia",
    "cmd.web": "Mở trang theo dõi trên máy tính",
    "join.joined": (
        "Chào mừng bạn tham gia với tư cách cán bộ đầu mối của <b>{agency}</b>.\n"
        "Hãy gửi <b>họ tên và chức vụ</b> của bạn trong một tin nhắn, ví dụ:\n"
        "<i>Nguyễn Văn An, Chuyên viên Phòng Kế hoạch</i>"
    ),
    "join.profile_again": (
        "Chưa đọc được họ tên và chức vụ. Hãy gửi theo mẫu: "
        "<i>Nguyễn Văn An, Chuyên viên Phòng Kế hoạch</i>"
    ),
    "join.profile_after_report": (
        "Bạn vẫn chưa gửi họ tên và chức vụ. Khi tiện, hãy gửi trong một tin nhắn, ví dụ: "
        "<i>Nguyễn Văn An, Chuyên viên Phòng Kế hoạch</i>"
    ),
    "join.profile_saved": (
        "Cảm ơn {name} ({position}). Bạn sẽ nhận tin nhắc báo cáo của đơn vị. "
        "Gõ /help để xem các lệnh."
    ),
    "join.already": "Bạn đã là cán bộ của <b>{agency}</b>; không cần dùng lại đường dẫn này.",
    "join.staff": (
        "Đường dẫn này dành cho cán bộ báo cáo của <b>{agency}</b>. "
        "Vai trò hiện tại của bạn không thay đổi."
    ),
    "join.full": (
        "Đường dẫn tham gia của <b>{agency}</b> đã đủ số cán bộ. "
        "Hãy liên hệ quản trị viên nếu cần thêm người."
    ),
    "join.revoked_member": (
        "Quyền dùng trợ lý của bạn đã bị thu hồi, nên đường dẫn này không dùng được. "
        "Nếu cần tham gia lại, hãy liên hệ quản trị viên."
    ),
    "join.revoked_member_admin": (
        "⚠️ <b>{name}</b> (tg:{user_id}, trước đây ở {former}) đã bị thu hồi quyền nhưng vừa mở "
        "đường dẫn tham gia của <b>{agency}</b>: đã từ chối. Nếu muốn cho người này trở lại, "
        "hãy tạo lời mời mới: <code>/invite &lt;đơn vị&gt; officer</code>."
    ),
    "join.revoked": "Đường dẫn tham gia của <b>{agency}</b> đã bị thu hồi. Hãy xin đường dẫn mới.",
    "move.ask_officer": (
        "Bạn đang là cán bộ của <b>{current}</b>. Đường dẫn này dành cho <b>{target}</b>.\n"
        "Bạn có muốn chuyển sang <b>{target}</b> không? Việc chuyển cần quản trị viên duyệt."
    ),
    "move.button_yes": "Chuyển đơn vị (chờ duyệt)",
    "move.button_no": "Ở lại đơn vị hiện tại",
    "move.officer_asking_admin": (
        "Đã gửi đề nghị chuyển từ <b>{current}</b> sang <b>{target}</b> tới quản trị viên. "
        "Bạn vẫn thuộc <b>{current}</b> cho đến khi được duyệt."
    ),
    "move.officer_declined": "Bạn vẫn là cán bộ của <b>{current}</b>.",
    "move.officer_moved": "Quản trị viên đã duyệt: bạn đã chuyển sang <b>{target}</b>.",
    "move.officer_refused": (
        "Quản trị viên không duyệt việc chuyển sang <b>{target}</b>. "
        "Bạn vẫn là cán bộ của <b>{current}</b>."
    ),
    "move.officer_full": (
        "Không chuyển được sang <b>{target}</b>: đường dẫn đã đủ người, hết hạn hoặc bị thu hồi."
    ),
    "move.ask_admin": (
        "🔁 <b>{name}</b> đề nghị chuyển từ <b>{current}</b> sang <b>{target}</b> "
        "(đã mở đường dẫn mời của {target})."
    ),
    "move.button_approve": "Duyệt",
    "move.button_refuse": "Không duyệt",
    "move.admin_moved": "✅ Đã chuyển {name} từ {current} sang {target}.",
    "move.admin_refused": "Đã từ chối chuyển {name} sang {target}.",
    "move.admin_full": "Không chuyển được {name}: đường dẫn của {target} đã đủ người hoặc hết hạn.",
    "move.admin_stale": "Đề nghị này đã được xử lý.",
    "move.not_admin": "Chỉ quản trị viên được duyệt việc chuyển đơn vị.",
    "move.stale": "Đề nghị chuyển đơn vị này đã được xử lý.",
    "onboarding.header": (
        "<b>Cán bộ đầu mối</b> — {scope}: {ready}/{total} cơ quan, đơn vị đã có cán bộ."
    ),
    "onboarding.all_plans": "các kế hoạch đang theo dõi",
    "onboarding.missing_header": "\n<b>Chưa có cán bộ đầu mối ({count}):</b>",
    "onboarding.missing_line": "• {agency}{links}",
    "onboarding.links_part": " — {links} đường dẫn còn hiệu lực, còn {seats} chỗ",
    "onboarding.no_link": " — chưa có đường dẫn tham gia",
    "onboarding.ready_header": "\n<b>Đã có cán bộ ({count}):</b>",
    "onboarding.ready_line": "• <b>{agency}</b>",
    "onboarding.officer_line": "   – {name}{position}, tham gia {joined}",
    "onboarding.usage": (
        "\nCông văn kèm đường dẫn, mã QR: <code>/onboarding letter 151 [2 chỗ] [30d]</code>\n"
        "Đường dẫn cho một đơn vị: <code>/onboarding link Sở Xây dựng [2 chỗ]</code>\n"
        "Thu hồi: <code>/onboarding revoke Sở Xây dựng</code>"
    ),
    "onboarding.letter_usage": (
        "Cách dùng: <code>/onboarding letter &lt;kế hoạch&gt; [N chỗ] [thời hạn]</code>"
        " (mỗi đường dẫn cho N cán bộ, 1-{max}), ví dụ <code>/onboarding letter 151 2 chỗ 30d</code>"
    ),
    "onboarding.link_usage": (
        "Cách dùng: <code>/onboarding link &lt;đơn vị&gt; [N chỗ] [thời hạn]</code>"
        " (đường dẫn cho N cán bộ, 1-{max}; viết số chỗ kèm chữ «chỗ», vì tên đơn vị có thể "
        "kết thúc bằng số), ví dụ <code>/onboarding link UBND Phường 12 3 chỗ 30d</code>"
    ),
    "onboarding.seats_hint": (
        "Nếu {count} là số cán bộ được dùng đường dẫn, hãy viết kèm chữ «chỗ»: "
        "<code>/onboarding link {name} {count} chỗ</code>"
    ),
    "onboarding.revoke_usage": "Cách dùng: <code>/onboarding revoke &lt;đơn vị&gt;</code>",
    "onboarding.no_agencies": "Kế hoạch {plan} chưa giao nhiệm vụ cho cơ quan, đơn vị nào.",
    "onboarding.letter_caption": (
        "Công văn đề nghị cử cán bộ đầu mối — {plan}: {count} cơ quan, đơn vị, "
        "mỗi đường dẫn tối đa {capacity} cán bộ, hạn {expires}."
    ),
    "onboarding.list_caption": "Danh sách đường dẫn tham gia — {plan}",
    "onboarding.link_created": (
        "Đường dẫn tham gia của <b>{agency}</b> (tối đa {capacity} cán bộ, hạn {expires}):\n{link}"
    ),
    "onboarding.revoked": "Đã thu hồi {count} đường dẫn tham gia của <b>{agency}</b>.",
    # -- desktop view (/web and the pages) --
    "web.link": (
        "🖥 Mở trang theo dõi trên máy tính (dùng một lần, hết hạn lúc {expires}):\n{link}"
    ),
    "web.private_only": "Hãy gõ /web trong tin nhắn riêng với trợ lý, không trong nhóm.",
    "web.disabled": (
        "Trang theo dõi trên máy tính chưa được bật (DONDOC_WEB_PORT, DONDOC_WEB_BASE_URL)."
    ),
    # the terminal (dondoc …): the same words as the chat, no HTML
    "cli.no_plans": "Chưa có kế hoạch nào. Nạp kế hoạch bằng: dondoc import TỆP (hoặc gửi tài liệu cho bot).",
    "cli.unknown_plan": "Không tìm thấy kế hoạch «{value}». Xem danh sách: dondoc plans.",
    "cli.choose_plan": "Có nhiều kế hoạch: {plans}. Chọn một bằng --plan, ví dụ --plan {example}.",
    "cli.plans.none": "Chưa có kế hoạch nào. Nạp kế hoạch bằng: dondoc import TỆP (hoặc gửi tài liệu cho bot).",
    "cli.export.written": "Đã ghi {path} ({size} byte): kế hoạch {plan}, kỳ {period}.",
    "cli.remind.line": "{kind} → chat {chat}: {reason}{state}",
    "cli.remind.state": " [{state}]",
    "cli.remind.skipped": "Bỏ qua {count} thành viên (không liên lạc được hoặc đã tắt nhắc).",
    "cli.remind.due": "{count} tin nhắc đến hạn lúc này (chưa gửi gì).",
    "cli.remind.done": (
        "Đã lập {planned}, đã gửi {sent}, bỏ qua {skipped}, sẽ thử lại {retried}, lỗi {failed}, "
        "không liên lạc được {unreachable}."
    ),
    "cli.parse.line": "Nhiệm vụ: {task}; trạng thái: {status}; tỷ lệ: {percent}; ghi chú: {note}",
    "cli.parse.unclear": "  Chưa rõ, bot sẽ hỏi lại ({reason}).",
    "cli.agency.added": "Đã thêm đơn vị #{id}: {name}.",
    "cli.agency.conflict": "Tên «{name}» đã dùng cho đơn vị «{existing}»; không thêm gì.",
    "cli.agency.loaded": "Đã thêm {agencies} đơn vị và {groups} nhóm.",
    "cli.agency.moved": "{old} → {new}: chuyển {moved} phân công.",
    "cli.agency.same": "«{old}» đã là {new}; không có gì để chuyển.",
    "cli.agency.reorganised": "{count} đơn vị đã chuyển cho đơn vị kế thừa.",
    "cli.agency.none": "Danh mục chưa có đơn vị nào. Thêm: dondoc agency add TÊN, hoặc dondoc agency load-starter.",
    "cli.agency.merged": " (đã sáp nhập)",
    "cli.agency.add_hint": "Thêm đơn vị bằng: dondoc agency add TÊN.",
    "cli.hint": " — gợi ý: {names}",
    "cli.no_file": "Không có tệp {path}.",
    "cli.import.unreadable": "{path}: {reason} Chưa lưu gì.",
    "cli.import.bad_fix": "--fix cần dạng 'TÊN NHƯ TRONG VĂN BẢN=TÊN TRONG DANH MỤC', không phải «{value}».",
    "cli.import.dry_run": "Chưa lưu gì (--dry-run). Lưu: bỏ --dry-run; sửa tên bằng --fix 'TÊN=TÊN TRONG DANH MỤC'.",
    "cli.import.unresolved": "Có tên cơ quan chưa có trong danh mục; chưa lưu gì:",
    "cli.import.unresolved_line": "  «{name}» (nhiệm vụ {refs}){hint}",
    "cli.import.unresolved_help": (
        "Sửa bằng --fix 'TÊN=TÊN TRONG DANH MỤC', thêm bằng dondoc agency add, nạp danh mục "
        "mẫu (dondoc agency load-starter), hoặc thêm --create-agencies."
    ),
    "cli.import.saved": (
        "Đã {verb} kế hoạch {number}: thêm {added}, cập nhật {updated}, bỏ {removed} nhiệm vụ."
        "{new_agencies}{start}"
    ),
    "cli.invite.bad_expires": "--expires: không hiểu «{value}»; viết ví dụ 7d, 48h hoặc 30m.",
    "cli.invite.created": "Lời mời cho {agency}, vai trò {role}, hết hạn {expires}:",
    "cli.members.none": "Chưa có thành viên nào. Tạo lời mời: dondoc invite --agency TÊN --role officer.",
    "cli.revoke.unknown": "Không có thành viên nào có Telegram id {who}. Xem: dondoc members.",
    "cli.incomplete": "lệnh chưa đủ; xem --help",
    "cli.db.missing": (
        "Không có cơ sở dữ liệu tại {path} (DATABASE_URL={url}{relative}). Hãy chạy dondoc từ "
        "thư mục chứa tệp .env, hoặc đặt DATABASE_URL; lệnh `dondoc db upgrade` tạo cơ sở dữ "
        "liệu mới."
    ),
    "cli.db.relative": ", tính từ thư mục hiện tại {folder}",
    "cli.db.revision": "Cơ sở dữ liệu đang ở phiên bản {current} (phiên bản mới nhất: {head}).",
    "cli.bot_username.invalid": (
        "--bot-username: «{value}» không phải tên người dùng (@username) của một bot Telegram."
    ),
    "cli.bot_username.unknown": (
        "Chưa in được đường dẫn: chưa biết @username của bot. Hãy thêm --bot-username TÊN "
        "(tên @BotFather đã cấp), hoặc đặt TELEGRAM_BOT_TOKEN rồi chạy `dondoc check` một lần."
    ),
    "cli.bot_username.unreachable": (
        "Không hỏi được Telegram @username của bot ({error}); hãy thêm --bot-username TÊN."
    ),
    "cli.onboarding.bad_expires": "--expires: không hiểu «{value}»; viết ví dụ 30d, 48h.",
    "cli.onboarding.bad_capacity": "--capacity phải từ 1 đến {max}.",
    "cli.onboarding.letter": (
        "Đã lập công văn và danh sách đường dẫn tham gia cho {count} cơ quan, đơn vị; mỗi "
        "đường dẫn tối đa {capacity} cán bộ, có hiệu lực đến ngày {expires}:"
    ),
    "cli.onboarding.link": (
        "Đường dẫn tham gia của {agency}, tối đa {capacity} cán bộ, hết hạn lúc {expires}:"
    ),
    "cli.onboarding.status": "{ready}/{total} cơ quan, đơn vị đã có cán bộ đầu mối.",
    "cli.onboarding.missing": (
        "  CHƯA CÓ  {agency} ({links} đường dẫn còn hiệu lực, còn {seats} chỗ)"
    ),
    "cli.onboarding.officer": "  ĐÃ CÓ    {agency}: {name}{position}, tham gia lúc {joined}",
    "cli.check.ok": "ĐẠT  {what}: {detail}",
    "cli.check.fail": "LỖI  {what}: {detail}",
    "cli.check.settings": "cấu hình",
    "cli.check.admin_units": "đơn vị hành chính",
    "cli.check.database": "cơ sở dữ liệu",
    "cli.check.migrations": "phiên bản cơ sở dữ liệu",
    "cli.check.scheduler": "lịch nhắc",
    "cli.check.reminders": "tin nhắc",
    "cli.check.telegram": "Telegram",
    "cli.check.settings_detail": "cơ sở dữ liệu {driver}, múi giờ {tz}",
    "cli.check.admin_units_detail": (
        "{package} {version}: {count} tỉnh, thành phố, theo danh mục đơn vị hành chính của "
        "cơ quan thống kê (GSO)"
    ),
    "cli.check.reachable": "kết nối được",
    "cli.check.revision": "đang ở phiên bản {current}, mới nhất {head}",
    "cli.check.run_upgrade": " (chạy `dondoc db upgrade`)",
    "cli.check.not_applied": "chưa cập nhật",
    "cli.check.scheduler_detail": (
        "lần lập lịch gần nhất: {last}; {late} tin nhắc trễ quá 1 giờ, {failed} tin gửi lỗi "
        "trong 7 ngày"
    ),
    "cli.check.never": "chưa có",
    "cli.check.reminders_detail": (
        "{uncertain} tin không xác nhận được (có thể đã đến: không gửi lại, đã báo quản trị "
        "viên), {in_flight} tin đang gửi"
    ),
    "cli.check.token_valid": "token hợp lệ, bot @{username}",
    "cli.check.problems": "Phát hiện {count} lỗi; xem các dòng LỖI ở trên.",
    "cli.run.bad_token": "Telegram không chấp nhận TELEGRAM_BOT_TOKEN: hãy kiểm tra lại token.",
    "cli.run.unreachable": (
        "Không kết nối được Bot API tại {url} ({error}); hãy kiểm tra TELEGRAM_API_BASE_URL "
        "và kết nối mạng."
    ),
    # settings (.env or the environment), said before or while they are read
    "settings.invalid": "{name}: {problem} (kiểm tra tệp .env hoặc biến môi trường)",
    "settings.no_token": (
        "Chưa đặt TELEGRAM_BOT_TOKEN: hãy tạo bot với @BotFather trong Telegram (/newbot), rồi "
        "ghi TELEGRAM_BOT_TOKEN=&lt;token&gt; vào tệp .env hoặc biến môi trường."
    ),
    "settings.webhook_url": (
        "DONDOC_WEBHOOK_URL phải là địa chỉ https:// công khai mà Telegram sẽ gọi đến, "
        "ví dụ https://bot.example.gov.vn/telegram"
    ),
    "settings.webhook_secret": (
        "DONDOC_WEBHOOK_SECRET phải dài 16-256 ký tự, chỉ gồm A-Z, a-z, 0-9, _ và - "
        "(ví dụ kết quả của lệnh `openssl rand -hex 32`)"
    ),
    "settings.digest": 'ghi thứ trong tuần và giờ, ví dụ "mon 08:30", hoặc "off" để tắt',
    "settings.admin_ids": "ghi các Telegram id bằng số, cách nhau bởi dấu phẩy, ví dụ 123456789, 987654321",
    "settings.http": "phải bắt đầu bằng http:// hoặc https://",
    "settings.timezone": "không có múi giờ này; ví dụ Asia/Ho_Chi_Minh",
    "settings.database_url": (
        "ghi dạng sqlite+aiosqlite:///đường/dẫn hoặc postgresql+asyncpg://user@host/db"
    ),
    "settings.web_base_url": "phải bắt đầu bằng https:// (hoặc http:// khi thử trên máy)",
    "settings.choice": "phải là một trong các giá trị: {choices}",
    "settings.limit_ge": "phải từ {limit} trở lên",
    "settings.limit_gt": "phải lớn hơn {limit}",
    "settings.limit_le": "không được lớn hơn {limit}",
    "settings.number": "phải là một số, không phải «{value}»",
    "settings.boolean": "phải là true hoặc false, không phải «{value}»",
    "settings.time": "phải là giờ dạng HH:MM, ví dụ 08:00, không phải «{value}»",
    "settings.other": "giá trị không hợp lệ ({detail})",
    "import.preview.no_timeframe": "chưa ghi thời gian thực hiện",
    # -- import flow: first period, calendar, amendments, saves that cross (imports) --
    "import.calendar.header": "🗓 Lịch báo cáo: {kinds}",
    "import.calendar.clause": "   Văn bản ghi: «{clause}»",
    "import.calendar.kind": "   • {kind}: {rule} (kỳ {period}: hạn {due})",
    "import.calendar.rule_first": "hạn ngày {day}",
    "import.calendar.rule_cutoff": "hạn ngày {day} tháng cuối kỳ",
    "import.calendar.rule_next": "hạn ngày {day} tháng sau kỳ",
    "import.calendar.rule_decree": "theo Nghị định 09: {days} ngày làm việc sau ngày chốt số liệu",
    "import.calendar.start": (
        "▶️ Bắt đầu báo cáo từ kỳ <b>{period}</b> (hạn {due}); các kỳ trước không phải báo cáo."
    ),
    "import.calendar.start_kept": "▶️ Báo cáo từ kỳ {period} (hạn {due}), giữ như kế hoạch đã lưu.",
    "import.calendar.start_unset": "▶️ Kỳ bắt đầu báo cáo giữ như kế hoạch đã lưu.",
    "import.calendar.short_monthly": "Tháng",
    "import.calendar.short_quarterly": "Quý",
    "import.button.calendar": "🗓 Lịch báo cáo, kỳ bắt đầu",
    "import.button.start": "Từ {period}",
    "import.button.day": "{kind}: ngày {day}",
    "import.button.decree": "Hạn theo NĐ 09",
    "import.button.as_read": "Hạn như văn bản",
    "import.button.back": "⬅️ Xong",
    "import.saved_start": "\nBáo cáo từ kỳ {period} (hạn {due}).",
    "import.already_reading": (
        "📄 «{name}» đang được đọc (tài liệu này vừa được gửi); bản xem trước sẽ đến khi đọc "
        "xong. Không cần gửi lại."
    ),
    "import.meanwhile": (
        "⚠️ Trong lúc bạn xem trước, {who} đã lưu kế hoạch <b>{number}</b>. Chưa lưu gì của "
        "bạn. Bản xem trước mới bên dưới so tài liệu của bạn với bản vừa lưu; bấm <b>Lưu</b> "
        "nếu vẫn muốn lưu bản của bạn."
    ),
    "import.meanwhile_you": "chính bạn (từ một bản xem trước khác)",
    "import.meanwhile_someone": "một quản trị viên khác (hoặc dòng lệnh)",
    "import.refused_names": (
        "Chưa lưu gì: {names} không thuộc danh mục cơ quan của tỉnh này. Hãy sửa tên trong tài "
        "liệu rồi gửi lại."
    ),
    "import.preview.chased_new": "   (gồm {count} đơn vị mới, tạo khi bấm Lưu)",
    "import.field.issuer": "cơ quan ban hành",
    "import.field.issued_on": "ngày ban hành",
    "import.field.coordinator": "cơ quan theo dõi",
    "import.amend.header": (
        "📝 <b>{number}</b> — {title}\nNgày {issued}. Văn bản sửa đổi, bổ sung Kế hoạch "
        "<b>{target}</b>."
    ),
    "import.amend.missing": (
        "⚠️ Kế hoạch <b>{target}</b> chưa được nạp nên chưa áp dụng được văn bản sửa đổi này. "
        "Hãy gửi Kế hoạch {target} trước, rồi gửi lại văn bản này."
    ),
    "import.amend.applied_before": (
        "ℹ️ Văn bản này đã được áp dụng ngày {day}; áp dụng lại chỉ đổi những gì còn khác."
    ),
    "import.amend.counts": (
        "Lưu sẽ áp dụng vào Kế hoạch <b>{target}</b>: sửa {changed}, bổ sung {added}, bãi bỏ "
        "{removed} nhiệm vụ (báo cáo đã có vẫn giữ nguyên):"
    ),
    "import.amend.amended": "✏️ Sửa <b>{ref}</b>: {fields}",
    "import.amend.same": "không khác bản đã lưu",
    "import.amend.added": "➕ Bổ sung <b>{ref}</b> {where}: {title}",
    "import.amend.after": "(sau {ref})",
    "import.amend.first": "(đầu kế hoạch)",
    "import.amend.repealed": (
        "➖ Bãi bỏ <b>{ref}</b>: {title} (thôi đôn đốc; báo cáo đã có vẫn giữ)"
    ),
    "import.amend.replaced": "🔁 Thay «{old}» bằng «{new}»: {count} nhiệm vụ ({refs})",
    "import.amend.replaced_none": (
        "🔁 Thay «{old}» bằng «{new}»: không thấy cụm từ này trong kế hoạch"
    ),
    "import.amend.skipped_unknown": "⚠️ {ref}: không có trong Kế hoạch {target}, bỏ qua",
    "import.amend.skipped_already_repealed": "ℹ️ {ref}: đã bãi bỏ trước đây",
    "import.amend.skipped_no_text": "⚠️ {ref}: không đọc được nội dung sửa đổi, bỏ qua",
    "import.amend.footer": (
        "Bấm <b>Lưu</b> để áp dụng vào Kế hoạch {target}, chọn gợi ý để sửa tên, hoặc "
        "<b>Huỷ</b>. Chưa có gì được lưu."
    ),
    "import.amend.footer_missing": "Bấm <b>Huỷ</b> để đóng. Chưa có gì được lưu.",
    "import.amend.saved": (
        "✅ Đã áp dụng văn bản sửa đổi vào Kế hoạch <b>{target}</b>: sửa {changed}, bổ sung "
        "{added}, bãi bỏ {removed} nhiệm vụ. Báo cáo đã có vẫn giữ nguyên.\nGõ /plans để xem."
    ),
    "assign.owed_from": (
        "\nĐơn vị báo cáo nhiệm vụ này từ các kỳ có hạn từ {day}; các kỳ trước không bị tính "
        "là chưa báo cáo."
    ),
    "cli.import.bad_start": (
        "--start-from: không hiểu «{value}»; viết ví dụ «Tháng 1/2027», «Quý I/2027» hoặc "
        "«Năm 2027»."
    ),
    "cli.import.start_kept": "Kế hoạch {number} đã lưu giữ kỳ bắt đầu của nó; bỏ qua --start-from.",
    "cli.import.no_database": (
        "(Chưa có cơ sở dữ liệu ở đây: so với danh mục mẫu, không tạo cơ sở dữ liệu nào.)"
    ),
    "cli.import.amended": (
        "Đã áp dụng {number} vào kế hoạch {target}: sửa {changed}, bổ sung {added}, bãi bỏ "
        "{removed} nhiệm vụ."
    ),
    # -- a plan's targets: import, owners, figures, /targets, exports, web (issue 26) --
    "cmd.targets": "Chỉ tiêu của kế hoạch: số liệu, đánh giá",
    "cmd.target": "Giao cơ quan cung cấp số liệu một chỉ tiêu",
    "target.cmp.gt": "trên",
    "target.cmp.ge": "tối thiểu",
    "target.cmp.about": "khoảng",
    "target.cmp.le": "tối đa",
    "target.cmp.lt": "dưới",
    "target.year": "Năm {year}",
    "target.no_year": "Chưa rõ năm",
    "assessment.exceeded": "Vượt",
    "assessment.achieved": "Đạt",
    "assessment.not_met": "Chưa đạt",
    "assessment.at_risk": "Khó đạt",
    "assessment.no_figure": "Chưa có số liệu",
    "assessment.qualitative": "Định tính",
    "import.targets.header": (
        "🎯 <b>Chỉ tiêu: {count}</b> ({quantitative} định lượng, {qualitative} định tính){changes}"
    ),
    "import.targets.changes": " — so với bản đã lưu: thêm {added}, thay đổi {changed}",
    "import.targets.owners": "Cơ quan cung cấp số liệu: {owners}",
    "import.targets.owner_part": "{owner}: {numbers}",
    "import.targets.line": "{n}. {name}: {targets}",
    "import.targets.qualitative": "{n}. <i>(định tính)</i> {name}",
    "import.targets.owner_suggested": "{agency} <i>(gợi ý)</i>",
    "import.targets.owner_document": "{agency} <i>(theo văn bản)</i>",
    "import.targets.owner_kept": "{agency} <i>(giữ như đã lưu)</i>",
    "import.targets.owner_chosen": "{agency}",
    "import.targets.owner_none": "<i>chưa có cơ quan cung cấp số liệu</i>",
    "import.targets.more": "…và {count} chỉ tiêu khác (xem /targets sau khi lưu)",
    "import.targets.panel": (
        "🎯 Bấm một chỉ tiêu để đổi cơ quan cung cấp số liệu (lần lượt các cơ quan gợi ý, "
        "rồi «chưa giao»); sau khi lưu vẫn đổi được bằng /target."
    ),
    "import.button.owners": "🎯 Cơ quan cung cấp số liệu",
    "import.button.owner": "{n}: {agency}",
    "import.button.owner_none": "{n}: — chưa giao",
    "import.saved_targets": "\n🎯 {count} chỉ tiêu; {owned} chỉ tiêu đã có cơ quan cung cấp số liệu.",
    "figures.request.header": (
        "📊 <b>Xin số liệu các chỉ tiêu</b> — {plan}, kỳ <b>{period}</b> (hạn {deadline})\n"
        "<b>{agency}</b> cung cấp số liệu {count} chỉ tiêu:"
    ),
    "figures.request.line": "{n}. <b>{name}</b>{unit}",
    "figures.request.unit": " ({unit})",
    "figures.request.targets": "   Mục tiêu: {targets}",
    "figures.request.last": "   Số liệu đã gửi gần nhất: {value} ({as_of})",
    "figures.request.how": (
        "Trả lời tin nhắn này, mỗi chỉ tiêu một dòng: số thứ tự, số liệu, thời điểm của số liệu "
        "và nguồn. Ví dụ: <code>1. 41,2% (số liệu năm 2025, Cục Thống kê)</code>"
    ),
    "figures.recorded.header": "✅ Đã ghi số liệu{period}:",
    "figures.recorded.period": " kỳ <b>{period}</b>",
    "figures.recorded.line": "• <b>{name}</b>: {value} — {as_of}{source}{corrected}",
    "figures.as_of": "số liệu {text}",
    "figures.as_of_day": "số liệu ngày {day}",
    "figures.as_of_today": "số liệu ngày {day} (tin nhắn không ghi thời điểm)",
    "figures.source": "; nguồn: {source}",
    "figures.no_source": "; chưa ghi nguồn",
    "figures.corrected": " <i>(sửa số liệu cùng thời điểm đã gửi, lần {revision})</i>",
    "figures.assessed": "   {year}, mục tiêu {target}: <b>{assessment}</b>",
    "figures.problem.header": "⚠️ <b>Chưa lưu số liệu nào.</b> Xin xem lại:",
    "figures.problem.no_number": (
        "• «{text}»: chưa đọc được số liệu. Xin ghi số liệu bằng chữ số, ví dụ «41,2%»."
    ),
    "figures.problem.several_values": (
        "• «{text}»: có nhiều con số, không rõ số nào là số liệu. Mỗi chỉ tiêu một dòng, ví dụ "
        "«1. 41,2% (số liệu năm 2025)»."
    ),
    "figures.problem.which_indicator": (
        "• «{text}»: số liệu này của chỉ tiêu nào? Ghi số thứ tự hoặc tên chỉ tiêu trước số liệu."
    ),
    "figures.problem.wrong_unit": (
        "• «{text}»: chỉ tiêu «{name}» tính bằng <b>{unit}</b>, số liệu gửi tính bằng {given}. "
        "Xin gửi lại số liệu tính bằng {unit}."
    ),
    "figures.problem.over_100": (
        "• «{text}»: «{name}» là một tỷ lệ, không thể lớn hơn 100%. Xin kiểm tra lại số liệu."
    ),
    "figures.problem.negative": (
        "• «{text}»: «{name}» là một tỷ lệ, không thể âm. Xin kiểm tra lại số liệu."
    ),
    "figures.problem.beyond_horizon": (
        "• «{text}»: thời điểm «{as_of}» ở sau năm mục tiêu cuối cùng của chỉ tiêu «{name}» "
        "({horizon}). Số liệu này của năm nào?"
    ),
    "figures.problem.future": (
        "• «{text}»: thời điểm «{as_of}» chưa tới. Số liệu này của thời điểm nào?"
    ),
    "figures.problem.lines": "Các chỉ tiêu {agency} cung cấp số liệu:",
    "figures.problem.line": "{n}. {name}",
    "figures.problem.how": (
        "Gửi lại cả tin nhắn, ví dụ <code>1. 41,2% (số liệu năm 2025, Cục Thống kê)</code>."
    ),
    "targets.usage": "Cách dùng: /targets [kế hoạch], ví dụ /targets 15.",
    "targets.choose_plan": "Có nhiều kế hoạch: {plans}. Gõ /targets kèm số kế hoạch, ví dụ /targets {example}.",
    "targets.header": "🎯 <b>Chỉ tiêu của {plan}</b> (số liệu đến ngày {day})",
    "targets.none": (
        "Kế hoạch {plan} chưa có chỉ tiêu nào: văn bản không có phần mục tiêu, chỉ tiêu đọc được."
    ),
    "targets.indicator": "<b>{n}. {name}</b> — {owner}",
    "targets.owner_none": "<i>chưa giao cơ quan cung cấp số liệu</i> (/target)",
    "targets.line": "   {year}: {target} → {figure} — <b>{assessment}</b>",
    "targets.figure": "{value} ({as_of}{source})",
    "targets.figure_source": "; {source}",
    "targets.no_figure": "chưa có số liệu",
    "targets.qualitative": "<b>{n}.</b> <i>(định tính)</i> {name}",
    "targets.counts": (
        "{count} chỉ tiêu định lượng: vượt {exceeded}, đạt {achieved}, chưa đạt {not_met}, "
        "khó đạt {at_risk}, chưa có số liệu {no_figure}."
    ),
    "target.usage": (
        "Cách dùng: /target &lt;kế hoạch&gt; &lt;số thứ tự chỉ tiêu&gt; &lt;cơ quan&gt;, ví dụ "
        "<code>/target 15 1 Sở Xây dựng</code> (hoặc «-» để bỏ giao). Số thứ tự: /targets 15."
    ),
    "target.unknown": "Kế hoạch {plan} không có chỉ tiêu số {n} (có {count} chỉ tiêu, xem /targets).",
    "target.qualitative": "Chỉ tiêu số {n} của {plan} là mục tiêu định tính: không thu thập số liệu.",
    "target.done": (
        "Đã giao <b>{agency}</b> cung cấp số liệu chỉ tiêu {n}. {name} ({plan}). Cán bộ của cơ "
        "quan sẽ được hỏi số liệu ở các kỳ 6 tháng và cả năm."
    ),
    "target.unchanged": "<b>{agency}</b> đã là cơ quan cung cấp số liệu chỉ tiêu {n} ({plan}).",
    "target.cleared": "Đã bỏ giao cơ quan cung cấp số liệu chỉ tiêu {n}. {name} ({plan}).",
    "doc.targets_section": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
    "doc.targets_intro": (
        "Kết quả thực hiện các chỉ tiêu của {plan} theo số liệu các cơ quan cung cấp đến kỳ "
        "{period_label}:"
    ),
    "doc.targets_counts": (
        "Trong {count} chỉ tiêu: vượt {exceeded}, đạt {achieved}, chưa đạt {not_met}, khó đạt "
        "{at_risk}, chưa có số liệu {no_figure}."
    ),
    "doc.targets_qualitative": (
        "Ngoài ra, {count} mục tiêu định tính được đánh giá qua kết quả thực hiện các nhiệm vụ."
    ),
    "doc.targets_col_stt": "STT",
    "doc.targets_col_indicator": "Chỉ tiêu",
    "doc.targets_col_target": "Mục tiêu",
    "doc.targets_col_figure": "Kết quả thực hiện",
    "doc.targets_col_assessment": "Đánh giá",
    "doc.target_text": "{year}:\n{target}",
    "doc.target_figure": "{value} ({as_of})",
    "doc.target_source": "Nguồn: {source}",
    "sheet.targets": "Chỉ tiêu",
    "xlsx.targets_title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
    "col.target_plan": "Kế hoạch",
    "col.target_number": "Số TT chỉ tiêu",
    "col.indicator": "Chỉ tiêu",
    "col.unit": "Đơn vị tính",
    "col.horizon": "Năm mục tiêu",
    "col.target": "Mục tiêu",
    "col.figure": "Kết quả thực hiện",
    "col.as_of": "Thời điểm số liệu",
    "col.source": "Nguồn số liệu",
    "col.owner": "Cơ quan cung cấp số liệu",
    "col.assessment": "Đánh giá",
    "web.targets_link": "🎯 Chỉ tiêu của kế hoạch ({count})",
    "web.targets_header": "Chỉ tiêu — {plan}",
    "web.targets_intro": "Số liệu các cơ quan cung cấp, đánh giá đến ngày {day} (docs/counting.md, mục 9).",
    "web.no_targets": "Kế hoạch chưa có chỉ tiêu nào.",
    "web.col_indicator": "Chỉ tiêu",
    "web.col_target": "Mục tiêu",
    "web.col_figure": "Kết quả thực hiện",
    "web.col_assessment": "Đánh giá",
    "web.col_owner": "Cơ quan cung cấp số liệu",
    "web.col_as_of": "Thời điểm số liệu",
    "web.col_source": "Nguồn",
    "web.col_sent": "Gửi lúc",
    "web.col_year": "Năm mục tiêu",
    "web.col_chart": "Biểu đồ",
    "web.series": "Số liệu qua các thời điểm",
    "web.no_series": "Chưa có số liệu.",
    # -- conversation: edits, keep or change, lines, evidence limits (H2b) --
    "report.edited": "✏️ Đã cập nhật theo tin nhắn đã sửa, kỳ <b>{period}</b>:",
    "report.edit_removed": "• <b>{ref}</b> — bỏ theo tin nhắn đã sửa",
    "report.edit_ignored": (
        "Tin nhắn đã sửa không được ghi thành báo cáo mới. Nếu cần báo cáo, hãy gửi tin nhắn mới."
    ),
    "report.ask_keep": (
        "<b>{ref}</b> đang là «{current}». Đổi sang «{new}»? Nội dung: <i>{text}</i>"
    ),
    "report.ask_done": (
        "Tin nhắn ghi <b>{ref}</b> «Hoàn thành» nhưng cũng nói công việc vẫn đang làm. "
        "Ghi tình trạng nào? Nội dung: <i>{text}</i>"
    ),
    "report.button_keep": "Giữ «{status}»",
    "report.button_change": "Đổi sang «{status}»",
    "report.kept": "Đã giữ nguyên <b>{ref}</b>.",
    "report.ask_line_or_task": (
        "Số bạn ghi có thể là một dòng của tin nhắc (<b>{line}</b>) hoặc nhiệm vụ <b>{ref}</b>. "
        "Bạn báo cáo cho nhiệm vụ nào? Nội dung: <i>{text}</i>"
    ),
    "report.window": (
        "<i>Tin nhắn không ghi số nhiệm vụ chỉ được hiểu theo câu hỏi gần nhất của bot "
        "trong vòng {hours} giờ.</i>"
    ),
    "report.evidence_name_cut": "Tên tệp dài quá {limit} ký tự nên đã được rút gọn.",
    "web.title": "Đôn đốc — theo dõi thực hiện kế hoạch",
    "web.nav_plans": "Kế hoạch",
    "web.nav_blockers": "Vướng mắc",
    "web.sign_out": "Đăng xuất",
    "web.other_language": "English",
    "web.signed_in_as": "{name} · {role}",
    "web.plans_header": "Các kế hoạch đang theo dõi",
    "web.no_plans": "Chưa có kế hoạch nào. Hãy nạp kế hoạch trong Telegram hoặc bằng dondoc import.",
    "web.col_plan": "Kế hoạch",
    "web.col_title": "Trích yếu",
    "web.col_tasks": "Nhiệm vụ",
    "web.col_agencies": "Cơ quan, đơn vị",
    "web.col_coordinator": "Cơ quan điều phối",
    "web.period_of": "Kỳ {period} (hạn {deadline})",
    "web.figures_header": "Số liệu kỳ {period}",
    "web.total": "Tổng số nhiệm vụ",
    "web.rate": "Tỷ lệ hoàn thành",
    "web.matrix_header": "Tình trạng từng nhiệm vụ theo kỳ",
    "web.col_task": "Nhiệm vụ",
    "web.not_in_period": "—",
    "web.blocked_mark": "có vướng mắc",
    "web.downloads": "Tải xuống (kỳ {period})",
    "web.download_xlsx": "Bảng tổng hợp Excel",
    "web.download_docx": "Dự thảo báo cáo Word",
    "web.agencies_header": "Cơ quan, đơn vị trong kỳ {period}",
    "web.col_agency": "Cơ quan, đơn vị",
    "web.col_reported": "Đã báo cáo",
    "web.col_late": "Gửi trễ hạn",
    "web.col_overdue": "Quá hạn chưa gửi",
    "web.overdue_days": "{count} ({days} ngày làm việc)",
    "web.col_blocked": "Vướng mắc",
    "web.task_header": "Nhiệm vụ {ref}",
    "web.task_plan": "Thuộc kế hoạch {plan}",
    "web.task_due": "Thời hạn: {due}",
    "web.lead": "Chủ trì",
    "web.support": "Phối hợp",
    "web.history_header": "Lịch sử báo cáo",
    "web.no_reports": "Chưa có báo cáo nào cho nhiệm vụ này.",
    "web.revisions": "Các lần cập nhật",
    "web.evidence": "Tài liệu kèm theo",
    "web.col_period": "Kỳ",
    "web.col_status": "Tình trạng",
    "web.col_percent": "Tiến độ",
    "web.col_note": "Nội dung",
    "web.col_by": "Người báo cáo",
    "web.col_when": "Thời điểm",
    "web.col_role": "Vai trò",
    "web.col_latest": "Báo cáo gần nhất",
    "web.late_mark": "trễ hạn",
    "web.agency_header": "{agency}",
    "web.agency_intro": "Nhiệm vụ được giao trong các kế hoạch đang theo dõi",
    "web.no_tasks": "Đơn vị chưa được giao nhiệm vụ nào.",
    "web.blockers_header": "Vướng mắc, kiến nghị",
    "web.no_blockers": "Không có vướng mắc nào được báo cáo.",
    "web.not_reported": "chưa báo cáo",
    "web.login_title": "Đăng nhập trang theo dõi",
    "web.login_confirm": "Đăng nhập với tư cách <b>{name}</b> ({role}).",
    "web.login_button": "Đăng nhập",
    "web.login_note": "Đường dẫn chỉ dùng được một lần và hết hạn sau vài phút.",
    "web.signed_out": "Bạn đã đăng xuất. Gõ /web trong Telegram để đăng nhập lại.",
    "web.error_title": "Không mở được trang",
    "web.err.invalid": "Đường dẫn đăng nhập không hợp lệ. Gõ /web trong Telegram để nhận đường dẫn mới.",
    "web.err.used": "Đường dẫn đăng nhập này đã được dùng. Gõ /web trong Telegram để nhận đường dẫn mới.",
    "web.err.expired": "Đường dẫn hoặc phiên đăng nhập đã hết hạn. Gõ /web trong Telegram để nhận đường dẫn mới.",
    "web.err.revoked": "Quyền truy cập đã bị thu hồi hoặc phiên đã đăng xuất.",
    "web.err.not_allowed": "Trang này chỉ dành cho cán bộ điều phối và quản trị viên.",
    "web.err.no_session": "Bạn chưa đăng nhập. Gõ /web trong tin nhắn riêng với trợ lý để nhận đường dẫn đăng nhập.",
    "web.err.not_found": "Không tìm thấy trang hoặc dữ liệu này.",
    "web.err.foreign_origin": "Yêu cầu này không đến từ trang theo dõi của trợ lý nên bị từ chối. Hãy mở lại trang rồi bấm lại.",
    "web.err.bad_request": "Yêu cầu không hợp lệ.",
    "web.err.server": "Có lỗi khi tạo trang. Hãy thử lại sau ít phút.",
    "web.err.file": "Không tải được tệp từ Telegram lúc này. Hãy thử lại sau ít phút; nếu vẫn không được, hãy mở tệp trong Telegram, ở tin nhắn cán bộ đã gửi.",
    "web.err.file_too_big": "Tệp lớn hơn 20 MB nên Telegram không cho trợ lý tải về. Hãy mở tệp trong Telegram, ở tin nhắn cán bộ đã gửi.",
    "web.back": "Về danh sách kế hoạch",
    "plan.ambiguous": "«{value}» khớp với nhiều kế hoạch: {plans}. Hãy ghi rõ số kế hoạch.",
    # -- period labels (rendered from a period's key; rows store no label) --
    "period.monthly": "Tháng {month}/{year}",
    "period.quarterly_1": "Quý I/{year}",
    "period.quarterly_2": "Quý II/{year}",
    "period.quarterly_3": "Quý III/{year}",
    "period.quarterly_4": "Quý IV/{year}",
    "period.half_yearly_1": "6 tháng đầu năm {year}",
    "period.half_yearly_2": "6 tháng cuối năm {year}",
    "period.yearly": "Năm {year}",
    "period.adhoc": "đột xuất {day}",
    "period.adhoc_plain": "đột xuất",
    # a reporting moment of several periods sharing a cut-off: "Quý IV và Năm 2026"
    "period.moment": "{parts} {year}",
    "period.and": " và ",
    "period.part.monthly": "Tháng {month}",
    "period.part.quarterly_1": "Quý I",
    "period.part.quarterly_2": "Quý II",
    "period.part.quarterly_3": "Quý III",
    "period.part.quarterly_4": "Quý IV",
    "period.part.half_yearly_1": "6 tháng đầu năm",
    "period.part.half_yearly_2": "6 tháng cuối năm",
    "period.part.yearly": "Năm",
    # -- reminders the bot cannot confirm, and agencies nobody can be reminded at --
    "outbox.uncertain": (
        "⚠️ <b>{count}</b> tin nhắc báo cáo không xác nhận được là đã gửi hay chưa (bot dừng "
        "giữa chừng hoặc Telegram không trả lời kịp). Để không gửi trùng, bot không tự gửi lại; "
        "xin kiểm tra trực tiếp với:"
    ),
    "outbox.uncertain_line": "• {member} — {agency}{period}",
    "outbox.uncertain_period": " (kỳ {period})",
    "outbox.too_long": "… (tin nhắn quá dài, đã rút gọn; xem đủ bằng /tasks)",
    "coordinator.day_header": "📋 <b>Tình hình báo cáo</b>",
    "no_officer.header": (
        "👤 <b>{count}</b> đơn vị được giao nhiệm vụ nhưng <b>chưa có cán bộ đầu mối</b> "
        "nhận nhắc báo cáo, nên chưa được nhắc và không có trong danh sách đôn đốc:"
    ),
    "no_officer.line": "• {agency}",
    "no_officer.how_to_fix": (
        "Mời cán bộ đầu mối: <code>/onboarding link {example}</code> (đường dẫn cho 2 cán bộ) "
        "hoặc <code>/invite {example} officer</code> (một người); công văn cho mọi đơn vị của "
        "kế hoạch: <code>/onboarding letter &lt;kế hoạch&gt;</code>; theo dõi: <code>/onboarding</code>"
    ),
    "request.note_too_long": (
        "Nội dung yêu cầu dài {length} ký tự, tối đa {limit} ký tự (để tin nhắc gửi các đơn vị "
        "không vượt giới hạn của Telegram). Xin rút gọn rồi gửi lại; yêu cầu chưa được tạo."
    ),
    "report.evidence_unusable": "Không lưu được tệp này: mã tệp dài quá {limit} ký tự.",
    "cli.demo.cannot_start": "Không khởi động được bản demo (cổng {port}): {error}",
    "cli.demo.open": "dondoc demo: mở {url} trong trình duyệt (Ctrl-C để dừng)",
    "cli.demo.web": "Giao diện máy tính: {url} — đăng nhập bằng cách gõ /web khi là điều phối viên ({name})",
    "cli.demo.clock": "Giờ demo: {now}; bấm «Next day» trên trang để chuyển ngày",
    "cli.demo.stopping": "dondoc demo: đang dừng",
    # -- words of the exported documents (Excel, Word, chart) --
    # outcomes (the Government Office's four classes plus "not reported")
    "outcome.done_on_time": "Hoàn thành đúng hạn",
    "outcome.done_late": "Hoàn thành quá hạn",
    "outcome.in_progress_on_time": "Đang thực hiện trong hạn",
    "outcome.overdue": "Chưa hoàn thành, quá hạn",
    "outcome.not_reported": "Chưa báo cáo",
    # statuses an agency reports
    "status.none": "",
    # roles
    # workbook: task sheet columns (one row per report owed: a task × an agency)
    "col.stt": "STT",
    "col.task_ref": "Mã nhiệm vụ",
    "col.task_title": "Nhiệm vụ",
    "col.agency": "Cơ quan",
    "col.role": "Vai trò",
    "col.status": "Trạng thái cơ quan báo cáo",
    "col.outcome": "Phân loại (theo báo cáo của cơ quan)",
    "col.percent": "Tỷ lệ (%)",
    "col.note": "Nội dung báo cáo",
    "col.reported_at": "Ngày báo cáo",
    "col.reported_by": "Người báo cáo",
    "col.evidence": "Minh chứng",
    "col.deadline": "Hạn báo cáo",
    "col.check": "Cần soát lại",
    "xlsx.no_diacritics": "Gõ không dấu: cần sửa",
    "xlsx.page": "Trang {page}/{pages}",
    # workbook: summary sheet
    "sheet.summary": "Tổng hợp",
    "sheet.plan_prefix": "KH ",
    "xlsx.title": "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ",
    "xlsx.generated_at": "Thời điểm lập",
    "xlsx.no_plans": "Không có dữ liệu.",
    "xlsx.issuer": "Cơ quan ban hành",
    "xlsx.coordinator": "Cơ quan theo dõi, tổng hợp",
    "xlsx.period": "Kỳ báo cáo",
    "xlsx.period_deadline": "Hạn báo cáo của kỳ",
    "xlsx.tasks_heading": "NHIỆM VỤ: {total} nhiệm vụ (phân loại theo báo cáo của cơ quan chủ trì)",
    "xlsx.outcome": "Phân loại nhiệm vụ",
    "xlsx.count": "Số nhiệm vụ",
    "xlsx.share": "Tỷ lệ",
    "xlsx.of_which_blocked": "Trong đó: có vướng mắc (nhiệm vụ)",
    "xlsx.of_which_not_started": "Trong đó: chưa thực hiện (nhiệm vụ)",
    "xlsx.total": "Tổng số",
    "xlsx.completion_rate": "Tỷ lệ hoàn thành",
    "xlsx.task_list_heading": "DANH SÁCH NHIỆM VỤ",
    "xlsx.flag": "Ghi chú",
    "xlsx.flag.blocked": "Có vướng mắc",
    "xlsx.flag.not_started": "Chưa thực hiện",
    "xlsx.due": "Hạn hoàn thành",
    "xlsx.leads": "Cơ quan chủ trì",
    "xlsx.supports": "Số cơ quan phối hợp",
    "xlsx.supports_reported": "Trong đó: cơ quan phối hợp đã gửi ý kiến",
    "xlsx.full_list": "danh sách: sheet «{sheet}»",
    "xlsx.group.departments": "Các sở, ban, ngành ({count})",
    "xlsx.group.communes": "UBND các xã, phường ({count})",
    "xlsx.group.districts": "UBND các huyện, thị xã, thành phố ({count})",
    "xlsx.group.party": "Các cơ quan, tổ chức đảng ({count})",
    "xlsx.group.front": "MTTQ và các tổ chức chính trị - xã hội ({count})",
    "xlsx.group.other": "Cơ quan khác ({count})",
    "xlsx.agencies_heading": (
        "CƠ QUAN: {reported}/{total} cơ quan đã báo cáo đủ; {overdue} cơ quan quá hạn, "
        "chưa báo cáo; {not_due} cơ quan chưa đến hạn; {late} cơ quan có báo cáo trễ hạn"
    ),
    "xlsx.agency": "Cơ quan",
    "xlsx.reports_group": "Số báo cáo của cơ quan (mỗi nhiệm vụ được giao là một báo cáo)",
    "xlsx.expected": "Phải gửi",
    "xlsx.on_time": "Đã gửi đúng hạn",
    "xlsx.late": "Đã gửi trễ hạn",
    "xlsx.overdue": "Quá hạn, chưa gửi",
    "xlsx.not_due": "Chưa đến hạn",
    "xlsx.blocked": "Báo cáo có vướng mắc",
    "xlsx.agency_state": "Tình trạng của cơ quan",
    "xlsx.state.complete": "Đã báo cáo đủ",
    "xlsx.state.overdue": "Quá hạn, chưa báo cáo",
    "xlsx.state.overdue_days": "Quá hạn {days} ngày làm việc",
    "xlsx.state.not_due": "Chưa đến hạn",
    "xlsx.support_group": "Trong đó, với vai trò phối hợp (số báo cáo)",
    "xlsx.support_expected": "Phải gửi",
    "xlsx.support_reported": "Đã gửi",
    "xlsx.no_rows": "Không có dữ liệu cho kỳ báo cáo này.",
    # Word draft report
    "doc.nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "doc.motto": "Độc lập - Tự do - Hạnh phúc",
    "doc.place_date": "{place}, ngày      tháng      năm {year}",
    "doc.place_blank": "……",
    "doc.party_title": "ĐẢNG CỘNG SẢN VIỆT NAM",
    "doc.title": "BÁO CÁO",
    "doc.subtitle": "Kết quả thực hiện {plan}, kỳ {period_label}",
    "doc.intro": "Thực hiện {citation}, {author} báo cáo kết quả thực hiện kỳ {period_label} như sau:",
    "doc.section1": "I. KẾT QUẢ CHUNG",
    "doc.section2": "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
    "doc.section3": "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT",
    "doc.section4": "IV. CÁC CƠ QUAN CHƯA BÁO CÁO ĐỦ",
    "doc.no_data": "Chưa có dữ liệu báo cáo trong kỳ {period_label}.",
    "doc.total": (
        "Về nhiệm vụ: trong kỳ có {total} nhiệm vụ phải báo cáo (trạng thái theo báo cáo của "
        "cơ quan chủ trì): {parts}."
    ),
    "doc.outcome_part": "{label} {count}",
    "doc.outcome_sub": " (trong đó có vướng mắc {blocked}, chưa thực hiện {not_started})",
    "doc.completion": "Tỷ lệ hoàn thành: {rate} ({done}/{total} nhiệm vụ).",
    "doc.agencies_line": (
        "Về cơ quan: {full}/{count} cơ quan đã báo cáo đủ{deadline}; {overdue} cơ quan quá hạn, "
        "chưa báo cáo; {not_due} cơ quan chưa đến hạn báo cáo; {late} cơ quan có báo cáo gửi "
        "trễ hạn."
    ),
    "doc.reports_line": (
        "Về báo cáo (mỗi nhiệm vụ được giao cho một cơ quan là một báo cáo): {expected} báo cáo "
        "phải gửi, trong đó {on_time} đã gửi đúng hạn, {late} đã gửi trễ hạn, {overdue} quá "
        "hạn chưa gửi, {not_due} chưa đến hạn."
    ),
    "doc.other_group": "Nhiệm vụ khác",
    "doc.deadline_suffix": " (hạn {deadline})",
    "doc.flag": " – {flag}",
    "doc.lead_silent_one": "{agency} chưa báo cáo.",
    "doc.leads_silent": "{count} cơ quan chủ trì chưa báo cáo.",
    "doc.no_lead": "Chưa có cơ quan chủ trì (cần phân công).",
    "doc.supports": "Cơ quan phối hợp: ",
    "doc.history": "Kết quả báo cáo trong {span}: ",
    "doc.no_diacritics": "[gõ không dấu: cần sửa trước khi ban hành]",
    "doc.no_blockers": "Trong kỳ, các cơ quan không báo cáo khó khăn, vướng mắc.",
    "doc.blocker_when": " (báo cáo ngày {when}{by})",
    "doc.blocker_by": ", {name}",
    "doc.proposal_placeholder": (
        "[{coordinator} bổ sung các đề xuất, kiến nghị với {issuer} trước khi ban hành.]"
    ),
    "doc.owing_overdue": "- Quá hạn, chưa báo cáo ({count} cơ quan): {names}.",
    "doc.owing_not_due": "- Chưa đến hạn báo cáo{deadline} ({count} cơ quan): {names}.",
    "doc.not_due_deadline": ", hạn {deadline}",
    "doc.reported_late": "- Đã gửi báo cáo trễ hạn ({count} cơ quan): {names}.",
    "doc.overdue_name": "{agency} (quá hạn {days} ngày làm việc, còn {missing}/{expected} báo cáo)",
    "doc.owing_name": "{agency} (còn {missing}/{expected} báo cáo)",
    "doc.group_name": "{group} ({count} cơ quan, danh sách tại biểu tổng hợp)",
    "doc.late_name": "{agency} ({late} báo cáo trễ hạn)",
    "doc.all_reported": "Các cơ quan đã gửi đủ báo cáo trong kỳ.",
    "doc.recipients": "Nơi nhận:",
    "doc.recipient_upper": "- {issuer} (để báo cáo);",
    "doc.recipient_archive.state": "- Lưu: VT, ….",
    "doc.recipient_archive.party": "- Lưu {author}.",
    "doc.appendix": "PHỤ LỤC",
    "doc.appendix_subtitle": "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ CỦA {plan}, KỲ {period_label}",
    "doc.appendix_attached": "(Kèm theo Báo cáo số {code} ngày      tháng      năm {year} của {author})",
    "doc.table_stt": "STT",
    "doc.table_task": "Nhiệm vụ",
    "doc.table_lead": "Cơ quan chủ trì",
    "doc.table_status": "Trạng thái",
    "doc.table_note": "Ghi chú",
    "doc.no_report": "chưa báo cáo",
    "doc.leads_count": "{count} cơ quan chủ trì",
    # the plan as documents cite it (reports/citation.py)
    "cite.kind.plan": "Kế hoạch",
    "cite.kind.programme": "Chương trình hành động",
    "cite.kind.conclusion": "Kết luận",
    "cite.kind.resolution": "Nghị quyết",
    "cite.kind.decision": "Quyết định",
    "cite.kind.directive": "Chỉ thị",
    "cite.kind.scheme": "Đề án",
    "cite.numbered": "{kind} số {number}",
    "cite.by_issuer": "{kind} của {issuer}",
    "cite.attached": "{kind} ban hành kèm theo {act} số {number}",
    "cite.attached_full": "{kind}{title} ban hành kèm theo {act} số {number}{dated}{by}",
    "cite.dated": " ngày {date}",
    "cite.by": " của {issuer}",
    "cite.about": " về {title}",
    "cite.lower_titles": "yes",
    # who writes and signs a document (reports/author.py)
    "author.number.state": "Số: {code}",
    "author.number.party": "Số {code}",
    "author.code.state.report": "        /BC-{symbol}",
    "author.code.state.letter": "        /{symbol}",
    "author.code.party.report": "        -BC/{symbol}",
    "author.code.party.letter": "        -CV/{symbol}",
    "author.on_behalf.state": "TM.",
    "author.on_behalf.party": "T/M",
    "author.acting.state": "KT.",
    "author.acting.party": "K/T",
    "author.head.head": "THỦ TRƯỞNG CƠ QUAN",
    "author.deputy.head": "PHÓ THỦ TRƯỞNG CƠ QUAN",
    "author.head.director": "GIÁM ĐỐC",
    "author.deputy.director": "PHÓ GIÁM ĐỐC",
    "author.head.chief_of_office": "CHÁNH VĂN PHÒNG",
    "author.deputy.chief_of_office": "PHÓ CHÁNH VĂN PHÒNG",
    "author.head.chief_inspector": "CHÁNH THANH TRA",
    "author.deputy.chief_inspector": "PHÓ CHÁNH THANH TRA",
    "author.head.board": "TRƯỞNG BAN",
    "author.deputy.board": "PHÓ TRƯỞNG BAN",
    "author.body.people_committee": "ỦY BAN NHÂN DÂN",
    "author.head.people_committee": "CHỦ TỊCH",
    "author.deputy.people_committee": "PHÓ CHỦ TỊCH",
    "author.body.front": "BAN THƯỜNG TRỰC",
    "author.head.front": "CHỦ TỊCH",
    "author.deputy.front": "PHÓ CHỦ TỊCH",
    "author.body.association": "BAN THƯỜNG VỤ",
    "author.head.association": "CHỦ TỊCH",
    "author.deputy.association": "PHÓ CHỦ TỊCH",
    "author.body.youth_union": "BAN THƯỜNG VỤ",
    "author.head.youth_union": "BÍ THƯ",
    "author.deputy.youth_union": "PHÓ BÍ THƯ",
    "author.body.party_committee": "BAN THƯỜNG VỤ",
    "author.head.party_committee": "BÍ THƯ",
    "author.deputy.party_committee": "PHÓ BÍ THƯ",
    "author.body.inspection": "ỦY BAN KIỂM TRA",
    "author.head.inspection": "CHỦ NHIỆM",
    "author.deputy.inspection": "PHÓ CHỦ NHIỆM",
    "author.body.caucus": "ĐẢNG ĐOÀN",
    "author.head.caucus": "BÍ THƯ",
    "author.deputy.caucus": "PHÓ BÍ THƯ",
    "author.body.affairs": "BAN CÁN SỰ ĐẢNG",
    "author.head.affairs": "BÍ THƯ",
    "author.deputy.affairs": "PHÓ BÍ THƯ",
    # the onboarding letter (công văn) and its link list (onboarding/letter.py)
    "letter.subject": "V/v cử cán bộ đầu mối theo dõi, báo cáo thực hiện {plan}",
    "letter.to": "Kính gửi: Các cơ quan, đơn vị có tên tại Phụ lục kèm theo.",
    "letter.body1": (
        "Thực hiện {citation}, để việc theo dõi, đôn đốc và tổng hợp báo cáo tiến độ được kịp "
        "thời, {author} đề nghị các cơ quan, đơn vị cử 01 - 02 cán bộ đầu mối theo dõi, báo cáo "
        "tình hình thực hiện các nhiệm vụ được giao."
    ),
    "letter.body2": (
        "Cán bộ đầu mối sử dụng ứng dụng Telegram, mở đường dẫn tham gia (hoặc quét mã QR) dành "
        "riêng cho cơ quan, đơn vị mình tại Phụ lục kèm theo, sau đó gửi họ tên và chức vụ theo "
        "hướng dẫn của trợ lý @{bot}. Mỗi đường dẫn chỉ dùng được cho số cán bộ và trong thời "
        "hạn ghi tại Phụ lục; đề nghị không chuyển cho cơ quan, đơn vị khác."
    ),
    "letter.body3": "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
    "letter.recipient_as_above": "- Như trên;",
    "letter.recipient_upper": "- {body} (để báo cáo);",
    "letter.appendix": "PHỤ LỤC",
    "letter.appendix_title": "ĐƯỜNG DẪN THAM GIA CỦA CÁC CƠ QUAN, ĐƠN VỊ",
    "letter.appendix_attached": "(Kèm theo Công văn số {code} ngày      tháng      năm {year} của {author})",
    "letter.col_no": "STT",
    "letter.col_agency": "Cơ quan, đơn vị",
    "letter.col_link": "Đường dẫn tham gia",
    "letter.col_qr": "Mã QR",
    "letter.col_seats": "Số cán bộ",
    "letter.col_expires": "Hạn sử dụng",
    "letter.sheet": "Đường dẫn tham gia",
    "letter.list_title": "Đường dẫn tham gia theo dõi, báo cáo thực hiện {plan} ({author})",
    # chart
    "chart.title": "Kế hoạch {plan_number} – kỳ {period_label}",
    "chart.completion": "Tỷ lệ hoàn thành: {rate} ({done}/{total} nhiệm vụ)",
    "chart.mix": "Nhiệm vụ theo phân loại",
    "chart.by_agency": "Tỷ lệ hoàn thành theo cơ quan",
    "chart.by_agency_top": (
        "Tỷ lệ hoàn thành của {shown} cơ quan còn nợ nhiều báo cáo nhất (trên {total} cơ quan)"
    ),
    "chart.agencies": "{reported}/{total} cơ quan đã báo cáo đủ",
    "chart.sub": " – vướng {blocked}, chưa TH {not_started}",
    "chart.others": "Các cơ quan khác ({count})",
    "chart.no_data": "Chưa có dữ liệu cho kỳ báo cáo này",
    # -- the demo's web chat page (emulator/static: filled in by emulator/webchat.py) --
    "webchat.bot_sub": "trình giả lập Telegram trên máy này",
    "webchat.clock_aria": "Đồng hồ demo",
    "webchat.demo_time": "Giờ demo",
    "webchat.next_day": "Ngày làm việc tiếp ▸",
    "webchat.next_day_title": "09:00 ngày làm việc kế tiếp, rồi gửi các tin nhắc đến hạn",
    "webchat.next_hour": "+1 giờ",
    "webchat.next_hour_title": "Một giờ sau, rồi gửi các tin nhắc đến hạn",
    "webchat.clock_hint": "Tin nhắc chỉ gửi trong giờ hành chính của ngày làm việc.",
    "webchat.users_aria": "Người dùng demo",
    "webchat.foot": "Mọi thứ chạy trên máy này: không Telegram, không token, không mạng.",
    "webchat.commands_aria": "Lệnh gợi ý",
    "webchat.reply_to": "Trả lời",
    "webchat.cancel_reply": "Bỏ trả lời",
    "webchat.attach": "Gửi tệp",
    "webchat.placeholder": "Nhập tin nhắn…  (Enter để gửi, Shift+Enter để xuống dòng)",
    "webchat.send": "Gửi",
    "webchat.edited": "đã sửa",
    "webchat.reply": "Trả lời",
    "webchat.loading": "Đang tải cuộc trò chuyện…",
    "webchat.empty": "Chưa có tin nhắn. {hint}",
    "webchat.hint_coordinator": "Gõ /summary hoặc /help để bắt đầu.",
    "webchat.hint_officer": (
        "Gõ /help để bắt đầu, hoặc bấm «Ngày làm việc tiếp» đến khi có tin nhắc."
    ),
    "webchat.chatting": "{label} — đang trò chuyện với bot",
    "webchat.not_sent": "Chưa gửi được: {error}",
    "webchat.button_error": "Nút bấm lỗi: {error}",
    "webchat.clock_error": "Không đổi được giờ: {error}",
    "webchat.weekdays": "Thứ Hai,Thứ Ba,Thứ Tư,Thứ Năm,Thứ Sáu,Thứ Bảy,Chủ Nhật",
}
