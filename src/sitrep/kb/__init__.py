"""Actor knowledge base: countries, capitals, seats of government, IGOs, armed groups, office holders,
and the sector and role words that code an actor mention. See `actors.py`."""
from sitrep.kb.actors import ROLES, Country, Entity, KnowledgeBase, Role, load_kb, normalize

__all__ = ["ROLES", "Country", "Entity", "KnowledgeBase", "Role", "load_kb", "normalize"]
