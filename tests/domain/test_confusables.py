"""Look-alike letters (Unicode TR39 confusables) folded to the letters they imitate, so a name
written with a Cyrillic "Т" or a fullwidth "１" is the same name; Vietnamese stays as written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.confusables import skeleton, unconfuse
from plans.directory import AgencyMatcher, DirectoryEntry, folded_key

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY àảãáạằẳẵắặầẩẫấậ"


@pytest.mark.parametrize(
    ("look_alike", "real"),
    [
        ("Sở Тài chính", "Sở Tài chính"),  # Cyrillic capital TE
        ("Sở Xâу dựng", "Sở Xây dựng"),  # Cyrillic small U
        ("UBND Phường １２", "UBND Phường 12"),  # fullwidth digits
        ("Ѕở Y tế", "Sở Y tế"),  # Cyrillic DZE
        ("Sở Nội vụ\u200b", "Sở Nội vụ"),  # an invisible zero-width space
        ("Sở Tư\u00a0pháp", "Sở Tư pháp"),  # a no-break space
        ("Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("Sở Giáo dục và Đào tạο", "Sở Giáo dục và Đào tạo"),  # Greek omicron
        ("𝐒ở Công Thương", "Sở Công Thương"),  # mathematical bold S
    ],
)
def test_look_alikes_fold_to_the_name_they_imitate(look_alike: str, real: str) -> None:
    assert folded_key(look_alike) == folded_key(real)
    assert skeleton(look_alike) == skeleton(real)


@given(st.text(alphabet=VIETNAMESE, max_size=60))
def test_vietnamese_text_is_left_as_written(text: str) -> None:
    assert unconfuse(text) == text


def test_different_names_stay_different() -> None:
    keys = {folded_key(n) for n in ("UBND Phường 1", "UBND Phường 12", "UBND Phường I")}
    assert len(keys) == 3  # digits are not letters: "1" and "I" are different wards


def test_a_look_alike_matches_the_agency_it_imitates() -> None:
    matcher = AgencyMatcher(
        [DirectoryEntry("tc", "Sở Tài chính"), DirectoryEntry("p", "UBND Phường 12")]
    )
    assert (found := matcher.match("Sở Таі chính").entry) is not None and found.key == "tc"
    assert (found := matcher.match("UBND Phường １2").entry) is not None and found.key == "p"
