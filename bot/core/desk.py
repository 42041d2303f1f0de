"""The bot's commands over the catalog: every front end calls these and renders the ``Reply``.

The console and the Discord cogs both turn user input into one of these calls; that is what keeps
their content identical. Not pure: questions and shown stories update conversation memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence

from bot.core.answering import Answer
from bot.core.briefing import Brief, BriefItem, compose_brief, known_topics, select_topics
from bot.core.library import StoryLibrary
from bot.core.models import Story, Update
from bot.core.names import LABEL_CHARS, MAX_CHOICES
from bot.core.replies import Action, Button, Card, Picker, Reply, date_token, user_text
from bot.core.text import normalise, split_sentences, truncate

STORY_PAGE_CHARS = 1800  # one page of /story; well inside an embed's 4096
BUTTONS_PER_ROW = 5
COLOUR_ANSWER = 0x2B6CB0
COLOUR_BRIEF = 0xC05621
COLOUR_NOTICE = 0x718096


def answer_confidence(answer: Answer) -> str:
    """What a reader can trust: how well the story matched, and whether the text answers the question."""
    verdict = "answers your question" if answer.direct else "the story doesn't say; closest it has"
    return f"story match {answer.score:.0%} · {verdict}"


class NewsDesk:
    """Commands over a ``StoryLibrary``."""

    def __init__(self, library: StoryLibrary) -> None:
        self.library = library

    # --- questions -------------------------------------------------------------------------------

    def ask(self, question: str, conversation: Hashable | None = None) -> Reply:
        answer = self.library.answerer.ask(question, conversation)
        return self.answer_reply(answer)

    def follow_up(self, story_id: str, question: str, conversation: Hashable | None = None) -> Reply:
        """A question asked from a story's "Ask a follow-up" button: that story is the context."""
        story = self.library.index.get(story_id)
        if story is None:
            return self.story_gone(story_id)
        if conversation is None:
            conversation = ("follow-up", story_id)
        self.library.memory.remember(conversation, story_id)
        return self.ask(question, conversation)

    def answer_reply(self, answer: Answer) -> Reply:
        if answer.story is None:
            return self._no_match(answer)
        story = answer.story
        description = answer.text or story.summary
        card = Card(
            title=story.title,
            description=description,
            fields=((("Updated", date_token(answer.date)),) if answer.date else ()),
            footer=f"{story.credit} · {answer_confidence(answer)}",
            date=answer.date,
            colour=COLOUR_ANSWER,
        )
        buttons = (
            Button("Full story", Action.FULL_STORY, story.id, primary=True),
            Button("Timeline", Action.TIMELINE, story.id),
            Button("Ask a follow-up", Action.FOLLOW_UP, story.id),
        )
        return Reply(cards=(card,), buttons=buttons, story_id=story.id, meta={"answer": answer})

    def _no_match(self, answer: Answer) -> Reply:
        if not answer.question.strip():
            text = "Ask me about a news story, for example: /ask what is happening in Gaza?"
        else:
            text = "I have no story about that."
        if answer.suggestions:
            text += " Did you mean one of these?"
        else:
            text += " Try /stories to see what I cover."
        buttons = tuple(Button(truncate(s.title, 80), Action.SUGGESTION, s.id) for s in answer.suggestions)
        return Reply(content=text, buttons=buttons, ephemeral=True, meta={"answer": answer})

    # --- stories ---------------------------------------------------------------------------------

    def find_story(self, query: str) -> tuple[Story | None, tuple[Story, ...]]:
        """A story by id, title or alias, exactly or fuzzily; otherwise up to 3 near names."""
        catalog = self.library.snapshot  # one version of the catalog for the whole lookup
        index = catalog.index
        exact = index.lookup(query)
        if exact is not None:
            return exact, ()
        if not normalise(query).strip():
            return None, ()
        scored = catalog.names.scored(query)
        strong = [index.get(v) for _, v, score in scored if score >= 85]
        if len(strong) == 1 and strong[0] is not None:
            return strong[0], ()
        ranked = index.search(query, limit=3)
        if ranked and ranked[0].is_strong and ranked[0].coverage >= 0.5:
            return ranked[0].story, ()
        suggestions = [index.get(v) for _, v, _ in scored[:3]]
        return None, tuple(s for s in suggestions if s is not None)

    def remember_shown(self, conversation: Hashable, reply: Reply) -> None:
        """The story a reply shows is what a plain follow-up in that conversation is about."""
        if reply.story_id is not None:
            self.library.memory.remember(conversation, reply.story_id)

    def story(self, query: str) -> Reply:
        story, suggestions = self.find_story(query)
        if story is None:
            shown = user_text(truncate(query.strip(), 80))
            text = f"No story matches “{shown}”." if query.strip() else "Name a story."
            if suggestions:
                text += " Did you mean one of these?"
            buttons = tuple(Button(truncate(s.title, 80), Action.FULL_STORY, s.id) for s in suggestions)
            return Reply(content=text, buttons=buttons, ephemeral=True)
        return self.story_page(story.id, 0)

    def story_pages(self, story: Story) -> list[str]:
        """The whole story as text pages, each small enough for one embed."""
        blocks = [story.summary]
        for update in reversed(story.updates):
            blocks.append(f"**{date_token(update.date)} · {update.headline}**\n{update.text}")
        if story.facts:
            blocks.append("**Key facts**\n" + "\n".join(f"• {f.text}" for f in story.facts))
        names = story.entities.all()
        if names:
            blocks.append("**Names in this story:** " + ", ".join(names))
        pieces = (piece for block in blocks for piece in _split_long(block, STORY_PAGE_CHARS))
        return _pack(pieces, STORY_PAGE_CHARS, "\n\n")

    def story_page(self, story_id: str, page: int) -> Reply:
        story = self.library.index.get(story_id)
        if story is None:
            return self.story_gone(story_id)
        pages = self.story_pages(story)
        page = min(max(page, 0), len(pages) - 1)
        footer = story.credit
        if len(pages) > 1:
            footer = f"Page {page + 1} of {len(pages)} · {footer}"
        card = Card(
            title=story.title,
            description=pages[page],
            fields=(("Topic", story.topic), ("Updated", date_token(story.updated))),
            footer=footer,
            date=story.updated,
        )
        buttons: list[Button] = []
        if len(pages) > 1:
            buttons.append(Button("◀ Previous", Action.PAGE, story.id, page - 1, disabled=page == 0))
            buttons.append(Button("Next ▶", Action.PAGE, story.id, page + 1, disabled=page == len(pages) - 1))
        buttons.append(Button("Timeline", Action.TIMELINE, story.id))
        buttons.append(Button("Ask a follow-up", Action.FOLLOW_UP, story.id, primary=True))
        return Reply(cards=(card,), buttons=tuple(buttons), story_id=story.id, meta={"pages": len(pages)})

    def timeline(self, story_id: str) -> Reply:
        story = self.library.index.get(story_id)
        if story is None:
            return self.story_gone(story_id)
        lines = [f"{date_token(u.date)} — {u.headline}" for u in reversed(story.updates)]
        card = Card(
            title=f"Timeline: {story.title}",
            description=_fit_lines(lines, 3900),
            footer=story.credit,
            date=story.updated,
        )
        buttons = (
            Button("Full story", Action.FULL_STORY, story.id),
            Button("Ask a follow-up", Action.FOLLOW_UP, story.id, primary=True),
        )
        return Reply(cards=(card,), buttons=buttons, story_id=story.id)

    def story_gone(self, story_id: str) -> Reply:
        return Reply(
            content=f"The story “{truncate(story_id, 60)}” is no longer in the catalog.", ephemeral=True
        )

    def stories(self) -> Reply:
        stories = sorted(self.library.stories, key=lambda s: (-s.updated.toordinal(), s.title))
        if not stories:
            return Reply(content="No stories are loaded yet.", ephemeral=True)
        lines = [f"**{s.title}** · {s.topic} · updated {date_token(s.updated)}\n`{s.id}`" for s in stories]
        card = Card(
            title=f"{len(stories)} stories",
            description=_fit_lines(lines, 3900, more="…and {n} more: use /story with a name"),
            footer="Open one with /story, or just /ask a question.",
            colour=COLOUR_NOTICE,
        )
        return Reply(cards=(card,))

    def autocomplete_stories(self, current: str) -> list[tuple[str, str]]:
        """Up to 25 (label, story id) pairs for a partial story name, best first."""
        stories = self.library.stories
        if not normalise(current).strip():
            ordered = sorted(stories, key=lambda s: (-s.updated.toordinal(), s.title))
            return [(truncate(s.title, LABEL_CHARS), s.id) for s in ordered[:MAX_CHOICES]]
        return [
            (label, value) for label, value, _ in self.library.snapshot.names.scored(current)[:MAX_CHOICES]
        ]

    # --- briefs ----------------------------------------------------------------------------------

    def brief(
        self,
        day: dt.date,
        topics: Sequence[str] | None = None,
        since: dt.date | None = None,
        *,
        late: bool = False,
        seen_at: dt.datetime | None = None,
        now: dt.datetime | None = None,
    ) -> Reply:
        """New means added after ``seen_at``, when this server's previous brief (of the day
        ``since``) was posted; without one, added in the last day before ``now`` (see
        :func:`bot.core.briefing.new_cutoff`)."""
        brief = compose_brief(self.library.stories, day, topics=topics, since=since, seen_at=seen_at, now=now)
        return self.brief_reply(brief, late=late)

    def brief_reply(self, brief: Brief, *, late: bool = False) -> Reply:
        header = f"📰 **Daily brief** · {date_token(brief.day)}"
        if late:
            header += " · posted late (the bot was offline at the scheduled time)"
        if not brief.items:
            return Reply(content=header + "\nNo stories for these topics yet.")
        # What is new leads, by topic; the unchanged stories share one closing line.
        fields = []
        for topic, items in brief.sections:
            lines = [_new_lines(item) for item in items if item.is_new]
            if lines:
                fields.append((topic, "\n".join(lines)))
        unchanged = [item for item in brief.items if not item.is_new]
        if unchanged:
            fields.append(
                (
                    "Unchanged",
                    " · ".join(
                        f"{i.story.title} (no change since {date_token(i.latest.date)})" for i in unchanged
                    ),
                )
            )
        count = len(brief.items)
        summary = f"{brief.new_count} new of {count} {'story' if count == 1 else 'stories'}"
        if brief.since is not None:
            summary += f" since the last brief ({date_token(brief.since)})"
        else:
            summary += " in the last day"
        card = Card(
            title=f"Daily brief · {date_token(brief.day)}",
            description=summary + ".",
            fields=tuple(fields),
            footer="Sources: "
            + ", ".join(sorted({s.publisher for i in brief.items for s in i.story.sources})),
            colour=COLOUR_BRIEF,
        )
        items = brief.items
        if len(items) <= BUTTONS_PER_ROW:
            buttons = tuple(
                Button(truncate(f"Ask about {i.story.title}", 80), Action.FOLLOW_UP, i.story.id)
                for i in items
            )
            return Reply(content=header, cards=(card,), buttons=buttons)
        picker = Picker(
            "Ask a follow-up about a story…",
            Action.FOLLOW_UP,
            tuple((truncate(i.story.title, 100), i.story.id) for i in items[:MAX_CHOICES]),
        )
        return Reply(content=header, cards=(card,), picker=picker)

    def topics(self) -> list[str]:
        return known_topics(self.library.stories)

    def unknown_topics(self, wanted: Sequence[str]) -> list[str]:
        """The requested topics that match no story's topic, id or title."""
        return [t for t in wanted if not select_topics(self.library.stories, [t])]

    def help(self, commands: Sequence[tuple[str, str]], tip: str | None = None) -> Reply:
        """The command list. Each front end passes ``(usage, what it does)`` for exactly the commands
        it accepts, read from the registry that dispatches them, so the list cannot drift."""
        card = Card(
            title="News briefing bot",
            description="I answer questions about the stories I follow and post a daily brief.",
            fields=tuple(commands),
            footer="Answers quote the story records; sources are credited on every story.",
            colour=COLOUR_NOTICE,
        )
        return Reply(content=tip, cards=(card,), ephemeral=True)


FRESH_SHOWN = 3  # new updates listed per story; the story itself has the rest


def _feed_text(update: Update, text: str) -> str:
    """Text of an update accepted from a feed is the outlet's: shown inert (no pings, no markdown)."""
    return user_text(text) if update.sources else text


def _credit(update: Update) -> str:
    """The outlets behind a feed update and their links, as the brief shows them."""
    if not update.sources:
        return ""
    outlets = ", ".join(dict.fromkeys(user_text(s.publisher) for s in update.sources))
    links = " ".join(
        f"<{s.url}>" for s in update.sources[:2] if s.url and not any(c in s.url for c in " <>\n")
    )
    return f" — {outlets}" + (f" {links}" if links else "")


def _new_lines(item: BriefItem) -> str:
    newest, *older = item.fresh or (item.latest,)
    when = date_token(newest.date)
    lines = [
        f"🆕 **{item.story.title}** — {_feed_text(newest, newest.headline)} ({when}){_credit(newest)}",
        _feed_text(newest, item.lead),
    ]
    for update in older[: FRESH_SHOWN - 1]:
        lines.append(f"＋ {_feed_text(update, update.headline)} ({date_token(update.date)}){_credit(update)}")
    return "\n".join(lines)


def _pack(pieces: Iterable[str], limit: int, separator: str) -> list[str]:
    """Join pieces with ``separator`` into as few chunks of at most ``limit`` characters as fit."""
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(separator) + len(piece) > limit:
            chunks.append(current)
            current = piece
        else:
            current = f"{current}{separator}{piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


def _split_long(text: str, limit: int) -> list[str]:
    """A block as sentence-aligned pieces of at most ``limit`` characters."""
    if len(text) <= limit:
        return [text]
    # A single enormous sentence is cut where it must be.
    pieces = (s[i : i + limit] for s in split_sentences(text) or [text] for i in range(0, len(s), limit))
    return _pack(pieces, limit, " ")


def _fit_lines(lines: Sequence[str], limit: int, more: str = "…and {n} more") -> str:
    """Join lines up to ``limit`` characters, saying how many were left out."""
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        tail = more.format(n=len(lines) - i)
        if used + len(line) + 1 > limit - len(tail) - 1:
            out.append(tail)
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out)
