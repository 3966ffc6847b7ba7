"""PNG screenshot of a viewer page in headless Chromium, with every network request blocked."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "screenshot", "launch_browser", "block_network"]

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
"""Chromium binary (Debian's `chromium`); `$KG_CHROMIUM` overrides it."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_browser(playwright):  # -> playwright.sync_api.Browser
    """Headless Chromium from `CHROMIUM` with the flags that keep it off the network."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM}: Chromium not found (set $KG_CHROMIUM)")
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS)
    )


def block_network(context, blocked: list[str] | None = None) -> None:
    """Abort every request of a Playwright context that is not file://, data: or about:.

    Aborted URLs are appended to `blocked` when a list is given.
    """

    def handle(route) -> None:
        url = route.request.url
        if url.startswith(("file://", "data:", "about:", "blob:")):
            route.continue_()
        else:
            if blocked is not None:
                blocked.append(url)
            route.abort()

    context.route("**/*", handle)


def screenshot(
    html_path: str | Path,
    png_path: str | Path,
    width: int = 1400,
    height: int = 900,
    timeout_ms: int = 60_000,
) -> Path:
    """Open `html_path` (a viewer page) offline, wait for the layout to settle, save a PNG."""
    from playwright.sync_api import sync_playwright

    html_path = Path(html_path).resolve()
    png_path = Path(png_path)
    png_path.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch_browser(p)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            block_network(context)
            page = context.new_page()
            page.goto(html_path.as_uri())
            page.wait_for_function(
                "window.kgViewer && window.kgViewer.settled === true", timeout=timeout_ms
            )
            page.wait_for_timeout(300)  # let the final fit() repaint
            page.screenshot(path=str(png_path), full_page=False)
        finally:
            browser.close()
    return png_path
