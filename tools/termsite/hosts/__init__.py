"""Step 4: the hosts, the only code that imports a site engine. Each is a thin adapter that
puts the core's pages, head metadata and JSON-LD into one engine's site."""
