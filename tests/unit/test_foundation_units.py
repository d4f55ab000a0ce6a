"""Pure pieces of the foundation: settings, durations, texts, what the emulator rejects."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from access.members import parse_duration
from bot.settings import Settings, SettingsError, load_settings
from domain.status import Role
from domain.text import fold, squash
from emulator.validation import ValidationError, check_reply_markup, check_text
from texts import CATALOGUES, Html, Texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", timedelta(days=7)),
        ("7", timedelta(days=7)),
        ("48h", timedelta(hours=48)),
        ("30m", timedelta(minutes=30)),
        ("3 ngày", timedelta(days=3)),
        ("0d", None),
        ("soon", None),
        ("-1d", None),
    ],
)
def test_parse_duration(text: str, expected: timedelta | None) -> None:
    assert parse_duration(text) == expected


def test_settings_defaults_and_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DONDOC_ADMIN_IDS", "11, 22;33")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.admin_ids == [11, 22, 33]
    assert settings.database_url == "postgresql+asyncpg://u@h/db"
    assert settings.timezone == "Asia/Ho_Chi_Minh" and settings.language == "vi"
    assert settings.api_url == "https://api.telegram.org/bot{token}"


def test_missing_token_and_bad_settings_say_which_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        Settings(_env_file=None).token()  # type: ignore[call-arg]
    monkeypatch.setenv("DONDOC_ADMIN_IDS", "abc")
    with pytest.raises(SettingsError, match="DONDOC_ADMIN_IDS"):
        load_settings(_env_file=None)


def test_settings_errors_are_said_in_the_deployments_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Even when the settings cannot be read, DONDOC_LANGUAGE (environment, then .env) chooses
    the language of what is wrong; Vietnamese when it is unset or itself wrong."""
    monkeypatch.chdir(tmp_path)
    for name in ("DONDOC_LANGUAGE", "DONDOC_TICK_SECONDS", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text("DONDOC_TICK_SECONDS=1\n", encoding="utf-8")
    with pytest.raises(SettingsError) as vietnamese:
        load_settings()
    assert str(vietnamese.value) == (
        "DONDOC_TICK_SECONDS: phải từ 5 trở lên (kiểm tra tệp .env hoặc biến môi trường)"
    )
    (tmp_path / ".env").write_text("DONDOC_LANGUAGE=en\nDONDOC_TICK_SECONDS=1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"^DONDOC_TICK_SECONDS: must be at least 5 \(check"):
        load_settings()
    monkeypatch.setenv("DONDOC_LANGUAGE", "fr")  # the environment wins; not a language here
    with pytest.raises(SettingsError) as wrong:
        load_settings()
    assert str(wrong.value).startswith("DONDOC_LANGUAGE: phải là một trong các giá trị: vi, en")
    monkeypatch.setenv("DONDOC_LANGUAGE", "en")
    (tmp_path / ".env").write_text("DONDOC_TIMEZONE=Mars/Olympus\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="DONDOC_TIMEZONE: unknown time zone"):
        load_settings()
    (tmp_path / ".env").write_text("", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"^TELEGRAM_BOT_TOKEN is not set"):
        load_settings().token()
    monkeypatch.delenv("DONDOC_LANGUAGE")
    with pytest.raises(SettingsError, match=r"^Chưa đặt TELEGRAM_BOT_TOKEN"):
        load_settings().token()


def test_text_catalogues_have_the_same_placeholders() -> None:
    import string

    vi, en = CATALOGUES["vi"], CATALOGUES["en"]
    assert set(en) <= set(vi)
    for key, template in en.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(vi[key]) if f}, key


def test_values_are_escaped_but_html_fragments_are_not() -> None:
    texts = Texts("vi")
    rendered = texts("agency.unknown", name="<b>Sở & Co</b>")
    assert "&lt;b&gt;Sở &amp; Co&lt;/b&gt;" in rendered
    assert texts("start.bound", name="A", role="r", agency_part=Html("<b>x</b>")).count("<b>x</b>")
    check_text(rendered, "HTML")


def test_roles_include_the_ones_below() -> None:
    assert Role.ADMIN.allows(Role.COORDINATOR) and Role.COORDINATOR.allows(Role.OFFICER)
    assert not Role.OFFICER.allows(Role.COORDINATOR)


def test_fold_ignores_case_diacritics_and_d() -> None:
    assert fold("  Sở  KẾ hoạch và Đầu tư ") == "so ke hoach va dau tu"
    assert fold("Sở Xây dựng") == fold("So xay dung")
    decomposed = "Sở Xây dựng".encode().decode()
    import unicodedata

    assert fold(unicodedata.normalize("NFD", decomposed)) == "so xay dung"
    assert squash("Sở KH&ĐT") == "sokhdt"


@pytest.mark.parametrize(
    "text",
    ["a & b", "<b>open", "x <3 y", "<script>x</script>", "<b>x</i>", "", "   ", "x" * 4097],
)
def test_emulator_rejects_what_telegram_rejects(text: str) -> None:
    with pytest.raises(ValidationError):
        check_text(text, "HTML")


def test_emulator_counts_length_after_entities() -> None:
    assert check_text("<b>" + "x" * 4096 + "</b>", "HTML")
    assert check_text("&amp;" * 4096, "HTML")


def test_emulator_rejects_callback_data_over_64_bytes() -> None:
    ok = {"inline_keyboard": [[{"text": "A", "callback_data": "x" * 64}]]}
    check_reply_markup(ok)
    bad = {"inline_keyboard": [[{"text": "A", "callback_data": "đ" * 33}]]}
    with pytest.raises(ValidationError):
        check_reply_markup(bad)


def test_every_setting_is_documented_in_env_example() -> None:
    import re
    from pathlib import Path

    example = (Path(__file__).resolve().parents[2] / ".env.example").read_text("utf-8")
    documented = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert {f.alias for f in Settings.model_fields.values()} == documented


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_text_is_complete_and_valid_telegram_html(language: str) -> None:
    import string

    from emulator.validation import plain_text

    catalogue, texts = CATALOGUES[language], Texts(language)
    assert set(catalogue) == set(CATALOGUES["vi"])
    for key, template in catalogue.items():
        names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        plain_text(texts(key, **dict.fromkeys(names, "<x & y>")), "HTML")
        if key.startswith("cmd."):
            assert 1 <= len(template) <= 256
