"""Dashboard in a real browser (Debian chromium driven by playwright; never `playwright install`).

A store is built from the bundled samples plus one hostile article, the API is served on 127.0.0.1 by
the test itself, and every view is clicked through. Run with ``--screenshots docs`` to refresh the
README's pictures.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn

from eventwire.api import create_app
from eventwire.cli import samples_dir
from eventwire.engines import local
from eventwire.settings import Settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (.ci/run installs it)"),
]
HOSTILE = (
    'Officials said <script>window.__xss = 1; alert("xss")</script> and <img src=x onerror="window.__xss=2"> '
    "were found in a statement. Kenya and Uganda signed a trade agreement in Kampala on Friday, the "
    "<b onmouseover=\"window.__xss=3\">ministries</b> said. \"<script>alert(2)</script> is not a quote,\" "
    "said Minister <a href=\"javascript:window.__xss=4\">Jane Okello</a>."
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, free_port: Callable[[], int]) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("store")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE)
    settings = Settings(db_path=folder / "demo.duckdb")
    local.ingest([str(samples_dir()), str(hostile)], settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(base_url: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        pg = browser.new_page(viewport={"width": 1366, "height": 800})
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        pg.goto(base_url + "/", wait_until="networkidle")
        yield pg
        browser.close()


def _drawn(page, panel: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until ``panel`` shows the answer to its latest request (the app clears aria-busy then)."""
    page.wait_for_selector(f"#{panel}[aria-busy=false]", state="attached")


def _apply(page) -> None:  # type: ignore[no-untyped-def]
    """Click Apply and wait until the events table has been redrawn from the API's answer."""
    page.click("#apply")
    _drawn(page, "view-events")


def _open_row(page, row) -> None:  # type: ignore[no-untyped-def]
    """Click an events-table row and wait until the article panel shows that row's article."""
    row.click()
    _drawn(page, "article")
    assert page.locator("#article").get_attribute("data-article") == row.get_attribute("data-article")


def _shot(page, request: pytest.FixtureRequest, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = request.config.getoption("--screenshots")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"dashboard-{name}.png"))


def test_events_table_and_article_evidence(page, request) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("#events-table tbody tr")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() > 20
    assert "events match" in page.locator("#stats").inner_text()
    _shot(page, request, "events")
    _open_row(page, rows.first)
    page.wait_for_selector("#article mark.trigger")
    trigger = page.locator("#article mark.trigger").inner_text()
    evidence = rows.first.locator("td.evidence").inner_text()
    assert trigger and trigger in evidence
    _shot(page, request, "article")
    page.click("#close-article")


def test_filters_narrow_the_events(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#f-actor", "RUS")
    page.select_option("#f-type", "ASSAULT")
    _apply(page)
    assert page.locator("#events-table tbody tr").count() >= 1
    for row in page.locator("#events-table tbody tr").all():
        assert row.locator("td").nth(1).inner_text() == "ASSAULT"
    page.fill("#f-actor", "")
    page.select_option("#f-type", "")
    _apply(page)


def test_timeline_network_map_views(page, request) -> None:  # type: ignore[no-untyped-def]
    page.click("#tabs button[data-view=timeline]")
    _drawn(page, "view-timeline")
    page.wait_for_selector("#timeline rect")
    assert page.locator("#timeline rect").count() > 3
    _shot(page, request, "timeline")
    page.click("#tabs button[data-view=network]")
    _drawn(page, "view-network")
    page.wait_for_selector("#network line")
    assert page.locator("#network text.node").count() >= 2
    _shot(page, request, "network")
    page.click("#tabs button[data-view=map]")
    _drawn(page, "view-map")
    page.wait_for_selector("#map line", state="attached")
    _shot(page, request, "map")
    page.click("#tabs button[data-view=events]")


def test_quotes_search_by_speaker(page, request) -> None:  # type: ignore[no-untyped-def]
    page.click("#tabs button[data-view=quotes]")
    page.fill("#q-speaker", "Mokoena")
    page.click("#q-search")
    _drawn(page, "view-quotes")
    speakers = page.locator("#quotes-list .speaker").all_inner_texts()
    assert speakers and all("Mokoena" in s for s in speakers)
    _shot(page, request, "quotes")
    page.click("#tabs button[data-view=events]")


def test_hostile_article_text_is_shown_escaped_and_never_runs(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#f-text", "Kampala")
    _apply(page)
    _open_row(page, page.locator("#events-table tbody tr").first)
    page.wait_for_selector("#article mark")
    body = page.locator("#article-text").inner_text()
    assert "<script>" in body and "onerror" in body  # shown as text
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.locator("#article-text script, #article-text img, #article-text a").count() == 0
    page.click("#close-article")
    for view in ("quotes", "network", "timeline", "map", "events"):
        page.click(f"#tabs button[data-view={view}]")
        _drawn(page, f"view-{view}")
    assert page.evaluate("window.__xss") is None and page.dialogs == []  # type: ignore[attr-defined]


def test_a_late_answer_never_overwrites_a_newer_one(page) -> None:  # type: ignore[no-untyped-def]
    """Filter A's answer is held back until filter B's is drawn; when A's finally arrives it is dropped."""
    held = []

    def hold_first(route) -> None:  # type: ignore[no-untyped-def]
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/api/events?*", hold_first)
    try:
        page.select_option("#f-type", "ASSAULT")
        page.click("#apply")  # A: held
        page.select_option("#f-type", "")
        page.fill("#f-text", "Kampala")
        _apply(page)  # B: answered and drawn
        assert "Kampala" in (page.locator("#events-table").get_attribute("data-query") or "")
        dropped = int(page.locator("#view-events").get_attribute("data-dropped") or 0)
        with page.expect_response(lambda r: "event_type=ASSAULT" in r.url):
            held[0].continue_()
        page.wait_for_selector(f"#view-events[data-dropped='{dropped + 1}']", state="attached")
        query = page.locator("#events-table").get_attribute("data-query") or ""
        assert "Kampala" in query and "ASSAULT" not in query
        assert page.locator("#view-events").get_attribute("aria-busy") == "false"
    finally:
        page.unroute("**/api/events?*")
        page.fill("#f-text", "")
        _apply(page)
