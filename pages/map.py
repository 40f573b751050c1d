"""Regional map: countries filled by an indicator, Missing Migrants incidents as circles (grouped by area when
there are thousands), and their table."""
from __future__ import annotations

import streamlit as st

from gcm.cache import view_model
from gcm.downloads import download_button
from gcm.filters import offer_years_with_data, url_values
from gcm.models.map import DEFAULT_INDICATOR, map_model
from gcm.page import page_context, section_heading
from gcm.safe import escape_markdown
from gcm.tables import show_table

LAYERS = {"countries": "map_layer_fill", "incidents": "map_layer_points"}  # URL name -> toggle key


def sync_layers_with_url() -> str | None:
    """Keep the layer toggles and the URL's `layers` in step; return an unknown value given in the link.

    Runs before the filters read the URL: once the toggles exist they are the truth and are written
    to the URL (absent when every layer is on); on a fresh view a link may name the layers.
    """
    if all(key in st.session_state for key in LAYERS.values()):
        shown = [name for name, key in LAYERS.items() if st.session_state[key]]
        wanted = None if len(shown) == len(LAYERS) else (",".join(shown) or "none")
        if st.query_params.get("layers") != wanted:
            if wanted is None:
                del st.query_params["layers"]
            else:
                st.query_params["layers"] = wanted
        return None
    given = [n.lower() for n in url_values(st.query_params.get_all("layers"), limit=len(LAYERS) + 5)]
    known = [n for n in given if n in LAYERS or n == "none"]
    for name, key in LAYERS.items():
        st.session_state[key] = name in known if known else True
    unknown = [n for n in given if n not in known]
    return ", ".join(unknown)[:80] if unknown else None


# The deck (country polygons and incident circles serialised to JSON), its legend and the table
# depend only on the view and the data: built once per those and shared by every session.
_map_model = view_model(map_model)


bad_layers = sync_layers_with_url()
ctx = page_context(["countries", "indicator", "years"])
if bad_layers:
    st.warning(ctx.t("note_header") + "\n\n- " + ctx.t("map_note_bad_layers", value=escape_markdown(bad_layers)))
# The toggles are drawn below the headline, but their state is known now (sync_layers_with_url set it).
show_fill, show_points = (bool(st.session_state[key]) for key in LAYERS.values())
code = ctx.filters.indicator or DEFAULT_INDICATOR
model = _map_model(code, tuple(ctx.filters.years),
                   tuple(ctx.filters.countries), show_fill, show_points, ctx.lang, ctx.presenting, ctx.locale)

st.title(ctx.t("nav_map"))
st.caption(ctx.t("map_intro"))

# --- Headline: dead and missing in the selected countries and years ------------------------
st.caption(escape_markdown(model.scope_line))
if model.no_incidents:
    st.info(model.no_incidents)
else:
    for col, metric in zip(st.columns(len(model.metrics)), model.metrics):
        col.metric(metric.label, metric.value)
    for note in model.headline_notes:
        st.caption(note)

# --- Map: layers, deck, legend --------------------------------------------------------------
left, right = st.columns(2)
left.toggle(ctx.t("map_layer_countries"), key=LAYERS["countries"])
right.toggle(ctx.t("map_layer_incidents"), key=LAYERS["incidents"])
if model.fill_note and not offer_years_with_data(ctx.indicator(code)["name"], tuple(ctx.filters.years),
                                                 model.years_with_values, ctx.lang, key="map_use_years"):
    st.info(escape_markdown(model.fill_note))
st.pydeck_chart(model.deck, height=560, alt=model.alt)
if model.legend is not None:
    st.plotly_chart(model.legend, config=model.legend_config, key="map_legend", alt=model.description)
# The caveats (part years, grouped circles, incidents without coordinates) are in the legend itself.
if model.fill_table is not None:
    with st.expander(ctx.t("chart_table"), icon=":material/table:"):
        show_table(model.fill_table, ctx)
if model.fill_caption:
    st.caption(escape_markdown(model.fill_caption))
st.caption(escape_markdown(model.description))

# --- Table: the largest incidents of the selection; the download has every one ---------------
section_heading(ctx.t("map_table_title"), "map_incidents")
if model.table_caption:
    st.caption(model.table_caption)
if model.table.num_rows == 0:
    st.info(ctx.t("map_table_empty"))
else:
    headers = model.table_headers
    show_table(
        model.table, ctx, height=420,
        column_config={  # dates in the reader's format (show_table), still sorted as dates
            "incident_date": st.column_config.DateColumn(headers["incident_date"]),
            "country": headers["country"],
            "dead_and_missing": st.column_config.NumberColumn(headers["dead_and_missing"], format="%d"),
            "location": st.column_config.TextColumn(headers["location"], width="large"),
            "cause": st.column_config.TextColumn(headers["cause"], width="medium"),
            "route": headers["route"],
        },
    )
    download_button(model.download, ctx.t("data_download_label"), "gcm-incidents", ctx, headers=headers,
                    key="map_download")
st.caption(escape_markdown(model.incidents_source))
