"""`python -m enact_match`: the same as the `enact-match` command."""

from enact_match.cli import console_main

console_main()
