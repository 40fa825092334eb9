"""The timeline: data model and loader (model.py), query engine (engine.py), JSON shapes
(serialize.py). Pure Python: nothing here imports Dash."""
