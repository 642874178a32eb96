"""The paragraphs of the annual report, written once for the page (numbers as links) and the Word file (text)."""

from __future__ import annotations

from flask_babel import gettext as _
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


def paragraphs(report: AnnualReport, html: bool) -> list[tuple[str, list[str]]]:
    """(section title, paragraphs) of the report; numbers link to their cases when `html`."""
    w = Writer(html)
    sections: list[tuple[str, list[str]]] = []
    o = report.organisations
    if o is not None:
        u = report.organisation_urls
        sections.append(
            (
                _("1. Mediation organisations"),
                [
                    w.sentence(
                        _(
                            "The district has %(associations)s people's mediation associations, %(committees)s "
                            "people's mediation committees, %(mediators)s people's mediators and %(full_time)s "
                            "full-time mediators; %(sector)s of the committees are sector or professional "
                            "committees, and the expert pool counts %(experts)s mediators."
                        ),
                        associations=w.number(o.associations, u.get("associations")),
                        committees=w.number(o.committees, u.get("committees")),
                        mediators=w.number(o.mediators, u.get("mediators")),
                        full_time=w.number(o.full_time_mediators, u.get("full_time_mediators")),
                        sector=w.number(o.sector_committees, u.get("sector_committees")),
                        experts=w.number(o.experts, u.get("experts")),
                    )
                ],
            )
        )
    m = report.mediation
    if m:
        texts = [
            w.sentence(
                _(
                    "In %(year)s, mediation organisations across the district screened %(registered)s disputes of "
                    "all kinds and mediated %(succeeded)s of them successfully: a resolution rate of %(rate)s."
                ),
                year=report.year,
                registered=w.figure(m["registered"]),
                succeeded=w.figure(m["succeeded"]),
                rate=w.figure(m["resolution_rate"]),
            ),
            w.sentence(
                _(
                    "%(concluded)s cases were concluded in the year, %(on_time)s of them within the mediation time "
                    "limit (on-time rate %(on_time_rate)s); of the agreements reached, %(followed)s were followed "
                    "up and %(performed)s were fully performed (performance rate %(performance_rate)s)."
                ),
                concluded=w.figure(m["concluded"]),
                on_time=w.figure(m["concluded_on_time"]),
                on_time_rate=w.figure(m["on_time_rate"]),
                followed=w.figure(m["followed_up"]),
                performed=w.figure(m["performed"]),
                performance_rate=w.figure(m["performance_rate"]),
            ),
        ]
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
        sections.append((_("2. Screening and resolution of disputes"), texts))
    r = report.reconsideration
    if r:
        growth = r["yoy_growth"].value
        common = {
            "year": report.year,
            "received": w.figure(r["received"]),
            "previous": w.figure(r["received_prev_year"]),
            "on_time_rate": w.figure(r["on_time_rate"]),
        }
        if growth is None:
            first = w.sentence(
                _(
                    "In %(year)s the district received %(received)s applications for administrative "
                    "reconsideration; none were received in the same period of the previous year. The rate of "
                    "cases concluded within the statutory limit was %(on_time_rate)s."
                ),
                **{k: v for k, v in common.items() if k != "previous"},
            )
        elif growth >= 0:
            first = w.sentence(
                _(
                    "In %(year)s the district received %(received)s applications for administrative "
                    "reconsideration, an increase of %(growth)s on the same period of the previous year "
                    "(%(previous)s); the rate of cases concluded within the statutory limit was %(on_time_rate)s."
                ),
                growth=w.text(format_rate(growth)),
                **common,
            )
        else:
            first = w.sentence(
                _(
                    "In %(year)s the district received %(received)s applications for administrative "
                    "reconsideration, a decrease of %(growth)s on the same period of the previous year "
                    "(%(previous)s); the rate of cases concluded within the statutory limit was %(on_time_rate)s."
                ),
                growth=w.text(format_rate(-growth)),
                **common,
            )
        second = w.sentence(
            _(
                "%(accepted)s applications were accepted and %(rejected)s were not accepted; %(concluded)s cases "
                "were concluded, of which %(corrections)s corrected the act (correction rate %(correction_rate)s) "
                "and %(mediated)s were resolved by mediation or settlement (%(mediated_rate)s)."
            ),
            accepted=w.figure(r["accepted"]),
            rejected=w.figure(r["rejected"]),
            concluded=w.figure(r["concluded"]),
            corrections=w.figure(r["corrections"]),
            correction_rate=w.figure(r["correction_rate"]),
            mediated=w.figure(r["mediated_or_settled"]),
            mediated_rate=w.figure(r["mediation_settlement_rate"]),
        )
        sections.append((_("3. Administrative reconsideration"), [first, second]))
    return sections


def title(report: AnnualReport) -> str:
    """The report's title."""
    return _(
        "%(year)s annual report on people's mediation and administrative reconsideration", year=report.year
    )
