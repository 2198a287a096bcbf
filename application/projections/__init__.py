"""Views of the register kept from its log: one document per aggregate, folded from its events, tracked exactly once."""
