from datetime import UTC, datetime, timedelta

from bot.feeds.grouping import Grouper, Incoming, strip_outlet_suffix

T = datetime(2025, 10, 12, 6, tzinfo=UTC)
WINDOW = timedelta(hours=72)

GRID = [
    (
        "Russian missile barrage knocks out power across western Ukraine - The Harbour Post",
        "Russia fired missiles at Ukraine's energy infrastructure overnight; the Ternopil region lost "
        "electricity and emergency crews began rescue work.",
    ),
    (
        "Ternopil without electricity after Russian strike on Ukraine energy grid | Lantern Weekly",
        "Another Russian missile attack hit Ukraine's power grid, leaving much of the Ternopil region "
        "without electricity.",
    ),
    (
        "Ukraine: Russian missiles strike power plants, Ternopil region blacked out",
        "Russian missiles struck Ukrainian energy infrastructure and half of Ternopil's consumers lost "
        "electricity.",
    ),
]
STORM = ("Storm Elin floods coastal towns", "Sea water flooded fjord towns as Storm Elin arrived.")
# One event told by eight outlets, each in its own words.
ELIN = [
    (
        "Storm Elin floods coastal towns along the fjords",
        "Storm Elin pushed sea water into the streets of several fjord towns and ferries were cancelled.",
    ),
    (
        "Fjord towns flooded as Storm Elin hits the coast",
        "Sea water flooded fjord towns as Storm Elin arrived; ferries stayed in port.",
    ),
    (
        "Storm Elin: ferries cancelled, fjord towns under water",
        "Storm Elin flooded towns on the fjords and cancelled ferries.",
    ),
    (
        "Elin brings floods and cancelled ferries to the west coast",
        "Coastal towns along the fjords were flooded as Storm Elin made landfall.",
    ),
    (
        "Flooding in fjord towns as Elin storm surges ashore",
        "Several towns saw flooded streets and ferry services stopped during Storm Elin.",
    ),
    (
        "Ferries halted, streets flooded: Storm Elin batters coast",
        "The storm named Elin flooded fjord towns and stopped ferry crossings.",
    ),
    (
        "Storm Elin leaves fjord communities under water",
        "Residents of towns on the fjords cleaned up after Elin's floods; ferries resumed slowly.",
    ),
    (
        "Coastal flooding after Storm Elin; ferry routes suspended",
        "Storm Elin sent sea water into fjord towns, and ferry operators suspended routes.",
    ),
]


def _incoming(title: str, snippet: str, when: datetime = T, link: str | None = None) -> Incoming:
    return Incoming(title, snippet, when, link)


def test_outlet_suffixes_are_removed() -> None:
    assert strip_outlet_suffix("Talks resume - The Harbour Post") == "Talks resume"
    assert strip_outlet_suffix("Talks resume | Lantern Weekly") == "Talks resume"
    assert strip_outlet_suffix("Talks resume — Northgate Wire", "Northgate Wire") == "Talks resume"
    # A long tail is part of the headline, not an outlet.
    long = "Ukraine: the long winter ahead - what the new strikes on power plants mean for families"
    assert strip_outlet_suffix(long) == long


def test_three_outlets_one_event_form_one_group_in_any_order() -> None:
    for order in ([0, 1, 2], [1, 0, 2], [2, 1, 0], [0, 2, 1]):
        grouper = Grouper(WINDOW)
        keys = grouper.group(
            [_incoming(*GRID[i], T + timedelta(minutes=10 * n)) for n, i in enumerate(order)]
        )
        assert len(set(keys)) == 1, order


def test_an_event_told_by_eight_outlets_among_other_news_is_one_group() -> None:
    from benchmarks.feeds import load_labelled

    others = [_incoming(i.title, i.summary) for i in load_labelled()]
    keys = Grouper(WINDOW).group(others + [_incoming(*item) for item in ELIN] + [_incoming(*g) for g in GRID])
    assert len(set(keys[len(others) : len(others) + len(ELIN)])) == 1
    assert len(set(keys[len(others) + len(ELIN) :])) == 1
    assert not set(keys[len(others) : len(others) + len(ELIN)]) & set(keys[: len(others)])


def test_different_events_of_one_story_stay_apart() -> None:
    from benchmarks.feeds import load_labelled

    # The labelled items are distinct events (several per story); only two of them report the
    # same hostage-for-prisoner exchange and may be grouped.
    items = load_labelled()
    keys = Grouper(WINDOW).group([_incoming(i.title, i.summary) for i in items])
    assert len(set(keys)) >= len(items) - 2


def test_unrelated_items_and_items_outside_the_window_stay_apart() -> None:
    keys = Grouper(WINDOW).group(
        [_incoming(*GRID[0]), _incoming(*STORM), _incoming(*GRID[1], T + timedelta(hours=100))]
    )
    assert len(set(keys)) == 3


def test_the_same_link_is_the_same_group_and_existing_groups_are_joined_not_merged() -> None:
    grouper = Grouper(WINDOW)
    grouper.add_existing(41, *GRID[0], T, "https://a.example/grid")
    grouper.add_existing(42, *GRID[1], T, None)
    (by_link,) = grouper.group([_incoming("Different words entirely", "", T, "https://a.example/grid")])
    assert by_link == 41
    (key,) = grouper.group([_incoming(*GRID[2])])
    assert key in (41, 42) and grouper.merged == {}  # stored groups keep their ids
