"""Country profile: one country's context figures, then every GCM objective with its data, rating and practices."""
from __future__ import annotations

import streamlit as st

from gcm.cache import view_model
from gcm.downloads import download_button
from gcm.models.country import country_model, country_trend, rating_lines
from gcm.page import chart_table, label_heading, page_context, section_heading
from gcm.queries.practices import practices_version
from gcm.safe import escape_markdown
from gcm.tables import show_table

# The profile is the dearest page to build, and a trend is a Plotly figure per open objective: both are
# built once per country, years, language and warehouse build (the profile also per published
# practices), and shared by every session.
_country_model = view_model(country_model, practices_version)
_country_trend = view_model(country_trend)


ctx = page_context(["country", "years"])
iso3, years, lang = ctx.filters.country, tuple(ctx.filters.years), ctx.lang
model = _country_model(iso3, years, lang, rating_lines(iso3, years, lang), ctx.locale)
st.title(model.title)
st.caption(model.intro)

# --- Headline context figures, and the peer groups as links to Compare ----------------------------
for box, card in zip([c for row in (st.columns(3), st.columns(2)) for c in row], model.cards):
    with box.container(border=True, height="stretch"):
        st.metric(card.label, card.value, help=card.help)
        st.caption(card.caption)
        if card.caveat:
            st.caption(f"⚠ {card.caveat}")

label_heading(ctx.t("country_peer_groups"), 2, "peer_groups")
if not model.peer_links:
    st.caption(ctx.t("country_no_peer_groups"))
with st.container(horizontal=True, gap="medium"):
    for link in model.peer_links:
        st.page_link("pages/compare.py", icon=":material/compare_arrows:", query_params=link.params,
                     label=link.label)

# --- One section per objective -------------------------------------------------------------------
for sec in model.sections:
    st.divider()
    section_heading(sec.heading, f"cp_{sec.objective}")
    if sec.rating_text:
        st.markdown(sec.rating_text)
    if sec.table is not None:
        show_table(sec.table, ctx, column_config=model.table_columns)
        # Sources under the table rather than in a column: the table stays readable at laptop width.
        st.caption(escape_markdown(f"{ctx.t('source_label')}: {sec.sources}"))
    else:
        st.caption(ctx.t("country_no_indicators"))

    if sec.chartable:
        # Charts are costly to build: the first objectives show their trend at once, the others
        # build theirs only when the reader opens them (a lazy expander reruns the page on toggle).
        trend_box = st.expander(ctx.t("country_trend_box"), expanded=sec.trend_open, key=f"cp_exp_{sec.objective}",
                                on_change="rerun", icon=":material/show_chart:")
        if trend_box.open:
            with trend_box:
                key = f"cp_trend_{sec.objective}"
                if st.session_state.get(key) not in sec.chartable:
                    st.session_state[key] = sec.first_trend
                code = st.columns([2, 1])[0].selectbox(ctx.t("country_trend_of"), sec.chartable, key=key,
                                                       format_func=lambda c: model.names.get(c, c),
                                                       placeholder=ctx.t("choose_option"))
                trend = _country_trend(iso3, sec.objective, code, years, lang, ctx.presenting, ctx.locale)
                st.plotly_chart(trend.figure, width="stretch", key=f"cp_chart_{sec.objective}",
                                alt=trend.description, config=trend.config)
                st.caption(escape_markdown(trend.description))
                chart_table(trend.figure, ctx, folded=False)  # in the trend's expander
    elif sec.table is not None:
        st.caption(ctx.t("country_no_trend"))

    label_heading(ctx.t("country_practices"), 3, f"practices_{sec.objective}")
    if sec.practices is None:
        st.caption(ctx.t("country_no_practices"))
    else:
        show_table(sec.practices, ctx, column_config={
            "title": st.column_config.TextColumn(ctx.t("practices_col_title"), width="large"),
            "year": ctx.t("practices_col_year"),
            "role": ctx.t("country_col_role"),
            "status": ctx.t("practices_col_status"),
            "link": st.column_config.LinkColumn(ctx.t("country_col_open"), display_text=ctx.t("country_open_practice")),
        })

# --- Context figures not tied to one objective, then the gaps --------------------------------------
st.divider()
section_heading(ctx.t("country_other_context"), "cp_other")
if model.other is not None:
    show_table(model.other, ctx, column_config={
        "indicator": st.column_config.TextColumn(ctx.t("country_col_indicator"), width="large"),
        "latest": ctx.t("country_col_latest"), "year": ctx.t("country_col_year"),
        "unit": ctx.t("country_col_unit"),
        "source": st.column_config.TextColumn(ctx.t("country_col_source"), width="medium"),
    })
else:
    st.caption(ctx.t("country_no_data_in_years"))

if model.without:
    label_heading(ctx.t("country_gaps"), 3, "gaps")
    st.caption(model.gaps)

# --- Download what the profile is built from -------------------------------------------------------
# The file is made on a click; it has one row per value in the chosen years.
download_button(model.download, model.download_label, model.download_stem, ctx, key="cp_download")
