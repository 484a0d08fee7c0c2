"""The workflow plugin: typed campaign specs (spec), the state machine (engine), named guards
(guards), and the loader that reads ``campaigns/*.yaml`` and ``catalogue.yaml``."""
