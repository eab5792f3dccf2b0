"""One module per kind of report entry; each defines ``KIND`` (see ``citations/registry.py``).

The registry imports every module here that does not start with ``_``: adding a kind is adding a
module (and its tests), nothing else.
"""
