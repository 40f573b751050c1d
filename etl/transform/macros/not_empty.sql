{# A table the pages cannot do without: the test fails (one row) when it has no rows. #}
{% test not_empty(model) %}
SELECT 'empty' AS problem WHERE NOT EXISTS (SELECT 1 FROM {{ model }})
{% endtest %}
