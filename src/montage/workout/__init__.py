"""The workout wing: YAML files read safely, validated, compiled to timelines and found by name.

The only place pydantic and PyYAML are imported.
"""
