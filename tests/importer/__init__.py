"""Tests of `termsite import`: the HTML to Markdown converter, the YAML writer, merging, and fidelity."""
