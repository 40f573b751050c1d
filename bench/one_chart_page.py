"""The floor for page reruns: one Streamlit page with one filter, one cached query and one chart."""
from __future__ import annotations

import plotly.express as px
import streamlit as st

from gcm.queries.indicators import load_values

countries = st.multiselect("Countries", ["COL", "PER", "MEX", "GTM", "HND", "BRA"], default=["COL", "PER"],
                           key="w_countries")
values = load_values(["glotip_victims_rate"], countries, (2014, 2025))
st.plotly_chart(px.line(values, x="year", y="value", color="country_iso3", title="One chart"))
