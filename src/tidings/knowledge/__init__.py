"""The knowledge base: readable data files (see FORMAT.md) and their loaders.

`Knowledge.load()` reads the built-in files in `data/`, then the user's own files
(`tidings knowledge add`, or paths given), later files winning. Every lookup is a
dictionary hit on a normalised key, never a scan.

Modules: `entries` (the record types and `key`), `files` (where files live and how
they are read), `base` (the loaded, indexed `Knowledge`), `explain` (lookups explained,
users' files added), `petrarch` (PETRARCH/TABARI dictionary import).
"""
from .base import Knowledge
from .entries import (CameoCode, Country, KnowledgeError, Organisation, Person, Region, Role,
                      TitleWord, key)
from .explain import add_user_file, explain
from .files import DATA, data_path, user_dir

__all__ = ["DATA", "CameoCode", "Country", "Knowledge", "KnowledgeError", "Organisation", "Person",
           "Region", "Role", "TitleWord", "add_user_file", "data_path", "explain", "key", "user_dir"]
