"""The page gate reads each distinct line of the published pages once (content_policy.page_tags):
it must find exactly the tags, attributes and lines that reading each page whole finds."""

from __future__ import annotations

import random

import pytest

from sitebuild import content_policy
from sitebuild.content_policy import page_problems, page_tags, start_tags

# Pieces that leave html.parser in every state a line can end in: inside a tag, a comment, a
# script or a style, an attribute value, a character reference.
PIECES = ['<a href="x">', "</a>", "<script>", "</script>", "</ script>", "</script >", "<SCRIPT>", "if (a<b) {",
          "<!--", "-->", "<!-->", "--!>", "<![CDATA[x]]>", "<style>", "</style>", '<img src="//e.org/x"\n alt="a">',
          '<div\nonclick="x">', "text &amp; more", "&", "&am", "<", ">", "\n", "\n\n", "  ", "<p>", "</p>",
          '<a href="java\nscript:x">', "<title>", "</title>", "<br/>", "<?php ?>", "<!DOCTYPE html>", '"', "'",
          '<a title="a\n\nb">', "<x-y z=1>", "&#106;", "<a href=&#106;avascript:x>", "<b style='x'>"]


@pytest.mark.parametrize("seed", range(4))
def test_line_by_line_reading_finds_what_whole_reading_finds(seed: int) -> None:
    rng = random.Random(seed)
    for n in range(2000):
        if n % 5 == 0:
            content_policy._LINE_TAGS.clear()
        doc = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        assert page_tags(doc) == start_tags(doc), doc


def test_a_line_seen_before_is_still_checked_in_another_context() -> None:
    page = '<p>\n<a href="page/">x</a>\n</p>\n'
    assert list(page_problems(page)) == []
    # The same line inside a tag that spans lines (in an attribute's value) is part of that tag, and
    # inside a script it is the script's text: read again, not taken from memory.
    hidden = '<p title=\'\n<a href="page/">x</a>\n\' onclick="x">\n'
    assert any("onclick" in problem for problem in page_problems(hidden))
    inline = '<script>\n<a href="page/">x</a>\n</script>\n'
    assert [p.split(":")[0] for p in page_problems(inline)] == ["line 1"]
