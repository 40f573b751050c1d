"""Map builders kept per distinct input for every session (see `gcm.memo`): decks and legends are
rebuilt from the same data on every rerun of the objective, storyboard and country pages otherwise."""
from __future__ import annotations

from gcm import maps
from gcm.memo import shared
from gcm.stats import latest_usable as _latest_usable

latest_values_deck = shared(maps.latest_values_deck)  # serialised once (see memo.frozen) and shared
legend_figure = shared(maps.legend_figure)
legend_items = shared(maps.legend_items)
latest_usable = shared(_latest_usable)
