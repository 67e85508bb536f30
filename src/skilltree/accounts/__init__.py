"""Pure domain: what accounts hold beyond a learner (tokens, users as administrators see them, the
audit log) and the rules that guard them."""
