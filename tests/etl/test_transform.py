"""The dbt project itself: it parses offline, sends nothing, and every mart traces back to its inputs."""
from __future__ import annotations

import yaml

from etl.land import sql_sources
from etl.models import PROJECT, manifest

MARTS = ["dim_countries", "dim_indicators", "dim_objectives", "dim_sources", "fct_indicator_values",
         "fct_indicator_breakdowns", "fct_flows", "fct_incidents", "fct_mmp_regional", "fct_treaty_status",
         "practices", "quarantine", "etl_file_stats", "geo_shapes"]


def _ancestors(m, unique_id: str) -> set[str]:
    seen, todo = set(), [unique_id]
    while todo:
        for parent in m.parent_map.get(todo.pop(), []):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def test_every_mart_traces_back_to_the_files_it_is_built_from():
    m = manifest()
    models = {n.name: uid for uid, n in m.nodes.items() if n.resource_type == "model"}
    for mart in MARTS:
        sources = [a for a in _ancestors(m, models[mart]) if a.startswith("source.")]
        assert sources, f"{mart} has no source upstream"
    # every raw file a SQL source declares feeds the values or the row accounting
    raw = {f"source.gcm.{s.folder.replace('-', '_')}.{t.file}" for s in sql_sources() for t in s.files}
    used = set().union(*(_ancestors(m, models[mart]) for mart in MARTS))
    declared = {uid for uid, src in m.sources.items() if src.source_name not in ("staged", "reference")}
    assert declared and declared <= used, sorted(declared - used)
    assert len(declared) == len(raw)


def test_the_project_sends_no_usage_statistics_and_writes_nothing_into_the_repository():
    project = yaml.safe_load((PROJECT / "dbt_project.yml").read_text())
    assert project["flags"]["send_anonymous_usage_stats"] is False
    assert not (PROJECT / "target").exists() and not (PROJECT / "logs").exists()


def test_every_contract_table_has_data_tests():
    m = manifest()
    tested = {m.nodes[p].name for uid, n in m.nodes.items() if n.resource_type == "test"
              for p in n.depends_on.nodes if p in m.nodes}
    for mart in ["dim_countries", "dim_indicators", "fct_indicator_values", "fct_incidents", "practices",
                 "etl_file_stats", "geo_shapes"]:
        assert mart in tested, mart
