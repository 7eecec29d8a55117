"""The collision check of the browser tests finds text on text, and only text a reader sees.

Built pages with known collisions: if the check missed them, the layout tests of the dashboard and the
report would pass on overlapping charts.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = """<!DOCTYPE html><html><body style="margin:0;font:16px sans-serif">
<div style="position:relative;height:60px">
  <span id="a" style="position:absolute;left:10px;top:10px">first label</span>
  <span id="b" style="position:absolute;left:40px;top:14px">second label</span>
</div>
<p>apart from everything</p>
<div style="height:40px;overflow:hidden"><p style="margin:0">shown</p><p style="margin:0 0 0 0">still shown</p>
  <p style="margin:0">scrolled out of its box</p></div>
<p style="margin-top:-22px;margin-left:150px">under the hidden line</p>
<p style="visibility:hidden;margin-top:-20px">invisible</p>
<details><summary>folded</summary><p>inside a closed details</p></details>
<svg width="300" height="60"><text x="10" y="30">svg one</text><text x="30" y="34">svg two</text>
  <text x="200" y="30">svg alone</text></svg>
<div style="max-height:80px;overflow:auto" id="box"><table><thead><tr><th style="position:sticky;top:0;background:#eee">
  boxed head</th></tr></thead><tbody><tr><td>boxed row 1</td></tr><tr><td>boxed row 2</td></tr><tr><td>boxed row 3</td></tr>
  <tr><td>boxed row 4</td></tr><tr><td>boxed row 5</td></tr></tbody></table></div>
<table style="margin-top:40px"><thead><tr><th style="position:sticky;top:0;background:#eee">sticky head</th></tr></thead>
<tbody>{rows}</tbody></table>
</body></html>"""


def test_collisions_of_visible_text_are_found_and_hidden_text_is_left_out(chromium_context, text_collisions):
    page = chromium_context.new_page()
    try:
        page.set_content(PAGE.format(rows="".join(f"<tr><td>row {i}</td></tr>" for i in range(80))))
        page.evaluate("document.getElementById('box').scrollTop = 30")  # rows slide under the boxed header
        found = text_collisions(page)
    finally:
        page.close()
    text = "\n".join(found)
    assert "'first label'" in text and "'second label'" in text
    assert "'svg one'" in text and "'svg two'" in text
    assert "'sticky head'" in text  # a header stuck over the rows below it, on a later screen
    assert all(w not in text for w in ("apart from", "svg alone", "scrolled out", "invisible", "closed details",
                                       "boxed")), text  # a header sticky in its own scroll box hides rows
    assert "'still shown'" not in text and "under the hidden line" not in text


def test_a_page_without_collisions_passes(chromium_context, text_collisions):
    page = chromium_context.new_page()
    try:
        page.set_content("<p>one line</p><p>another line</p><svg width='200' height='40'><text x='5' y='20'>a</text>"
                         "<text x='40' y='20'>b</text></svg>")
        assert text_collisions(page) == []
    finally:
        page.close()
