"""AgencyMatcher: exact matches for every usual way of writing a name, suggestions otherwise."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.directory import AgencyMatcher, DirectoryEntry, folded_key

ENTRIES = [
    DirectoryEntry("khdt", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", kind="department"),
    DirectoryEntry("tc", "Sở Tài chính", kind="department"),
    DirectoryEntry("xd", "Sở Xây dựng", "Sở XD", kind="department"),
    DirectoryEntry("gtvt", "Sở Giao thông vận tải", "Sở GTVT", kind="department"),
    DirectoryEntry("tnmt", "Sở Tài nguyên và Môi trường", "Sở TN&MT", kind="department"),
    DirectoryEntry("tttt", "Sở Thông tin và Truyền thông", "Sở TT&TT", kind="department"),
    DirectoryEntry("nnptnt", "Sở Nông nghiệp và Phát triển nông thôn", kind="department"),
    DirectoryEntry("ldtbxh", "Sở Lao động - Thương binh và Xã hội", kind="department"),
    DirectoryEntry("vhttdl", "Sở Văn hóa, Thể thao và Du lịch", kind="department"),
    DirectoryEntry("khcn", "Sở Khoa học và Công nghệ", kind="department"),
    DirectoryEntry("gddt", "Sở Giáo dục và Đào tạo", kind="department"),
    DirectoryEntry(
        "bql",
        "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
        aliases=("BQL KKT Dung Quất",),
        kind="board",
    ),
    DirectoryEntry("mttq", "Ủy ban MTTQ Việt Nam tỉnh", kind="front"),
    DirectoryEntry("ddhdnd", "Đảng đoàn HĐND tỉnh", kind="party"),
    DirectoryEntry("bcs", "Ban cán sự đảng UBND tỉnh", kind="party"),
    DirectoryEntry("vptu", "Văn phòng Tỉnh ủy", kind="party"),
    DirectoryEntry("btv", "Ban Thường vụ Tỉnh ủy", kind="party"),
    DirectoryEntry("ubnd", "UBND tỉnh", kind="other"),
    DirectoryEntry("tpqn", "UBND thành phố Quảng Ngãi", kind="district"),
    DirectoryEntry("sbn", "Các sở, ban ngành", aliases=("Các sở, ban, ngành",), is_group=True),
    DirectoryEntry(
        "huyen",
        "UBND các huyện, thị xã, thành phố",
        aliases=("UBND các huyện, thành phố, thị xã",),
        kind="district",
        is_group=True,
    ),
    DirectoryEntry(
        "capuy", "Các cấp ủy, tổ chức đảng trực thuộc Tỉnh ủy", kind="party", is_group=True
    ),
]
MATCHER = AgencyMatcher(ENTRIES, province="Quảng Ngãi")


def decomposed(text: str) -> str:
    """The same text as a phone may send it (NFD)."""
    return unicodedata.normalize("NFD", text)


EXACT = [
    # The written forms of Planning and Investment.
    ("Sở Kế hoạch và Đầu tư", "khdt"),
    ("Sở KH&ĐT", "khdt"),
    ("Sở KHĐT", "khdt"),
    ("Sở KH & ĐT", "khdt"),
    ("Sở KH và ĐT", "khdt"),
    ("So Ke hoach va Dau tu", "khdt"),
    ("sở kế hoạch và đầu tư", "khdt"),
    ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "khdt"),
    ("  Sở   Kế hoạch  và Đầu tư. ", "khdt"),
    ("Sở Kế hoạch - Đầu tư", "khdt"),
    ("Kế hoạch và Đầu tư", "khdt"),
    (decomposed("Sở Kế hoạch và Đầu tư"), "khdt"),
    # Leading linking words.
    ("với Sở Tài chính", "tc"),
    ("và Sở Tài chính", "tc"),
    ("phối hợp với Sở Tài chính", "tc"),
    # Province appended.
    ("Sở Tài chính tỉnh", "tc"),
    ("Sở Xây dựng tỉnh Quảng Ngãi", "xd"),
    ("Sở Xây dựng Quảng Ngãi", "xd"),
    # Other departments and abbreviations.
    ("Sở XD", "xd"),
    ("so xay dung", "xd"),
    ("Sở GTVT", "gtvt"),
    ("Sở GT-VT", "gtvt"),
    ("Giao thông vận tải", "gtvt"),
    ("Sở TN&MT", "tnmt"),
    ("Sở TNMT", "tnmt"),
    ("Sở Tài nguyên Môi trường", "tnmt"),
    ("Sở TT&TT", "tttt"),
    ("Sở TTTT", "tttt"),
    ("Sở NN&PTNT", "nnptnt"),
    ("Sở NN và PTNT", "nnptnt"),
    ("Sở LĐ-TB&XH", "ldtbxh"),
    ("Sở LĐTBXH", "ldtbxh"),
    ("Sở VH-TT&DL", "vhttdl"),
    ("Sở VHTTDL", "vhttdl"),
    ("Sở KH&CN", "khcn"),
    ("Sở GD&ĐT", "gddt"),
    ("Sở GDĐT", "gddt"),
    # Boards, front, Party bodies, the People's Committee.
    ("BQL KKT Dung Quất và các KCN Quảng Ngãi", "bql"),
    ("Ban Quản lí Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi", "bql"),
    ("Ban quan ly khu kinh te Dung Quat", "bql"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "mttq"),
    ("Uỷ ban MTTQ VN tỉnh", "mttq"),
    ("Ủy ban MTTQ tỉnh", "mttq"),
    ("Đảng đoàn Hội đồng nhân dân tỉnh", "ddhdnd"),
    ("Dang doan HDND tinh", "ddhdnd"),
    ("Ðảng đoàn HĐND tỉnh", "ddhdnd"),  # Icelandic eth from an old encoding
    ("Văn phòng Tỉnh ủy", "vptu"),
    ("Ban cán sự đảng Ủy ban nhân dân tỉnh tỉnh", "bcs"),
    ("BCS đảng UBND tỉnh", "bcs"),
    ("Văn phòng Tỉnh uỷ", "vptu"),
    ("Ban Thƣờng vụ Tỉnh ủy", "btv"),  # "ƣ" from PDF extraction
    ("VP Tỉnh ủy", "vptu"),
    ("Ủy ban nhân dân tỉnh", "ubnd"),
    ("UBND", "ubnd"),
    # A city named like the province is not the province.
    ("UBND TP Quảng Ngãi", "tpqn"),
    ("Ủy ban nhân dân thành phố Quảng Ngãi", "tpqn"),
    # Groups.
    ("các sở, ban ngành", "sbn"),
    ("Các Sở, ban, ngành", "sbn"),
    ("sở ban ngành", "sbn"),
    ("UBND các huyện, thị xã, thành phố", "huyen"),
    ("Ủy ban nhân dân các huyện, thị xã, thành phố", "huyen"),
    ("UBND các huyện thị xã, thành phố", "huyen"),
    ("UBND cac huyen, thanh pho, thi xa", "huyen"),
    ("1. Các cấp ủy, tổ chức đảng trực thuộc Tỉnh ủy", "capuy"),
    ("cac cap uy, to chuc dang truc thuoc tinh uy", "capuy"),
]


@pytest.mark.parametrize(("text", "key"), EXACT)
def test_usual_variants_match_exactly(text: str, key: str) -> None:
    result = MATCHER.match(text)
    assert result.exact, (text, result)
    assert result.entry is not None
    assert result.entry.key == key
    assert result.suggestions == ()


# Damaged or different names: never an entry, but the right agency comes first.
SUGGEST_FIRST = [
    ("S¢ Xay dung", "xd"),
    ("Sa Ké hoach va Dau tu", "khdt"),
    ("Sở Tài chánh", "tc"),
    ("Pang doan HDND tinh", "ddhdnd"),
    ("Ban can sy ding UBND tinh", "bcs"),
    ("Van phong Tinh Gy", "vptu"),
    ("Cac cép uy, té chirc dang truwe thudc Tinh ay", "capuy"),
    ("UBND cac huyén, thi x4, thanh phé", "huyen"),
    ("Sở Giao thông", "gtvt"),
    ("Bộ Xây dựng", "xd"),
    ("Sở Xây dựng và Giao thông", "xd"),
]


@pytest.mark.parametrize(("text", "key"), SUGGEST_FIRST)
def test_near_misses_only_suggest(text: str, key: str) -> None:
    result = MATCHER.match(text)
    assert result.entry is None
    assert not result.exact
    assert 1 <= len(result.suggestions) <= 3
    assert result.suggestions[0].key == key


@pytest.mark.parametrize("text", ["", "   ", "...", "hello world", "Công an tỉnh Bắc Giang"])
def test_unrelated_text_gets_nothing(text: str) -> None:
    result = MATCHER.match(text)
    assert result.entry is None
    assert result.suggestions == ()


def test_groups_are_flagged() -> None:
    result = MATCHER.match("các sở, ban, ngành")
    assert result.entry is not None and result.entry.is_group


def test_shared_form_is_ambiguous_not_guessed() -> None:
    boards = [
        DirectoryEntry("a", "Ban Quản lý Khu kinh tế Vân Phong", aliases=("BQL KKT",)),
        DirectoryEntry("b", "Ban Quản lý Khu kinh tế tỉnh Hà Tĩnh", aliases=("BQL KKT",)),
    ]
    result = AgencyMatcher(boards).match("Ban Quản lý Khu kinh tế")
    assert result.entry is None
    assert {entry.key for entry in result.suggestions} == {"a", "b"}


def test_resolve_many_keeps_order_and_text() -> None:
    results = MATCHER.resolve_many(["Sở XD", "Sở Tài chánh"])
    assert [text for text, _ in results] == ["Sở XD", "Sở Tài chánh"]
    assert results[0][1].exact and not results[1][1].exact


def test_folded_key_is_stable_for_storage() -> None:
    assert folded_key("Sở KH&ĐT") == folded_key("So Ke hoach va Dau tu") == "sokehoachdautu"
    assert folded_key("Thủy lợi") == folded_key("Thuỷ lợi")
    assert folded_key("Văn hóa") == folded_key("Văn hoá")
    # "đầu tư" keeps its "tư": TU is not expanded to "Tỉnh ủy".
    assert "dautu" in folded_key("Sở Kế hoạch và Đầu tư")


def test_province_suffix_only_stripped_for_the_configured_province() -> None:
    plain = AgencyMatcher(ENTRIES)
    assert plain.match("Sở Xây dựng Quảng Ngãi").entry is None
    assert MATCHER.match("Sở Xây dựng Quảng Ngãi").entry is not None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_match_never_raises(text: str) -> None:
    result = MATCHER.match(text)
    assert len(result.suggestions) <= 3
    assert result.exact == (result.entry is not None)
    if result.entry is not None:
        assert result.suggestions == ()


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([e.name for e in ENTRIES]), st.sampled_from(["", " ", "  ", ".", ";"]))
def test_names_with_noise_around_match_themselves(name: str, noise: str) -> None:
    result = MATCHER.match(f"{noise}{name.upper()}{noise}")
    assert result.entry is not None and result.entry.name == name
