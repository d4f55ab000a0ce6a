"""Hedges and questions: words that make a status not a report (pure).

A hedge ("hình như đã xong, để em xác nhận lại với phòng") says the officer is not sure: the
bot asks instead of recording. A question ("việc 4c bên anh xong rồi hả?", "sở mình nhận được
công văn chưa ạ") asks the bot something: its status words are not read at all.

Both run on the folded text of one part of a reply (refs and percentages already blanked) and
look at the officer's own spelling where the folded form is also another word ("à"/"ạ",
"hả"/"hạ", "nhỉ"/"nhì"). The words are data below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

# --- hedges -----------------------------------------------------------------------------------

HEDGES = (
    "hinh nhu",
    "co le",
    "duong nhu",
    "co ve",
    "hinh nhu la",
    "chac la",
    "chac (?:da|dang|chua|xong|ht|hoan thanh|cung|roi|r)",
    "(?:khong|ko|k|chua|cha) chac(?! chan)",
    "(?:em|e|toi|minh) (?:khong|ko|k|chua) (?:ro|biet) (?:lam|nua|la)",
    "(?:em|e|toi|minh) (?:nghi|nho|doan|tuong) (?:la )?",
    "theo (?:em|e|toi|minh) (?:biet|nho|duoc biet)",
    "nghe (?:noi|bao|nhu)",
    "thi phai",
    "de (?:em|e|toi|minh|ben em) ?(?:xac nhan|kiem tra|check|hoi|xem|ra soat) (?:lai)",
    "(?:em|e|toi|minh) (?:se )?(?:xac nhan|kiem tra|check|hoi|xem) lai",
    "can (?:xac nhan|kiem tra) lai",
    "chua (?:duoc )?xac nhan",
    "maybe",
    "probably",
    "i think",
    "not sure",
)
HEDGE = re.compile(
    r"(?<![a-z])(?:" + "|".join(h.replace(" ", r"\s*") for h in HEDGES) + r")(?![a-z])"
)
# "co le" is "có lẽ", not "cố lê"; "co ve" is "có vẻ", not "có về".
_HEDGE_SPELLED = {"co le": ("có lẽ", "co le"), "co ve": ("có vẻ", "co ve")}


def hedged(search: str, clean: str, pos: list[int]) -> bool:
    """Whether the part says the officer is not sure of what it reports."""
    for m in HEDGE.finditer(search):
        word = re.sub(r"\s+", " ", m.group())
        if word in _HEDGE_SPELLED:
            said = clean[pos[m.start()] : pos[m.end() - 1] + 1].lower()
            if re.sub(r"\s+", " ", said) not in _HEDGE_SPELLED[word]:
                continue
        return True
    return False


# --- questions --------------------------------------------------------------------------------

# Words that end a question ("xong rồi hả", "xong chưa nhỉ"), with the spellings that make them
# one: "à" is, "ạ" is not.
FINAL_PARTICLES = {
    "ha": ("hả", "há"),
    "ho": ("hở",),
    "hu": ("hử",),
    "nhi": ("nhỉ",),
    "nhe": ("nhể",),
    "a": ("à",),
    "chu": ("chứ",),
    "sao": ("sao",),
}
# Plain spellings that still ask after these words ("xong roi ha", "duoc chua nhi").
PLAIN_AFTER = frozenset(
    {
        "roi",
        "r",
        "xong",
        "chua",
        "ko",
        "k",
        "khong",
        "vay",
        "the",
        "dung",
        "phai",
        "duoc",
        "dc",
        "ht",
    }
)
# Words an answer or a question may end with that say nothing: "ạ", "anh", "nhé", "vậy".
TRAILING = frozenset(
    {"a", "anh", "chi", "em", "oi", "nhe", "nha", "ad", "ah", "vay", "the", "ban", "ak"}
)
# Ending words that ask when something comes before them: "… chưa", "… không".
YET = frozenset({"chua", "chx", "ch"})
NOT = frozenset({"khong", "ko", "k", "kg", "khg", "hong", "hok", "hem"})
# Verbs that make a final "chưa"/"không" a question: "nhận được công văn chưa", "xong không".
_VERBS = """
    nhan duoc dc co gui nop xong ht thanh bao bc duyet ky hanh lam lm trien khai tk hien th
    giao biet thay xem doc cap nhat ghi tiep toi den ve ra het chot ly hoi loi on ok can phai
    dung roi r nghe
"""
ASKING_VERBS = frozenset(_VERBS.split())
# Words that open a yes-no question closed by "không": "có … không", "phải … không".
FRAMES = frozenset({"co", "phai", "can", "nen"})
# Words between the verb and "chưa" that make it an answer ("2a làm rồi, còn 2b chưa"), with
# their spellings: "vẫn" is one, "văn" is not.
TOPIC = {
    "con": ("còn", "con"),
    "thi": ("thì", "thi"),
    "van": ("vẫn",),
    "cung": ("cũng",),
    "nhung": ("nhưng", "nhung"),
    "ma": ("mà",),
    "rieng": ("riêng", "rieng"),
    "va": ("và", "va"),
    "hoac": ("hoặc", "hoac"),
    "kia": ("kia",),
    "nay": ("này",),
    "do": ("đó",),
    "ay": ("ấy",),
}
# Obstacle words: "Khó khăn, vướng mắc: không" is an answer.
OBSTACLE_END = frozenset({"mac", "khan", "ngai", "tac", "vm", "kk", "nghi", "xuat"})
# Whole tags: the sentence before them is what is asked ("xong rồi, phải không ạ?").
TAGS = re.compile(
    r"^(?:(?:co\s*)?(?:phai|dung|duoc|dc|ok|chuan)\s*(?:khong|ko|k|chua|hong|hok)"
    r"|(?:ha|ho|nhi|a|chu|sao)|(?:the|vay)\s*(?:ha|a|sao))$"
)
# Words that ask wherever the part ends: "… thế nào", "… khi nào vậy", "… là gì".
ASKING_END = re.compile(
    r"(?<![a-z])(?:the\s*nao|nhu\s*the\s*nao|ra\s*sao|lam\s*sao|nhu\s*nao|ntn|o\s*dau|khi\s*nao"
    r"|bao\s*gio|bao\s*nhieu|la\s*gi|cai\s*gi|gi\s*vay|tai\s*sao|vi\s*sao|the\s*sao|sao\s*vay"
    r"|(?:the|vay)\s*(?:ha|a))$"
)
# Words that open a question: "cho em hỏi …", "có phải …", "bao giờ phải nộp …".
ASKING_START = re.compile(
    r"^(?:(?:anh|chi|a|c|oi|da|ad|admin)\s*(?:oi\s*)?)*"
    r"(?:cho\s*(?:em|e|minh|toi|tui)?\s*hoi|xin\s*hoi|(?:em|e|minh|toi)\s*muon\s*hoi"
    r"|(?:em|e|minh|toi)\s*hoi\s*(?:chut|ti|xiu|anh|chi|ad|admin|bot)"
    r"|hoi\s*(?:chut|ti|xiu)|co\s*phai|lieu|tai\s*sao|vi\s*sao|lam\s*(?:sao|the\s*nao)\s*de"
    r"|(?:bao\s*gio|khi\s*nao)\s*(?:thi|phai|can|nop|gui|bao\s*cao|la\s*han|het\s*han)"
    r"|sao\s*(?:(?:em|e|minh|ben\s*em|toi|anh|chi)\s*)?(?:chua|lai|khong|ko|van|con|cu))(?![a-z])"
)
_SENTENCE = re.compile(r"[^.!;\n?]*(?:\?+|[.!;\n]|$)")
_CLAUSE_END = re.compile(r",|\s[-–]\s")
_WORD = re.compile(r"[a-z0-9]+")


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence (cut at commas and dashes), empty ones left out."""
    cuts = [0, *(m.end() for m in _CLAUSE_END.finditer(sentence)), len(sentence)]
    spans = list(pairwise(cuts))
    return [(a, b) for a, b in spans if _WORD.search(sentence, a, b)]


def _spelled(word: str, at: int, clean: str, pos: list[int]) -> str:
    return clean[pos[at] : pos[at + len(word) - 1] + 1].lower()


def _core(clause: str, start: int, clean: str, pos: list[int]) -> list[tuple[str, int]]:
    """The words of a clause (positions in the part) without the particles and forms of
    address that end it ("ạ", "anh", "nhé", "vậy"); "à" stays, it asks."""
    words = [(w.group(), start + w.start()) for w in _WORD.finditer(clause)]
    while len(words) > 1 and words[-1][0] in TRAILING:
        word, at = words[-1]
        if word == "a" and _spelled(word, at, clean, pos) == "à":
            break
        words.pop()
    return words


def _topic(word: str, at: int, clean: str, pos: list[int]) -> bool:
    return word in TOPIC and _spelled(word, at, clean, pos) in TOPIC[word]


def _asks(clause: str, start: int, clean: str, pos: list[int], refs: Sequence[int]) -> bool:
    """Whether one clause, without a question mark, is a question."""
    words = _core(clause, start, clean, pos)
    if len(words) < 2:
        return False
    if ASKING_END.search(" ".join(w for w, _ in words)):
        return True
    last, at = words[-1]
    prev, prev_at = words[-2]
    if last in FINAL_PARTICLES:
        spelled = _spelled(last, at, clean, pos)
        if spelled in FINAL_PARTICLES[last]:
            return last not in ("sao", "chu") or prev in PLAIN_AFTER | {"thi", "la"}
        return spelled.isascii() and last in ("ha", "nhi") and prev in PLAIN_AFTER
    if last in YET | NOT:
        if prev in OBSTACLE_END or _topic(prev, prev_at, clean, pos):
            return False
        if last in NOT and any(w in FRAMES for w, _ in words[:-1]):
            return True  # "có phải báo cáo 3b không", "có cần … không"
        verbs = [i for i, (w, _) in enumerate(words[:-1]) if w in ASKING_VERBS]
        if not verbs:
            return False
        between = words[verbs[-1] + 1 : -1]
        if any(_topic(w, a, clean, pos) for w, a in between):
            return False
        return not any(words[verbs[-1]][1] < r < at for r in refs)
    return False


def question_spans(
    search: str, clean: str, pos: list[int], refs: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """The spans of the part that ask rather than report (`refs`: where refs were blanked).

    A sentence that ends in "?" or asks in words ("… chưa ạ", "… hả", "cho em hỏi …") is a
    question. When only its last clause asks and that clause is not a tag ("…, anh kiểm tra
    giúp em đã nhận được chưa?"), the clauses before it still report; a tag ("…, phải không
    ạ?") makes the whole sentence a question.
    """
    spans: list[tuple[int, int]] = []
    for sm in _SENTENCE.finditer(search):
        s, e = sm.span()
        sentence = sm.group()
        if ASKING_START.match(sentence.lstrip(" ,-")):
            spans.append((s, e))
            continue
        marked = sentence.rstrip().endswith("?")
        if not marked and not _may_ask(sentence):
            continue
        clauses = _clauses(sentence)
        if not clauses:
            continue
        ls, le = clauses[-1]
        last = sentence[ls:le]
        if not marked and not _asks(last, s + ls, clean, pos, refs):
            continue
        core = " ".join(w for w, _ in _core(last, s + ls, clean, pos))
        if len(clauses) == 1 or TAGS.match(core) or _only_particles(core):
            spans.append((s, e))
        else:
            spans.append((s + ls, s + le))
    return spans


_ASKING_TAIL = frozenset({*FINAL_PARTICLES, *YET, *NOT, "nao", "gio", "nhieu", "gi", "ntn", "dau"})


def _may_ask(sentence: str) -> bool:
    """A cheap look at the end of a sentence: could it ask without a question mark?"""
    return not _ASKING_TAIL.isdisjoint(_WORD.findall(sentence[-60:])[-6:])


def _only_particles(text: str) -> bool:
    return all(w in TRAILING or w in FINAL_PARTICLES for w in text.split())
