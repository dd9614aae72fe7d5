"""`python -m enact_match`: the same as the `enact-match` command."""

import sys

from enact_match.cli import main

sys.exit(main())
