"""``python -m armskg`` runs the command line."""

from armskg.cli import main

main()
