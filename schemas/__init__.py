"""pandera schemas, one DataFrameModel per tab, plus the registry that maps tab -> schema."""

from schemas.registry import TABS, TabSpec, coerce_frame, columns_of, empty_frame, spec

__all__ = ["TABS", "TabSpec", "coerce_frame", "columns_of", "empty_frame", "spec"]
