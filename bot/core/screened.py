"""Long alternations of phrases, tried only with the branches a text could match.

Python's ``re`` tries every branch of an alternation at every position of the text: a pattern of
60 chat phrases costs ~100 us per question even when none of them is there, and reading a question
runs several such patterns. Each branch of ours needs some literal words ("the deal with", "craic"),
so a branch whose longest required literal is absent from the text cannot match anywhere in it.
``ScreenedPattern`` checks those literals with plain substring tests (~50 ns each) and runs a pattern
made of the live branches only, in their original order: the same matches, groups and replacements
as the whole pattern, since the branches left out could not have matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# A literal shorter than this screens out too little to be worth a test ("s ", "at").
_MIN_LITERAL = 3
# Live-branch sets are few in practice (most questions leave none or one or two live); the bound
# only stops a stream of odd texts from growing the table without end.
_MAX_COMPILED = 512
# Under IGNORECASE these match ASCII letters ("ſ" is an "s", the Kelvin sign a "k"), which
# lower-casing the text would not reveal: a text holding one is matched with the whole pattern.
_ODD_CASE_FOLDS = frozenset("\u0130\u0131\u017f\u212a")
_NEVER = re.compile(r"(?!)")


def top_level_branches(pattern: str) -> list[str]:
    """The pattern's top-level alternatives, as written (joined with "|" they give it back)."""
    branches: list[str] = []
    depth = 0
    start = 0
    i = 0
    in_class = False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            # "[]...]" and "[^]...]": a "]" first in a class is a member, not its end
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    return branches


# A set of alternative literals grows by a product ("what" + "'s"/"’s"); past this size, stop:
# each member is one more test per text.
_MAX_ALTERNATIVES = 6
# Literals this long are all rare enough: past it, fewer members screen more cheaply.
_RARE_ENOUGH = 7


def _pure_literals(items: Any) -> str | None:
    """The text of a parsed sequence made only of literal characters, else None."""
    if all(op is sre_constants.LITERAL for op, _value in items):
        return "".join(chr(value) for _op, value in items)
    return None


def _requirements(items: Any) -> list[frozenset[str]]:
    """Sets of literals of which every match of a parsed sequence must contain one (any one)."""
    found: list[frozenset[str]] = []
    current: set[str] = {""}

    def close() -> None:
        nonlocal current
        if current != {""}:
            found.append(frozenset(current))
        current = {""}

    def extend(alternatives: list[str]) -> None:
        nonlocal current
        if len(current) * len(alternatives) > _MAX_ALTERNATIVES:
            close()
        current = {head + tail for head in current for tail in alternatives}

    for op, value in items:
        if op is sre_constants.LITERAL:
            extend([chr(value)])
            continue
        if op is sre_constants.IN and all(kind is sre_constants.LITERAL for kind, _v in value):
            extend([chr(v) for _kind, v in value])  # "['’]", "[- ]"
            continue
        if op is sre_constants.BRANCH:
            texts = [_pure_literals(alternative) for alternative in value[1]]
            if all(text is not None for text in texts):
                extend([text for text in texts if text is not None])  # "(?:did|do|does)"
                continue
            close()
            # any branch may match: each contributes its best requirement, and all must have one
            best = [_best(_requirements(alternative)) for alternative in value[1]]
            if all(b is not None for b in best):
                found.append(frozenset().union(*(b for b in best if b is not None)))
            continue
        close()
        if op is sre_constants.SUBPATTERN:
            found += _requirements(value[-1])
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
            low, _high, inner = value
            if low >= 1:
                found += _requirements(inner)
        elif op is sre_constants.ATOMIC_GROUP:
            found += _requirements(value)
        elif op is sre_constants.ASSERT:  # a lookahead's or lookbehind's text is in the text too
            found += _requirements(value[1])
    close()
    return found


def _punctuation(literal: str) -> bool:
    """A literal of punctuation only (":"): rare enough in a text to screen by, however short."""
    return not any(c.isalnum() or c.isspace() for c in literal)


def _anchored_at_start(parsed: Any) -> bool:
    """Whether a parsed branch can only match at the text's start ("^...", "(?P<name>^...)")."""
    items = parsed.data
    while items:
        op, value = items[0]
        if op is sre_constants.AT:
            return value in (sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING)
        if op is not sre_constants.SUBPATTERN:
            return False
        items = value[-1].data if hasattr(value[-1], "data") else value[-1]
    return False


def _best(requirements: list[frozenset[str]]) -> frozenset[str] | None:
    """The requirement that screens best: the longest shortest member (up to rare enough), then
    the fewest members."""
    usable = [r for r in requirements if min(map(len, r)) >= _MIN_LITERAL or all(map(_punctuation, r))]
    return max(usable, key=lambda r: (min(_RARE_ENOUGH, *map(len, r)), -len(r)), default=None)


def _screen_literals(parsed: Any, flags: int) -> frozenset[str] | None:
    """Literals of which every match of a parsed branch contains one (lower-case under
    IGNORECASE), or None: the branch is always tried."""
    if parsed.state.flags & re.VERBOSE:
        return None
    best = _best(_requirements(parsed.data))
    if best is None:
        return None
    return frozenset(b.lower() for b in best) if flags & re.IGNORECASE else best


def _group_stubs(branch: re.Pattern[str]) -> str:
    """Empty groups standing for a branch's own, in its order and with its names."""
    names = {number: name for name, number in branch.groupindex.items()}
    return "".join(f"(?P<{names[n]}>)" if n in names else "()" for n in range(1, branch.groups + 1))


class ScreenedPattern:
    """A compiled alternation that skips the branches a text cannot match (see the module doc)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.whole = re.compile(pattern, flags)
        self.pattern = pattern
        self.flags = self.whole.flags
        self._ignore_case = bool(flags & re.IGNORECASE)
        self._branches = top_level_branches(pattern)
        if "|".join(self._branches) != pattern:
            raise ValueError("top-level branches do not rebuild the pattern")
        # Each branch on its own: compiled for its groups (and to try an anchored one), parsed for
        # its literals. One that cannot stand alone (it refers to another's group) is never left out.
        try:
            alone = [re.compile(b, flags) for b in self._branches]
            parsed = [sre_parse.parse(b, flags) for b in self._branches]
        except re.error:
            alone, parsed = [], []
        self._literals = [_screen_literals(p, flags) for p in parsed] or [None] * len(self._branches)
        # A branch left out still defines its groups, empty and never matched, so every group keeps
        # its number and name ("(?!)" fails at once: the stub costs one step per position).
        self._stubs: list[str] | None = [_group_stubs(c) for c in alone] if alone else None
        # A branch anchored at the text's start with no literal to screen by ("^\W*y (?=did)") is
        # screened by trying it there: it can match nowhere else.
        self._at_start = (
            {
                i: alone[i]
                for i, literals in enumerate(self._literals)
                if literals is None and _anchored_at_start(parsed[i])
            }
            if alone and not flags & re.MULTILINE
            else {}
        )
        self._always = tuple(
            i for i, literals in enumerate(self._literals) if literals is None and i not in self._at_start
        )
        self._tests = [
            (literal, i) for i, literals in enumerate(self._literals) for literal in literals or ()
        ]
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
        # Each screenable branch alone, its stubs around it, compiled now: a question whose live
        # branches are few is read with these, one after another, and never waits for a compile
        # (a new set of live branches compiled together costs ~0.2-1 ms, as much as reading it).
        self._single: dict[int, re.Pattern[str]] = (
            {i: self._subset((i,)) for i in range(len(self._branches))} if self._stubs is not None else {}
        )
        # ... when none of them can match an empty text: the order of matches then never depends
        # on how an empty match next to another is skipped.
        self._never_empty = bool(self._single) and all(p.getwidth()[0] > 0 for p in parsed)

    def __repr__(self) -> str:
        return f"ScreenedPattern({self.pattern[:40]!r}..., {len(self._branches)} branches)"

    def _live(self, text: str) -> tuple[int, ...] | None:
        """The branches this text could match, in order; None for all of them."""
        if self._stubs is None:
            return None
        if self._ignore_case:
            if not text.isascii() and not _ODD_CASE_FOLDS.isdisjoint(text):
                return None
            screened = text.lower()
        else:
            screened = text
        found = {i for literal, i in self._tests if literal in screened}
        if self._at_start:
            found.update(i for i, branch in self._at_start.items() if branch.match(text))
        live = tuple(sorted(found.union(self._always))) if self._always else tuple(sorted(found))
        return None if len(live) == len(self._branches) else live

    def for_text(self, text: str) -> re.Pattern[str]:
        """The pattern of the branches this text could match: the whole one, a subset, or none."""
        return self._pattern_of(self._live(text))

    def _pattern_of(self, live: tuple[int, ...] | None) -> re.Pattern[str]:
        if live is None:
            return self.whole
        if not live:
            return _NEVER  # (no match: no group is ever read)
        if len(live) == 1 and live[0] in self._single:
            return self._single[live[0]]
        compiled = self._compiled.get(live)
        if compiled is None:
            if len(self._compiled) >= _MAX_COMPILED:
                self._compiled.clear()
            compiled = self._compiled[live] = self._subset(live)
        return compiled

    def _reader(self, text: str) -> re.Pattern[str] | tuple[re.Pattern[str], ...]:
        """What reads this text: the live branches' own patterns, tried one after another, when a
        few are live; else one pattern of them all (``for_text``'s)."""
        live = self._live(text)
        if live is not None and 1 < len(live) <= _MAX_ONE_BY_ONE and self._never_empty:
            return tuple(self._single[i] for i in live)
        return self._pattern_of(live)

    def _subset(self, live: tuple[int, ...]) -> re.Pattern[str]:
        assert self._stubs is not None
        parts: list[str] = []
        stubs = ""
        for i, branch in enumerate(self._branches):
            if i not in live:
                stubs += self._stubs[i]
                continue
            if stubs:
                parts.append("(?!)" + stubs)
                stubs = ""
            parts.append(branch)
        if stubs:
            parts.append("(?!)" + stubs)
        return re.compile("|".join(parts), self.whole.flags)

    # An alternation finds, at the leftmost position where any branch matches, the first branch
    # (in order) matching there: trying the branches one by one and keeping the leftmost match, the
    # earlier branch on a tie, finds the same match with the same groups.

    def search(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        reader = self._reader(text)
        if not isinstance(reader, tuple):
            return reader.search(text, pos, endpos)
        return _leftmost(reader, text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        reader = self._reader(text)
        if not isinstance(reader, tuple):
            return reader.match(text, pos, endpos)
        return next((m for b in reader if (m := b.match(text, pos, endpos)) is not None), None)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        reader = self._reader(text)
        if not isinstance(reader, tuple):
            return reader.fullmatch(text, pos, endpos)
        return next((m for b in reader if (m := b.fullmatch(text, pos, endpos)) is not None), None)

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**62) -> Iterator[re.Match[str]]:
        reader = self._reader(text)
        if not isinstance(reader, tuple):
            return reader.finditer(text, pos, endpos)
        return _every_match(reader, text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = 2**62) -> list[Any]:
        reader = self._reader(text)
        if not isinstance(reader, tuple):
            return reader.findall(text, pos, endpos)
        groups = self.whole.groups
        found = _every_match(reader, text, pos, endpos)
        if groups == 0:
            return [m.group() for m in found]
        if groups == 1:
            return [m.group(1) or "" for m in found]
        return [tuple(g or "" for g in m.groups()) for m in found]

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.subn(repl, text, count)[0]

    def subn(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> tuple[str, int]:
        reader = self._reader(text)
        if not isinstance(reader, tuple):
            return reader.subn(repl, text, count)
        parts: list[str] = []
        last = done = 0
        for m in _every_match(reader, text, 0, len(text)):
            if count and done == count:
                break
            parts += (text[last : m.start()], repl(m) if callable(repl) else m.expand(repl))
            last = m.end()
            done += 1
        parts.append(text[last:])
        return "".join(parts), done


# Past this many live branches, one pattern of them (compiled once per set) is cheaper to run than
# each alone: long messages leave many live.
_MAX_ONE_BY_ONE = 4


def _leftmost(
    branches: tuple[re.Pattern[str], ...], text: str, pos: int, endpos: int
) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for branch in branches:
        m = branch.search(text, pos, endpos)
        if m is not None and (best is None or m.start() < best.start()):
            best = m
            if m.start() == pos:
                break  # no later branch starts sooner
    return best


def _every_match(
    branches: tuple[re.Pattern[str], ...], text: str, pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """The matches ``finditer`` finds, of branches none of which matches an empty text."""
    while (m := _leftmost(branches, text, pos, endpos)) is not None:
        yield m
        pos = m.end()


def screened(pattern: str, flags: int = 0) -> ScreenedPattern:
    """``re.compile`` for a long alternation of phrases: the same matches, found sooner."""
    return ScreenedPattern(pattern, flags)
