"""`make test-bi`'s browser check: log in to Superset with headless Chromium, open the dashboard,
wait until every chart has rendered, and say what each shows; keep a screenshot.

Runs in Superset's own venv (it brings selenium) with Debian's `chromium` and `chromium-driver`
(/usr/bin/chromium, /usr/bin/chromedriver): nothing is downloaded at run time (SE_OFFLINE).
Prints one JSON object: {"login": bool, "charts": [{name, viz, rendered, error, text}],
"filters": [the native filters named and shown], "console_errors": [...], "screenshot": path}. tests/superset_check.py judges it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from typing import Any

os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager must not fetch a driver

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1600,2000",
    "--lang=zh-CN",
]
ERROR_SELECTORS = ".ant-alert-error, [data-test='error-message'], .alert-danger"
LOADING_SELECTORS = ".loading, [aria-label='Loading'], [data-test='loading-indicator']"
CONTENT_SELECTORS = "canvas, svg, table tbody tr, .header-line"


def browser(profile: str) -> webdriver.Chrome:
    """Return a headless Chromium driven by Debian's chromedriver, with a fresh profile."""
    options = Options()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait_for(driver: webdriver.Chrome, css: str, seconds: float) -> list[Any]:
    """Return the elements matching css once there are any, [] after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = driver.find_elements(By.CSS_SELECTOR, css)
        if found:
            return found
        time.sleep(0.5)
    return []


def login(driver: webdriver.Chrome, url: str, user: str, password: str) -> bool:
    """Log in through the login form; return False when the form never rendered (a blank UI)."""
    driver.get(f"{url}/login/")
    fields = wait_for(driver, "input[name='username'], input#username", 60)
    if not fields:
        return False
    fields[0].send_keys(user)
    driver.find_element(By.CSS_SELECTOR, "input[name='password'], input#password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "[type='submit'], button[data-test='login-button']").click()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "/login" in driver.current_url:
        time.sleep(0.5)
    return "/login" not in driver.current_url


def chart_states(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """Return every chart on the page: name, viz type, rendered, error text, visible text."""
    out = []
    for el in driver.find_elements(By.CSS_SELECTOR, "[data-test-chart-id]"):
        errors = el.find_elements(By.CSS_SELECTOR, ERROR_SELECTORS)
        text = el.text.strip()
        out.append(
            {
                "id": el.get_attribute("data-test-chart-id"),
                "name": el.get_attribute("data-test-chart-name"),
                "viz": el.get_attribute("data-test-viz-type"),
                "loading": bool(el.find_elements(By.CSS_SELECTOR, LOADING_SELECTORS)),
                "rendered": bool(el.find_elements(By.CSS_SELECTOR, CONTENT_SELECTORS)),
                "error": " | ".join(e.text.strip() for e in errors if e.text.strip())
                or ("No results" if any(w in text for w in ("No results", "无结果", "没有结果", "暂无数据")) else ""),
                "text": text[:400],
            }
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password-env", default="SUPERSET_PASSWORD")
    parser.add_argument("--dashboard", required=True, help="dashboard slug")
    parser.add_argument("--charts", type=int, required=True, help="charts the dashboard must show")
    parser.add_argument("--filter", action="append", default=[], help="a native filter's name to find")
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    result: dict[str, Any] = {"login": False, "charts": [], "console_errors": [], "screenshot": None}
    with tempfile.TemporaryDirectory(prefix="jixiao-chromium-") as profile:
        try:
            driver = browser(profile)
        except WebDriverException as exc:
            result["console_errors"].append(f"cannot start chromium: {exc.msg}")
            print(json.dumps(result, ensure_ascii=False))
            return 1
        try:
            result["login"] = login(driver, args.url, args.username, os.environ[args.password_env])
            if result["login"]:
                driver.get(f"{args.url}/superset/dashboard/{args.dashboard}/")
                deadline = time.monotonic() + args.timeout
                while time.monotonic() < deadline:
                    charts = chart_states(driver)
                    settled = [c for c in charts if not c["loading"] and (c["rendered"] or c["error"])]
                    if len(charts) >= args.charts and len(settled) == len(charts):
                        break
                    time.sleep(1)
                time.sleep(2)  # let the last animation finish before the picture
                result["charts"] = chart_states(driver)
                page = driver.find_element(By.TAG_NAME, "body").text
                result["filters"] = [name for name in args.filter if name in page]
            driver.save_screenshot(args.screenshot)
            result["screenshot"] = args.screenshot
            result["title"] = driver.title
            result["console_errors"] = [
                e["message"][:300] for e in driver.get_log("browser") if e.get("level") == "SEVERE"
            ]
        finally:
            driver.quit()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
