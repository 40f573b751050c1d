-- The staged treaties of every source.
{{ config(materialized='view') }}
{{ union_staged('treaties', ['int_un_treaty_ratification__treaties']) }}
