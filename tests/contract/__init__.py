"""The storage contract suite, run over every backend listed in conftest.BACKENDS."""
