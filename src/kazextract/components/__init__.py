"""The extractors, one spaCy component per module, in pipeline order.

Importing this package registers every ``kazextract_*`` factory with spaCy.
"""

from . import agreements, dates, parties, places, sentences, titles  # noqa: F401  (registers the factories)
