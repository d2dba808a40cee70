"""ngotext: Russian-language news about NGOs, civil society and the state, as tidy DataFrames.

>>> import ngotext
>>> res = ngotext.analyze("Более 200 волонтёров помогли НПО.")   # doctest: +SKIP
>>> res.tokens.head()                                             # doctest: +SKIP
"""
__version__ = "0.1.0"

from .api import Result, analyze, read_result  # noqa: E402
from .report import write_report  # noqa: E402
from .show import show  # noqa: E402

__all__ = ["Result", "analyze", "read_result", "show", "write_report", "__version__"]
