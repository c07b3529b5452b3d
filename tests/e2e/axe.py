"""axe-core in the browser journeys: every page a journey visits is checked at desktop and phone
width, and a serious or critical finding fails the journey.

axe-core comes from the npm package pinned in `tests/e2e/package.json` (`make install-dev`
installs it). The test serves it to the page under a same-origin path that only the browser
sees, so the page's strict Content-Security-Policy (`script-src 'self'`) stays as it is.
"""

import os
from pathlib import Path

import pytest

AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__axe-core__/axe.min.js"
# WCAG 2.2 A and AA, which BITV 2.0 refers to through EN 301 549.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = ("serious", "critical")
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

RUN_AXE = """async ([tags, impacts]) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations
    .filter(v => impacts.includes(v.impact))
    .map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    }));
}"""


# A button whose colours are still fading (Bootstrap's transitions after a click or focus,
# htmx's classes while it swaps in a row) has a contrast between its two states: wait until
# htmx has settled and running transitions have ended, at most two seconds.
SETTLE = """async () => {
  const busy = '.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added';
  for (let waited = 0; document.querySelector(busy) && waited < 1000; waited += 50) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  await Promise.race([
    Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
    new Promise(resolve => setTimeout(resolve, 1000)),
  ]);
}"""


def serve_axe(page) -> None:
    """Answer AXE_PATH from the installed package; the request never leaves the browser."""
    if not AXE_JS.exists():
        message = f"{AXE_JS.name} is missing: run `make install-dev`"
        if os.environ.get("INNONET_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    page.route(
        f"**{AXE_PATH}",
        lambda route: route.fulfill(path=AXE_JS, content_type="text/javascript"),
    )


def findings(page) -> list[dict]:
    """The serious and critical axe findings on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_PATH)
    page.evaluate(SETTLE)
    return page.evaluate(RUN_AXE, [WCAG_TAGS, list(SERIOUS)])


def describe(problems: list[tuple[str, dict]]) -> str:
    return "\n".join(
        f"{where}: {p['impact']} {p['id']} ({p['help']}) at {', '.join(p['targets'])}"
        for where, p in problems
    )


class Auditor:
    """Checks pages at both widths and remembers every page it checked."""

    def __init__(self, page):
        self.page = page
        self.pages: list[str] = []
        serve_axe(page)

    def __call__(self) -> None:
        page = self.page
        page.wait_for_load_state("load")
        original = page.viewport_size
        problems = []
        for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            problems += [(f"{page.url} [{name}]", p) for p in findings(page)]
        if original:
            page.set_viewport_size(original)
        self.pages.append(page.url)
        assert not problems, "axe-core found serious problems:\n" + describe(problems)
