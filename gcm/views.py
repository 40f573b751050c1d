"""Map builders kept per distinct input for every session (see `gcm.memo`): decks and legends are
rebuilt from the same data on every rerun of the objective, storyboard and country pages otherwise."""
from __future__ import annotations

import pydeck as pdk

from gcm import maps
from gcm.memo import shared
from gcm.stats import latest_usable as _latest_usable


def frozen(deck: pdk.Deck) -> pdk.Deck:
    """The deck with its JSON made once: a shared deck is serialised by many sessions at a time, and
    `CompactDeck.to_json` swaps its layers' data while it works, so it must not run concurrently."""
    text = deck.to_json()
    deck.to_json = lambda: text  # type: ignore[method-assign]
    return deck


@shared
def latest_values_deck(*args, **kwargs) -> pdk.Deck:
    """`maps.latest_values_deck`, serialised once and shared."""
    return frozen(maps.latest_values_deck(*args, **kwargs))


legend_figure = shared(maps.legend_figure)
legend_items = shared(maps.legend_items)
latest_usable = shared(_latest_usable)
