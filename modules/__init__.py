"""Modules a region can switch on (LAKSA, e-Office, Siap Kerja, ...), one package each.

The module framework (manifest.py, registry.py) arrives with the module-framework issue.
"""
