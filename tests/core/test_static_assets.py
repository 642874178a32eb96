"""Static files compressed (brotli, else gzip) and cached for a year under their content hash; pages compressed
too, still never stored."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli

STATIC = Path(__file__).resolve().parents[2] / "casebook" / "static"
ONE_YEAR = "max-age=31536000"


def _static_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_pages_link_static_files_under_their_content_hash(client, login_as):
    login_as("bureau")
    urls = _static_urls(client.get("/stats/").get_data(as_text=True))
    assert any("echarts.min.js" in url for url in urls) and any("app.css" in url for url in urls)
    assert all(re.search(r"\?v=[0-9a-f]{12}$", url) for url in urls), urls


def test_a_hashed_static_file_is_compressed_and_cached_for_a_year(client, login_as):
    login_as("bureau")
    script = next(u for u in _static_urls(client.get("/stats/").get_data(as_text=True)) if "echarts" in u)
    original = (STATIC / "vendor/echarts/echarts.min.js").read_bytes()
    for encoding, decompress, at_most in (
        ("br", brotli.decompress, 350_000),
        ("gzip", gzip.decompress, 380_000),
    ):
        response = client.get(script, headers={"Accept-Encoding": f"{encoding}, identity"})
        body = response.get_data()
        assert response.headers["Content-Encoding"] == encoding
        assert len(body) <= at_most and decompress(body) == original
        cache_control = response.headers["Cache-Control"]
        assert ONE_YEAR in cache_control and "immutable" in cache_control and "public" in cache_control
        assert "Accept-Encoding" in response.headers["Vary"]
        assert response.headers["Content-Security-Policy"]  # the same headers as before


def test_a_static_url_without_the_current_hash_is_revalidated(client):
    for url in ("/static/css/app.css", "/static/css/app.css?v=000000000000"):
        response = client.get(url, headers={"Accept-Encoding": "br"})
        assert ONE_YEAR not in response.headers["Cache-Control"] and response.headers["ETag"]
        again = client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304


def test_pages_are_compressed_and_still_never_stored(client, login_as):
    login_as("bureau")
    response = client.get("/stats/", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert response.headers["Content-Encoding"] == "br"  # preferred to zstd, which packs these worse
    assert response.headers["Cache-Control"] == "no-store"
    assert "统计" in brotli.decompress(response.get_data()).decode()
    plain = client.get("/stats/")  # a client that asks for nothing gets it as it is
    assert "Content-Encoding" not in plain.headers


def test_the_json_api_is_not_compressed(client, api_client):
    _user, headers = api_client("bureau")
    response = client.get("/api/v1/me", headers={**headers, "Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
