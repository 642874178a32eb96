"""How a deadline is explained: citations of articles and the bilingual steps that lead to a result."""

from __future__ import annotations

from dataclasses import dataclass

# Short names of the texts cited (domain.md, "Abbreviations").
LAW_TITLES_ZH = {
    "ARL23": "《行政复议法》（2023年修订）",
    "ARL17": "《行政复议法》（2017年修正）",
    "Reg07": "《行政复议法实施条例》",
    "CPL": "《民事诉讼法》",
    "MoJ02": "《人民调解工作若干规定》",
    "PML": "《人民调解法》",
    "ALL": "《行政诉讼法》",
    "SPC20": "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》",
}
_DIGITS = "零一二三四五六七八九"


def pick(lang: str, zh: str, en: str) -> str:
    """``zh`` for a Chinese language code (``zh``, ``zh_Hans_CN``, ...), ``en`` for any other."""
    return zh if lang.lower().startswith("zh") else en


def zh_number(n: int) -> str:
    """Write 1–999 in Chinese numerals as statutes number their articles (e.g. 62 → 六十二, 105 → 一百零五)."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    text = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("一" if hundreds else "") + ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    elif hundreds and units:
        text += "零"
    if units:
        text += _DIGITS[units]
    return text


@dataclass(frozen=True)
class Citation:
    """An article of a law, optionally narrowed to a paragraph (款) and an item (项)."""

    law: str
    article: int
    paragraph: int | None = None
    item: int | None = None

    @property
    def zh(self) -> str:
        """The citation in Chinese, e.g. 《行政复议法》（2023年修订）第六十二条第一款."""
        text = f"{LAW_TITLES_ZH[self.law]}第{zh_number(self.article)}条"
        if self.paragraph:
            text += f"第{zh_number(self.paragraph)}款"
        if self.item:
            text += f"第{zh_number(self.item)}项"
        return text

    @property
    def en(self) -> str:
        """The citation in English, e.g. ARL23 art. 62 ¶1."""
        text = f"{self.law} art. {self.article}"
        if self.paragraph:
            text += f" ¶{self.paragraph}"
        if self.item:
            text += f"({self.item})"
        return text


@dataclass(frozen=True)
class Step:
    """One line of the explanation of a result, in both languages, with the article it rests on (if any)."""

    zh: str
    en: str
    article: str | None

    def text(self, lang: str) -> str:
        """The line in ``lang`` (Chinese for ``zh*``, English otherwise)."""
        return pick(lang, self.zh, self.en)


def step(zh: str, en: str, *cites: Citation, practice: bool = False) -> Step:
    """Build a step whose lines end with the citations; ``practice`` marks a rule the bureau can change (its
    administrator, through the configuration the README lists: there is no settings page)."""
    zh_refs = [c.zh for c in cites] + (["本局实务规则，由系统管理员在配置中设定"] if practice else [])
    en_refs = [c.en for c in cites] + (
        ["the bureau's practice rule, set by an administrator in the configuration"] if practice else []
    )
    if zh_refs:
        zh = f"{zh}（{'；'.join(zh_refs)}）"
        en = f"{en} ({'; '.join(en_refs)})"
    return Step(zh, en, "; ".join(c.en for c in cites) or None)
