"""The roadmap's map and list views, map.svg, a topic's neighbourhood and the year on /me."""

from __future__ import annotations

import re

from web_client import page_csrf, sign_up

MAP_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def mark(client, topic: str, status: str) -> None:
    token = page_csrf(client, "/settings")
    answer = client.post(f"/topics/{topic}/status", data={"status": status, "csrf_token": token})
    assert answer.status_code == 303


def node_classes(svg: str) -> dict[str, str]:
    """{topic id: class attribute} of every node of a map."""
    return dict(re.findall(r'<a href="/topics/([a-z0-9-]+)" id="map-[a-z0-9-]+" class="([^"]+)"', svg))


def test_the_roadmap_opens_on_its_map_and_remembers_the_list(client):
    html = client.get("/paths/starter-kit").text
    assert '<a href="/paths/starter-kit?view=map" aria-current="page">Map</a>' in html
    assert '<title id="map-title">Backend Engineer Starter Kit</title>' in html
    assert len(node_classes(html)) == 19
    assert "status-" not in " ".join(node_classes(html).values())  # a visitor has no statuses
    assert 'class="status-form"' not in html
    listed = client.get("/paths/starter-kit?view=list")
    assert listed.cookies.get("skilltree_path_view") == "list"
    html = client.get("/paths/starter-kit").text  # no ?view: the remembered one
    assert '<a href="/paths/starter-kit?view=list" aria-current="page">List</a>' in html
    assert "<svg" not in html and 'id="topic-big-o"' in html


def test_an_unknown_view_or_filter_is_a_clear_400(client):
    answer = client.get("/paths/starter-kit?view=grid")
    assert answer.status_code == 400 and "view: Input should be &#39;map&#39; or &#39;list&#39;" in answer.text
    answer = client.get("/paths/starter-kit?view=list&level=expert")
    assert answer.status_code == 400
    assert "level: Input should be &#39;beginner&#39;, &#39;intermediate&#39; or &#39;advanced&#39;" in answer.text


def test_map_nodes_carry_level_optional_status_and_next_up_in_their_names(client):
    sign_up(client)
    mark(client, "programming-language", "done")
    mark(client, "data-structures", "learning")
    mark(client, "big-o", "skipped")
    classes = node_classes(client.get("/paths/starter-kit?view=map").text)
    assert classes["programming-language"] == "node level-beginner status-done"
    assert classes["data-structures"] == "node level-beginner status-learning next"
    assert classes["big-o"] == "node level-intermediate status-skipped optional"
    assert classes["git"] == "node level-beginner status-not_started"
    svg = client.get("/paths/starter-kit/map.svg").text
    assert 'aria-label="Data Structures: beginner, learning, next up"' in svg
    assert 'aria-label="Big O: intermediate, optional, skipped"' in svg
    assert 'aria-label="Git: beginner, not started"' in svg


def test_map_svg_is_an_image_with_its_styles_inside_and_each_learner_sees_only_their_own(client):
    sign_up(client, "ada")
    mark(client, "git", "done")
    answer = client.get("/paths/starter-kit/map.svg")
    assert answer.headers["content-type"] == "image/svg+xml"
    assert answer.headers["content-security-policy"] == MAP_POLICY
    assert answer.headers["cache-control"] == "private, no-cache"
    assert answer.text.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "<style>" in answer.text
    assert "prefers-color-scheme: dark" in answer.text  # both themes travel with it
    assert node_classes(answer.text)["git"] == "node level-beginner status-done"
    client.cookies.clear()
    sign_up(client, "grace")
    assert node_classes(client.get("/paths/starter-kit/map.svg").text)["git"] == "node level-beginner status-not_started"
    client.cookies.clear()
    assert "status-" not in " ".join(node_classes(client.get("/paths/starter-kit/map.svg").text).values())
    assert client.get("/paths/starter/map.svg").status_code == 404


def test_a_map_is_drawn_again_when_a_status_on_it_changes_and_never_shows_another_learners(client):
    # Drawings are kept by what they show (web.templating.render_map): a kept one must not outlive its statuses.
    sign_up(client, "ada")
    assert node_classes(client.get("/paths/starter-kit").text)["git"] == "node level-beginner status-not_started"
    mark(client, "git", "learning")
    assert node_classes(client.get("/paths/starter-kit").text)["git"] == "node level-beginner status-learning"
    ada = client.cookies.get("skilltree_session")
    client.cookies.clear()
    sign_up(client, "grace")
    assert node_classes(client.get("/paths/starter-kit").text)["git"] == "node level-beginner status-not_started"
    mark(client, "git", "done")
    assert node_classes(client.get("/paths/starter-kit").text)["git"] == "node level-beginner status-done"
    client.cookies.clear()
    client.cookies.set("skilltree_session", ada)
    classes = node_classes(client.get("/paths/starter-kit").text)
    assert classes["git"] == "node level-beginner status-learning"
    mark(client, "git", "not_started")
    assert node_classes(client.get("/paths/starter-kit").text)["git"] == "node level-beginner status-not_started"


def test_map_edges_are_the_prerequisites_within_the_path(client, catalog):
    for path in catalog.paths.values():
        svg = client.get(f"/paths/{path.id}/map.svg").text
        inside = set(path.topic_ids)
        wanted = sum(1 for t in inside for p in catalog.topics[t].prerequisites if p in inside)
        assert svg.count('<path class="edge') == wanted, path.id
        assert len(node_classes(svg)) == len(inside), path.id
        assert svg.count('class="section-title"') == len(path.sections), path.id


def test_the_list_filters_by_status_and_level_and_folds_long_paths(client):
    sign_up(client)
    mark(client, "git", "done")
    mark(client, "http", "done")
    html = client.get("/paths/starter-kit?view=list&status=done").text
    assert re.findall(r'id="topic-([a-z0-9-]+)"', html) == ["git", "http"]
    assert html.count('<details class="path-section"') == 2 and html.count(" open>") == 2  # their sections, unfolded
    html = client.get("/paths/starter-kit?view=list&level=intermediate&status=not_started").text
    assert re.findall(r'id="topic-([a-z0-9-]+)"', html) == ["big-o", "tls", "indexes", "acid-transactions", "ci-cd", "monitoring"]
    assert "No topic of this path matches." in client.get("/paths/starter-kit?view=list&status=skipped").text
    # The long path unfolds only the section holding the next topic, with a summary per section.
    html = client.get("/paths/backend-2025?view=list").text
    assert html.count('<details class="path-section"') == 28 and html.count(" open>") == 1
    assert '<span data-field="percent">0</span>% · 0 of 5 done' in html
    assert '<a class="jump" href="#topic-databases">Jump to next up</a>' in html


def test_a_topic_page_draws_what_it_needs_and_unlocks(client, catalog):
    html = client.get("/topics/git").text
    assert '<h2 id="neighbourhood">Where it fits</h2>' in html
    assert '<title id="map-title">Around Git</title>' in html
    nodes = node_classes(html)
    assert "version-control" in nodes  # what git needs
    assert "code-review" in nodes  # what git unlocks
    assert 'aria-current="page"' in html
    assert set(nodes) <= set(catalog.topics)


def test_me_shows_a_year_of_activity_with_a_text_alternative(client):
    sign_up(client)
    mark(client, "git", "learning")
    mark(client, "git", "done")
    html = client.get("/me").text
    assert '<title id="activity-title">Your activity over the last year</title>' in html
    assert "2 changes on 1 day" in html
    assert html.count('<rect class="day shade-4"') == 2  # today, and the legend's darkest square
    assert re.search(r"<tr><td>\w+ \d{4}</td><td>1</td><td>2</td></tr>", html)
    client.cookies.clear()
    sign_up(client, "grace")  # another learner's year is their own
    html = client.get("/me").text
    assert "0 changes on 0 days" in html and '<rect class="day shade-4"' in html  # the legend's only
    assert html.count('<rect class="day shade-4"') == 1
