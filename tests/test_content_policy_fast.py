"""The Markdown check's quick ways out (sitebuild.content_policy) reach the verdicts of the careful
reading they skip: compared, on hostile and random texts, with that reading as it was written before."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest

from sitebuild.content_policy import (BROWSER_CDATA, BROWSER_EMPTY_COMMENT, CONTAINER_MARK, CONTAINER_PREFIX, DANGEROUS_TAG,
                                      MARKUP_SIGNS, MAX_NESTING, MAX_SIGNS_PER_BLOCK, MAX_SIGNS_PER_PAGE, _blocks,
                                      as_browsers_read_comments, markdown_problems, nesting_problems, size_problems)


def careful_comments(html: str) -> str:
    html = BROWSER_EMPTY_COMMENT.sub(lambda m: "<!--" + " " * (len(m.group()) - 7) + "-->", html)
    html = html.replace("--!>", "--> ")
    return BROWSER_CDATA.sub(lambda m: "<!--" + " " * (len(m.group()) - 7) + "-->" if len(m.group()) >= 7
                             else " " * len(m.group()), html).replace("<![", "<!-")


def careful_sizes(masked: str) -> Iterator[tuple[int, str]]:
    line = 1
    totals = dict.fromkeys(MARKUP_SIGNS, 0)
    for block in _blocks(masked):
        for sign in MARKUP_SIGNS:
            count = block.count(sign)
            totals[sign] += count
            if count > MAX_SIGNS_PER_BLOCK or totals[sign] > MAX_SIGNS_PER_PAGE:
                limit = f"{MAX_SIGNS_PER_BLOCK} in one paragraph, {MAX_SIGNS_PER_PAGE} in a page"
                first = line + block[: len(block) - len(block.lstrip())].count("\n")
                yield first, f"too many '{sign}' (links, pictures or tags; at most {limit}): split the text"
                return
        line += block.count("\n")


def careful_nesting(masked: list[str], *, deep: int | None) -> Iterator[tuple[int, str]]:
    what = (f"nested more than {MAX_NESTING} levels deep (lists, quotes, indented blocks or HTML "
            "elements inside each other): write it flatter")
    for number, line in enumerate(masked, start=1):
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        prefix = CONTAINER_PREFIX.match(line)
        containers = len(CONTAINER_MARK.findall(prefix.group())) if prefix else 0
        if indent > 4 * MAX_NESTING or containers > MAX_NESTING:
            yield number, what
            return
    if deep is not None:
        yield deep, what


PIECES = [" ", "\t", ">", "> ", "- ", "* ", "+ ", "1. ", "2) ", "١. ", "1234567890. ", "-", ".", ")", "x", "<", "[",
          "<!--", "-->", "--!>", "<!-->", "<!--->", "<![CDATA[", "]]>", "<![", "\n", "\n\n", " \n", "ё", "\v", "\r"]


def random_texts(count: int) -> list[str]:
    rng = random.Random(19)
    texts = []
    for _ in range(count):
        size = rng.choice([5, 40, 400])
        texts.append("".join(rng.choice(PIECES) for _ in range(size)))
    marks = [" ", "\t", "> ", "- ", "* ", "1. ", "22) ", ">", "-", "١) ", "-x", " \t"]
    for _ in range(count // 2):  # lines that start with about MAX_NESTING marks or indents
        texts.append("\n".join("".join(rng.choice(marks) for _ in range(rng.randrange(8, 24))) + rng.choice(["", "x", " x"])
                               for _ in range(rng.randrange(1, 6))))
    for k in range(MAX_NESTING - 2, MAX_NESTING + 3):  # at the limits, alone and after a line
        for line in (">" * k + "x", "\t" * k + "x", "- " * k, "1. " * k, " " * (4 * k) + "x", "\t" * (k // 4) + " " * k,
                     "> " * (k - 1) + ">", "١. " * k):
            texts += [line, "x\n" + line + "\n" + line]
    deep = ["  " * n + "- x" for n in range(40)] + ["\t" * 17 + "x", "> " * 17 + "x", "1. " * 17, "x"]
    texts += ["\n".join(deep), "\n".join(deep[::-1]), "\t" * 16 + "x\n" + " " * 65 + "y", "-" * 17 + "\n" + "- " * 17]
    texts += ["[" * 201, "<" * 200 + "\n\n" + "<" * 200, ("[x](y) " * 150 + "\n\n") * 21, "a\n\n" + "<" * 201 + "\n"]
    return texts


@pytest.mark.parametrize("text", random_texts(600))
def test_quick_ways_out_reach_the_careful_verdicts(text: str) -> None:
    assert as_browsers_read_comments(text) == careful_comments(text)
    assert list(size_problems(text)) == list(careful_sizes(text))
    lines = text.split("\n")
    for deep in (None, 3):
        assert list(nesting_problems(lines, deep=deep)) == list(careful_nesting(lines, deep=deep))
    list(markdown_problems(text))  # and the whole check reads it without an error


CAREFUL_DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|frame|frameset|object|embed|applet|form|meta|link|base|style|svg|"
                                   r"math|template|noscript|noembed|noframes|xmp|plaintext|title|textarea)\b", re.IGNORECASE)


def test_the_dangerous_tag_pattern_finds_what_the_plain_one_finds() -> None:
    rng = random.Random(19)
    names = ["script", "SCRIPT", "ſcript", "ıframe", "frameset", "frames", "noscrİpt", "xmp", "p", "a", "svg1", "título"]
    pieces = ["<", "< ", "<\t\n", "</", ">", " ", "x", "\u212a", "ſ", "ı", "İ", *names]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12))) for _ in range(3000)]
    texts += [f"<{name}" for name in names] + [chr(c) for c in range(0x2200)] + [f"<{chr(c)}cript" for c in range(0x2200)]
    for text in texts:
        ours, careful = DANGEROUS_TAG.search(text), CAREFUL_DANGEROUS_TAG.search(text)
        assert (ours and (ours.span(), ours.group(1))) == (careful and (careful.span(), careful.group(1))), text
