"""Pure domain: a learner's own notes and links on a topic, their limits and how search finds them."""
