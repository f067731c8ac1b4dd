import sys

from termsite.cli import main

sys.exit(main())
