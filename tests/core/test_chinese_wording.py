"""Chinese text uses full-width punctuation (，。：；（）、“”): every message of the zh catalogs, and the Chinese
written straight in the code (the deadline engine's steps, citations, report sentences, templates).

ASCII , . : ; ( ) ! ? next to Chinese (spaces aside) is an error, except in what is not prose:
- a literal the user types or reads verbatim, quoted “…” (a CSV line, a date format, a separator such as “;”);
- placeholders (%(day)s, {name}, Jinja's {{ … }}), HTML tags, URLs and file names (.xlsx);
- a text made only of CSV lines (two commas or more each: a sample file, a header row);
- in the code: English sentences with a Chinese term in brackets (more Latin letters than Chinese characters),
  the English msgids passed to gettext (the catalogs hold their Chinese), docstrings and regular expressions.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "casebook"
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef《》“”‘’—…"
NOT_PROSE = re.compile(
    r"“[^”]*”|%\(\w+\)[sdfr]|%[sdf]|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\w*\}|<[^>]*>|https?://\S+"
    r"|[\w-]*\.(?:csv|xlsx|docx|txt|json|pdf)\b"
)
ASCII_BESIDE_CHINESE = re.compile(rf"[{CJK}] *[,.:;()!?]|[,.:;()!?] *[{CJK}]")
GETTEXT = {"_", "_l", "gettext", "lazy_gettext", "ngettext", "N_"}


def _is_csv(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(line.count(",") >= 2 and not re.search("[，。；：]", line) for line in lines)


def ascii_punctuation(text: str) -> list[str]:
    """The places where ASCII punctuation stands next to Chinese prose in ``text``."""
    if _is_csv(text):
        return []
    return ASCII_BESIDE_CHINESE.findall(NOT_PROSE.sub("x", text))


def _is_chinese(text: str) -> bool:
    return len(re.findall(f"[{CJK}]", text)) >= max(1, len(re.findall("[A-Za-z]", text)))


def test_the_rule_flags_prose_and_spares_literals():
    assert ascii_punctuation("校验码(最后一位)不符,请核对号码。") == ["码(", "位)", "符,"]
    assert ascii_punctuation("导入: 调解案件") == ["入:"]
    assert ascii_punctuation("第 1–2 条,共 2 条") == ["条,"]
    assert ascii_punctuation("《行政复议法》(2023)第六十二条") == ["》(", ")第"]
    assert not ascii_punctuation("格式为“日期,类型[,名称]”，例如“2027-10-01,休”。")
    assert not ascii_punctuation("最后一日为%(day)s。增长1.5个百分点，请上传 .xlsx 文件")
    assert not ascii_punctuation("日期,类型,名称\n2027-01-01,休,元旦")


def test_every_zh_catalog_message_uses_full_width_punctuation():
    offenders = []
    for path in sorted((PACKAGE / "i18n" / "zh").glob("*.po")):
        with path.open("rb") as fh:
            catalog = read_po(fh, locale="zh")
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            offenders += [
                f"{path.name}: {s!r} {ascii_punctuation(s)}" for s in strings if s and ascii_punctuation(s)
            ]
    assert not offenders, "\n".join(offenders)


# A hint must point somewhere: there is no settings page, the practice rules are configuration an administrator
# sets (README, Configuration), so no text sends a user to 设置.
HINT_TO_NOWHERE = re.compile("可在设置中|在设置中|可设置为")


def _zh_catalog_strings():
    for path in sorted((PACKAGE / "i18n" / "zh").glob("*.po")):
        with path.open("rb") as fh:
            catalog = read_po(fh, locale="zh")
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            yield from ((path.name, s) for s in strings if s)


def test_no_text_points_to_a_settings_page_that_does_not_exist():
    texts = [s for _name, s in _zh_catalog_strings()]
    texts += [text for path in PACKAGE.rglob("*.py") for _lineno, text in _python_texts(path)]
    assert not [text for text in texts if HINT_TO_NOWHERE.search(text)]


def _python_texts(path: Path):
    """Each string literal of a module (an f-string with its fields as {}) but docstrings and gettext msgids."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT:
            skipped.update(id(arg) for arg in node.args)
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "value", None)
            and getattr(node.func.value, "id", "") == "re"
        ):
            skipped.update(id(arg) for arg in node.args)  # a regular expression's pattern
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            text = node.value
        else:
            continue
        if _is_chinese(text) and not re.fullmatch(r"\[.*\][+*]?", text):
            yield node.lineno, text


def test_chinese_written_in_the_code_uses_full_width_punctuation():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for lineno, text in _python_texts(path):
            if ascii_punctuation(text):
                offenders.append(f"{path.relative_to(PACKAGE)}:{lineno}: {text!r} {ascii_punctuation(text)}")
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _is_chinese(NOT_PROSE.sub("", line)) and ascii_punctuation(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{lineno}: {line.strip()!r}")
    assert not offenders, "\n".join(offenders)
