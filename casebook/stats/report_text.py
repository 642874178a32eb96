"""The paragraphs of the annual report, written once for the page (numbers as links) and the Word file (text)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from casebook.core.i18n import current_language
from casebook.core.templating import format_rate
from casebook.stats.report import AnnualReport, Figure


class Writer:
    """Formats the numbers of a paragraph: as links (HTML) or as plain text (Word)."""

    def __init__(self, html: bool):
        self.html = html

    def number(self, value, url: str | None = None) -> str:
        text = str(value)
        if self.html and url and value:
            return Markup('<a href="{}" class="drill">{}</a>').format(url, text)
        return escape(text) if self.html else text

    def figure(self, fig: Figure) -> str:
        return self.number(format_rate(fig.value) if fig.rate else fig.value, fig.url)

    def text(self, value: str) -> str:
        return escape(value) if self.html else value

    def sentence(self, translated: str, **params) -> str:
        """A translated message (from our catalog, so trusted) filled with the formatted numbers."""
        # The message is our own catalog's text; Markup's % escapes every parameter that is not Markup.
        return Markup(translated) % params if self.html else translated % params  # noqa: S704


def _whole(*figures: Figure) -> bool:
    """Every rate of a sentence has a denominator: a sentence with a rate of "—" is left out (domain.md §4)."""
    return all(f.value is not None for f in figures if f.rate)


def _organisations(report: AnnualReport, w: Writer) -> list[str]:
    o, u = report.organisations, report.organisation_urls
    return [
        w.sentence(
            _(
                "%(scope)s has %(associations)s people's mediation associations, %(committees)s people's "
                "mediation committees (%(sector)s of them sector or professional committees), %(mediators)s "
                "people's mediators (%(full_time)s of them full-time) and an expert pool of %(experts)s mediators."
            ),
            scope=w.text(report.scope or _("The district")),
            associations=w.number(o.associations, u.get("associations")),
            committees=w.number(o.committees, u.get("committees")),
            sector=w.number(o.sector_committees, u.get("sector_committees")),
            mediators=w.number(o.mediators, u.get("mediators")),
            full_time=w.number(o.full_time_mediators, u.get("full_time_mediators")),
            experts=w.number(o.experts, u.get("experts")),
        )
    ]


def _left_out(w: Writer, fig: Figure) -> str:
    """The clause naming the cases an on-time rate leaves out (no computable deadline), or nothing."""
    if not fig.value:
        return ""
    return w.sentence(_(" (%(count)s cases without a computable deadline not counted)"), count=w.figure(fig))


def _mediation(report: AnnualReport, w: Writer) -> list[str]:
    m = report.mediation
    texts = []
    if _whole(m["resolution_rate"]):
        texts.append(
            w.sentence(
                _(
                    "In %(year)s, %(organisations)s screened %(registered)s disputes of all kinds and mediated "
                    "%(succeeded)s of them successfully: a resolution rate of %(rate)s."
                ),
                year=report.year,
                organisations=w.text(report.scope or _("mediation organisations across the district")),
                registered=w.figure(m["registered"]),
                succeeded=w.figure(m["succeeded"]),
                rate=w.figure(m["resolution_rate"]),
            )
        )
    if _whole(m["on_time_rate"]):
        texts.append(
            w.sentence(
                _(
                    "%(concluded)s cases were concluded in the year, %(on_time)s of them within the mediation "
                    "time limit (on-time rate %(on_time_rate)s%(left_out)s)."
                ),
                concluded=w.figure(m["concluded"]),
                on_time=w.figure(m["concluded_on_time"]),
                on_time_rate=w.figure(m["on_time_rate"]),
                left_out=_left_out(w, m["concluded_no_deadline"]),
            )
        )
    if _whole(m["performance_rate"]):
        texts.append(
            w.sentence(
                _(
                    "Of the agreements reached, %(followed)s were followed up and %(performed)s were fully "
                    "performed (performance rate %(performance_rate)s)."
                ),
                followed=w.figure(m["followed_up"]),
                performed=w.figure(m["performed"]),
                performance_rate=w.figure(m["performance_rate"]),
            )
        )
    if report.top_types:
        english = current_language() == "en"
        items = [
            w.sentence(
                _("%(name)s disputes: %(count)s"),
                name=w.text((row.name_en if english and row.name_en else row.name) or ""),
                count=w.number(row.counts.registered, url),
            )
            for row, url in report.top_types
        ]
        separator = w.text(_(", "))
        joined = separator.join(items)  # Markup.join escapes what is not Markup
        texts.append(w.sentence(_("The most frequent were %(types)s."), types=joined))
    return texts


def _intake(report: AnnualReport, w: Writer) -> str:
    """The intake and its change on a year earlier (与上年同期持平 when unchanged), with the on-time rate."""
    r = report.reconsideration
    growth = r["yoy_growth"].value
    common = {"year": report.year, "received": w.figure(r["received"])}
    if growth is None:
        intake = w.sentence(
            _(
                "In %(year)s the district received %(received)s applications for administrative reconsideration; "
                "none were received in the same period of the previous year"
            ),
            **common,
        )
    elif growth == 0:
        intake = w.sentence(
            _(
                "In %(year)s the district received %(received)s applications for administrative reconsideration, "
                "the same number as in the same period of the previous year"
            ),
            **common,
        )
    else:
        message = (
            _(
                "In %(year)s the district received %(received)s applications for administrative reconsideration, "
                "an increase of %(growth)s on the same period of the previous year (%(previous)s)"
            )
            if growth > 0
            else _(
                "In %(year)s the district received %(received)s applications for administrative reconsideration, "
                "a decrease of %(growth)s on the same period of the previous year (%(previous)s)"
            )
        )
        intake = w.sentence(
            message,
            growth=w.text(format_rate(abs(growth))),
            previous=w.figure(r["received_prev_year"]),
            **common,
        )
    if _whole(r["on_time_rate"]):
        on_time = w.sentence(
            _("; the rate of cases concluded within the statutory limit was %(on_time_rate)s%(left_out)s"),
            on_time_rate=w.figure(r["on_time_rate"]),
            left_out=_left_out(w, r["concluded_no_deadline"]),
        )
        intake = w.sentence(_("%(first)s%(second)s"), first=intake, second=on_time)
    return w.sentence(_("%(sentence)s."), sentence=intake)


# The correction rate's sentence names its denominator, as the setting defines it (domain.md §4).
CORRECTION_SENTENCES = {
    "merits": _l(
        "Of the %(decisions)s decisions on the merits, %(corrections)s revoked, modified, confirmed unlawful, "
        "ordered performance or otherwise corrected the act: a correction rate of %(correction_rate)s."
    ),
    "decisions": _l(
        "Of the %(decisions)s reconsideration decisions, %(corrections)s revoked, modified, confirmed unlawful, "
        "ordered performance or otherwise corrected the act: a correction rate of %(correction_rate)s."
    ),
    "all_concluded": _l(
        "Of the %(decisions)s cases concluded, %(corrections)s were decisions that revoked, modified, confirmed "
        "unlawful, ordered performance or otherwise corrected the act: a correction rate of %(correction_rate)s."
    ),
}


def _reconsideration(report: AnnualReport, w: Writer) -> list[str]:
    r = report.reconsideration
    texts = [
        _intake(report, w),
        w.sentence(
            _(
                "%(accepted)s applications were accepted and %(rejected)s were not accepted; %(concluded)s cases "
                "were concluded."
            ),
            accepted=w.figure(r["accepted"]),
            rejected=w.figure(r["rejected"]),
            concluded=w.figure(r["concluded"]),
        ),
    ]
    if _whole(r["correction_rate"]):
        message = CORRECTION_SENTENCES.get(report.correction_basis, CORRECTION_SENTENCES["merits"])
        texts.append(
            w.sentence(
                str(message),
                decisions=w.figure(r["decisions"]),
                corrections=w.figure(r["corrections"]),
                correction_rate=w.figure(r["correction_rate"]),
            )
        )
    if _whole(r["mediation_settlement_rate"], r["mediation_withdrawal_rate"]):
        texts.append(
            w.sentence(
                _(
                    "%(mediated)s cases were resolved by mediation or settlement (%(mediated_rate)s), and "
                    "%(withdrawn)s by mediation, settlement or withdrawal (%(withdrawn_rate)s)."
                ),
                mediated=w.figure(r["mediated_or_settled"]),
                mediated_rate=w.figure(r["mediation_settlement_rate"]),
                withdrawn=w.figure(r["mediated_settled_withdrawn"]),
                withdrawn_rate=w.figure(r["mediation_withdrawal_rate"]),
            )
        )
    return texts


def _litigation(report: AnnualReport, w: Writer) -> list[str]:
    """行政应诉: the cases filed, the heads' appearance in court and the agencies that lost (the 约谈 list)."""
    lit = report.litigation
    if not lit or not lit["filed"].value or not _whole(lit["head_appearance_rate"]):
        return []
    return [
        w.sentence(
            _(
                "In %(year)s, %(filed)s administrative litigation cases were filed against the district's agencies; "
                "the heads of the agencies appeared in court at %(rate)s of the hearings, and %(interviews)s "
                "agencies had judgments against them (the 约谈 list)."
            ),
            year=report.year,
            filed=w.figure(lit["filed"]),
            rate=w.figure(lit["head_appearance_rate"]),
            interviews=w.figure(lit["interviews"]),
        )
    ]


def paragraphs(report: AnnualReport, html: bool) -> list[tuple[str, list[str]]]:
    """(section title, paragraphs) of the report; numbers link to their cases when `html`. A sentence whose
    rate has no denominator is left out, and so is a section left without sentences."""
    w = Writer(html)
    sections: list[tuple[str, list[str]]] = []
    if report.organisations is not None:
        sections.append((_("1. Mediation organisations"), _organisations(report, w)))
    if report.mediation:
        sections.append((_("2. Screening and resolution of disputes"), _mediation(report, w)))
    if report.reconsideration:
        sections.append((_("3. Administrative reconsideration"), _reconsideration(report, w)))
        sections.append((_("4. Administrative litigation"), _litigation(report, w)))
    return [(heading, texts) for heading, texts in sections if texts]


def title(report: AnnualReport) -> str:
    """The report's title."""
    return _(
        "%(year)s annual report on people's mediation and administrative reconsideration", year=report.year
    )
