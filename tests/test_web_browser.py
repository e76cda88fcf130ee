"""A real headless Chromium (Debian's chromium + chromedriver, driven by Selenium) against the example project.

The browser signs in through the form, keeps its session from page to page, and sees a
note that another client had the main process write into its session by ID. CI installs
the browser (.ci/run); elsewhere the test is skipped when Chromium or Selenium is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from webtools import serve

pytest.importorskip("cheroot")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "web"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def _need(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: .ci/run installs it")
    pytest.skip(f"{what} is not installed")


@pytest.fixture
def browser(tmp_path: Path):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _need("selenium")
    if CHROMIUM is None or DRIVER is None:
        _need("Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _follow(browser, element_id: str) -> None:
    """Click a link or button and wait until the next page has replaced this one."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, element_id).click()
    WebDriverWait(browser, 60).until(expected_conditions.staleness_of(page))
    WebDriverWait(browser, 60).until(lambda b: b.execute_script("return document.readyState") == "complete")


def test_a_browser_signs_in_keeps_its_session_and_sees_the_admin_note(browser) -> None:
    from selenium.webdriver.common.by import By

    with serve(EXAMPLE) as served:
        browser.get(served.url + "/")
        browser.find_element(By.ID, "name").send_keys("Ann")
        _follow(browser, "signin")
        assert browser.current_url.endswith("/board.shtml")
        assert browser.find_element(By.ID, "hello").text == "Hello Ann"
        sid = browser.find_element(By.ID, "session").text
        assert len(sid) == 32
        [cookie] = [c for c in browser.get_cookies() if c["name"] == "4DSID_TeamBoard"]
        assert cookie["value"] == sid and cookie["httpOnly"] is True and cookie.get("sameSite") == "Strict"
        # a second page of the same session
        _follow(browser, "profile")
        assert browser.find_element(By.ID, "user").text == "Ann"
        assert browser.find_element(By.ID, "session").text == sid
        # another client: a second browser signs in, then asks the main process to write a note
        # into every member's session by its ID
        other = served.client()
        other.post("/4DACTION/login", "name=Bob", headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert other.get("/4DACTION/announce?text=Lunch%20at%20noon").text == "2 session(s) got the note"
        _follow(browser, "board")
        assert browser.find_element(By.ID, "note").text == "Note from the admin: Lunch at noon"
        members = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#members li")]
        assert members == ["Ann", "Bob"]
        assert browser.find_element(By.ID, "session").text == sid
        assert browser.find_element(By.ID, "pages").text == "3"
