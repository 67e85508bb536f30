"""What assistive technology gets from the pages: names that say which topic, live regions that
say what changed, and colours with enough contrast in both themes."""

from __future__ import annotations

import re

import pytest

from web_client import sign_up

from skilltree.web.static_files import STATIC


def test_each_status_button_says_which_topic_it_marks(client):
    sign_up(client)
    roadmap = client.get("/paths/starter-kit?view=list").text
    for name in ("Mark HTTP as learning", "Mark HTTP as done", "Skip HTTP", "Reset HTTP"):
        assert roadmap.count(f'aria-label="{name}"') == 1, name
    assert roadmap.count('aria-label="Mark ') == 2 * 19  # learning and done on every card
    topic = client.get("/topics/http").text
    assert 'aria-label="Mark HTTP as done"' in topic and "Your status on HTTP</legend>" in topic


def test_changes_made_in_place_have_a_polite_live_region(client):
    assert 'id="announcer"' not in client.get("/paths/starter-kit").text  # nothing to announce to a visitor
    sign_up(client)
    for url in ("/paths/starter-kit", "/topics/http"):
        assert '<p id="announcer" class="visually-hidden" role="status" aria-live="polite"></p>' in client.get(url).text


def test_search_reads_out_the_count_not_every_result(client):
    html = client.get("/search", params={"q": "git"}).text
    assert html.count("aria-live") == 1
    assert re.search(r'<p id="search-count" class="hint" role="status" aria-live="polite">\d+ results?</p>', html)


def colours(css: str, block_start: str) -> dict[str, str]:
    block = css[css.index(block_start):]
    block = block[: block.index("}")]
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


def contrast(one: str, other: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


CSS = (STATIC / "style.css").read_text()
LIGHT = colours(CSS, ":root {")
DARK = {**LIGHT, **colours(CSS, "@media (prefers-color-scheme: dark)")}


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_colours_keep_wcag_contrast_in_both_themes(theme):
    for background in ("bg", "card"):
        # WCAG 2.2: 3:1 for a focus indicator, 4.5:1 for text.
        assert contrast(theme["focus"], theme[background]) >= 3, background
        for text in ("fg", "muted", "accent", "advanced", "done", "learning"):
            assert contrast(theme[text], theme[background]) >= 4.5, (text, background)
    assert ".level-advanced { color: var(--advanced); }" in CSS
    assert "outline: 3px solid var(--focus)" in CSS
