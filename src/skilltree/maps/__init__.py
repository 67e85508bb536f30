"""Maps of the curriculum: a path's roadmap and a topic's neighbourhood, laid out once and cached."""
