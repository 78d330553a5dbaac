"""tidings: read news reports and write down what happened in them.

    >>> import tidings
    >>> doc = tidings.process(text, published="2018-10-23")
    >>> doc.to_dict()["actors"]
"""
from .pipeline import Pipeline, process
from .record import Article, Document

__all__ = ["Article", "Document", "Pipeline", "process"]
__version__ = "0.1.0"
