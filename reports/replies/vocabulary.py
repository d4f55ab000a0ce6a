"""The status vocabulary: phrases (on folded text) and what each says about the task.

Every pattern runs on folded text (lower case, no diacritics, đ→d, Telex/VNI leftovers and
numbers in words already read, see `text.fold_map`). Each phrase has a kind:

- "neutral": a negated obstacle ("không phát sinh khó khăn vướng mắc"), not a status; kept.
- "strong": an explicit status word ("xong", "đang thực hiện"); cut from the note.
- "kept": explicit, but says more than a status ("dự kiến hoàn thành", "tạm dừng"); kept.
- "weak": a hint ("đã trình", "đang hoàn thiện …"); used when nothing explicit is said; kept.
- "cue": an obstacle hint ("thiếu vốn", "đang chờ Sở Tài chính …"): turns in progress, not
  started or nothing into blocked, never an explicit done; kept.
- "sub": a finished part of the task ("xong bước thẩm định", "hoàn thành giai đoạn 1"): the
  task is in progress; kept.
- "subv": a finished step said with its own verb ("đã khảo sát xong", "đã lập xong hồ sơ"):
  in progress when anything else says work goes on, otherwise the officer is asked; kept.
- "same": nothing has changed since the last report ("k có j mới", "vẫn như cũ"); kept.

Besides the statuses: CONTRIBUTION_WORDS (a supporting agency's answer: "đã gửi ý kiến", "đã
phối hợp"), ELLIPSIS (a part that repeats the one before: "2b cũng vậy"), ONGOING and DOCUMENT.
"""

from __future__ import annotations

import re

from domain.status import ReportStatus

DONE = ReportStatus.DONE
IN_PROGRESS = ReportStatus.IN_PROGRESS
NOT_STARTED = ReportStatus.NOT_STARTED
BLOCKED = ReportStatus.BLOCKED

D_CORE = (
    r"(?:hoan\s*(?:thanh|thanhh|than|thah|tanh|thnah|thnh)|h\.?\s*thanh|hthanh|hoan\s*tat"
    r"|xong(?:\s*xuoi)?|xog|xongg|xon|xg|ht|done|completed?|finish(?:ed)?)"
)
_IP_VERB = (
    r"(?:thuc\s*hien|th|lam|lm|trien\s*khai(?:\s*(?:thuc\s*hien|th))?|tr?\s*khai|tien\s*hanh"
    r"|to\s*chuc\s*thuc\s*hien|tc\s*th|xu\s*ly|tk)"
)
_NEG = r"(?:khong|ko|k|kg|khg|kh|hong|hok|hk|chua|chang|ch|0)(?:\s*(?:he|thay))?"
_OBST = (
    r"(?:vuong\s*mac|kho\s*khan|tro\s*ngai|ach\s*tac|kk\s*[,/&\-]?\s*vm|kkvm|vuong|vm|kk"
    r"|kien\s*nghi|de\s*xuat|de\s*nghi)"
)
_OBSTS = rf"{_OBST}(?:\s*(?:,|va|/|&|-|hay|hoac|cung\s*nhu)?\s*{_OBST}){{0,3}}"
_DUOC = r"(?:duoc|dc)"
# Parts of a task: finishing one leaves the task in progress.
_PART = (
    r"(?:(?:cac|mot\s*so|1\s*so|xong|nhieu|phan\s*lon|da\s*so|hau\s*het|[0-9]{1,2})\s*)?"
    r"(?:giai\s*doan|gd|buoc|phan(?!\s*viec)|hang\s*muc|dot|khau"
    r"|cong\s*doan|noi\s*dung\s*[0-9ivx])"
    r"|(?:mot\s*so|1\s*so|nhieu|phan\s*lon|da\s*so|hau\s*het|hon\s*(?:mot\s*)?nua|mot\s*nua"
    r"|gan\s*het|chua\s*het|mot\s*it|(?:ve\s*)?co\s*ban|so\s*bo|buoc\s*dau)"
    r"(?:\s*(?:noi\s*dung|cong\s*viec|khoi\s*luong|chi\s*tieu|hang\s*muc|nhiem\s*vu))?"
)
# Steps that end in a document or a check: finishing one may or may not finish the task.
_STEP_OBJECT = (
    r"(?:ho\s*so|du\s*thao|to\s*trinh|phuong\s*an|khao\s*sat|tham\s*dinh|thiet\s*ke"
    r"|thu\s*tuc|chuan\s*bi|bao\s*cao\s*(?:tham\s*dinh|khao\s*sat|danh\s*gia|so\s*bo))"
)
_STEP_VERB = (
    r"(?:khao\s*sat|tham\s*dinh|lap|xay\s*dung|soan(?:\s*thao)?|trinh|lay\s*y\s*kien|hop"
    r"|ra\s*soat|tong\s*hop|thiet\s*ke|do\s*dac|kiem\s*tra|ky|ban\s*giao|chuan\s*bi|thi\s*cong"
    r"|giai\s*phong\s*mat\s*bang|gpmb|boi\s*thuong|kiem\s*ke|tiep\s*nhan|thu\s*thap|danh\s*gia"
    r"|dieu\s*tra|viet|gui|nop|cong\s*bo|phe\s*duyet|thong\s*qua|dau\s*thau|giai\s*ngan"
    r"|thanh\s*toan|quyet\s*toan|nghiem\s*thu\s*(?:buoc|giai\s*doan|dot)|lua\s*chon\s*nha\s*thau"
    r"|dao\s*tao|tap\s*huan|tuyen\s*truyen|in|phat\s*hanh|cap\s*nhat|nhap\s*lieu"
    r"|to\s*chuc(?!\s*thuc\s*hien)|hoan\s*thien|hoan\s*chinh)"
)

# Words whose folded form is also another word, checked against the officer's spelling in the
# patterns that name them: word → whether its plain ASCII spelling is accepted (it is only
# when the matched phrase is written without any diacritics).
_PLAIN = {"dang": True, "chua": True}
_STOP = {**_PLAIN, "dung": True, "ngung": True}
_STRICT_WAIT = {**_PLAIN, "cho": False, "doi": False}
_WAIT = {**_PLAIN, "cho": True, "doi": True}

# (pattern, status or None, kind, checked words[, words one of which it needs: a pattern is
# not run on a part that has none of them])
Pattern = (
    tuple[str, ReportStatus | None, str, dict[str, bool]]
    | tuple[str, ReportStatus | None, str, dict[str, bool], tuple[str, ...]]
)
STATUS_PATTERNS: list[Pattern] = [
    (
        rf"{_NEG}\s*(?:co|gap(?:\s*phai)?|phat\s*sinh|bi|thay|con|xay\s*ra|ghi\s*nhan)?"
        rf"\s*(?:gi\s*|j\s*|them\s*)?{_OBSTS}(?:\s*(?:gi|nao|j|ca))?",
        None,
        "neutral",
        _PLAIN,
    ),
    (
        rf"{_OBSTS}\s*[:\-]?\s*(?:khong(?:\s*(?:co|phat\s*sinh)(?:\s*gi)?)?|ko(?:\s*co)?|k(?:\s*co)?"
        r"|0|chua(?:\s*(?:co|phat\s*sinh))?|none|kh)"
        r"(?=\s*(?:[,.;!)]|$|a(?![a-z])))",
        None,
        "neutral",
        _PLAIN,
    ),
    # an obstacle to come, said as a promise: "có vướng mắc gì em sẽ báo"
    (
        rf"(?:neu\s*)?(?:co|phat\s*sinh)\s*{_OBSTS}\s*(?:gi|nao|j)?\s*(?:thi\s*)?"
        r"(?:(?:em|e|minh|ben\s*em|toi|chung\s*toi)\s*)?(?:se\s*)?"
        r"(?:bao|bc|xin\s*y\s*kien|trao\s*doi|kien\s*nghi|de\s*xuat)",
        None,
        "neutral",
        _PLAIN,
        ("bao", "bc", "y kien", "trao doi", "kien nghi", "de xuat"),
    ),
    # an obstacle that is gone: "hết vướng", "đã tháo gỡ xong vướng mắc"
    (
        rf"het\s*(?:bi\s*)?(?:vuong(?:\s*mac)?|kho\s*khan|kk)"
        rf"|(?:thao\s*go|giai\s*quyet|xu\s*ly|khac\s*phuc|go)\s*(?:xong|duoc|het|dc)?\s*"
        rf"(?:cac\s*|het\s*)?{_OBSTS}",
        None,
        "neutral",
        _PLAIN,
    ),
    # a question ("2a xong chưa?", "hoàn thành không?"): not a status
    (
        rf"(?:{D_CORE}|dang\s*[a-z]+|chua\s*[a-z]*)[^.;,\n?]{{0,15}}\?",
        None,
        "neutral",
        _PLAIN,
    ),
    # "khi nào xong em báo", "sau khi hoàn thành": a time to come, not a done
    (
        rf"(?:khi\s*nao|bao\s*gio|khi|luc|sau\s*khi|truoc\s*khi|cho\s*den\s*khi)\s*(?:da\s*)?"
        rf"{D_CORE}",
        None,
        "neutral",
        _PLAIN,
        ("khi", "gio", "luc"),
    ),
    # "chưa chắc", "chưa rõ": not sure (a hedge), not "not started"
    (r"(?:khong|ko|k|chua|cha)\s*(?:chac|ro)(?!\s*chan)", None, "neutral", _PLAIN, ("chac", "ro")),
    # "thời gian hoàn thành", "hạn hoàn thành": a date, not a done
    (
        rf"(?:thoi\s*gian|thoi\s*han|han|tien\s*do|ngay|moc|muc\s*tieu|lo\s*trinh)\s*{D_CORE}",
        None,
        "neutral",
        _PLAIN,
    ),
    # done
    (
        rf"(?:(?:ok|oke|okie|okay)\s*[,.!]?\s*)?(?:da\s*|{_DUOC}\s*)?"
        rf"(?:thuc\s*hien\s*|th\s*|lam\s*|lm\s*|trien\s*khai\s*|to\s*chuc\s*thuc\s*hien\s*)?{D_CORE}"
        r"(?:\s*(?:roi|r|rui|het|ca|xuoi|tot))?",
        DONE,
        "strong",
        _PLAIN,
    ),
    # in progress
    (
        rf"(?:chua|khong|ko|k|ch)\s*(?:(?:the\s*)?kip\s*)?(?:{_DUOC}\s*)?(?:thuc\s*hien\s*|lam\s*|th\s*)?"
        rf"{D_CORE}|chx",
        IN_PROGRESS,
        "strong",
        _PLAIN,
    ),
    (
        rf"(?:sap|gan|co\s*ban|da\s*co\s*ban|du\s*kien|se|phan\s*dau|chuan\s*bi|dang|dg"
        rf"|tiep\s*tuc|de|gan\s*nhu|hau\s*nhu|(?:co\s*ban|gan\s*nhu|hau\s*nhu)\s*(?:da|la)"
        rf"|(?:thang|tuan|quy|nam|ngay|ky)\s*(?:sau|toi|nua)\s*(?:(?:se|moi|thi|la)\s*)?)\s*{D_CORE}",
        IN_PROGRESS,
        "kept",
        _PLAIN,
    ),
    (
        rf"(?:du\s*kien|phan\s*dau|hy\s*vong|co\s*the|neu|chac\s*(?:la\s*)?(?:tam|khoang|den|toi)?\s*(?=(?:thang|tuan|quy|nam|ngay|cuoi|dau|giua|[0-9])))\s*[^.;,\n]{{0,40}}?"
        rf"\s{D_CORE}",
        IN_PROGRESS,
        "kept",
        _PLAIN,
    ),
    (rf"{D_CORE}\s*(?:mot|1)\s*phan", IN_PROGRESS, "strong", _PLAIN),
    # a finish planned for a time to come ("hoàn thành trong tuần này"), not "đã …"
    (
        rf"(?<!da )(?<!duoc )(?<!dc ){D_CORE}\s*(?:trong|vao|cuoi|dau|giua)\s*"
        r"(?:tuan|thang|quy|nam|ky)\s*(?:nay|toi|sau|nua)",
        IN_PROGRESS,
        "kept",
        _PLAIN,
    ),
    (rf"(?:da\s*)?{D_CORE}\s*(?:duoc\s*|dc\s*)?(?:{_PART})", IN_PROGRESS, "sub", _PLAIN),
    (
        rf"(?:da\s*)?(?:lam\s*|thuc\s*hien\s*)?{D_CORE}\s*(?:xong\s*)?"
        rf"(?:(?:cong\s*tac|viec|cac|mot\s*so)\s*)?"
        rf"{_STEP_OBJECT}",
        None,
        "subv",
        _PLAIN,
    ),
    (
        r"da\s+(?!(?:thuc\s*hien|th|lam|lm|trien\s*khai|to\s*chuc\s*thuc\s*hien|tien\s*hanh|xu\s*ly"
        r"|co\s*ban|gan|sap|hoan\s*thanh|ht|xong|em|e|anh|chi|toi|minh|ben|so|don\s*vi|chung"
        r"|duoc|dc|ok|oke|cung|deu|roi|that\s*su|thuc\s*su|da|a|vang|nhiem\s*vu|nv|viec"
        r"|nghiem\s*thu(?!\s*(?:buoc|giai\s*doan|dot|phan|hang\s*muc)))\s)"
        r"(?:[a-z]+\s+){1,4}?xong(?:\s*(?:roi|r))?",
        None,
        "subv",
        {**_PLAIN, "da": True},
    ),
    (
        rf"(?:da\s*)?{D_CORE}\s*(?:viec\s*)?(?:xay\s*dung|lap|soan(?:\s*thao)?|hoan\s*thien)\s*"
        r"(?:du\s*thao|ho\s*so|to\s*trinh|phuong\s*an|de\s*cuong|bao\s*cao)",
        None,
        "subv",
        _PLAIN,
    ),
    (rf"(?:da\s*)?{_STEP_VERB}\s*(?:{_DUOC}\s*)?xong(?:\s*(?:roi|r))?", None, "subv", _PLAIN),
    (
        rf"(?:van\s*|hien\s*|con\s*)?(?:dang|dangg|dag|dg)\s*{_IP_VERB}",
        IN_PROGRESS,
        "strong",
        _PLAIN,
    ),
    (r"cth", NOT_STARTED, "strong", _PLAIN),
    (r"dht", DONE, "strong", _PLAIN),
    (
        r"dtth|dth|tiep\s*tuc\s*(?:thuc\s*hien|trien\s*khai|th|lam)",
        IN_PROGRESS,
        "strong",
        _PLAIN,
    ),
    (r"in\s*progress|on\s*going|wip|doing", IN_PROGRESS, "strong", _PLAIN),
    (
        r"(?:van\s*)?(?:dang|dangg|dag|dg)\s*(?!(?:ky|ki|tai|uy|vien|bo|nhap|tin|bai)(?![a-z]))[a-z]+",
        IN_PROGRESS,
        "weak",
        _PLAIN,
    ),
    (
        r"da\s*(?:trinh|gui|xay\s*dung|soan|trien\s*khai|tham\s*muu|lay\s*y\s*kien|khoi\s*cong)",
        IN_PROGRESS,
        "weak",
        _PLAIN,
    ),
    (
        r"du\s*thao|(?:mot|1)\s*phan|cham\s*tien\s*do|tiep\s*tuc|con\s*lai|do\s*dang|lam\s*do"
        r"|(?:bi\s*)?cham\s*(?:so\s*voi|hon|tre)|tre\s*tien\s*do"
        r"|(?:moi|vua)\s*(?:bat\s*dau\s*)?(?:trien\s*khai|thuc\s*hien|tien\s*hanh|lam)"
        r"|(?:moi|vua|da)\s*bat\s*dau(?:\s*(?:trien\s*khai|thuc\s*hien|tien\s*hanh|lam))?",
        IN_PROGRESS,
        "weak",
        _PLAIN,
    ),
    # a double negation: "đâu phải chưa triển khai" is work started, "không phải chưa xong" asks
    (
        r"(?:dau|khong|ko|k|chang|cha)\s*(?:phai|co)\s*(?:la\s*)?(?:chua|khong|ko|k)\s*"
        r"(?:thuc\s*hien|trien\s*khai|lam|lm|bat\s*dau|tk|th|tien\s*hanh)",
        IN_PROGRESS,
        "kept",
        {**_PLAIN, "dau": True},
        ("phai", "co chua", "co khong", "co ko", "co k"),
    ),
    (
        rf"(?:dau|khong|ko|k|chang|cha)\s*(?:phai|co)\s*(?:la\s*)?(?:chua|khong|ko|k)\s*{D_CORE}",
        None,
        "neutral",
        {**_PLAIN, "dau": True},
        ("phai", "co chua", "co khong", "co ko", "co k"),
    ),
    # more or less than half: work under way, no figure
    (
        r"(?:qua|hon|gan|duoi|chua\s*(?:duoc|toi|den|dat)|khong\s*(?:duoc|toi|den|dat))\s*"
        r"(?:mot\s*)?nua",
        IN_PROGRESS,
        "weak",
        _PLAIN,
        ("nua",),
    ),
    # nothing new since the last report
    (
        r"(?:khong|ko|k|kg|chua|chang|cung\s*khong)\s*co\s*(?:gi|j|chi)\s*"
        r"(?:moi|thay\s*doi|khac|them)"
        r"|(?:(?:van|y|giu)\s*(?:nguyen\s*)?)?nhu\s*(?:cu|truoc|(?:ky|lan|thang|quy|tuan)\s*truoc"
        r"|(?:bao\s*cao|bc)\s*(?:truoc|ky\s*truoc|lan\s*truoc))"
        r"|(?:khong|ko|k|chua)\s*(?:co\s*)?(?:gi\s*)?thay\s*doi|van\s*vay",
        None,
        "same",
        _PLAIN,
        ("moi", "thay doi", "khac", "them", "nhu", "vay"),
    ),
    # not started
    (
        r"(?:ch|chx)\s*(?:lam|lm|th|tk|thuc\s*hien|trien\s*khai|bat\s*dau)",
        NOT_STARTED,
        "strong",
        _PLAIN,
        ("ch",),
    ),
    (
        rf"chua\s*(?:lam\s*gi|co\s*gi|trien\s*khai\s*gi|bat\s*dau|khoi\s*dong|{_IP_VERB})",
        NOT_STARTED,
        "strong",
        _PLAIN,
    ),
    (
        r"chua(?=\s*(?:[,.;:!?)\-]|$|a(?![a-z])|nhe|nha))",
        NOT_STARTED,
        "strong",
        _PLAIN,
    ),
    (r"not\s*(?:yet\s*)?started", NOT_STARTED, "strong", _PLAIN),
    (
        r"(?:van\s*)?(?:dang|dg)(?=\s*(?:[,.;!?)\-]|$|a(?![a-z])|nhe|nha|ak))",
        IN_PROGRESS,
        "strong",
        _PLAIN,
    ),
    (r"chua", NOT_STARTED, "weak", _PLAIN),
    # blocked
    (
        r"(?:chua|khong|ko|k)\s*(?:the\s*)?(?:thuc\s*hien|trien\s*khai|lam|hoan\s*thanh"
        rf"|tien\s*hanh|th|xong)\s*{_DUOC}",
        BLOCKED,
        "strong",
        _PLAIN,
    ),
    (
        r"(?:chua|khong|ko|k)\s*the\s*(?:thuc\s*hien|trien\s*khai|lam|hoan\s*thanh|tien\s*hanh|xong)",
        BLOCKED,
        "strong",
        _PLAIN,
    ),
    (
        r"(?:(?:co|bi|gap|dang|con|van|nhieu|mot\s*so)\s*){0,3}"
        r"(?:vuong\s*mac|kho\s*khan|tro\s*ngai|ach\s*tac|kk\s*[,/&\-]?\s*vm|kkvm|vm)"
        r"|(?:co|bi|gap|dang|con|van)\s*kk",
        BLOCKED,
        "strong",
        _PLAIN,
    ),
    (
        r"(?<!met )(?<!hinh )(?<!m )(?<!m2 )(?<!km )(?:(?:co|bi|gap|dang|con|van)\s*){0,3}vuong",
        BLOCKED,
        "strong",
        _PLAIN,
    ),
    (
        r"(?:gap|bi|dang)\s*kho(?!\s*bac)|bi\s*(?:ket|tac|ach\s*tac)|blocked|stuck",
        BLOCKED,
        "strong",
        _PLAIN,
    ),
    # stuck: "kẹt vốn", "tắc ở khâu GPMB" (with their marks), "bi ket" (plain)
    (
        r"(?:(?:bi|dang|van|con)\s*)?(?:ket|tac)(?:\s*(?:o|tai|vi|do|von|thu\s*tuc|mat\s*bang|gpmb))?",
        BLOCKED,
        "kept",
        {**_PLAIN, "ket": False, "tac": False},
    ),
    # hard to finish: blocked, kept in the note
    (rf"kho\s*(?:co\s*the\s*|ma\s*|long\s*)?{D_CORE}", BLOCKED, "kept", _PLAIN),
    # suspended: an explicit blocked that says more, kept in the note
    (
        r"(?<!xay )(?<!noi )(?<!su )(?<!ung )(?<!tuyen )(?<!ap )"
        r"(?:(?:tam|phai|bi|da)\s*)?(?:dung|ngung)\s*(?:lai|thi\s*cong|thuc\s*hien|trien\s*khai"
        r"|th|hoat\s*dong)"
        r"|tam\s*(?:dung|ngung|hoan|gac)|dinh\s*chi|bi\s*dung|phai\s*dung|dung\s*het"
        r"|(?:da|bi|phai|van|dang)\s*(?:dung|ngung)(?=\s*(?:[,.;!)]|$|a(?![a-z])|roi|r(?![a-z])))",
        BLOCKED,
        "kept",
        _STOP,
    ),
    # waiting on another body: "chờ" written with its mark, or plain "dang cho"
    (r"cho(?:\s*doi)?|doi", BLOCKED, "wait", _STRICT_WAIT),
    (
        r"(?:dang|dg|van|con|phai|hien|de|hien\s*dang|van\s*dang|van\s*con|tam\s*dung\s*de"
        r"|dung\s*lai\s*de)\s*(?:cho|doi)(?:\s*doi)?",
        BLOCKED,
        "wait",
        _WAIT,
    ),
    (
        r"thieu|het\s*(?:von|kinh\s*phi|nguon)"
        r"|chua\s*(?:duoc\s*)?(?:bo\s*tri|cap|phan\s*bo|giao\s*von"
        r"|co\s*(?:von|kinh\s*phi|huong\s*dan|nguon|chu\s*truong|mat\s*bang|quy\s*hoach))"
        r"|(?:khong|ko|k)\s*(?:co|du)\s*(?:von|kinh\s*phi|nguon|nhan\s*luc|mat\s*bang|can\s*bo)"
        r"|(?:kien\s*nghi|de\s*xuat|de\s*nghi|xin)[^.;\n]{0,60}?(?:bo\s*tri|bo\s*sung|cap|phan\s*bo"
        r"|ho\s*tro|thao\s*go|gia\s*han|dieu\s*chinh|huong\s*dan|chi\s*dao|giai\s*quyet|lui)",
        BLOCKED,
        "cue",
        _PLAIN,
    ),
]
COMPILED = [
    (re.compile(rf"(?<![a-z]){p[0]}(?![a-z])"), p[1], p[2], p[3], p[4] if len(p) > 4 else ())
    for p in STATUS_PATTERNS
]
KIND_RANK = {
    "neutral": 0,
    "same": 1,
    "strong": 1,
    "kept": 1,
    "sub": 1,
    "subv": 1,
    "cue": 2,
    "wait": 2,
    "weak": 3,
}

# The spellings with diacritics each checked word stands for.
CHECKED_WORD = re.compile(r"(?<![a-z])(?:dang|chua|cho|dung|ngung|doi|da|ket|tac|dau)(?![a-z])")
CHECKED_FORMS = {
    "dau": {"đâu"},
    "ket": {"kẹt"},
    "tac": {"tắc"},
    "da": {"đã"},
    "doi": {"đợi"},
    "dang": {"đang"},
    "chua": {"chưa"},
    "cho": {"chờ"},
    "dung": {"dừng"},
    "ngung": {"ngừng", "ngưng"},
}

# Work that goes on: a message saying any of these is never read as plain "done".
ONGOING = re.compile(
    r"(?<![a-z])(?:dang|dangg|dag|dg|dth|dtth|tiep\s*tuc|con\s*lai"
    r"|(?<!hon )(?<!voi )(?<!han )(?<!nhu )(?<!theo )(?<!gian )du\s*kien"
    r"|chua\s*(?:xong|hoan\s*thanh|ht)"
    r"|chx|van\s*con|in\s*progress|on\s*going|ongoing|wip|sap(?!\s*nhap)|se|chuyen\s*sang|chuan\s*bi"
    r"|(?:lam|trien\s*khai|thuc\s*hien|th)\s*(?:tiep|not)|not\s*phan|tiep\s*theo|do\s*dang"
    r"|(?<!khong )(?<!ko )(?<!k )(?<!het )con\s*(?:thieu|phai|mot|1|vai|nhieu|it|[0-9]+|viec|phan"
    r"|buoc|hang\s*muc|ho\s*so|thu\s*tuc|cho|vuong|dang|tiep)"
    r"|(?:thang|tuan|quy|nam)\s*(?:sau|toi)|sap\s*toi|thoi\s*gian\s*toi)(?![a-z])"
)

# A written report the officer points to: "đã có công văn số 88/SXD-QH báo cáo".
DOCUMENT = re.compile(
    r"(?<![a-z])(?:cong\s*van|van\s*ban|bao\s*cao|cv|vb|bc)\s*(?:so\s*)?[:.]?\s*"
    r"[0-9]{1,5}(?:\s*/\s*[0-9a-z][0-9a-z\-.&]*)*"
)

# A supporting agency's answer: its contribution is sent ("đã gửi ý kiến", "đã phối hợp",
# "đã góp ý dự thảo", "văn bản góp ý số …").
CONTRIBUTION_WORDS = re.compile(
    r"(?<![a-z])(?:"
    r"(?:da|dc|duoc)\s*(?:(?:gui|co|tham\s*gia|dong\s*gop)\s*"
    r"(?:(?:van\s*ban|cong\s*van|vb|cv)\s*)?y\s*kien|gop\s*y)"
    r"|(?:gui|gop|tham\s*gia)\s*y\s*kien\s*(?:roi|r|xong)"
    r"|da\s*(?:tham\s*gia\s*)?phoi\s*hop"
    r"|(?:van\s*ban|cong\s*van|vb|cv)\s*(?:so\s*)?[:.]?\s*(?:[0-9][0-9a-z/\-.&]*\s*)?"
    r"(?:phoi\s*hop|gop\s*y|tham\s*gia\s*y\s*kien|y\s*kien)"
    r")(?![a-z])"
)
# A document that reports upward, not a contribution: "báo cáo", "BC".
REPORT_WORD = re.compile(r"(?<![a-z])(?:bao\s*cao|bc)(?![a-z])")

# A part that only repeats the status of the one before ("2b cũng vậy", "2c tương tự").
ELLIPSIS = re.compile(
    r"^(?:cung\s*)?(?:vay|the|tuong\s*tu|nhu\s*tren|nhu\s*vay|giong\s*(?:vay|tren|the)|luon"
    r"|nua)(?:\s*(?:a|nhe|nha|luon))?$"
)
