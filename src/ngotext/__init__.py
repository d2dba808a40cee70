"""ngotext: Russian-language news about NGOs, civil society and the state, as tidy DataFrames.

>>> import ngotext
>>> res = ngotext.analyze("Более 200 волонтёров помогли НПО.")   # doctest: +SKIP
>>> res.tokens.head()                                             # doctest: +SKIP
"""
from .api import Result, analyze, read_result

__version__ = "0.1.0"
__all__ = ["Result", "analyze", "read_result", "__version__"]
