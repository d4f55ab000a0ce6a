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
}
