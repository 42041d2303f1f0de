from datetime import UTC, datetime, timedelta

from bot.feeds.grouping import Grouper, strip_outlet_suffix

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
        keys = [grouper.assign(*GRID[i], T + timedelta(minutes=10 * n), None) for n, i in enumerate(order)]
        assert len({grouper.resolve(k) for k in keys}) == 1, order


def test_unrelated_items_and_items_outside_the_window_stay_apart() -> None:
    grouper = Grouper(WINDOW)
    grid = grouper.assign(*GRID[0], T, None)
    storm = grouper.assign("Storm Elin floods coastal towns", "Sea water flooded fjord towns.", T, None)
    later = grouper.assign(*GRID[1], T + timedelta(hours=100), None)
    assert len({grouper.resolve(k) for k in (grid, storm, later)}) == 3


def test_the_same_link_is_the_same_group_and_existing_groups_are_joined_not_merged() -> None:
    grouper = Grouper(WINDOW)
    grouper.add_existing(41, *GRID[0], T, "https://a.example/grid")
    grouper.add_existing(42, *GRID[1], T, None)
    assert grouper.assign("Different words entirely", "", T, "https://a.example/grid") == 41
    key = grouper.assign(*GRID[2], T, None)
    assert key in (41, 42) and grouper.merged == {}  # stored groups keep their ids
