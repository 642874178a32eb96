"""axe-core in the browser tests: inject the vendored axe.min.js into a page and run the WCAG 2.2 AA rule set.

The app's CSP forbids inline scripts, so a context that runs axe is opened with ``bypass_csp=True``: the bypass
lets the injected script run and changes nothing else about the pages under test. ``axe_context`` adds axe as an
init script (parsed once per context, cached by V8 after that); ``axe_violations`` injects it into a page that lacks it.
"""

from __future__ import annotations

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_context(browser, **options):
    """A new browser context whose every page carries axe (the CSP bypassed for it)."""
    context = browser.new_context(bypass_csp=True, **options)
    context.add_init_script(AXE_SOURCE)
    return context


def axe_violations(page) -> list[dict]:
    """The page's violations of the WCAG 2.0/2.1/2.2 A and AA rules, as axe reports them."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def describe_violations(where: str, violations: list[dict], limit: int = 5) -> list[str]:
    """One readable line per violated rule: the page, the rule, its impact and the first offending elements."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = "; ".join(targets[:limit]) + (
            f" (+{len(targets) - limit} more)" if len(targets) > limit else ""
        )
        summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")
        lines.append(
            f"{where}: {violation['id']} ({violation['impact']}, {len(targets)} elements): {violation['help']}"
            f" — {shown} — {summary}"
        )
    return lines
