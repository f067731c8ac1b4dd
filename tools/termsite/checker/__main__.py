"""``python -m termsite.checker PATH...``"""

import sys

from .cli import main

sys.exit(main())
