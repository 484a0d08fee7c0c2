"""The deterministic Hanoi demo and the tools that run on it (seed, simulate a campaign, document snapshots).

The generator (``demo.hanoi``) builds rows from the real organisations of the seed articles and fictional
people, and writes them through the storage port. Like the CLI, the tools build their stores through
``bootstrap``; nothing in the product imports this package.
"""

from demo.hanoi import DEMO_DOMAIN, DemoUser, build, is_empty, seed

__all__ = ["DEMO_DOMAIN", "DemoUser", "build", "is_empty", "seed"]
