"""The results as one table (printed and pasted into the README)."""

from __future__ import annotations

from typing import Any


def _ms(value: dict | None) -> str:
    if not value:
        return ""
    median = value["median_ms"]
    return f"{median:,.1f}" if median < 100 else f"{median:,.0f}"


def _extra(row: dict[str, Any]) -> str:
    parts = []
    if "match" in row:
        parts.append("same counts" if row["match"] else "COUNTS DIFFER")
    for key, label in (
        ("peak_rss_mb", "peak RSS {} MB"),
        ("rows", "{:,} rows"),
        ("requests_per_s", "{:,.0f} req/s"),
        ("p50_ms", "p50 {} ms"),
        ("p99_ms", "p99 {} ms"),
        ("written", "written {}"),
    ):
        if row.get(key) is not None:
            parts.append(label.format(row[key]))
    if row.get("note"):
        parts.append(row["note"])
    return "; ".join(parts)


def line(row: dict[str, Any]) -> str:
    """One row as a line of text (progress output)."""
    app, sql = row.get("app"), row.get("sql")
    ratio = f" ratio {row['ratio']:.2f}" if row.get("ratio") else ""
    return f"{row['section']:6} {row['name']:60} {_ms(app):>9} ms {_ms(sql):>9}{ratio}  {_extra(row)}"


def table(results: dict[str, Any]) -> str:
    """A Markdown table of every row, with the machine's noise."""
    head = (
        f"{results['database']}, {results['size']:,} mediation cases, median of {results['runs']} runs "
        f"(load average {results['machine']['load_average_at_start']} at start, "
        f"{results.get('load_average_at_end')} at end; commit {results.get('commit')})"
    )
    commits = results.get("section_commits") or {}
    if len(set(commits.values())) > 1:
        head += "; measured at " + ", ".join(f"{k} {v}" for k, v in commits.items())
    lines = [
        head,
        "",
        "| section | measurement | casebook (ms) | hand SQL (ms) | ratio | spread | load | notes |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in results["rows"]:
        app = row.get("app")
        spread = f"{app['spread']:.0%}" if app and app.get("runs", 0) > 1 else ""
        ratio = f"{row['ratio']:.2f}" if row.get("ratio") else ""
        lines.append(
            f"| {row['section']} | {row['name']} | {_ms(app)} | {_ms(row.get('sql'))} | {ratio} | {spread} "
            f"| {row.get('load', '')} | {_extra(row)} |"
        )
    return "\n".join(lines)


def _value(row: dict[str, Any]) -> str:
    if row.get("app"):
        return f"{_ms(row['app'])} ms"
    if row.get("p99_ms") is not None:
        return f"p50 {row['p50_ms']} / p99 {row['p99_ms']} ms"
    return row.get("note", "")


def compare(before: dict[str, Any], after: dict[str, Any]) -> str:
    """A Markdown table of the rows both results hold: the time before a change and after it."""
    found = {(r["section"], r["name"]): r for r in before["rows"]}
    lines = [
        f"{before['database']}, {before['size']:,} cases: {before.get('tag') or 'before'} (commit "
        f"{before.get('commit')}) against {after.get('tag') or 'now'} (commit {after.get('commit')})",
        "",
        "| section | measurement | before | after | after / before |",
        "|---|---|---:|---:|---:|",
    ]
    for row in after["rows"]:
        old = found.get((row["section"], row["name"]))
        if old is None:
            continue
        ratio = ""
        if old.get("app") and row.get("app"):
            ratio = f"{row['app']['median_ms'] / old['app']['median_ms']:.2f}"
        lines.append(f"| {row['section']} | {row['name']} | {_value(old)} | {_value(row)} | {ratio} |")
    return "\n".join(lines)
