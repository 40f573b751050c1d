-- The staged treaties of every source.
{{ config(materialized='ephemeral') }}  -- inlined where it is read: no node of its own
{{ union_models(['int_un_treaty_ratification__treaties', 'int_untc_treaty_status__treaties']) }}
