"""Pure domain of the seniority ladder: the rating scale, level readiness, flags and growth plans."""
