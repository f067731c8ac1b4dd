"""English plurals of term names: the last word inflected, names already plural or abbreviated left alone."""

from __future__ import annotations

import pytest

from termsite.graph.inflection import is_abbreviation, plural_forms


@pytest.mark.parametrize("name, plurals", [
    ("margin call", ["margin calls"]),
    ("Liquidation", ["Liquidations"]),
    ("Greek", ["Greeks"]),
    ("Stop-Loss Order", ["Stop-Loss Orders"]),
    ("Circuit Breaker", ["Circuit Breakers"]),
    ("Bid-Ask Spread", ["Bid-Ask Spreads"]),
    ("implied volatility", ["implied volatilities"]),
    ("Cash-and-Carry Trade", ["Cash-and-Carry Trades"]),
    ("basis", ["bases"]),
    ("price index", ["price indices", "price indexes"]),
    ("hedge ratio", ["hedge ratios"]),
    ("tax", ["taxes"]),
    ("stop-loss", ["stop-losses"]),
    ("delay", ["delays"]),
    ("Unrealized PnL", ["Unrealized PnLs"]),
])
def test_regular_and_irregular_plurals(name: str, plurals: list[str]) -> None:
    assert plural_forms(name) == plurals


@pytest.mark.parametrize("name", ["Perpetual Futures", "Option Greeks", "Position Limits", "risk limits",
                                  "ADL", "OI", "P&L", "LTP", "x"])
def test_names_already_plural_and_abbreviations_get_none(name: str) -> None:
    assert plural_forms(name) == []


def test_abbreviations_are_names_whose_case_carries_meaning() -> None:
    assert [is_abbreviation(name) for name in ("ADL", "P&L", "OI", "UPnL", "Open Interest", "Vega", "iv")] == \
        [True, True, True, False, False, False, False]
