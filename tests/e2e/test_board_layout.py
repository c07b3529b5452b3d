"""The project board at desktop and phone width: no sideways scrolling at 1366 px, stages
stacked with a stage list at 390 px, and no tap target under 24 px."""

import pytest

from innonet.projects.models import InnovationProject
from innonet.projects.rules import Stage
from tests.e2e.test_login_journeys import enter_code, sign_in
from tests.factories import UserFactory, add_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_TARGETS = """() => [...document.querySelectorAll(
    'main a, main button, main summary, main input, main select, footer a')]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .map((el) => [el.textContent.trim().slice(0, 40), el.getBoundingClientRect()])
  .filter(([, box]) => box.width < 24 || box.height < 24)
  .map(([text, box]) => `${text} ${Math.round(box.width)}x${Math.round(box.height)}`)"""


@pytest.fixture
def board(page):
    staff = UserFactory(role="staff", email="tafel@beispiel.de", full_name="Petra Tafel")
    secret = add_totp(staff)
    for stage in Stage:
        for number in range(2):
            InnovationProject.objects.create(
                title=f"Niedersächsisches Innovationsförderprogramm {stage.value} {number}",
                stage=stage.value,
                next_step="Projektskizze mit allen Konsortialpartnern abstimmen",
                owner=staff,
            )
    sign_in(page, staff.email)
    enter_code(page, secret)
    page.goto("/projekte/board/")
    return page


def test_at_1366_px_all_ten_stages_fit_without_sideways_scrolling(board):
    board.set_viewport_size({"width": 1366, "height": 900})
    board.reload()
    assert board.locator(".board-column").count() == len(Stage)
    # The board and the page's content (the menu bar is not the board's business).
    widths = board.evaluate(
        "() => ['main', '.board'].map((css) => document.querySelector(css))"
        ".map((el) => [el.scrollWidth, el.clientWidth])"
    )
    assert all(scroll <= client for scroll, client in widths), widths
    # Every card fits its column: no text pokes out of a card.
    overflowing = board.evaluate(
        "() => [...document.querySelectorAll('.board-card')]"
        ".filter((card) => card.scrollWidth > card.clientWidth + 1).length"
    )
    assert overflowing == 0
    assert board.evaluate(SMALL_TARGETS) == []


def test_at_390_px_stages_stack_and_the_stage_list_jumps_to_one(board):
    board.set_viewport_size({"width": 390, "height": 844})
    board.reload()
    assert board.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )  # at phone width the menu is collapsed, so the whole page counts
    columns = board.locator(".board-column")
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] - 1  # one stage below the other
    assert board.evaluate(SMALL_TARGETS) == []
    stages = board.get_by_role("navigation", name="Phasen")
    assert stages.get_by_role("link").count() == len(Stage)
    stages.get_by_role("link").last.click()
    board.wait_for_function("() => location.hash.startsWith('#column-')")
    # Bootstrap scrolls smoothly: wait until the stage has arrived in view.
    board.wait_for_function(
        "() => { const top = [...document.querySelectorAll('.board-column')].pop()"
        ".getBoundingClientRect().top; return top >= 0 && top < 844; }"
    )
